// The audit model: engine offsets -> 1-based lines and UTF-16 columns, relative paths, which policies
// are risky, and the summary every renderer prints.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GENERATED_AT, core, examplesAudit, findingAt, policyAt, report } from './helpers.mjs';

const { buildAuditReport, summarize, policyRisks } = report;

test('line and column count UTF-16 code units after non-ASCII text, like the editor', () => {
  // Line 2 has an accented letter (1 UTF-16 unit, 2 UTF-8 bytes) and an emoji (2 units, 4 bytes)
  // before the finding; line 3 ends in \r\n and line 4 in a lone \r.
  const text = "const express = require('express');\napp.get('/café', (req, res) => { /* 😀 */ res.setHeader('Access-Control-Allow-Origin', 'https://a.com/'); });\r\nlet a;\rres.setHeader('Access-Control-Allow-Origin', 'null');\n";
  const result = core.analyzeFile(text, '/repo/src/app.js');
  const audit = buildAuditReport('/repo', [{ path: '/repo/src/app.js', text, result }], 7, { generatedAt: GENERATED_AT });
  const [file] = audit.files;
  assert.equal(file.path, 'src/app.js');

  const invalid = file.findings.find((f) => f.ruleId === 'invalid-origin');
  assert.ok(invalid, JSON.stringify(file.findings));
  // `app.get('/café', (req, res) => { /* 😀 */ res.setHeader('Access-Control-Allow-Origin', ` is 87 UTF-16
  // units (90 UTF-8 bytes), so the literal 'https://a.com/' starts at column 88 and ends before 104.
  assert.deepEqual(
    { line: invalid.line, column: invalid.column, endLine: invalid.endLine, endColumn: invalid.endColumn },
    { line: 2, column: 88, endLine: 2, endColumn: 104 },
  );
  const line2 = text.split('\n')[1];
  assert.equal(line2.slice(invalid.column - 1, invalid.endColumn - 1), "'https://a.com/'");
  assert.equal(Buffer.byteLength(line2.slice(0, invalid.column - 1)), 90, 'a byte-counting column would say 91');

  const nullOrigin = file.findings.find((f) => f.ruleId === 'null-origin');
  assert.ok(nullOrigin, JSON.stringify(file.findings));
  assert.deepEqual([nullOrigin.line, nullOrigin.column, nullOrigin.endLine, nullOrigin.endColumn], [4, 46, 4, 52]);
  assert.equal(invalid.message, result.findings.find((f) => f.ruleId === 'invalid-origin').message);
});

test('ranges over several lines, offsets at the ends of the text, and \\r\\n counted as one break', () => {
  const text = 'a\r\nbb\r\n\r\nccc';
  const entry = {
    path: 'x.js',
    text,
    result: { findings: [{ ...findingAt(text, 'bb\r\n\r\nc', 'multiple-origins', 'error') }, { ...findingAt(text, 'a', 'insecure-origin', 'warning'), end: text.length + 50 }], policies: [] },
  };
  const [file] = buildAuditReport('/', [entry], 0, { generatedAt: GENERATED_AT }).files;
  assert.deepEqual(file.findings.map((f) => [f.line, f.column, f.endLine, f.endColumn]), [[2, 1, 4, 2], [1, 1, 4, 4]]);
});

test('paths become root-relative with / separators; files with nothing to show are left out but counted', () => {
  const text = "res.setHeader('Access-Control-Allow-Origin', '*');\n";
  const policy = policyAt(text, "res.setHeader('Access-Control-Allow-Origin', '*')", { origins: { kind: 'any' } });
  const empty = { findings: [], policies: [] };
  const audit = buildAuditReport('C:\\work\\app\\', [
    { path: 'C:\\work\\app\\src\\z.js', text, result: { findings: [], policies: [policy] } },
    { path: 'C:\\work\\app\\clean.js', text: '', result: empty },
    { path: 'lib/a.ts', text, result: { findings: [findingAt(text, "'*'", 'permissive-wildcard', 'info')], policies: [] } },
    { path: 'D:\\elsewhere\\b.js', text, result: { findings: [], policies: [policy] } },
  ], 42, { generatedAt: new Date(GENERATED_AT) });
  assert.equal(audit.root, 'C:\\work\\app\\');
  assert.equal(audit.generatedAt, GENERATED_AT);
  assert.equal(audit.durationMs, 42);
  assert.equal(audit.filesScanned, 4);
  assert.deepEqual(audit.files.map((f) => f.path), ['D:/elsewhere/b.js', 'lib/a.ts', 'src/z.js']);
  const [p] = audit.files[2].policies;
  assert.deepEqual([p.line, p.column, p.endLine, p.endColumn], [1, 1, 1, 50]);
  assert.deepEqual(p.origins, { kind: 'any' });
  assert.deepEqual(Object.keys(audit.files[1].findings[0]).sort(), ['column', 'endColumn', 'endLine', 'line', 'message', 'ruleId', 'severity']);
});

