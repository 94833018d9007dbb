// The engine's incremental trees (engine/document.ts): after any sequence of edits, the re-parsed tree and the
// findings are exactly those of a fresh parse of the same text.
import { describe, it, before } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument, analyzeFile, DocumentTree } from '../../server/src/engine/index';
import { parserFor } from '../../server/src/engine/parse/parsers';
import { rng } from '../helpers/random';
import { engineReady, settings } from '../helpers/engine';

const examples = path.join(__dirname, '..', '..', '..', 'examples');
const samples: [string, string][] = [
  ['kotlin', 'android/app/src/main/java/com/example/shop/SignIn.kt'],
  ['java', 'android/app/src/main/java/com/example/shop/LegacyCatalogClient.java'],
  ['typescript', 'web/src/oauth.ts'],
];


describe('incremental trees', () => {
  before(engineReady);

  for (const [language, file] of samples) {
    it(`${language}: 200 random edits re-parsed incrementally match fresh parses`, () => {
      const rand = rng(language.length * 7919);
      let doc = TextDocument.create('file:///x', language, 0, fs.readFileSync(path.join(examples, file), 'utf8'));
      const tree = new DocumentTree();
      const enginePath = file;
      const inserts = ['"', 'x', '\n', '{', '}', ' ', 'val ', '// ', 'apiKey = "hJ8kL2mN9pQ4rS7tV1wX3yZ6"\n', ''];
      for (let i = 0; i < 200; i++) {
        const text = doc.getText();
        const start = Math.floor(rand() * text.length);
        const end = Math.min(text.length, start + Math.floor(rand() * 4));
        const newText = inserts[Math.floor(rand() * inserts.length)];
        const range = { start: doc.positionAt(start), end: doc.positionAt(end) };
        tree.edit({ span: { start, end }, range, newText });
        doc = TextDocument.update(doc, [{ range, text: newText }], i + 1);
        if (i % 10 !== 9) continue;
        const now = doc.getText();
        const incremental = analyzeDocument({ path: enginePath, text: now }, settings(), [], tree);
        const fresh = analyzeFile({ path: enginePath, text: now }, settings());
        assert.deepEqual(incremental.findings, fresh.findings, `findings after edit ${i}`);
        if (tree.hasTree) {
          const full = parserFor(language as 'kotlin').parse(now)!;
          assert.equal(tree.parse(language as 'kotlin', now).rootNode.toString(), full.rootNode.toString(), `tree after edit ${i}`);
          full.delete();
        }
      }
      tree.dispose();
      assert.equal(tree.hasTree, false);
    });
  }

  it('a lost change (text length disagrees) falls back to a full parse', () => {
    const tree = new DocumentTree();
    const text = 'const val A = "x"\n';
    tree.parse('kotlin', text);
    tree.edit({ span: { start: 0, end: 0 }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '// c\n' });
    const other = 'val b = 1\n'; // not what the edit produced
    assert.equal(tree.parse('kotlin', other).rootNode.toString(), parserFor('kotlin').parse(other)!.rootNode.toString());
    tree.dispose();
  });
});
