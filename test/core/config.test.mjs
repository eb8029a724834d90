import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig, applyRuleOverrides, defaultConfig, isIgnored, analyzeFile } from '../../dist/core.js';

test('a valid config is read', () => {
  const { config, problems } = parseConfig(JSON.stringify({
    $schema: './schemas/corslintrc.schema.json',
    rules: { 'permissive-wildcard': 'off', 'null-origin': 'error' },
    allowedOrigins: ['https://app.example.com'],
    ignore: ['legacy/**'],
    reportUnusedDisableDirectives: 'off',
  }));
  assert.deepEqual(problems, []);
  assert.deepEqual(config.rules, { 'permissive-wildcard': 'off', 'null-origin': 'error' });
  assert.deepEqual(config.allowedOrigins, ['https://app.example.com']);
  assert.deepEqual(config.ignore, ['legacy/**']);
  assert.equal(config.reportUnusedDisableDirectives, 'off');
});

test('broken JSON names the file, line and column, and defaults apply', () => {
  const { config, problems } = parseConfig('{\n  "rules": {\n    "null-origin": "error",\n  \n', '/w/.corslintrc.json');
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /^\/w\/\.corslintrc\.json:\d+:\d+: not valid JSON/);
  assert.deepEqual(config, defaultConfig());
});

test('JSON with comments and trailing commas is read, as VS Code reads it; a byte order mark keeps offsets', () => {
  const text = '\ufeff{\n  // severities\n  "rules": { "null-origin": "off", /* more */ },\n  "ignore": ["a/**",],\n  "colour": 1,\n}\n';
  const { config, problems } = parseConfig(text, 'c.json');
  assert.deepEqual(config.rules, { 'null-origin': 'off' });
  assert.deepEqual(config.ignore, ['a/**']);
  assert.equal(problems.length, 1);
  assert.equal(text.slice(problems[0].offset).startsWith('"colour"'), true);
});

test('what JSON does not allow is a syntax error with its line and column, not read as JavaScript', () => {
  // JavaScript-only syntax (single quotes, bare keys, expressions) is not JSON: the file is reported,
  // and none of it applies.
  for (const [text, position] of [
    ["{'rules': {}}", '1:2'],
    ['{\n  rules: {}\n}', '2:3'],
    ['{"rules": {"null-origin": 1 + 2}}', '1:29'],
    ['{"a": 1} {"b": 2}', '1:10'],
  ]) {
    const { config, problems } = parseConfig(text, 'c.json');
    assert.equal(problems.length, 1, text);
    assert.match(problems[0].message, new RegExp(`^c\\.json:${position}: not valid JSON \\(`), text);
    assert.deepEqual(config, defaultConfig(), text);
  }
  assert.match(parseConfig('{"rules": {"null-origin": "off",\n', 'c.json').problems[0].message, /^c\.json:2:1: not valid JSON \(the file ends early\)/);
});

test('an empty file and a non-object say so', () => {
  assert.match(parseConfig('', 'c.json').problems[0].message, /c\.json: the file is empty/);
  assert.match(parseConfig('[1]', 'c.json').problems[0].message, /top level must be a JSON object/);
});

test('bad keys and values are named, and the valid parts still apply', () => {
  const text = '{"rules": {"null-origin": "loud", "no-such-rule": "error", "reflected-origin": "off"}, "allowedOrigins": "https://a.com", "colour": 1}';
  const { config, problems } = parseConfig(text, '.corslintrc.json');
  const byKey = Object.fromEntries(problems.map((p) => [p.key, p.message]));
  assert.match(byKey['rules.null-origin'], /"rules\.null-origin" must be one of off, info, warning, error/);
  assert.match(byKey['rules.no-such-rule'], /unknown rule "no-such-rule"/);
  assert.match(byKey.allowedOrigins, /"allowedOrigins" must be an array of strings/);
  assert.match(byKey.colour, /unknown key "colour"/);
  assert.deepEqual(config.rules, { 'reflected-origin': 'off' });
  for (const p of problems) assert.equal(typeof p.offset, 'number', `${p.key} has an offset`);
  assert.equal(text.slice(problems.find((p) => p.key === 'colour').offset).startsWith('"colour"'), true);
});

