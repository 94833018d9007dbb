// The incremental model (engine/model/incremental.ts): after any edits, the model brought up to date from the previous
// one equals a full extraction of the same tree, item for item; a keystroke inside a method re-extracts that method only.
import { describe, it, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentTree } from '../../server/src/engine/index';
import { modelFromTree } from '../../server/src/engine/model/build';
import { addEdit } from '../../server/src/engine/model/incremental';
import type { FileModel } from '../../server/src/engine/model/model';
import type { TreeLanguage } from '../../server/src/engine/parse/parsers';
import { rng } from '../helpers/random';
import { engineReady } from '../helpers/engine';


// Files with what the incremental update must get right: several top-level declarations and imports, classes holding
// classes, companion objects, anonymous classes that override, lambdas, constants, annotations, conditionals.
const kotlin = (i: number) => `package com.example.n${i}

import okhttp3.OkHttpClient
import javax.net.ssl.X509TrustManager

const val API_KEY_${i} = "demo-not-a-real-key-${i}"

class Client${i}(private val http: OkHttpClient) : Base("base-${i}") {
    companion object {
        const val SECRET = "fake-secret-${i}"
        private val TAG = "Client${i}"
    }

    private val trust = object : X509TrustManager {
        override fun checkServerTrusted(chain: Array<String>?, authType: String?) {}
        override fun getAcceptedIssuers(): Array<String> = arrayOf()
    }

    fun call(url: String): String {
        val request = Request.Builder().url("https://api.example.com/v${i}").header("Authorization", "Bearer " + API_KEY_${i}).build()
        if (url.isEmpty()) { Log.d(TAG, "token=" + SECRET) }
        http.newCall(request).enqueue { response -> println(response) }
        return listOf(1, 2, 3).map { it * ${i} }.joinToString(",")
    }

    fun count(): Int = ${i}

    inner class Nested {
        fun hello() = "hello \${SECRET} ${i}"
    }
}
`;

const java = (i: number) => `package com.example.n${i};

import java.util.List;
import javax.net.ssl.HostnameVerifier;

public class Client${i} extends Base {
    public static final String API_KEY = "demo-not-a-real-key-${i}";
    private static final String TAG = "Client${i}";

    @Header("Authorization")
    public String call(String url) {
        Request request = new Request.Builder().url("https://api.example.com/v${i}").header("X-Api-Key", API_KEY).build();
        if (url == null) { Log.d(TAG, "token=" + API_KEY); }
        HostnameVerifier verifier = new HostnameVerifier() {
            @Override
            public boolean verify(String host, SSLSession session) { return true; }
        };
        Runnable r = () -> System.out.println("run ${i}");
        return String.valueOf(${i});
    }

    public int count() { return ${i}; }

    static class Inner {
        private final String name = "inner-${i}";
        int size() { return ${i}; }
    }

    enum Mode { ON, OFF; String label() { return "mode-${i}"; } }
}
`;

const typescript = (i: number) => `import { sign } from 'jsonwebtoken';
import axios from 'axios';

export const API_KEY_${i} = 'demo-not-a-real-key-${i}';

export class Client${i} extends Base {
  private token = 'fake-token-${i}';
  static readonly TAG = \`Client${i}\`;

  async call(url: string): Promise<string> {
    const res = await axios.get(\`https://api.example.com/v${i}/\${url}\`, { headers: { Authorization: 'Bearer ' + API_KEY_${i} } });
    if (!res) { console.log('token', this.token); }
    return [1, 2, 3].map(x => x * ${i}).join(',');
  }

  count(): number { return ${i}; }
}

function helper${i}(secret = 'fake-${i}') {
  return sign({ sub: 'user-${i}' }, secret, { algorithm: 'HS256', expiresIn: '1h' });
}

namespace N${i} { export const url = 'http://example.com/${i}'; }
`;

