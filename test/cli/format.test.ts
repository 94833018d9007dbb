import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { FileResult } from '../../server/src/engine/api';
import type { Finding, RuleMeta } from '../../server/src/engine/types';
import { formatJson, type Report } from '../../server/src/cli/format/json';
import { formatSarif, sarifSchema } from '../../server/src/cli/format/sarif';
import { formatText } from '../../server/src/cli/format/text';

const rules: RuleMeta[] = [
  { id: 'hardcoded-credential', category: 'secret', defaultLevel: 'error', description: 'Finds keys.', advice: 'Move them out.', fixable: true },
  { id: 'cleartext-endpoint', category: 'transport', defaultLevel: 'warning', description: 'Finds http URLs.', advice: 'Use https.', fixable: true },
  { id: 'oauth-missing-state', category: 'oauth', defaultLevel: 'info', description: 'Finds missing state.', advice: 'Send state.', fixable: false },
];

function finding(ruleId: string, severity: Finding['severity'], line: number, character: number, length: number, message: string, related: Finding['related'] = []): Finding {
  return {
    ruleId, severity, message, related, fixes: [], data: {},
    span: { start: 0, end: length },
    range: { start: { line, character }, end: { line, character: character + length } },
  };
}

function result(path: string, findings: Finding[]): FileResult {
  return { path, language: 'kotlin', findings, exports: [], pending: [], syntaxErrors: 0, parsed: true };
}

const report: Report = {
  root: '/work/project',
  tool: { name: 'AuthLint', version: '1.2.3', informationUri: 'https://example.test/authlint', docsBase: 'https://example.test/authlint/blob/main/' },
  rules,
  results: [
    result('app/src/Api.kt', [
      // unsorted on purpose: output is ordered by position
      finding('cleartext-endpoint', 'warning', 8, 0, 20, 'Endpoint over http.'),
      finding('hardcoded-credential', 'error', 2, 14, 43, 'OpenAI key sk-p…(51 chars) in source.', [
        { path: 'app/src/Client.kt', range: { start: { line: 4, character: 8 }, end: { line: 4, character: 15 } }, message: 'used here' },
      ]),
    ]),
    result('app/src/Clean.kt', []),
    result('web/my auth.ts', [finding('oauth-missing-state', 'info', 10, 4, 6, 'No state.')]),
  ],
  skipped: [{ path: 'web/app.min.js', reason: 'minified JavaScript (a line of 20001 characters); scan it with --include-minified' }],
  notices: [{ path: 'app/src/Old.java', message: 'not valid UTF-8: undecodable bytes were replaced with U+FFFD' }],
};