test('a policy carries the severities of the findings inside it; the report does not alias engine results', () => {
  const text = "res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\nres.setHeader('Vary', 'x');\n";
  const policy = policyAt(text, "res.setHeader('Access-Control-Allow-Origin', req.headers.origin)", {
    origins: { kind: 'list', origins: ['https://a.example'] },
    methods: ['GET'],
    findings: ['reflected-origin'],
  });
  const inside = findingAt(text, 'req.headers.origin', 'reflected-origin', 'error');
  const outside = findingAt(text, "'x'", 'missing-vary-origin', 'warning');
  const audit = buildAuditReport('/r', [{ path: '/r/a.js', text, result: { findings: [inside, outside], policies: [policy] } }], 1, { generatedAt: GENERATED_AT });
  const [p] = audit.files[0].policies;
  assert.deepEqual(p.problems, [{ ruleId: 'reflected-origin', severity: 'error' }]);
  assert.deepEqual(p.findings, ['reflected-origin']);
  policy.origins.origins.push('https://later.example');
  policy.methods.push('PUT');
  assert.deepEqual(p.origins.origins, ['https://a.example']);
  assert.deepEqual(p.methods, ['GET']);
});

test('risky policies: reflected, weakly checked, null, * with credentials, or an error inside', () => {
  const base = { source: 'header', framework: 'express', credentials: false, preflight: 'not-needed', vary: true, findings: [], problems: [], start: 0, end: 1, line: 1, column: 1, endLine: 1, endColumn: 2 };
  const risks = (fields) => policyRisks({ ...base, ...fields });
  assert.deepEqual(risks({ origins: { kind: 'reflected' } }), ['reflected']);
  assert.deepEqual(risks({ origins: { kind: 'weakly-checked', detail: 'endsWith' } }), ['weakly-checked']);
  assert.deepEqual(risks({ origins: { kind: 'null' } }), ['null-origin']);
  assert.deepEqual(risks({ origins: { kind: 'list', origins: ['https://a.example', 'null'] } }), ['null-origin']);
  assert.deepEqual(risks({ origins: { kind: 'any' }, credentials: true }), ['any-with-credentials']);
  assert.deepEqual(risks({ origins: { kind: 'any' } }), [], 'a public * without credentials is not risky');
  assert.deepEqual(risks({ origins: { kind: 'list', origins: ['https://a.example/'] }, problems: [{ ruleId: 'invalid-origin', severity: 'error' }] }), ['error-finding']);
  assert.deepEqual(risks({ origins: { kind: 'list', origins: ['http://a.example'] }, problems: [{ ruleId: 'insecure-origin', severity: 'warning' }] }), []);
  assert.deepEqual(risks({ origins: { kind: 'reflected' }, credentials: true, problems: [{ ruleId: 'reflected-origin', severity: 'error' }] }), ['reflected', 'error-finding']);
});

