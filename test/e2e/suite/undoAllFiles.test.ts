// Undo of the key-moving quick fix across every file it edits, in a real VS Code, for Android projects whose files
// are not the usual LF-terminated ones: local.properties exists with CRLF line breaks and no final newline, next to
// a Kotlin DSL module (everything else LF), and a Groovy module where every file is CRLF and .gitignore lacks both
// the local.properties entry and a final newline. Apply the fix, save, check the exact bytes of each file; then
// undo (Edit > Undo in the source's editor), save, and check every file is byte for byte as before.
// The projects are written by the test (the bytes are spelled out here), next to the copy of test/e2e/fixtures/.
// VS Code 1.139 does not ask "Would you like to undo … across all files?" here: it skips the question for an undo
// step that belongs to an undo group, and every workspace edit gets one. Should a later VS Code ask, the 'undo'
// command would wait on the dialog and this test time out; the browser scenario (scripts/e2e-browser.mjs) answers
// "Undo in N Files" when it is asked.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import * as vscode from 'vscode';
import { suite, suiteSetup, teardown, test } from 'mocha';
import {
  applyCodeAction, authLint, closeAllEditors, codeOf, extensionId, openEditor, quickFixesAt, rangeOf, saveAll,
  waitForDiagnostics, waitForText, wsPath,
} from './helpers';

// Obviously not a real credential (and shaped like no provider's key).
const key = 'authlint-e2e-not-a-real-credential-9b2e6d';
const fixTitle = 'Move key to local.properties → BuildConfig.API_KEY (revoke and rotate it: it stays in git history)';
const crlf = (...lines: string[]) => lines.join('\r\n');
const lf = (...lines: string[]) => lines.join('\n');

interface Project {
  name: string;
  source: string;
  /** Every file of the project, exactly as written. */
  files: Record<string, string>;
  /** The files the fix changes, exactly as they must be on disk after Save All. */
  after: Record<string, string>;
}

const kotlinDsl: Project = {
  name: 'undo-kts-crlf-properties',
  source: 'app/src/main/java/com/example/crlf/Client.kt',
  files: {
    'settings.gradle.kts': lf('rootProject.name = "CrlfDemo"', 'include(":app")', ''),
    '.gitignore': lf('*.iml', '.gradle', '/local.properties', '/build', ''),
    'local.properties': crlf('sdk.dir=/opt/android-sdk', '# kept out of git', 'MAPS_STYLE=night'),
    'app/build.gradle.kts': lf(
      'plugins {',
      '    id("com.android.application")',
      '    id("org.jetbrains.kotlin.android")',
      '}',
      '',
      'android {',
      '    namespace = "com.example.crlf"',
      '    compileSdk = 35',
      '',
      '    defaultConfig {',
      '        applicationId = "com.example.crlf"',
      '        minSdk = 24',
      '    }',
      '}',
      ''),
    'app/src/main/java/com/example/crlf/Client.kt': lf(
      'package com.example.crlf',
      '',
      'import com.google.ai.client.generativeai.GenerativeModel',
      '',
      'class Client {',
      `    private val model = GenerativeModel(modelName = "gemini-1.5-flash", apiKey = "${key}")`,
      '}',
      ''),
  },
  after: {
    'local.properties': crlf('sdk.dir=/opt/android-sdk', '# kept out of git', 'MAPS_STYLE=night', `API_KEY=${key}`, ''),
    'app/build.gradle.kts': lf(
      'plugins {',
      '    id("com.android.application")',
      '    id("org.jetbrains.kotlin.android")',
      '}',
      '',
      'val localProperties = java.util.Properties().apply {',
      '    val file = rootProject.file("local.properties")',
      '    if (file.exists()) file.inputStream().use { load(it) }',
      '}',
      '',
      'android {',
      '    namespace = "com.example.crlf"',
      '    compileSdk = 35',
      '',
      '    defaultConfig {',
      '        buildConfigField("String", "API_KEY", "\\"${localProperties.getProperty("API_KEY", "")}\\"")',
      '        applicationId = "com.example.crlf"',
      '        minSdk = 24',
      '    }',
      '    buildFeatures {',
      '        buildConfig = true',
      '    }',
      '}',
      ''),
    'app/src/main/java/com/example/crlf/Client.kt': lf(
      'package com.example.crlf',
      '',
      'import com.google.ai.client.generativeai.GenerativeModel',
      '',
      'class Client {',
      '    private val model = GenerativeModel(modelName = "gemini-1.5-flash", apiKey = BuildConfig.API_KEY)',
      '}',
      ''),
  },
};