const files: [TreeLanguage, string, string][] = [
  ['kotlin', 'src/main/kotlin/Big.kt', [0, 1, 2, 3].map(kotlin).join('\n')],
  ['java', 'src/main/java/Big.java', [0, 1, 2, 3].map(java).join('\n')],
  ['typescript', 'src/big.ts', [0, 1, 2, 3].map(typescript).join('\n')],
];

/** In a full extraction the methods of one class share its TypeDecl object; an updated model must too. */
function assertOwnersShared(model: FileModel, label: string): void {
  const byClass = new Map<string, unknown>();
  for (const f of model.functions ?? []) {
    if (!f.owner) continue;
    const key = `${f.owner.span.start}:${f.owner.span.end}`;
    if (!byClass.has(key)) byClass.set(key, f.owner);
    assert.equal(f.owner, byClass.get(key), `${label}: ${f.name ?? 'a lambda'} shares its class's object`);
  }
}

/** What an edit may type: characters that open and close strings, comments, blocks and classes as well as plain ones. */
const typed = ['x', ' ', '\n', '"', "'", '`', '{', '}', '(', ')', '/*', '*/', '// ', '${', 'class A {', 'val k = "fake-key"\n', ''];

/**
 * An open document under test: `edit` replaces `removed` characters at `at` with `inserted`, brings the model up to
 * date and checks it equals a full extraction of the same tree.
 */
function openDocument(path: string, language: TreeLanguage, text: string) {
  const tree = new DocumentTree();
  const first = tree.modelOf(path, language, text);
  const edit = (at: number, removed: number, inserted: string): FileModel => {
    const doc = TextDocument.create('file:///x', language, 0, text);
    tree.edit({ span: { start: at, end: at + removed }, range: { start: doc.positionAt(at), end: doc.positionAt(at + removed) }, newText: inserted });
    text = text.slice(0, at) + inserted + text.slice(at + removed);
    const model = tree.modelOf(path, language, text);
    assert.deepEqual(model, modelFromTree(path, language, text, tree.current!));
    return model;
  };
  return { tree, first, edit, text: () => text };
}

