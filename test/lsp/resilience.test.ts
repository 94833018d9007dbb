// Resilience of the in-process server under an editor that misbehaves: 1,000 rapid one-character incremental edits
// (seeded PRNG) on an open Kotlin document holding a key, interleaved with a stale version after a newer one, a
// didClose while a validation waits (then a reopen), a didOpen with an unknown languageId and a 3 MB document.
// Nothing may escape the server, and what it last publishes must equal a fresh analysis of the final text.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { Harness, makeTree } from './harness';
import { analyze, engineReady } from '../helpers/engine';
import { rng } from '../helpers/random';

// Invented value in no provider's format (a plausible secret for the generic rule only).
const KEY = 'hJ8kL2mN9pQ4rS7tV1wX3yZ6';
const HEAD = `package com.example.shop\n\nobject Api {\n    const val API_KEY = "${KEY}"\n`;
const BODY = `    fun greet(name: String): String {\n        val note = "hello"\n        return note + name\n    }\n}\n`;
const EDITS = 1000;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \n\t"\'(){}[]=+-*/.,:;_$@#';


const shape = (ds: Diagnostic[]) => ds.map(d => [String(d.code), d.range]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const yieldLoop = () => new Promise<void>(resolve => setImmediate(resolve));

describe('server resilience', () => {
  it(`survives ${EDITS} random incremental edits, stale versions, close-while-pending, odd languageIds and a 3 MB document`, async () => {
    const errors: unknown[] = [];
    const onError = (e: unknown) => errors.push(e);
    process.on('uncaughtException', onError);
    process.on('unhandledRejection', onError);
    try {
      await engineReady();
      const root = makeTree({ 'Api.kt': HEAD + BODY, 'Other.kt': `val apiSecret = "Lm9Nq2Rs7Tu4Vw1Xy8Za3Bc6"\n` });
      const h = await Harness.start({ folders: [root], debounceMs: 1 });
      const fsPath = path.join(root, 'Api.kt');
      const enginePath = 'Api.kt';
      const rand = rng(0xa17e5);
      let text = HEAD + BODY;
      let version = 1;
      const uri = h.open(fsPath, text, 'kotlin');
      const pub = h.client.published;

      /** One incremental change of [start, end) to `insert`, sent with `v` (default: the next version). */
      let lastEditAt = 0; // publishes before the last change cannot be for its text (version numbers may repeat)
      const edit = (start: number, end: number, insert: string, v = ++version): void => {
        lastEditAt = pub.length;
        const doc = TextDocument.create(uri, 'kotlin', 0, text);
        const range = { start: doc.positionAt(start), end: doc.positionAt(end) };
        text = text.slice(0, start) + insert + text.slice(end);
        h.server.didChange({ textDocument: { uri, version: v }, contentChanges: [{ range, text: insert }] });
      };
      const expected = (t: string) => shape(analyze(enginePath, t).map(f => ({ code: f.ruleId, range: f.range }) as Diagnostic));
      const waitFor = (v: number, since = 0): Promise<PublishDiagnosticsParams> =>
        h.client.until(() => pub.slice(since).find(p => p.uri === uri && p.version === v), `diagnostics for version ${v}`, 15_000);
      let checkpoints = 0;
      let withKey = 0;
      const checkpoint = async () => {
        const v = version;
        const snapshot = text;
        const p = await waitFor(v, lastEditAt);
        if (version === v) { // no edit since: the publish is for exactly `snapshot`
          assert.deepEqual(shape(p.diagnostics), expected(snapshot), `checkpoint at version ${v}`);
          checkpoints++;
          if (p.diagnostics.some(d => d.code === 'hardcoded-secret')) withKey++;
        }
      };

      await checkpoint();
      assert.ok(pub.some(p => p.uri === uri && p.diagnostics.some(d => d.code === 'hardcoded-secret')), 'the key is reported to begin with');

      let reopenedAt = -1;
      let reopenedSince = -1;
      for (let i = 0; i < EDITS; i++) {
        // Random one-character edits after the key's line (the key stays, so the final comparison is not vacuous).
        const lo = HEAD.length;
        const at = lo + Math.floor(rand() * (text.length - lo + 1));
        if (rand() < 0.55 || text.length - lo < 20) edit(at, at, ALPHABET[Math.floor(rand() * ALPHABET.length)]);
        else if (at < text.length) edit(at, at + 1, '');
        else edit(at, at, 'x');

        if (i === 200 || i === 700) {
          // Out of order: a newer version, then one with a stale number; the content of both is still applied.
          edit(text.length, text.length, '\n// newer\n');
          edit(text.length, text.length, '// stale\n', version - 5);
          await yieldLoop();
          edit(text.length, text.length, '\n'); // the editor moves on past both
          await yieldLoop();
        }
        if (i === 400) {
          // didClose while a validation waits for its settings, then a reopen with other text and a new version.
          h.server.didChangeConfiguration({ settings: null }); // settings are asked again: the gate below holds them
          let open!: () => void;
          h.client.configGate = new Promise(resolve => { open = resolve; });
          const asked = h.client.configRequests.length;
          edit(lo, lo, '    val pending = 1\n');
          await h.client.until(() => (h.client.configRequests.length > asked ? true : undefined), 'the settings request');
          const closedSince = pub.length;
          h.close(uri);
          await h.client.until(() => pub.slice(closedSince).find(p => p.uri === uri && p.diagnostics.length === 0), 'the clear on close');
          // A second close-reopen, this time with a debounce timer pending instead of a running validation.
          reopenedSince = pub.length;
          version = 5000;
          text = HEAD + `    val reopened = "yes"\n` + BODY;
          h.server.didOpen({ textDocument: { uri, languageId: 'kotlin', version, text } });
          h.client.configGate = undefined;
          open();
          await checkpoint();
          edit(lo, lo, ' ');
          h.close(uri);
          version = 6000;
          reopenedAt = version;
          reopenedSince = pub.length;
          text = HEAD + `    val reopenedAgain = "yes"\n` + BODY;
          h.server.didOpen({ textDocument: { uri, languageId: 'kotlin', version, text } });
          await checkpoint();
          await h.server.idle();
          const after = pub.slice(reopenedSince).filter(p => p.uri === uri);
          assert.deepEqual(after.map(p => p.version), [reopenedAt], 'only the reopened version is published after the reopen');
        }
        if (i === 600) {
          // A document with a languageId nobody knows (the file name decides), and one nobody could lint at all.
          const other = h.open(path.join(root, 'Other.kt'), undefined, 'x-unknown-language');
          const weird = h.open(path.join(root, 'notes.weird'), 'val apiSecret = "Lm9Nq2Rs7Tu4Vw1Xy8Za3Bc6"\n', '');
          const o = await h.current(other);
          assert.ok(o.diagnostics.some(d => d.code === 'hardcoded-secret'), 'Other.kt is linted by its extension');
          assert.deepEqual((await h.current(weird)).diagnostics, []);
        }
        if (i === 800) {
          // 3 MB inserted into the document (over the size limit), validated, then removed again.
          const big = `\n// ${'filler text with a key-like token ZZ9yy8XX7ww6 '.repeat(3 * 1024 * 1024 / 48)}\n`;
          const at3 = text.length;
          edit(at3, at3, big);
          const p = await waitFor(version, lastEditAt);
          assert.deepEqual(p.diagnostics.map(d => [d.code, d.message]), [['authlint-not-analysed',
            `AuthLint did not analyse this file: too large (${text.length} characters; limit 2000000). The setting authlint.options.maxFileSize (or options.maxFileSize in .authlint.json) raises the limit.`]],
          'the 3 MB version is skipped (too large), not half-analysed, and says so');
          edit(at3, at3 + big.length, '');
          await checkpoint();
          // And a separate 3 MB document, opened and closed.
          const bigUri = h.open(path.join(root, 'Big.kt'), HEAD + big + BODY, 'kotlin');
          assert.deepEqual((await h.current(bigUri)).diagnostics.map(d => [d.code, d.range.start.line]), [['authlint-not-analysed', 0]]);
          h.close(bigUri);
        }
        if (rand() < 0.1) await yieldLoop();
        if (rand() < 0.05) await checkpoint();
      }

      await checkpoint();
      // The random edits leave garbage after the key (tree-sitter may then drop the whole object): one last
      // incremental edit puts a valid body back, so the final comparison has the key to find.
      edit(HEAD.length, text.length, BODY);
      await checkpoint();
      await h.server.idle();
      const last = pub.filter(p => p.uri === uri).at(-1)!;
      assert.equal(last.version, version, 'the last publish is for the last version');
      assert.deepEqual(shape(last.diagnostics), expected(text), 'the last publish equals a fresh analysis of the final text');
      assert.ok(last.diagnostics.some(d => d.code === "hardcoded-secret"), text.slice(0, 600));
      assert.ok(checkpoints >= 10, `${checkpoints} checkpoints compared`);
      assert.deepEqual(h.client.logs.filter(l => /fail|error/i.test(l)), [], 'nothing failed in the server');
      assert.deepEqual(h.client.statuses.filter(s => s.state === 'error'), []);
      assert.deepEqual(errors, [], 'no exception escaped');
      // eslint-disable-next-line no-console
      console.log(`# resilience: ${EDITS} random edits, ${checkpoints} checkpoints (${withKey} with the key), ${pub.filter(p => p.uri === uri).length} publishes, final version ${version}`);
    } finally {
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onError);
    }
  });
});