const groovy: Project = {
  name: 'undo-groovy-crlf',
  source: 'app/src/main/java/com/example/groovy/net/Client.kt',
  files: {
    'settings.gradle': crlf("rootProject.name = 'CrlfGroovy'", "include ':app'", ''),
    '.gitignore': crlf('*.iml', '.gradle', '/build'),
    'local.properties': crlf('sdk.dir=C\\:\\\\Android\\\\sdk', 'MAPS_STYLE=night'),
    'app/build.gradle': crlf(
      'plugins {',
      "    id 'com.android.application'",
      '}',
      '',
      'android {',
      "    namespace 'com.example.groovy'",
      '    compileSdk 35',
      '',
      '    defaultConfig {',
      "        applicationId 'com.example.groovy'",
      '        minSdk 24',
      '    }',
      '    buildFeatures {',
      '        viewBinding true',
      '    }',
      '}',
      ''),
    'app/src/main/java/com/example/groovy/net/Client.kt': crlf(
      'package com.example.groovy.net',
      '',
      'import com.google.ai.client.generativeai.GenerativeModel',
      '',
      'class Client {',
      `    private val model = GenerativeModel(modelName = "gemini-1.5-flash", apiKey = "${key}")`,
      '}',
      ''),
  },
  after: {
    '.gitignore': crlf('*.iml', '.gradle', '/build', '/local.properties', ''),
    'local.properties': crlf('sdk.dir=C\\:\\\\Android\\\\sdk', 'MAPS_STYLE=night', `API_KEY=${key}`, ''),
    'app/build.gradle': crlf(
      'plugins {',
      "    id 'com.android.application'",
      '}',
      '',
      'def localProperties = new Properties()',
      "def localPropertiesFile = rootProject.file('local.properties')",
      'if (localPropertiesFile.exists()) {',
      '    localPropertiesFile.withInputStream { localProperties.load(it) }',
      '}',
      '',
      'android {',
      "    namespace 'com.example.groovy'",
      '    compileSdk 35',
      '',
      '    defaultConfig {',
      '        buildConfigField "String", "API_KEY", "\\"${localProperties.getProperty(\'API_KEY\', \'\')}\\""',
      "        applicationId 'com.example.groovy'",
      '        minSdk 24',
      '    }',
      '    buildFeatures {',
      '        buildConfig true',
      '        viewBinding true',
      '    }',
      '}',
      ''),
    'app/src/main/java/com/example/groovy/net/Client.kt': crlf(
      'package com.example.groovy.net',
      '',
      'import com.google.ai.client.generativeai.GenerativeModel',
      'import com.example.groovy.BuildConfig',
      '',
      'class Client {',
      '    private val model = GenerativeModel(modelName = "gemini-1.5-flash", apiKey = BuildConfig.API_KEY)',
      '}',
      ''),
  },
};

/** Every file under `dir` as its raw bytes, latin1-decoded (one character per byte: CR, BOM and all stay visible). */
function bytesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p).split(path.sep).join('/'), fs.readFileSync(p).toString('latin1'));
    }
  };
  walk(dir);
  return out;
}

const asBytes = (files: Record<string, string>) =>
  new Map(Object.entries(files).map(([f, text]) => [f, Buffer.from(text, 'utf8').toString('latin1')]));

suite('AuthLint key-moving fix: undo in all files (CRLF, no final newline, Kotlin DSL and Groovy)', () => {
  suiteSetup(() => {
    assert.ok(vscode.extensions.getExtension(extensionId), `extension ${extensionId} is not installed in this editor`);
  });

  teardown(async () => {
    await closeAllEditors();
  });

  for (const p of [kotlinDsl, groovy]) {
    test(`${p.name}: fix, save, exact bytes; undo in all ${Object.keys(p.after).length} files, save, original bytes`, async () => {
      const root = wsPath(p.name);
      for (const [file, text] of Object.entries(p.files)) {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
      }
      const before = bytesOf(root);
      assert.deepEqual(before, asBytes(p.files), 'the project as written');

      const editor = await openEditor(path.join(root, p.source));
      const doc = editor.document;
      const reported = await waitForDiagnostics(doc.uri, ds => authLint(ds).some(d => codeOf(d) === 'hardcoded-secret'), 'the hard-coded key');
      const [diagnostic, ...others] = authLint(reported);
      assert.deepEqual(others, [], 'exactly one AuthLint diagnostic');
      assert.deepEqual(diagnostic.range, rangeOf(doc, key));

      const fixes = await quickFixesAt(doc.uri, diagnostic.range);
      const fix = fixes.find(a => a.title === fixTitle);
      assert.ok(fix, `no quick fix titled "${fixTitle}"; offered:\n  ${fixes.map(a => a.title).join('\n  ')}`);
      assert.deepEqual(fix.edit?.entries().map(([u]) => path.relative(root, u.fsPath).split(path.sep).join('/')).sort(),
        Object.keys(p.after).sort(), 'the files the fix edits');

      // The fix, then Save All: each changed file has exactly the expected bytes, the others are untouched.
      await applyCodeAction(fix);
      await saveAll();
      const expected = new Map(before);
      for (const [file, bytes] of asBytes(p.after)) expected.set(file, bytes);
      assert.deepEqual(bytesOf(root), expected, 'project bytes after the fix and Save All');
      const shape = (ds: readonly vscode.Diagnostic[]) => authLint(ds).map(d => [codeOf(d), d.range]);
      await waitForDiagnostics(doc.uri, ds => isDeepStrictEqual(shape(ds), [['embedded-api-key', rangeOf(doc, 'BuildConfig.API_KEY')]]),
        'only embedded-api-key on BuildConfig.API_KEY after the fix');

      // Undo in the source's editor: the workspace edit is undone in every file it touched.
      await vscode.window.showTextDocument(doc, { preview: false });
      // Not awaited first: were VS Code to ask "undo in all files?", the command would wait for an answer; the
      // waits below then fail with a message rather than the test hanging until mocha's timeout.
      const undone = vscode.commands.executeCommand('undo');
      const unanswered = ' (if VS Code asked "undo in all files?", nobody answered)';
      await waitForText(doc, t => t === p.files[p.source], `the source to be restored by undo${unanswered}`);
      for (const file of Object.keys(p.after).filter(f => f !== p.source)) {
        const other = vscode.workspace.textDocuments.find(d => d.uri.fsPath === path.join(root, file));
        assert.ok(other, `${file} is not open after undo`);
        await waitForText(other, t => t === p.files[file], `${file} to be restored by undo${unanswered}`);
      }
      await undone;
      await saveAll();
      assert.deepEqual(bytesOf(root), before, 'project bytes after undo and Save All');
      await waitForDiagnostics(doc.uri, ds => isDeepStrictEqual(shape(ds), [['hardcoded-secret', diagnostic.range]]),
        'exactly the original hardcoded-secret diagnostic after undo');
    });
  }
});
