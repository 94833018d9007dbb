// The bundled language server over stdio, with every outbound network path trapped (no-network.cjs): it reports a
// hard-coded key, survives a malformed message and an unknown method, answers a hover, exits 0 — and nothing it
// writes (LSP messages, hover markdown, logs, stderr) holds the key beyond the 4 characters a mask may show.
// Needs `npm run build` first (npm test does it).
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.join(__dirname, '..', '..', '..');
const serverJs = path.join(root, 'dist', 'server.js');
const preload = path.join(root, 'test', 'security', 'no-network.cjs');

// Invented, in no provider's format: the generic hardcoded-secret rule reports it.
const KEY = 'Zq8vLr2Xw9TnB4kPm7Yc1HdS';
const TEXT = `package com.example.shop\n\nclass Api {\n    val apiKey = "${KEY}"\n}\n`;

type Message = Record<string, unknown> & { id?: number; method?: string; params?: any; result?: any; error?: { code: number; message: string } };

class StdioPeer {
  stdout = Buffer.alloc(0);
  stderr = Buffer.alloc(0);
  private buffer = Buffer.alloc(0);
  readonly messages: Message[] = [];
  private readonly waiters: (() => void)[] = [];
  readonly exited: Promise<number | null>;
  constructor(readonly child: ChildProcessWithoutNullStreams) {
    this.exited = new Promise(resolve => child.on('exit', code => { resolve(code); this.wake(); }));
    child.stderr.on('data', (chunk: Buffer) => { this.stderr = Buffer.concat([this.stderr, chunk]); });
    child.stdout.on('data', (chunk: Buffer) => {
      this.stdout = Buffer.concat([this.stdout, chunk]);
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const end = this.buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())?.[1]);
        if (this.buffer.length < end + 4 + length) return;
        const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString()) as Message;
        this.buffer = this.buffer.subarray(end + 4 + length);
        // Requests from the server (configuration, progress, registration) get an empty answer.
        if (message.id !== undefined && message.method) this.send({ id: message.id, result: message.method === 'workspace/configuration' ? [null] : null });
        this.messages.push(message);
        this.wake();
      }
    });
  }
  private wake(): void { for (const w of this.waiters.splice(0)) w(); }
  send(message: Record<string, unknown>): void {
    this.raw(JSON.stringify({ jsonrpc: '2.0', ...message }));
  }
  raw(body: string): void {
    this.child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }
  async next(ok: (m: Message) => boolean, what: string, timeoutMs = 15_000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(ok);
      if (found) return found;
      if (this.child.exitCode !== null) throw new Error(`the server exited (${this.child.exitCode}) before ${what}\nstderr: ${this.stderr}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}\nstderr: ${this.stderr}`);
      await new Promise<void>(resolve => { const t = setTimeout(resolve, left); this.waiters.push(() => { clearTimeout(t); resolve(); }); });
    }
  }
}

function pieces(value: string): string[] {
  const out: string[] = [];
  for (let i = 4; i + 8 <= value.length; i++) out.push(value.slice(i, i + 8)); // the first 4 characters may be shown
  return out;
}

describe('language server over stdio, network trapped', { skip: !fs.existsSync(serverJs) && 'dist/server.js not built (npm run build)' }, () => {
  it('reports the key, survives bad input, answers hover, exits 0, sends nothing and never prints the key', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-net-'));
    const log = path.join(dir, 'net.log');
    const peer = new StdioPeer(spawn(process.execPath, ['--require', preload, serverJs, '--stdio'], {
      cwd: root, env: { ...process.env, AUTHLINT_NET_LOG: log },
    }));
    try {
      peer.send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } } });
      await peer.next(m => m.id === 1 && !m.method, 'the initialize result');
      peer.send({ method: 'initialized', params: {} });
      const uri = pathToFileURL(path.join(dir, 'src', 'Api.kt')).href; // never written: only the editor holds it
      peer.send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'kotlin', version: 1, text: TEXT } } });
      const published = await peer.next(m => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri, 'diagnostics');
      const diagnostics = published.params.diagnostics as { code: string; range: { start: { line: number; character: number } } }[];
      assert.deepEqual(diagnostics.map(d => d.code), ['hardcoded-secret']);

      // A body that is not JSON, then a request nobody handles: an error answer, and the server carries on.
      peer.raw('{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{');
      peer.raw('this is not json at all');
      peer.send({ id: 3, method: 'authlint/noSuchMethod', params: { value: 1 } });
      const unknown = await peer.next(m => m.id === 3 && !m.method, 'the answer to the unknown method');
      assert.ok(unknown.error, `an error answer: ${JSON.stringify(unknown)}`);
      assert.equal(unknown.error.code, -32601, 'MethodNotFound');
      peer.send({ method: 'authlint/noSuchNotification', params: {} });

      const at = diagnostics[0].range.start;
      peer.send({ id: 4, method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: at.line, character: at.character + 2 } } });
      const hover = await peer.next(m => m.id === 4 && !m.method, 'the hover');
      assert.ok(hover.result, `a hover on the finding: ${JSON.stringify(hover)}`);
      assert.match(String(hover.result.contents.value), /hardcoded-secret/);

      peer.send({ id: 5, method: 'shutdown' });
      await peer.next(m => m.id === 5 && !m.method, 'the shutdown result');
      peer.send({ method: 'exit' });
      assert.equal(await peer.exited, 0, `exit code\nstderr: ${peer.stderr}`);

      assert.equal(fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '', '', 'no network use');
      const output = peer.stdout.toString('utf8') + '\n' + peer.stderr.toString('utf8');
      assert.ok(output.includes(`${KEY.slice(0, 4)}…`), 'the masked key is shown (the search below looks at the right output)');
      const leaked = pieces(KEY).filter(p => output.includes(p));
      assert.deepEqual(leaked, [], 'no 8-character piece of the key past its first 4 characters in stdout or stderr');
      // eslint-disable-next-line no-console
      console.log(`# server-stdio: ${peer.messages.length} messages, ${peer.stdout.length} bytes stdout, ${peer.stderr.length} bytes stderr searched for ${pieces(KEY).length} pieces`);
    } finally {
      peer.child.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