describe('text format', () => {
  it('groups by file, aligns columns, then summarises', () => {
    assert.equal(formatText(report, { cwd: '/work/project', color: false, quiet: false }), [
      'app/src/Api.kt:3:15  error    OpenAI key sk-p…(51 chars) in source.  hardcoded-credential',
      'app/src/Api.kt:9:1   warning  Endpoint over http.  cleartext-endpoint',
      '',
      'web/my auth.ts:11:5  info     No state.  oauth-missing-state',
      '',
      '3 findings (1 error, 1 warning, 1 info) in 2 files',
      '3 files scanned, 1 skipped:',
      '  web/app.min.js: minified JavaScript (a line of 20001 characters); scan it with --include-minified',
      'Notes:',
      '  app/src/Old.java: not valid UTF-8: undecodable bytes were replaced with U+FFFD',
      '',
    ].join('\n'));
  });

  it('shows paths relative to the working directory', () => {
    const out = formatText({ ...report, results: [report.results[2]], skipped: [], notices: [] }, { cwd: '/work/project/app', color: false, quiet: false });
    assert.equal(out, '../web/my auth.ts:11:5  info     No state.  oauth-missing-state\n\n1 finding (0 errors, 0 warnings, 1 info) in 1 file\n1 file scanned\n');
  });

  it('a clean run', () => {
    assert.equal(formatText({ ...report, results: [report.results[1]], skipped: [], notices: [] }, { cwd: '/work/project', color: false, quiet: false }),
      'No findings.\n1 file scanned\n');
  });

  it('quiet: findings only, nothing when there are none', () => {
    assert.equal(formatText(report, { cwd: '/work/project', color: false, quiet: true }), [
      'app/src/Api.kt:3:15  error    OpenAI key sk-p…(51 chars) in source.  hardcoded-credential',
      'app/src/Api.kt:9:1   warning  Endpoint over http.  cleartext-endpoint',
      '',
      'web/my auth.ts:11:5  info     No state.  oauth-missing-state',
      '',
    ].join('\n'));
    assert.equal(formatText({ ...report, results: [] }, { cwd: '/work/project', color: false, quiet: true }), '');
  });

  it('colors severities and rule ids without breaking the alignment', () => {
    const out = formatText(report, { cwd: '/work/project', color: true, quiet: true });
    assert.equal(out.split('\n')[1], 'app/src/Api.kt:9:1   \x1b[33mwarning\x1b[0m  Endpoint over http.  \x1b[90mcleartext-endpoint\x1b[0m');
    assert.ok(!formatText(report, { cwd: '/work/project', color: false, quiet: false }).includes('\x1b'));
  });

  it('control characters from file names, keys and comments are printed escaped: no colours, no forged log lines', () => {
    const hostile: Report = {
      ...report,
      results: [result('web/a\x1b[31m\n::error::x.ts', [finding('hardcoded-credential', 'error', 0, 0, 4, 'Key assigned to `k\u009b2J\u202e` (abcd…(24 chars)).')])],
      skipped: [{ path: 'web/b\r.ts', reason: 'ignored by the config\'s ignore pattern "b\\r"' }],
      notices: [],
    };
    assert.equal(formatText(hostile, { cwd: '/work/project', color: false, quiet: false }), [
      'web/a\\u001b[31m\\u000a::error::x.ts:1:1  error    Key assigned to `k\\u009b2J\\u202e` (abcd…(24 chars)).  hardcoded-credential',
      '',
      '1 finding (1 error, 0 warnings, 0 info) in 1 file',
      '1 file scanned, 1 skipped:',
      '  web/b\\u000d.ts: ignored by the config\'s ignore pattern "b\\r"',
      '',
    ].join('\n'));
  });
});

describe('JSON format', () => {
  it('has the documented shape, 1-based positions and root-relative paths', () => {
    assert.deepEqual(JSON.parse(formatJson(report)), {
      version: 1,
      tool: { name: 'AuthLint', version: '1.2.3' },
      root: '/work/project',
      findings: [
        {
          ruleId: 'hardcoded-credential', severity: 'error', message: 'OpenAI key sk-p…(51 chars) in source.', path: 'app/src/Api.kt',
          range: { start: { line: 3, column: 15 }, end: { line: 3, column: 58 } },
          related: [{ path: 'app/src/Client.kt', range: { start: { line: 5, column: 9 }, end: { line: 5, column: 16 } }, message: 'used here' }],
        },
        {
          ruleId: 'cleartext-endpoint', severity: 'warning', message: 'Endpoint over http.', path: 'app/src/Api.kt',
          range: { start: { line: 9, column: 1 }, end: { line: 9, column: 21 } }, related: [],
        },
        {
          ruleId: 'oauth-missing-state', severity: 'info', message: 'No state.', path: 'web/my auth.ts',
          range: { start: { line: 11, column: 5 }, end: { line: 11, column: 11 } }, related: [],
        },
      ],
      skipped: [{ path: 'web/app.min.js', reason: 'minified JavaScript (a line of 20001 characters); scan it with --include-minified' }],
      notices: [{ path: 'app/src/Old.java', message: 'not valid UTF-8: undecodable bytes were replaced with U+FFFD' }],
      summary: { findings: 3, error: 1, warning: 1, info: 1, filesScanned: 3, filesSkipped: 1 },
    });
  });

  it('related locations in the same file take the finding\'s path', () => {
    const same = result('A.kt', [finding('hardcoded-credential', 'error', 0, 0, 1, 'm', [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, message: 'use' }])]);
    assert.equal(JSON.parse(formatJson({ ...report, results: [same] })).findings[0].related[0].path, 'A.kt');
  });
});

