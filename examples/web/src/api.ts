// Server-side helpers of the shop backend.
import OpenAI from 'openai';

// Deliberate: a key pasted in while trying things out.
const draftClient = new OpenAI({ apiKey: 'FAKE5Vb9Kc6Md3Hn8Qw2Zr7Tx4Lp' }); // expect: hardcoded-secret

// Correct: this code runs on the server, so the key comes from the environment.
const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

export async function describeProduct(name: string): Promise<string> {
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: `Describe ${name} in one friendly sentence.` }],
  });
  return completion.choices[0]?.message.content ?? '';
}

export async function draftTagline(name: string): Promise<string> {
  const completion = await draftClient.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: `Write a tagline for ${name}.` }],
  });
  return completion.choices[0]?.message.content ?? '';
}

export async function fetchInventory(sku: string): Promise<unknown> {
  const response = await fetch(`https://inventory.shop.example.com/v1/items/${encodeURIComponent(sku)}`, {
    headers: { Authorization: 'Bearer FAKEiv8Nc1Yd6Sj3Wp2Lx9Vt4Rb' }, // expect: hardcoded-secret
  });
  return response.json();
}
