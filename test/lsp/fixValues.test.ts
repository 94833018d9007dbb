// The small pieces the key-moving fix is built from: reading a literal's value, writing it where it goes,
// appending to files, recognising Gradle modules.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { definitionLine, dotenvValue, literalValue, propertiesValue } from '../../server/src/lsp/fixes/values';
import { appendedLines, eolOf } from '../../server/src/lsp/fixes/workspaceEdit';
import { appliesSecretsPlugin, isAndroidModule, namespaceOf, secretsPropertiesFile, stripComments, type GradleModule } from '../../server/src/lsp/fixes/gradle';

const module = (text: string, kotlinDsl = true): GradleModule => ({ dir: '/m', kotlinDsl, file: { fsPath: '/m/build.gradle', uri: 'file:///m/build.gradle', text, version: null } });

describe('literal values', () => {
  it('decodes plain literals of every quote kind', () => {
    assert.equal(literalValue('"abc"'), 'abc');
    assert.equal(literalValue("'a\\'b'"), "a'b");
    assert.equal(literalValue('"a\\\\b\\u0041\\$"'), 'a\\bA$');
    assert.equal(literalValue('`abc`'), 'abc');
    assert.equal(literalValue('"""raw\\n"""'), 'raw\\n', 'Kotlin raw strings have no escapes');
  });

  it('refuses what cannot be moved as one value', () => {
    assert.equal(literalValue('"Bearer $token"'), undefined, 'Kotlin template');
    assert.equal(literalValue('"a${b}c"'), undefined);
    assert.equal(literalValue('`a${b}`'), undefined, 'JS template');
    assert.equal(literalValue('"a\\nb"'), undefined, 'a line break cannot go into a properties line');
    assert.equal(literalValue('"a\\qb"'), undefined, 'unknown escape');
    assert.equal(literalValue('abc'), undefined, 'not a literal');
  });

  it('writes values as Properties.load and dotenv read them back', () => {
    assert.equal(propertiesValue('plain-Value_1'), 'plain-Value_1');
    assert.equal(propertiesValue(' a\\b=c:d#é'), '\\ a\\\\b=c:d#\\u00e9');
    assert.equal(dotenvValue('abc/+=:'), 'abc/+=:');
    assert.equal(dotenvValue('a b#c'), "'a b#c'");
    assert.equal(dotenvValue("it's"), '"it\'s"');
    assert.equal(dotenvValue('\'"`'), undefined);
  });

  it('finds an existing definition line', () => {
    assert.equal(definitionLine('A=1\nAPI_KEY = x\r\n', 'API_KEY', false), 'API_KEY = x');
    assert.equal(definitionLine('API_KEY_2=x\n', 'API_KEY', false), undefined);
    assert.equal(definitionLine('export API_KEY=x\n', 'API_KEY', true), 'export API_KEY=x');
  });
});

describe('appending to files', () => {
  it('adds lines after the last one whatever the file ends with, in its own line breaks', () => {
    assert.equal(appendedLines('', ['A=1']), 'A=1\n');
    assert.equal(appendedLines('x=1\n', ['A=1']), 'A=1\n');
    assert.equal(appendedLines('x=1', ['A=1']), '\nA=1\n');
    assert.equal(appendedLines('x=1\r\ny=2', ['A=1']), '\r\nA=1\r\n');
    assert.equal(eolOf('a\nb'), '\n');
  });
});

describe('Gradle modules', () => {
  it('recognises Android modules by plugin id, version-catalog alias or android block; not commented out', () => {
    assert.ok(isAndroidModule(module('plugins {\n    id("com.android.library")\n}\n')));
    assert.ok(isAndroidModule(module('plugins {\n    alias(libs.plugins.android.application)\n}\n')));
    assert.ok(isAndroidModule(module("apply plugin: 'com.android.application'\n", false)));
    assert.ok(!isAndroidModule(module('plugins {\n    // id("com.android.application")\n    kotlin("jvm")\n}\n')));
  });

  it('reads the Secrets Gradle Plugin, its properties file and the namespace', () => {
    const m = module('plugins { id("com.google.android.libraries.mapsplatform.secrets-gradle-plugin") }\nsecrets {\n    propertiesFileName = "secrets.properties"\n}\nandroid {\n    namespace = "com.example.app"\n}\n');
    assert.ok(appliesSecretsPlugin(m));
    assert.equal(secretsPropertiesFile(m), 'secrets.properties');
    assert.equal(namespaceOf(m), 'com.example.app');
    assert.equal(secretsPropertiesFile(module('plugins { id("com.google.android.libraries.mapsplatform.secrets-gradle-plugin") }\n')), 'local.properties');
  });

  it('blanks comments but keeps offsets and strings', () => {
    const text = 'a // x\n/* y\nz */ "// not a comment"';
    const out = stripComments(text);
    assert.equal(out.length, text.length);
    assert.equal(out, 'a     \n    \n     "// not a comment"');
  });
});