test('summarize counts findings by severity and rule, policies by origin kind, and risky policies', () => {
  const text = 'aaaa\nbbbb\ncccc\n';
  const f = (needle, ruleId, severity) => findingAt(text, needle, ruleId, severity);
  const p = (needle, fields) => policyAt(text, needle, fields);
  const audit = buildAuditReport('/r', [
    {
      path: '/r/one.js',
      text,
      result: {
        findings: [f('aaaa', 'reflected-origin', 'error'), f('bbbb', 'reflected-origin', 'warning'), f('cccc', 'permissive-wildcard', 'info')],
        policies: [p('aaaa', { origins: { kind: 'reflected' }, credentials: true }), p('cccc', { origins: { kind: 'any' } })],
      },
    },
    { path: '/r/two.js', text, result: { findings: [f('aaaa', 'invalid-origin', 'error')], policies: [p('aaaa', { origins: { kind: 'list', origins: ['https://a/'] } })] } },
    { path: '/r/three.js', text, result: { findings: [], policies: [p('bbbb', { origins: { kind: 'weakly-checked', detail: 'd' } })] } },
    { path: '/r/four.js', text, result: { findings: [], policies: [] } },
  ], 10, { generatedAt: GENERATED_AT });
  assert.deepEqual(summarize(audit), {
    filesScanned: 4,
    filesWithFindings: 2,
    findings: { error: 2, warning: 1, info: 1, total: 4 },
    byRule: [
      { ruleId: 'reflected-origin', error: 1, warning: 1, info: 0, total: 2 },
      { ruleId: 'invalid-origin', error: 1, warning: 0, info: 0, total: 1 },
      { ruleId: 'permissive-wildcard', error: 0, warning: 0, info: 1, total: 1 },
    ],
    // one.js reflected (risky); one.js * without credentials (not); two.js error inside (risky); three.js weak (risky).
    policies: { total: 4, risky: 3, byOriginKind: { any: 1, reflected: 1, 'weakly-checked': 1, list: 1, null: 0, disabled: 0, unknown: 0 } },
  });
});

test('the examples/ audit: every engine finding and policy is in the report, at its place', () => {
  const { entries, audit } = examplesAudit();
  const summary = summarize(audit);
  assert.equal(audit.filesScanned, entries.length);
  assert.equal(summary.findings.total, entries.reduce((n, e) => n + e.result.findings.length, 0));
  assert.equal(summary.policies.total, entries.reduce((n, e) => n + e.result.policies.length, 0));
  assert.ok(summary.findings.error > 0 && summary.policies.risky > 0 && summary.policies.risky < summary.policies.total, JSON.stringify(summary));
  for (const entry of entries) {
    const file = audit.files.find((f) => entry.path.endsWith(`/${f.path}`));
    if (entry.result.findings.length + entry.result.policies.length === 0) {
      assert.equal(file, undefined);
      continue;
    }
    const lines = entry.text.split(/\r\n|\r|\n/);
    entry.result.findings.forEach((finding, i) => {
      const reported = file.findings[i];
      assert.equal(reported.ruleId, finding.ruleId);
      const snippet = entry.text.slice(finding.start, finding.end).split(/\r\n|\r|\n/)[0];
      assert.equal(lines[reported.line - 1].slice(reported.column - 1, reported.column - 1 + snippet.length), snippet, `${file.path} ${finding.ruleId}`);
    });
  }
});

test('results that already carry positions (the CLI\'s FileReport) give the same report, without extra fields', () => {
  const text = "x;\nres.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n";
  const policy = policyAt(text, "res.setHeader('Access-Control-Allow-Origin', req.headers.origin)", { origins: { kind: 'reflected' }, findings: ['reflected-origin'] });
  const finding = findingAt(text, 'req.headers.origin', 'reflected-origin', 'warning');
  const fromText = buildAuditReport('/repo', [{ path: '/repo/src/a.js', text, result: { findings: [finding], policies: [policy] } }], 3, { generatedAt: GENERATED_AT });
  const fromLocated = report.auditReportFromLocated('/repo', [
    {
      path: 'src/a.js',
      displayPath: 'src/a.js',
      absolutePath: '/repo/src/a.js',
      fixesApplied: 0,
      findings: [{ ...finding, line: 2, column: 46, endLine: 2, endColumn: 64, related: [], fixes: [{ title: 't', kind: 'suggestion', edits: [] }] }],
      policies: [{ ...policy, line: 2, column: 1, endLine: 2, endColumn: 65 }],
    },
    { path: 'src/clean.js', findings: [], policies: [] },
  ], 2, 3, { generatedAt: GENERATED_AT });
  assert.deepEqual(fromLocated, { ...fromText, filesScanned: 2 });
  assert.deepEqual(fromText.files[0].findings[0], { ruleId: 'reflected-origin', severity: 'warning', message: 'reflected-origin here', line: 2, column: 46, endLine: 2, endColumn: 64 });
  assert.deepEqual(fromText.files[0].policies[0].problems, [{ ruleId: 'reflected-origin', severity: 'warning' }]);
});