describe('incremental model', () => {
  before(engineReady);

  it('addEdit: regions merge when an edit touches them and move when it lies before them', () => {
    assert.deepEqual(addEdit([], 10, 12, 15), [{ start: 10, end: 15, delta: 3 }]);
    // Apart: the later region moves by the edit's change of length.
    assert.deepEqual(addEdit([{ start: 50, end: 51, delta: 1 }], 10, 10, 11),
      [{ start: 10, end: 11, delta: 1 }, { start: 51, end: 52, delta: 1 }]);
    assert.deepEqual(addEdit([{ start: 10, end: 11, delta: 1 }], 50, 51, 50),
      [{ start: 10, end: 11, delta: 1 }, { start: 50, end: 50, delta: -1 }]);
    // Touching on either side: one region.
    assert.deepEqual(addEdit([{ start: 10, end: 11, delta: 1 }], 11, 11, 12), [{ start: 10, end: 12, delta: 2 }]);
    assert.deepEqual(addEdit([{ start: 10, end: 11, delta: 1 }], 8, 10, 9), [{ start: 8, end: 10, delta: 0 }]);
    // An edit reaching past a region: its old text after the region was unchanged old text.
    assert.deepEqual(addEdit([{ start: 10, end: 12, delta: 2 }], 11, 20, 13), [{ start: 10, end: 13, delta: -5 }]);
    // An edit swallowing two regions.
    assert.deepEqual(addEdit([{ start: 5, end: 6, delta: 1 }, { start: 20, end: 20, delta: -3 }], 4, 21, 4),
      [{ start: 4, end: 4, delta: -19 }]);
    // A structural change tree-sitter reports keeps the length.
    assert.deepEqual(addEdit([{ start: 10, end: 11, delta: 1 }], 30, 60, 60), [{ start: 10, end: 11, delta: 1 }, { start: 30, end: 60, delta: 0 }]);
  });

  for (const [language, path, original] of files) {
    it(`${language}: after each of 300 random edits the updated model equals a full extraction of the same tree`, () => {
      const rand = rng(language.length * 104729);
      const tree = new DocumentTree();
      let doc = TextDocument.create('file:///big', language, 0, original);
      tree.modelOf(path, language, original);
      for (let i = 0; i < 300; i++) {
        // Mostly one edit, sometimes a few (a debounced burst, an undo elsewhere), sometimes a deletion of a block.
        const edits = rand() < 0.25 ? 2 + Math.floor(rand() * 3) : 1;
        for (let k = 0; k < edits; k++) {
          const text = doc.getText();
          const start = Math.floor(rand() * (text.length + 1));
          const end = Math.min(text.length, start + (rand() < 0.1 ? Math.floor(rand() * 300) : Math.floor(rand() * 3)));
          const newText = typed[Math.floor(rand() * typed.length)];
          const range = { start: doc.positionAt(start), end: doc.positionAt(end) };
          tree.edit({ span: { start, end }, range, newText });
          doc = TextDocument.update(doc, [{ range, text: newText }], doc.version + 1);
        }
        const now = doc.getText();
        const model = tree.modelOf(path, language, now);
        assert.deepEqual(model, modelFromTree(path, language, now, tree.current!), `model after edit ${i}`);
        assertOwnersShared(model, `edit ${i}`);
      }
      // Most updates kept the previous model: the edits that cannot be (a brace that moves the end of a class) are few.
      assert.equal(tree.stats.updated + tree.stats.extracted, 301);
      assert.ok(tree.stats.updated > 200, `updated ${tree.stats.updated} of 300`);
      tree.dispose();
    });
  }

  for (const [language, path, original] of files) {
    it(`${language}: 150 characters each typed and taken out again at random places: every model equals a full extraction`, () => {
      // The pattern of the keystroke bench: the second edit of each pair mends what the first broke, and the
      // declarations it brings back are taken from before rather than extracted again.
      const rand = rng(language.length * 7919);
      const doc = openDocument(path, language, original);
      for (let i = 0; i < 150; i++) {
        const at = Math.floor(rand() * (doc.text().length + 1));
        const typedIn = typed[Math.floor(rand() * typed.length)];
        doc.edit(at, 0, typedIn);
        const back = doc.edit(at, typedIn.length, '');
        assertOwnersShared(back, `pair ${i}`);
      }
      assert.equal(doc.text(), original);
      assert.ok(doc.tree.reusedDeclarations > 0, `declarations reused: ${doc.tree.reusedDeclarations}`);
      doc.tree.dispose();
    });
  }

  // Six classes, and an unclosed brace in the first one, which changes the structure of all that follows it in Kotlin
  // and Java (tree-sitter-typescript recovers within the class: nothing after it is extracted again there).
  const sixClasses: [TreeLanguage, string, (i: number) => string, string][] = [
    ['kotlin', 'src/Six.kt', i => `class C${i} {\n    fun f${i}(): String {\n        val k = "value-${i}"\n        return k\n    }\n}\n`, '{'],
    ['java', 'src/Six.java', i => `class C${i} {\n    String f${i}() {\n        String k = "value-${i}";\n        return k;\n    }\n}\n`, '{'],
  ];
  for (const [language, path, decl, breaker] of sixClasses) {
    it(`${language}: ${breaker} typed and taken out again: the six classes come back from before, equal to a full extraction`, () => {
      // Typing it and taking it out again each make tree-sitter report the rest of the file as changed. The second
      // time every class is one of the first model: its items are moved, not extracted again.
      const original = [0, 1, 2, 3, 4, 5].map(decl).join('\n');
      const doc = openDocument(path, language, original);
      const at = original.lastIndexOf('\n', original.indexOf('k = ')) + 1;
      doc.edit(at, 0, breaker);
      assert.equal(doc.tree.reusedDeclarations, 0);
      const mended = doc.edit(at, 1, '');
      assert.equal(doc.tree.reusedDeclarations, 6);
      assert.deepEqual(mended.literals.map(l => l.value), ['value-0', 'value-1', 'value-2', 'value-3', 'value-4', 'value-5']);
      assertOwnersShared(mended, 'mended');
      doc.tree.dispose();
    });
  }

  it('a keystroke in a method re-extracts that method: the items before it are the same objects, those after it moved', () => {
    const [, path, original] = files[1];
    const tree = new DocumentTree();
    const first = tree.modelOf(path, 'java', original);
    const at = original.indexOf('"https://api.example.com/v2"') + '"https://'.length; // in the third class's method, in the URL
    let text = original;
    const keystrokes = 'abc';
    let model: FileModel = first;
    for (const [n, ch] of [...keystrokes].entries()) {
      const offset = at + n;
      const position = TextDocument.create('file:///x', 'java', 0, text).positionAt(offset);
      tree.edit({ span: { start: offset, end: offset }, range: { start: position, end: position }, newText: ch });
      text = text.slice(0, offset) + ch + text.slice(offset);
      model = tree.modelOf(path, 'java', text);
    }
    assert.deepEqual(tree.stats, { updated: 3, extracted: 1 });
    assert.deepEqual(model, modelFromTree(path, 'java', text, tree.current!));
    const url = model.literals.find(l => l.value === 'https://abcapi.example.com/v2')!;
    const quote = at - '"https://'.length;
    assert.deepEqual(url.span, { start: quote, end: quote + '"https://abcapi.example.com/v2"'.length });
    // Literals before the method (its annotation starts it): the very objects of the first model (not re-extracted,
    // nothing to move).
    const method = original.lastIndexOf('@Header', at);
    const before = first.literals.filter(l => l.span.end < method);
    assert.equal(before.length, 20); // nine in each of the first two classes, two fields of the third
    assert.equal(model.literals.filter(l => l.span.end < method).length, 20);
    before.forEach((l, i) => assert.equal(model.literals[i], l, `literal ${i} is kept`));
    // Literals after the method: copies, three characters further on, with their constants pointing at the copies.
    const lastOld = first.literals[first.literals.length - 1];
    const lastNew = model.literals[model.literals.length - 1];
    assert.notEqual(lastNew, lastOld);
    assert.deepEqual(lastNew.span, { start: lastOld.span.start + 3, end: lastOld.span.end + 3 });
    for (const c of model.constants) assert.ok(model.literals.includes(c.literal), `constant ${c.name} holds a literal of the model`);
    tree.dispose();
  });

  it('a brace that closes a class early: the class and what now stands after it are extracted again, exactly', () => {
    const [, path, original] = files[0];
    const tree = new DocumentTree();
    tree.modelOf(path, 'kotlin', original);
    const at = original.indexOf('    fun call(url: String)');
    const position = TextDocument.create('file:///x', 'kotlin', 0, original).positionAt(at);
    tree.edit({ span: { start: at, end: at }, range: { start: position, end: position }, newText: '}\n' });
    const text = original.slice(0, at) + '}\n' + original.slice(at);
    const model = tree.modelOf(path, 'kotlin', text);
    assert.deepEqual(model, modelFromTree(path, 'kotlin', text, tree.current!));
    assert.deepEqual(tree.stats, { updated: 1, extracted: 1 });
    assert.equal(model.functions?.find(f => f.name === 'call')?.owner, undefined, '`call` now stands outside the class');
    tree.dispose();
  });

  it('a method typed into keeps sharing its class with the methods around it', () => {
    const text = 'class A {\n    fun a() = 1\n    fun b() { val x = 1 }\n}\n';
    const tree = new DocumentTree();
    tree.modelOf('A.kt', 'kotlin', text);
    const at = text.indexOf('val x');
    const position = TextDocument.create('file:///x', 'kotlin', 0, text).positionAt(at);
    tree.edit({ span: { start: at, end: at }, range: { start: position, end: position }, newText: 'y' });
    const now = text.slice(0, at) + 'y' + text.slice(at);
    const model = tree.modelOf('A.kt', 'kotlin', now);
    assert.deepEqual(tree.stats, { updated: 1, extracted: 1 });
    assert.deepEqual(model.functions?.map(f => f.name), ['a', 'b']);
    assert.equal(model.functions![0].owner, model.functions![1].owner);
    tree.dispose();
  });

  it('the package and imports are kept while no edit touches them, and read again when one types or deletes an import', () => {
    const { tree, first, edit, text } = openDocument('src/two.ts', 'typescript', [0, 1].map(typescript).join('\n'));
    const froms = (m: FileModel) => m.imports.map(i => `${i.local} ${i.from}`);
    assert.deepEqual(froms(first), ['sign jsonwebtoken', 'axios axios', 'sign jsonwebtoken', 'axios axios']);
    // Keystrokes in a top-level function: the first update reads the imports and remembers where they stand; the
    // next one keeps the very same list.
    const at = text().indexOf("return sign({ sub: 'user-0'");
    const typedIn = edit(at, 0, 'x');
    assert.equal(edit(at + 1, 0, 'y').imports, typedIn.imports);
    // An import typed between two top-level declarations, then the first import deleted.
    const typedImport = edit(text().indexOf('function helper1'), 0, "import { gunzip } from 'zlib';\n");
    assert.deepEqual(froms(typedImport), ['sign jsonwebtoken', 'axios axios', 'sign jsonwebtoken', 'axios axios', 'gunzip zlib']);
    const deleted = edit(0, "import { sign } from 'jsonwebtoken';\n".length, '');
    assert.deepEqual(froms(deleted), ['axios axios', 'sign jsonwebtoken', 'axios axios', 'gunzip zlib']);
    assert.deepEqual(tree.stats, { updated: 4, extracted: 1 });
    tree.dispose();
  });

  it('java: the package and imports are kept across keystrokes in a method, and read again when the package line changes', () => {
    const { tree, edit, text } = openDocument('src/main/java/Two.java', 'java', java(0));
    const at = text().indexOf('return String.valueOf(0)');
    const typedIn = edit(at, 0, 'x');
    assert.equal(edit(at + 1, 0, 'y').imports, typedIn.imports);
    assert.deepEqual([typedIn.packageName, typedIn.imports.map(i => i.from)], ['com.example.n0', ['java.util.List', 'javax.net.ssl.HostnameVerifier']]);
    const renamed = edit(text().indexOf('n0;'), 2, 'shop');
    assert.equal(renamed.packageName, 'com.example.shop');
    const dropped = edit(text().indexOf('import java.util.List;\n'), 'import java.util.List;\n'.length, '');
    assert.deepEqual(dropped.imports.map(i => i.from), ['javax.net.ssl.HostnameVerifier']);
    assert.deepEqual(tree.stats, { updated: 4, extracted: 1 });
    tree.dispose();
  });

  it('a file whose root is an ERROR node is extracted whole: its object entries hold the root\'s span', () => {
    // tree-sitter makes the root itself an ERROR here, with the `x: …` pair directly under it; the pair's value has
    // the root for its object, and the root grows with an edit anywhere.
    const text = "{:'',x:f=>{th";
    const tree = new DocumentTree();
    tree.modelOf('src/a.ts', 'typescript', text);
    assert.equal(tree.current!.rootNode.type, 'ERROR');
    const position = { line: 0, character: 12 };
    tree.edit({ span: { start: 12, end: 12 }, range: { start: position, end: position }, newText: '=> ' });
    const now = "{:'',x:f=>{t=> h";
    const model = tree.modelOf('src/a.ts', 'typescript', now);
    assert.deepEqual(model, modelFromTree('src/a.ts', 'typescript', now, tree.current!));
    assert.deepEqual(model.literals[0].ctx.objectSpan, { start: 0, end: 16 });
    assert.deepEqual(tree.stats, { updated: 0, extracted: 2 });
    tree.dispose();
  });
});
