// Text edits and the string literals fixes generate: the CLI's --fix (applyEdits) must produce exactly
// what an LSP client produces from the same edits, and generated literals must parse for any text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFile, applyEdits, parseConfig, parseSource, syntaxErrorCount } from '../../dist/core.js';

test('edits that start at one offset apply in array order, as in LSP', () => {
  assert.equal(applyEdits('x', [{ start: 0, end: 0, newText: 'a' }, { start: 0, end: 0, newText: 'b' }]), 'abx');
  assert.equal(applyEdits('hello world', [{ start: 6, end: 11, newText: 'there' }, { start: 0, end: 0, newText: '> ' }, { start: 11, end: 11, newText: '!' }]), '> hello there!');
  assert.throws(() => applyEdits('abcdef', [{ start: 0, end: 4, newText: '' }, { start: 2, end: 5, newText: '' }]), /overlapping edits/);
});

test('a fix that declares an allowlist and uses it puts the declaration first', () => {
  const code = "app.put('/x', (req, res) => { res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com'); res.json({}); });\n";
  const finding = analyzeFile(code, 'app.js').findings.find((f) => f.ruleId === 'missing-preflight');
  assert.ok(finding, 'missing-preflight is reported');
  for (const fix of finding.fixes) {
    const output = applyEdits(code, fix.edits);
    assert.equal(syntaxErrorCount(parseSource(output, 'app.js')), 0, output);
  }
});

test('fixes quote configured origins and header text so the output parses', () => {
  // parseConfig refuses such origins; the fixers must still never emit a broken literal.
  const { config } = parseConfig(JSON.stringify({ allowedOrigins: ['https://app.example.com'] }));
  config.allowedOrigins.push("https://a.com'\n\u2028\\");
  const code = "app.use(cors({ origin: true, credentials: true }));\nres.setHeader('Access-Control-Allow-Origin', 'null');\n";
  const findings = analyzeFile(code, 'app.js', config).findings;
  assert.ok(findings.some((f) => f.fixes.length > 0));
  for (const finding of findings) {
    for (const fix of finding.fixes) {
      const output = applyEdits(code, fix.edits);
      assert.equal(syntaxErrorCount(parseSource(output, 'app.js')), 0, `${finding.ruleId} / ${fix.title}:\n${output}`);
    }
  }
});

test('subdomain regex fixes are offered only for plain host names', () => {
  const titles = (code) => analyzeFile(code, 'app.js').findings.flatMap((f) => f.fixes.map((x) => x.title));
  assert.ok(titles("app.use(cors({ origin: 'https://*.example.com' }));").some((t) => /anchored regular expression/.test(t)));
  assert.ok(!titles("app.use(cors({ origin: 'https://*.exa\u2028mple.com' }));").some((t) => /anchored regular expression/.test(t)));
});