describe('SARIF format', () => {
  const log = JSON.parse(formatSarif(report));
  const run = log.runs[0];

  it('is one SARIF 2.1.0 run', () => {
    assert.equal(log.$schema, sarifSchema);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/project/' } });
  });

  it('describes the tool and every rule', () => {
    const { driver } = run.tool;
    assert.equal(driver.name, 'AuthLint');
    assert.equal(driver.version, '1.2.3');
    assert.equal(driver.informationUri, 'https://example.test/authlint');
    assert.deepEqual(driver.rules.map((r: { id: string }) => r.id), rules.map(r => r.id));
    assert.deepEqual(driver.rules[0], {
      id: 'hardcoded-credential',
      name: 'HardcodedCredential',
      shortDescription: { text: 'Finds keys.' },
      fullDescription: { text: 'Finds keys. Move them out.' },
      help: { text: 'Move them out.' },
      helpUri: 'https://example.test/authlint/blob/main/docs/rules/hardcoded-credential.md',
      defaultConfiguration: { level: 'error' },
      properties: { category: 'secret', tags: ['security', 'secret'] },
    });
    assert.deepEqual(driver.rules.map((r: { defaultConfiguration: { level: string } }) => r.defaultConfiguration.level), ['error', 'warning', 'note']);
  });

  it('results: rule index, level, message, relative location, 1-based region, related locations', () => {
    assert.equal(run.results.length, 3);
    assert.deepEqual(run.results[0], {
      ruleId: 'hardcoded-credential',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'OpenAI key sk-p…(51 chars) in source.' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'app/src/Api.kt', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 15, endLine: 3, endColumn: 58 } } }],
      relatedLocations: [{
        id: 0,
        physicalLocation: { artifactLocation: { uri: 'app/src/Client.kt', uriBaseId: '%SRCROOT%' }, region: { startLine: 5, startColumn: 9, endLine: 5, endColumn: 16 } },
        message: { text: 'used here' },
      }],
    });
    assert.deepEqual(run.results.map((r: { level: string; ruleIndex: number }) => [r.level, r.ruleIndex]), [['error', 0], ['warning', 1], ['note', 2]]);
    assert.equal(run.results[2].locations[0].physicalLocation.artifactLocation.uri, 'web/my%20auth.ts');
    assert.ok(!('relatedLocations' in run.results[1]));
  });

  it('skipped files and notices are execution notifications of a successful run', () => {
    assert.deepEqual(run.invocations, [{
      executionSuccessful: true,
      toolExecutionNotifications: [
        {
          level: 'warning', descriptor: { id: 'file-skipped' },
          message: { text: 'Not analysed: minified JavaScript (a line of 20001 characters); scan it with --include-minified' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'web/app.min.js', uriBaseId: '%SRCROOT%' } } }],
        },
        {
          level: 'note', descriptor: { id: 'file-notice' },
          message: { text: 'not valid UTF-8: undecodable bytes were replaced with U+FFFD' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'app/src/Old.java', uriBaseId: '%SRCROOT%' } } }],
        },
      ],
    }]);
  });

  it('never carries source text: no snippet, no contextRegion, no absolute URI in results', () => {
    const text = formatSarif(report);
    assert.ok(!/"snippet"|"contextRegion"/.test(text));
    const uris = [...text.matchAll(/"uri": "([^"]*)"/g)].map(m => m[1]);
    assert.deepEqual(uris.filter(u => u.startsWith('file:')), ['file:///work/project/']);
  });
});
