// server/schema/authlint.schema.json, the one definition of `.authlint.json` (VS Code validates and completes the file
// with it; the CLI and the server validate with the code generated from it), agrees with the engine: every rule of
// the registry and nothing else, with its description and default level, and the option defaults.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { ruleMetas } from '../../server/src/engine/index';
import { configSchema, parseConfig } from '../../server/src/engine/config';
import { defaultOptions } from '../../server/src/engine/types';

const root = path.join(__dirname, '..', '..', '..');
const schemaFile = path.join(root, 'server', 'schema', 'authlint.schema.json');
const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('the .authlint.json schema', () => {
  it('lists exactly the rules of the registry, in its order, with their descriptions and default levels', () => {
    const listed = Object.keys(schema.properties.rules.properties);
    assert.deepEqual(listed, ruleMetas.map(m => m.id), 'rule ids (update server/schema/authlint.schema.json with the registry)');
    for (const meta of ruleMetas) {
      // The levels are written out in each rule, not behind a $ref: VS Code's JSON service ignores a description
      // and a default standing beside a $ref in a draft-07 schema (no hover, no completion documentation).
      assert.deepEqual(schema.properties.rules.properties[meta.id], {
        description: meta.description, default: meta.defaultLevel, enum: ['off', 'info', 'warning', 'error'],
        enumDescriptions: ['Not run at all.', 'Reported as information.', 'Reported as a warning.', 'Reported as an error.'],
      }, meta.id);
    }
    assert.equal(schema.properties.rules.additionalProperties, false);
  });

  it('levels, failOn and googleKeyPolicy are the values the engine and the editor settings use', () => {
    assert.deepEqual(pkg.contributes.configuration.properties['authlint.rules'].additionalProperties.enum, ['off', 'info', 'warning', 'error']);
    assert.deepEqual(schema.properties.failOn.enum, ['error', 'warning', 'info']);
    assert.deepEqual(pkg.contributes.configuration.properties['authlint.options.googleKeyPolicy'].enum.filter((v: unknown) => v !== null), schema.properties.options.properties.googleKeyPolicy.enum);
    for (const node of [schema.properties.failOn, schema.properties.options.properties.googleKeyPolicy]) {
      assert.equal(node.enumDescriptions.length, node.enum.length, 'one description per value');
    }
  });

  it('option defaults are the engine defaults', () => {
    const options = schema.properties.options.properties as Record<string, { default: unknown }>;
    assert.deepEqual(Object.fromEntries(Object.entries(options).map(([k, v]) => [k, v.default])), { ...defaultOptions });
  });

  it('is closed at every level, describes every property and uses no $ref', () => {
    assert.ok(!JSON.stringify(schema).includes('"$ref"'));
    const visit = (node: Record<string, unknown>, at: string) => {
      if (node.type === 'object') assert.equal(node.additionalProperties, false, `${at} is closed`);
      for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        assert.equal(typeof child.description, 'string', `${at}.${key} has a description`);
        visit(child, `${at}.${key}`);
      }
    };
    visit(schema, '(top level)');
  });

  it('is a valid draft-07 schema that ajv compiles in strict mode (as the build does)', () => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    ajv.addVocabulary(['enumDescriptions', 'patternErrorMessage']);
    assert.equal(ajv.validateSchema(schema), true, JSON.stringify(ajv.errors));
    const validate = ajv.compile(schema);
    assert.equal(validate({ rules: { 'hardcoded-secret': 'off' }, ignore: ['a/**'], options: { maxFileSize: 10 }, failOn: 'info' }), true);
    assert.equal(validate({ rules: { 'hardcoded-secret': 'loud' } }), false);
  });

  it('is the schema the engine validates with, and the one the extension contributes', () => {
    assert.deepEqual(configSchema, schema);
    assert.deepEqual(parseConfig(JSON.stringify({ rules: Object.fromEntries(ruleMetas.map(m => [m.id, 'off'])) }), '.authlint.json'),
      { config: { rules: Object.fromEntries(ruleMetas.map(m => [m.id, 'off'])), ignore: [], options: {} } });
    assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '.authlint.json', url: './dist/authlint.schema.json' }]);
  });
});
