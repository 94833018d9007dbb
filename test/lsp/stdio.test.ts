// The bundled server as an editor outside VS Code runs it: `dist/server.js --stdio` (the `authlint-language-server`
// bin). Needs `npm run build` first, which `npm test` does; skipped when dist/server.js is missing.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const serverJs = path.join(__dirname, '..', '..', '..', 'dist', 'server.js');
const built = fs.existsSync(serverJs);

/** Minimal LSP framing over a child's stdio: send messages, wait for one that matches. */
class StdioPeer {
  private buffer = Buffer.alloc(0);
  private readonly messages: Record<string, unknown>[] = [];
  private readonly waiters: (() => void)[] = [];
  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const end = this.buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())?.[1]);
        if (this.buffer.length < end + 4 + length) return;
        const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString());
        this.buffer = this.buffer.subarray(end + 4 + length);
        // Requests from the server (configuration, progress, registration) get an empty answer.
        if (message.id !== undefined && message.method) this.send({ id: message.id, result: message.method === 'workspace/configuration' ? [null] : null });
        this.messages.push(message);
        for (const w of this.waiters.splice(0)) w();
      }
    });
  }
  send(message: Record<string, unknown>): void {
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    this.child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }
  async next(ok: (m: Record<string, unknown>) => boolean, what: string, timeoutMs = 20_000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(ok);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>(resolve => { const t = setTimeout(resolve, left); this.waiters.push(() => { clearTimeout(t); resolve(); }); });
    }
  }
}

describe('authlint-language-server over stdio', { skip: !built && 'dist/server.js not built (npm run build)' }, () => {
  it('--help prints the usage; no channel is a usage error', () => {
    const help = spawnSync(process.execPath, [serverJs, '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: authlint-language-server --stdio/);
    const none = spawnSync(process.execPath, [serverJs], { encoding: 'utf8' });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /choose a channel/);
  });

  it('initializes, publishes diagnostics for an opened file, and shuts down cleanly', async () => {
    const peer = new StdioPeer(spawn(process.execPath, [serverJs, '--stdio']));
    try {
      peer.send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
      const init = await peer.next(m => m.id === 1, 'the initialize result') as { result: { capabilities: { textDocumentSync: { change: number } }; serverInfo: { name: string } } };
      assert.equal(init.result.serverInfo.name, 'AuthLint');
      assert.equal(init.result.capabilities.textDocumentSync.change, 2, 'incremental sync');
      peer.send({ method: 'initialized', params: {} });
      // A file only the editor holds (never written), outside this repository (whose out/ is git-ignored).
      const uri = pathToFileURL(path.join(os.tmpdir(), 'authlint-unsaved', 'api.ts')).href;
      peer.send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'typescript', version: 1, text: "export const apiKey = 'hJ8kL2mN9pQ4rS7tV1wX3yZ6';\n" } } });
      const published = await peer.next(m => m.method === 'textDocument/publishDiagnostics', 'diagnostics') as { params: { uri: string; diagnostics: { code: string; source: string }[] } };
      assert.equal(published.params.uri, uri);
      assert.deepEqual(published.params.diagnostics.map(d => [d.source, d.code]), [['AuthLint', 'hardcoded-secret']]);
      peer.send({ id: 2, method: 'shutdown' });
      await peer.next(m => m.id === 2, 'the shutdown result');
      const exited = new Promise<number | null>(resolve => peer.child.on('exit', code => resolve(code)));
      peer.send({ method: 'exit' });
      assert.equal(await exited, 0);
    } finally {
      peer.child.kill();
    }
  });
});
