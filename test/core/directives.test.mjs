import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFile, applyEdits, defaultConfig } from '../../dist/core.js';

const NULL = "res.setHeader('Access-Control-Allow-Origin', 'null');";
const ids = (code, config) => analyzeFile(code, 'a.js', config).findings.map((f) => f.ruleId);

test('disable-next-line with a rule list and a reason', () => {
  assert.deepEqual(ids(`// cors-lint-disable-next-line null-origin -- sandboxed viewer needs it\n${NULL}`), []);
  assert.deepEqual(ids(`// cors-lint-disable-next-line reflected-origin, null-origin\n${NULL}`).filter((i) => i !== 'unused-disable-directive'), []);
});

test('disable-line, file-level and all-rules forms', () => {
  assert.deepEqual(ids(`${NULL} // cors-lint-disable-line null-origin`), []);
  assert.deepEqual(ids(`/* cors-lint-disable null-origin */\nfoo();\n${NULL}`), []);
  assert.deepEqual(ids(`// cors-lint-disable-next-line\n${NULL}`), []);
});

test('a directive for another rule or line does not suppress', () => {
  const r = analyzeFile(`// cors-lint-disable-next-line reflected-origin\n${NULL}`, 'a.js');
  assert.deepEqual(r.findings.map((f) => f.ruleId), ['unused-disable-directive', 'null-origin']);
  assert.deepEqual(ids(`// cors-lint-disable-next-line null-origin\n\n${NULL}`), ['unused-disable-directive', 'null-origin']);
});

test('unused directives are reported with a fix that removes them', () => {
  const code = `// cors-lint-disable-next-line null-origin\nconst x = 1;\nres.setHeader('Access-Control-Allow-Origin', '*');`;
  const unused = analyzeFile(code, 'a.js').findings.find((f) => f.ruleId === 'unused-disable-directive');
  assert.equal(unused.severity, 'warning');
  assert.match(unused.message, /no null-origin problem is reported here/);
  assert.equal(code.slice(unused.start, unused.end), 'null-origin');
  assert.equal(applyEdits(code, unused.fixes[0].edits), "const x = 1;\nres.setHeader('Access-Control-Allow-Origin', '*');");
});

test('one unused id of two is removed from the list', () => {
  const code = `// cors-lint-disable-next-line null-origin, reflected-origin\n${NULL}`;
  const unused = analyzeFile(code, 'a.js').findings.filter((f) => f.ruleId === 'unused-disable-directive');
  assert.equal(unused.length, 1);
  assert.equal(applyEdits(code, unused[0].fixes[0].edits), `// cors-lint-disable-next-line null-origin\n${NULL}`);
});

test('unknown rule ids in directives are reported; the report can be switched off', () => {
  const code = `// cors-lint-disable-next-line no-such-rule\n${NULL}`;
  assert.match(analyzeFile(code, 'a.js').findings[0].message, /Unknown rule "no-such-rule"/);
  assert.deepEqual(ids(code, { ...defaultConfig(), reportUnusedDisableDirectives: 'off' }), ['null-origin']);
});

test('directive text inside strings and templates is not a directive', () => {
  assert.deepEqual(ids(`const s = '// cors-lint-disable-next-line null-origin';\n${NULL}`), ['null-origin']);
  assert.deepEqual(ids(`const s = \`\n// cors-lint-disable-next-line null-origin\n\`;\n${NULL}`), ['null-origin']);
});
