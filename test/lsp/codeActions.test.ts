// Code actions other than the key move (keyMove.test.ts): engine fixes, fixAll with safe fixes only, suppression
// comments in each comment syntax, and hovers.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { MarkupContent } from 'vscode-languageserver';
import { analyzeDocument, analyzeFile } from '../../server/src/engine/index';
import { applyWorkspaceEdit, Harness, makeTree, type HarnessOptions } from './harness';

const KEY = 'hJ8kL2mN9pQ4rS7tV1wX3yZ6';

async function actionsFor(name: string, text: string, find: string, only?: string[], engine?: HarnessOptions['engine']) {
  const root = makeTree({ [name]: text });
  const h = await Harness.start({ folders: [root], engine });
  const uri = h.open(path.join(root, name));
  await h.current(uri);
  const actions = await h.codeActions(uri, find, only);
  const apply = (title: string) => {
    const a = actions.find(x => x.title === title);
    assert.ok(a, `action "${title}" among ${JSON.stringify(actions.map(x => x.title))}`);
    return applyWorkspaceEdit(a.edit!, { [uri]: { text, version: 1 } })[path.join(root, name)];
  };
  return { h, uri, actions, apply, root };
}

describe('code actions', () => {
  it("offers an engine fix as a quickfix with its exact edit, and doesn't mark an unsafe one preferred", async () => {
    const text = "const issuer = 'http://auth.example.com/oauth2';\n";
    const { actions, apply } = await actionsFor('auth.ts', text, 'auth.example');
    const fix = actions.find(a => a.title === 'Use https://')!;
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, false);
    assert.equal(fix.diagnostics?.[0].code, 'oauth-insecure-endpoint');
    assert.equal(apply('Use https://'), "const issuer = 'https://auth.example.com/oauth2';\n");
  });

  it('orders the fixes first and the suppressions last', async () => {
    const { actions } = await actionsFor('auth.ts', "const issuer = 'http://auth.example.com/oauth2';\n", 'auth.example');
    assert.deepEqual(actions.map(a => a.title), ['Use https://', 'Suppress oauth-insecure-endpoint on this line', 'Suppress oauth-insecure-endpoint in this file']);
  });

  it('source.fixAll.authlint applies only the safe fixes, all at once', async () => {
    const text = "const authorizationEndpoint = 'http://auth.example.com/authorize';\nconst tokenEndpoint = 'http://auth.example.com/token';\n";
    // Both findings carry an unsafe fix; marking the first one's safe shows fixAll takes exactly the safe ones.
    const markFirstSafe = <T extends { findings: { fixes: { safe: boolean }[] }[] }>(r: T): T => {
      r.findings.forEach((f, i) => f.fixes.forEach(x => { x.safe = i === 0; }));
      return r;
    };
    const engine = {
      analyzeDocument: (...a: Parameters<typeof analyzeDocument>) => markFirstSafe(analyzeDocument(...a)),
      analyzeFile: (...a: Parameters<typeof analyzeFile>) => markFirstSafe(analyzeFile(...a)),
    };
    const { actions, apply } = await actionsFor('auth.ts', text, 'const auth', ['source.fixAll.authlint'], engine);
    assert.deepEqual(actions.map(a => [a.title, a.kind]), [['Fix all safe AuthLint problems', 'source.fixAll.authlint']]);
    assert.equal(apply('Fix all safe AuthLint problems'), "const authorizationEndpoint = 'https://auth.example.com/authorize';\nconst tokenEndpoint = 'http://auth.example.com/token';\n");
    const none = await actionsFor('auth.ts', text, 'const auth', ['source.fixAll']);
    assert.deepEqual(none.actions, [], 'no safe fix: no fixAll action');
    const quick = await actionsFor('auth.ts', text, 'auth.example');
    assert.ok(!quick.actions.some(a => a.kind === 'source.fixAll.authlint'), 'not offered with the quick fixes');
  });

  it('source.fixAll.authlint with the real rules: rejectUnauthorized is fixed, the http endpoint is left alone', async () => {
    const text = "import https from 'node:https';\nconst agent = new https.Agent({ rejectUnauthorized: false });\nconst tokenEndpoint = 'http://auth.example.com/token';\n";
    const { actions, apply } = await actionsFor('net.ts', text, 'import', ['source.fixAll.authlint']);
    assert.deepEqual(actions.map(a => a.title), ['Fix all safe AuthLint problems']);
    assert.equal(apply('Fix all safe AuthLint problems'), text.replace('rejectUnauthorized: false', 'rejectUnauthorized: true'));
  });

  it('source.fixAll.authlint removes one setter of a one-line chain per run (Java: no bare `b;`)', async () => {
    const text = 'import net.openid.appauth.*;\nclass A {\n  void setup(AuthorizationRequest.Builder b) {\n    b.setCodeVerifier(null).setState(null);\n  }\n}\n';
    const first = await actionsFor('A.java', text, 'import', ['source.fixAll.authlint']);
    const once = first.apply('Fix all safe AuthLint problems');
    assert.equal(once, text.replace('b.setCodeVerifier(null).setState(null);', 'b.setState(null);'));
    const second = await actionsFor('A.java', once, 'import', ['source.fixAll.authlint']);
    assert.equal(second.apply('Fix all safe AuthLint problems'), text.replace('    b.setCodeVerifier(null).setState(null);\n', ''));
  });

  it('source.fixAll.authlint takes one setter removal per chain and run: each run leaves code that compiles', async () => {
    const text = 'import net.openid.appauth.*;\nclass A {\n  void setup(AuthorizationRequest.Builder b) {\n    b.setCodeVerifier(null) // legacy IdP\n        .setState(null);\n  }\n}\n';
    const first = await actionsFor('A.java', text, 'import', ['source.fixAll.authlint']);
    const once = first.apply('Fix all safe AuthLint problems');
    assert.equal(once, text.replace('b.setCodeVerifier(null) // legacy IdP', 'b // legacy IdP'));
    const second = await actionsFor('A.java', once, 'import', ['source.fixAll.authlint']);
    assert.equal(second.apply('Fix all safe AuthLint problems'), text.replace('    b.setCodeVerifier(null) // legacy IdP\n        .setState(null);\n', ''));
  });

  it('suppresses on the line above, indented like it, in // syntax (Kotlin)', async () => {
    const text = `object Api {\n    const val API_KEY = "${KEY}"\n}\n`;
    const { apply } = await actionsFor('Api.kt', text, KEY);
    assert.equal(apply('Suppress hardcoded-secret on this line'),
      `object Api {\n    // authlint-disable-next-line hardcoded-secret\n    const val API_KEY = "${KEY}"\n}\n`);
    assert.equal(apply('Suppress hardcoded-secret in this file'),
      `// authlint-disable hardcoded-secret\nobject Api {\n    const val API_KEY = "${KEY}"\n}\n`);
  });

  it('uses # in gradle.properties and keeps CRLF', async () => {
    const text = `org.gradle.caching=true\r\nshop.partnerApiSecret=${KEY}\r\n`;
    const { apply } = await actionsFor('gradle.properties', text, KEY);
    assert.equal(apply('Suppress hardcoded-secret on this line'),
      `org.gradle.caching=true\r\n# authlint-disable-next-line hardcoded-secret\r\nshop.partnerApiSecret=${KEY}\r\n`);
    assert.equal(apply('Suppress hardcoded-secret in this file'),
      `# authlint-disable hardcoded-secret\r\norg.gradle.caching=true\r\nshop.partnerApiSecret=${KEY}\r\n`);
  });

  it('keeps a #! line first in a script', async () => {
    const text = `#!/usr/bin/env node\nconst apiKey = '${KEY}';\n`;
    const { apply } = await actionsFor('tool.js', text, KEY);
    assert.equal(apply('Suppress hardcoded-secret in this file'), `#!/usr/bin/env node\n// authlint-disable hardcoded-secret\nconst apiKey = '${KEY}';\n`);
  });

  it('a suppression comment, once applied, silences the finding', async () => {
    const text = `const secretToken = '${KEY}';\nconst apiKey = '${KEY.split('').reverse().join('')}';\n`;
    const { h, root, apply } = await actionsFor('keys.ts', text, KEY);
    const again = h.open(path.join(root, 'keys2.ts'), apply('Suppress hardcoded-secret on this line'));
    const diagnostics = (await h.current(again)).diagnostics;
    assert.deepEqual(diagnostics.map(d => d.range.start.line), [2], 'only the second key is left (now on line 3)');
  });

  it('hover on a finding: risk, what to do, the honest note, the rule page', async () => {
    const root = makeTree({ 'api.ts': `export const apiKey = '${KEY}';\n` });
    const h = await Harness.start({ folders: [root] });
    const uri = h.open(path.join(root, 'api.ts'));
    await h.current(uri);
    const hover = await h.hover(uri, KEY, 3);
    const md = (hover!.contents as MarkupContent).value;
    assert.equal((hover!.contents as MarkupContent).kind, 'markdown');
    assert.match(md, /^\*\*AuthLint: `hardcoded-secret`\*\* \((error|warning|information)\)/);
    assert.match(md, /\*\*Risk:\*\* /);
    assert.match(md, /\*\*What to do:\*\* /);
    assert.match(md, /stays in git history, so \*\*revoke and rotate it\*\*/);
    assert.match(md, /can still be extracted/);
    assert.match(md, /\[Rule page: hardcoded-secret\]\(https:\/\/github\.com\/authlint\/authlint\/blob\/main\/docs\/rules\/hardcoded-secret\.md\)/);
    assert.ok(!md.includes(KEY), 'the hover never shows the key');
    assert.equal(await h.hover(uri, 'export'), null, 'nothing away from findings');
  });

  it('answers for the current text even when asked before the pause in typing is over', async () => {
    const root = makeTree({ 'api.ts': `export const apiKey = '${KEY}';\n` });
    const h = await Harness.start({ folders: [root], debounceMs: 10_000 });
    const uri = h.open(path.join(root, 'api.ts'));
    await h.current(uri);
    h.change(uri, 'export const', 'export const unrelated = 1;\nexport const');
    const actions = await h.codeActions(uri, KEY); // validation is still waiting: the request runs it now
    const line = actions.find(a => a.title === 'Suppress hardcoded-secret on this line')!;
    assert.equal(applyWorkspaceEdit(line.edit!, { [uri]: { text: h.text(uri), version: 2 } })[path.join(root, 'api.ts')],
      `export const unrelated = 1;\n// authlint-disable-next-line hardcoded-secret\nexport const apiKey = '${KEY}';\n`);
  });
});
