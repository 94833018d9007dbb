// Every rule has a docs page; every `<lang> incorrect` block on it is reported by that rule and every
// `<lang> correct` block is not. Pages of rules that are not implemented yet are checked once the rule exists.
import { test, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, engineReady } from './helpers/engine';
import { ruleMetas } from '../server/src/engine/index';

const docs = path.join(__dirname, '..', '..', 'docs', 'rules');
const fileFor: Record<string, string> = {
  kotlin: 'app/src/main/java/com/example/Doc.kt', java: 'app/src/main/java/com/example/Doc.java',
  typescript: 'src/doc.ts', tsx: 'src/Doc.tsx', javascript: 'src/doc.js', groovy: 'app/build.gradle', properties: 'gradle.properties',
  xml: 'app/src/main/AndroidManifest.xml', json: 'app/google-services.json',
};

/** An `xml` block is analysed as the Android file its root element makes it. */
function pathFor(lang: string, code: string): string | undefined {
  if (lang !== 'xml') return fileFor[lang];
  if (code.includes('<network-security-config')) return 'app/src/main/res/xml/network_security_config.xml';
  if (code.includes('<resources')) return 'app/src/main/res/values/strings.xml';
  return fileFor.xml;
}

before(engineReady);

for (const meta of ruleMetas) {
  const page = path.join(docs, `${meta.id}.md`);
  test(`docs/rules/${meta.id}.md exists`, () => assert.ok(existsSync(page), `missing ${page}`));
  if (!existsSync(page)) continue;
  const text = readFileSync(page, 'utf8');
  const blocks = [...text.matchAll(/^```(\w+) (incorrect|correct)\n([\s\S]*?)^```/gm)];
  test(`docs/rules/${meta.id}.md states the rule's category and default severity`, () => {
    const shown = { info: 'information', warning: 'warning', error: 'error' }[meta.defaultLevel];
    assert.match(text, new RegExp(`\\*\\*Category:\\*\\* ${meta.category} · \\*\\*Default severity:\\*\\* ${shown}\\b`));
    const index = readFileSync(path.join(docs, 'README.md'), 'utf8');
    assert.match(index, new RegExp(`\\[\`${meta.id}\`\\]\\(${meta.id}\\.md\\) \\| ${meta.category} \\| ${shown} \\|`));
  });
  test(`docs/rules/${meta.id}.md has incorrect and correct examples`, () => {
    assert.ok(blocks.some(b => b[2] === 'incorrect') && blocks.some(b => b[2] === 'correct'));
  });
  blocks.forEach((b, i) => {
    const [, lang, kind, code] = b;
    test(`docs/rules/${meta.id}.md block ${i + 1} (${lang} ${kind})`, () => {
      const file = pathFor(lang, code);
      assert.ok(file, `unknown language tag ${lang}`);
      const got = analyze(file, code).filter(f => f.ruleId === meta.id);
      if (kind === 'incorrect') assert.ok(got.length > 0, `no ${meta.id} finding in:\n${code}`);
      else assert.deepEqual(got.map(f => f.message), []);
    });
  });
}