test('--rule overrides are validated', () => {
  const config = defaultConfig();
  assert.deepEqual(applyRuleOverrides(config, ['null-origin:error']), []);
  assert.equal(config.rules['null-origin'], 'error');
  const problems = applyRuleOverrides(config, ['nope:error', 'null-origin:loud', 'bad']);
  assert.equal(problems.length, 3);
  assert.match(problems[0].message, /unknown rule "nope"/);
  assert.match(problems[1].message, /"loud" is not a severity/);
  assert.match(problems[2].message, /not of the form/);
});

test('rule settings change severities and switch rules off', () => {
  const code = "res.setHeader('Access-Control-Allow-Origin', 'null');";
  assert.equal(analyzeFile(code, 'a.js').findings[0].severity, 'warning');
  assert.equal(analyzeFile(code, 'a.js', { ...defaultConfig(), rules: { 'null-origin': 'error' } }).findings[0].severity, 'error');
  assert.deepEqual(analyzeFile(code, 'a.js', { ...defaultConfig(), rules: { 'null-origin': 'off' } }).findings, []);
});

test('ignore globs', () => {
  assert.equal(isIgnored('legacy/a.js', ['legacy/**']), true);
  assert.equal(isIgnored('src/legacy/a.js', ['legacy/**']), false);
  assert.equal(isIgnored('src/legacy/a.js', ['**/legacy/**']), true);
  assert.equal(isIgnored('src/a.test.js', ['*.test.js']), true);
  assert.equal(isIgnored('src/a.js', ['*.test.js']), false);
  assert.equal(isIgnored('gen/x/y.ts', ['gen/']), true);
  assert.equal(isIgnored('a.ts', ['{a,b}.ts']), true);
});

test('a hostile config cannot pollute prototypes or run code', () => {
  const text = '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted2": true}}, "rules": {"__proto__": "error", "toString": "off"}}';
  const { config, problems } = parseConfig(text, '.corslintrc.json');
  assert.equal({}.polluted, undefined);
  assert.equal({}.polluted2, undefined);
  assert.equal(Object.getPrototypeOf(config.rules), Object.prototype);
  assert.deepEqual(Object.keys(config.rules), []);
  assert.ok(problems.some((p) => /unknown key "__proto__"/.test(p.message)));
  assert.ok(problems.some((p) => /unknown rule "toString"/.test(p.message)));
  // JSON only: JavaScript in the file is a syntax error, never evaluated.
  const js = parseConfig("module.exports = (() => { require('fs').writeFileSync('/tmp/pwned', '1'); return {}; })()", '.corslintrc.json');
  assert.match(js.problems[0].message, /not valid JSON/);
});

test('allowedOrigins entries that are not serialized origins are reported and left out', () => {
  const { config, problems } = parseConfig(JSON.stringify({
    allowedOrigins: ['https://ok.example.com', 'https://a.com\nhttps://b.com', "https://a.com'); alert(1); ('", '*', 'null', 'https://app.example.com/', 'http://localhost:5173'],
  }), 'c.json');
  assert.deepEqual(config.allowedOrigins, ['https://ok.example.com', 'http://localhost:5173']);
  assert.deepEqual(problems.map((p) => p.key), ['allowedOrigins[1]', 'allowedOrigins[2]', 'allowedOrigins[3]', 'allowedOrigins[4]', 'allowedOrigins[5]']);
  assert.match(problems[0].message, /"allowedOrigins\[1\]" "https:\/\/a\.com\\nhttps:\/\/b\.com" is not a serialized origin: it contains whitespace/);
  assert.match(problems[4].message, /ends with a slash/);
});

