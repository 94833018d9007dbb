// Suppression hygiene in the editor: unused suppressions and unknown rule ids in them are information diagnostics of
// their own (faded as unnecessary), with quick fixes whose exact edits are checked; they follow the text as it is
// edited, and the client's status counts leave them out.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import { unknownRuleCode, unusedSuppressionCode } from '../../server/src/engine/suppress';
import { suppressionProblemCodes } from '../../server/src/shared/protocol';
import { applyWorkspaceEdit, Harness, makeTree, rangeOf } from './harness';

const KEY = 'hJ8kL2mN9pQ4rS7tV1wX3yZ6';

const kotlin = 'object Api {\n' +
  '    // authlint-disable-next-line hardcoded-secret -- sandbox key\n' +
  `    const val API_KEY = "${KEY}"\n` +
  '    // authlint-disable-next-line hardcoded-secret\n' +
  '    const val NAME = "shop"\n' +
  '}\n';

async function open(name: string, text: string) {
  const root = makeTree({ [name]: text });
  const h = await Harness.start({ folders: [root] });
  const uri = h.open(path.join(root, name), text);
  return { h, uri, fsPath: path.join(root, name) };
}

describe('suppression hygiene in the editor', () => {
  it('an unused suppression is an information diagnostic on its rule id, faded, with its own code', async () => {
    const { h, uri } = await open('Api.kt', kotlin);
    const { diagnostics } = await h.current(uri);
    assert.deepEqual(diagnostics, [{
      range: rangeOf(kotlin, 'hardcoded-secret', 1),
      severity: DiagnosticSeverity.Information,
      source: 'AuthLint',
      code: 'authlint-unused-suppression',
      message: 'Unused suppression: no hardcoded-secret finding on the next line. Remove it, or it will hide a future problem there.',
      tags: [DiagnosticTag.Unnecessary],
    }]);
    assert.deepEqual(diagnostics[0].range, { start: { line: 3, character: 34 }, end: { line: 3, character: 50 } });
  });

  it('"Remove unused suppression" deletes the comment line exactly', async () => {
    const { h, uri, fsPath } = await open('Api.kt', kotlin);
    await h.current(uri);
    const actions = await h.codeActions(uri, 'hardcoded-secret\n');
    assert.deepEqual(actions.map(a => [a.title, a.kind, a.isPreferred, a.diagnostics?.map(d => d.code)]), [
      ['Remove unused suppression', 'quickfix', true, ['authlint-unused-suppression']],
    ]);
    const after = applyWorkspaceEdit(actions[0].edit!, { [uri]: { text: kotlin, version: 1 } })[fsPath];
    assert.equal(after, kotlin.replace('    // authlint-disable-next-line hardcoded-secret\n', ''));
  });

  it('an unknown rule id offers the id it was meant to be, preferred, then removal; fixed, the diagnostic goes', async () => {
    const text = `// authlint-disable-next-line hardcoded-secrt, token-logged\nexport const apiKey = '${KEY}';\nconsole.log(apiKey);\n`;
    const { h, uri, fsPath } = await open('api.ts', text);
    const first = await h.current(uri);
    assert.deepEqual(first.diagnostics.map(d => [d.code, d.severity, d.range]), [
      ['hardcoded-secret', DiagnosticSeverity.Error, rangeOf(text, KEY)],
      ['token-logged', DiagnosticSeverity.Warning, rangeOf(text, 'apiKey', 1)],
      ['authlint-unknown-rule', DiagnosticSeverity.Information, rangeOf(text, 'hardcoded-secrt')],
      ['authlint-unused-suppression', DiagnosticSeverity.Information, rangeOf(text, 'token-logged')],
    ]);
    const actions = await h.codeActions(uri, 'hardcoded-secrt');
    const mine = actions.filter(a => a.diagnostics?.[0].code === 'authlint-unknown-rule');
    assert.deepEqual(mine.map(a => [a.title, a.isPreferred]), [['Change to "hardcoded-secret"', true], ['Remove "hardcoded-secrt" from this suppression', false]]);
    const apply = (title: string) => applyWorkspaceEdit(mine.find(a => a.title === title)!.edit!, { [uri]: { text, version: 1 } })[fsPath];
    assert.equal(apply('Change to "hardcoded-secret"'), text.replace('hardcoded-secrt', 'hardcoded-secret'));
    assert.equal(apply('Remove "hardcoded-secrt" from this suppression'), text.replace('hardcoded-secrt, ', ''));

    const version = h.change(uri, 'hardcoded-secrt', 'hardcoded-secret');
    const fixed = await h.diagnostics(uri, p => p.version === version);
    assert.deepEqual(fixed.diagnostics.map(d => d.code), ['token-logged', 'authlint-unused-suppression'], 'the key is silenced; token-logged is on another line');
  });

  it('the codes are declared once for the client (which leaves them out of its counts) and match the engine', () => {
    assert.deepEqual([...suppressionProblemCodes], [unusedSuppressionCode, unknownRuleCode]);
  });
});