test('rule options: "weak-origin-check": [severity, { "subdomains": … }] is read for each value', () => {
  for (const value of ['off', 'info', 'warning', 'error']) {
    const { config, problems } = parseConfig(JSON.stringify({ rules: { 'weak-origin-check': ['warning', { subdomains: value }] } }));
    assert.deepEqual(problems, [], value);
    assert.equal(config.rules['weak-origin-check'], 'warning');
    assert.deepEqual(config.ruleOptions, { 'weak-origin-check': { subdomains: value } });
  }
  // "ignore" means off; [severity] alone is a severity.
  assert.deepEqual(parseConfig('{"rules": {"weak-origin-check": ["error", {"subdomains": "ignore"}]}}').config.ruleOptions, { 'weak-origin-check': { subdomains: 'off' } });
  const alone = parseConfig('{"rules": {"weak-origin-check": ["error"]}}');
  assert.deepEqual(alone.problems, []);
  assert.equal(alone.config.rules['weak-origin-check'], 'error');
  assert.deepEqual(alone.config.ruleOptions, {});
});

test('rule options: bad shapes and values are named with their key, and the valid parts still apply', () => {
  const text = JSON.stringify({
    rules: {
      'weak-origin-check': ['error', { subdomains: 'loud', anySubdomain: 'info' }],
      'null-origin': ['error', { subdomains: 'info' }],
      'reflected-origin': ['noisy'],
      'insecure-origin': [],
      'permissive-wildcard': ['off'],
      'invalid-origin': ['warning', 'extra', 'more'],
      'missing-vary-origin': 'info',
    },
  });
  const { config, problems } = parseConfig(text, '.corslintrc.json');
  const byKey = Object.fromEntries(problems.map((p) => [p.key, p.message]));
  assert.equal(byKey['rules.weak-origin-check[1].subdomains'], '.corslintrc.json: option "subdomains" of weak-origin-check must be one of off, info, warning, error, ignore');
  assert.equal(byKey['rules.weak-origin-check[1].anySubdomain'], '.corslintrc.json: unknown option "anySubdomain" of weak-origin-check (known options: subdomains)');
  assert.equal(byKey['rules.null-origin'], '.corslintrc.json: "rules.null-origin" takes no options; use one of off, info, warning, error');
  assert.equal(byKey['rules.reflected-origin[0]'], '.corslintrc.json: "rules.reflected-origin[0]" must be one of off, info, warning, error');
  assert.equal(byKey['rules.insecure-origin'], '.corslintrc.json: "rules.insecure-origin" takes no options; use one of off, info, warning, error');
  assert.equal(byKey['rules.invalid-origin'], '.corslintrc.json: "rules.invalid-origin" takes no options; use one of off, info, warning, error');
  assert.equal(problems.length, 6);
  for (const p of problems) assert.equal(typeof p.offset, 'number', `${p.key} has an offset`);
  assert.equal(text.slice(problems.find((p) => p.key === 'rules.weak-origin-check[1].subdomains').offset).startsWith('"loud"'), true);
  // The severity of the rule with a bad option still applies; its options are what was valid (none).
  assert.deepEqual(config.rules, { 'weak-origin-check': 'error', 'missing-vary-origin': 'info', 'permissive-wildcard': 'off' });
  assert.deepEqual(config.ruleOptions, { 'weak-origin-check': {} });
});

test('rule options: a bad severity or options that are not an object, for the rule that takes options', () => {
  const { config, problems } = parseConfig('{"rules": {"weak-origin-check": ["loud", {"subdomains": "info"}]}}', 'c.json');
  // Nothing of the entry applies when its severity is not one.
  assert.deepEqual(problems.map((p) => [p.key, p.message]), [['rules.weak-origin-check[0]', 'c.json: "rules.weak-origin-check[0]" must be one of off, info, warning, error']]);
  assert.deepEqual(config.rules, {});
  const notObject = parseConfig('{"rules": {"weak-origin-check": ["info", "subdomains"]}}', 'c.json');
  assert.deepEqual(notObject.problems.map((p) => [p.key, p.message]), [['rules.weak-origin-check[1]', 'c.json: "rules.weak-origin-check[1]" must be an object of options (known options: subdomains)']]);
  assert.equal(notObject.config.rules['weak-origin-check'], 'info');
  const wrongShape = parseConfig('{"rules": {"weak-origin-check": 3}}', 'c.json');
  assert.deepEqual(wrongShape.problems.map((p) => p.message), ['c.json: "rules.weak-origin-check" must be one of off, info, warning, error, or [severity, { options }]']);
});
