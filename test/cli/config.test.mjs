// .corslintrc.json: found upward from the linted folder, --config overrides, `ignore` globs are
// relative to the config's folder, and every broken config is exit 2 with one line naming file and key.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { SNIPPETS, dump, findingKeys, makeProject, runCli, runJson } from './helpers.mjs';

test('a config in a parent folder applies (searched upward from the linted folder)', (t) => {
  const dir = makeProject(t, {
    '.corslintrc.json': JSON.stringify({ rules: { 'null-origin': 'off' } }),
    'packages/api/src/app.js': SNIPPETS.nullOrigin,
  });
  const result = runCli([], { cwd: path.join(dir, 'packages', 'api') });
  assert.equal(result.code, 0, dump(result));
  assert.match(result.stdout, /^0 problems/m);
});

test('the nearest config wins over one further up', (t) => {
  const dir = makeProject(t, {
    '.corslintrc.json': JSON.stringify({ rules: { 'null-origin': 'off' } }),
    'api/.corslintrc.json': JSON.stringify({ rules: { 'null-origin': 'error' } }),
    'api/app.js': SNIPPETS.nullOrigin,
  });
  const { json, code } = runJson(['api'], { cwd: dir });
  assert.equal(code, 1);
  assert.deepEqual(findingKeys(json), ['api/app.js:1:46 null-origin error']);
});

test('config severities apply: warning raised to error changes the exit code', (t) => {
  const dir = makeProject(t, { 'app.js': SNIPPETS.nullOrigin });
  assert.equal(runCli(['--max-warnings', '5'], { cwd: dir }).code, 0);
  fs.writeFileSync(path.join(dir, '.corslintrc.json'), '{ "rules": { "null-origin": "error" } }');
  const result = runCli(['--max-warnings', '5'], { cwd: dir });
  assert.equal(result.code, 1, dump(result));
  assert.match(result.stdout, /app\.js:1:46 +error +.*null-origin$/m);
});

test('--config FILE is used instead of the searched one', (t) => {
  const dir = makeProject(t, {
    '.corslintrc.json': JSON.stringify({ rules: { 'invalid-origin': 'off' } }),
    'ci/strict.json': JSON.stringify({ rules: {} }),
    'app.js': SNIPPETS.trailingSlash,
  });
  assert.equal(runCli([], { cwd: dir }).code, 0);
  const result = runCli(['--config', 'ci/strict.json'], { cwd: dir });
  assert.equal(result.code, 1, dump(result));
  assert.match(result.stdout, /invalid-origin/);
});

test('--rule overrides the config file', (t) => {
  const dir = makeProject(t, {
    '.corslintrc.json': JSON.stringify({ rules: { 'invalid-origin': 'off' } }),
    'app.js': SNIPPETS.trailingSlash,
  });
  const { json, code } = runJson(['--rule', 'invalid-origin:warning'], { cwd: dir });
  assert.equal(code, 1);
  assert.deepEqual(findingKeys(json), ['app.js:1:46 invalid-origin warning']);
});

test('config "ignore" globs are relative to the config file folder', (t) => {
  const dir = makeProject(t, {
    'project/.corslintrc.json': JSON.stringify({ ignore: ['generated/**', 'src/legacy/*.js', '**/*.fixture.ts'] }),
    'project/generated/api.js': SNIPPETS.nullOrigin,
    'project/src/legacy/old.js': SNIPPETS.nullOrigin,
    'project/src/legacy/deeper/kept.js': SNIPPETS.nullOrigin,
    'project/src/a.fixture.ts': SNIPPETS.nullOrigin,
    'project/src/app.js': SNIPPETS.nullOrigin,
  });
  // Run from below the config folder: the globs still mean project/generated, project/src/legacy.
  const { json } = runJson(['--max-warnings', '-1'], { cwd: path.join(dir, 'project', 'src') });
  assert.deepEqual(json.files.map((f) => f.path), ['app.js', 'legacy/deeper/kept.js']);
});

test('an explicitly named file is linted even when the config ignores it', (t) => {
  const dir = makeProject(t, {
    '.corslintrc.json': JSON.stringify({ ignore: ['generated/'] }),
    'generated/api.js': SNIPPETS.nullOrigin,
  });
  const { json } = runJson(['generated/api.js'], { cwd: dir });
  assert.deepEqual(findingKeys(json), ['generated/api.js:1:46 null-origin warning']);
});

/** Each case: config text -> the stderr line (exit 2, one line, names the file and the key). */
const BROKEN_CONFIGS = [
  ['invalid JSON', '{ "rules": { "null-origin": "off", } ', /^cors-lint: \.corslintrc\.json:1:\d+: not valid JSON \(/],
  ['not JSON at all', 'rules:\n  null-origin: off\n', /^cors-lint: \.corslintrc\.json:1:\d+: not valid JSON/],
  ['empty', '', /^cors-lint: \.corslintrc\.json: the file is empty; expected a JSON object/],
  ['whitespace only', '  \n\n', /^cors-lint: \.corslintrc\.json: the file is empty/],
  ['an array', '["null-origin"]', /^cors-lint: \.corslintrc\.json:1:1: the top level must be a JSON object$/],
  ['unknown rule id', '{\n  "rules": {\n    "nul-origin": "off"\n  }\n}', /^cors-lint: \.corslintrc\.json:3:5: unknown rule "nul-origin" in "rules" \(known rules: /],
  ['bad severity', '{ "rules": { "null-origin": "loud" } }', /^cors-lint: \.corslintrc\.json:1:29: "rules\.null-origin" must be one of off, info, warning, error$/],
  ['unknown key', '{ "rulez": {} }', /^cors-lint: \.corslintrc\.json:1:3: unknown key "rulez"/],
  ['ignore not an array', '{ "ignore": "dist" }', /^cors-lint: \.corslintrc\.json:1:13: "ignore" must be an array of strings$/],
  ['bad rule option value', '{ "rules": { "weak-origin-check": ["warning", { "subdomains": "loud" }] } }', /^cors-lint: \.corslintrc\.json:1:63: option "subdomains" of weak-origin-check must be one of off, info, warning, error, ignore$/],
  ['options for a rule without any', '{ "rules": { "null-origin": ["warning", { "subdomains": "off" }] } }', /^cors-lint: \.corslintrc\.json:1:29: "rules\.null-origin" takes no options; use one of off, info, warning, error$/],
];

for (const [name, text, expected] of BROKEN_CONFIGS) {
  test(`broken config (${name}) -> exit 2, one line naming file and key`, (t) => {
    const dir = makeProject(t, { '.corslintrc.json': text, 'app.js': SNIPPETS.trailingSlash });
    const result = runCli([], { cwd: dir });
    assert.equal(result.code, 2, dump(result));
    assert.equal(result.stderrLines.length, 1, dump(result));
    assert.match(result.stderrLines[0], expected);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
    assert.equal(result.stdout, '', 'nothing is linted with a broken config');
  });
}

test('a config with several problems gives one line per problem', (t) => {
  const dir = makeProject(t, { '.corslintrc.json': '{ "rules": { "a": "off", "b": "off" } }', 'app.js': SNIPPETS.clean });
  const result = runCli([], { cwd: dir });
  assert.equal(result.code, 2);
  assert.deepEqual(result.stderrLines.map((l) => l.replace(/ \(known rules.*/, '')), [
    'cors-lint: .corslintrc.json:1:14: unknown rule "a" in "rules"',
    'cors-lint: .corslintrc.json:1:26: unknown rule "b" in "rules"',
  ]);
});

test('a config with a UTF-8 byte order mark is read', (t) => {
  const dir = makeProject(t, {
    '.corslintrc.json': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{ "rules": { "null-origin": "off" } }')]),
    'app.js': SNIPPETS.nullOrigin,
  });
  const result = runCli([], { cwd: dir });
  assert.equal(result.code, 0, dump(result));
});

test('a huge config is refused without parsing it', (t) => {
  const dir = makeProject(t, { 'app.js': SNIPPETS.clean });
  fs.writeFileSync(path.join(dir, '.corslintrc.json'), `{ "allowedOrigins": [${'"https://a.example", '.repeat(100_000)}"https://b.example"] }`);
  const result = runCli([], { cwd: dir });
  assert.equal(result.code, 2, dump(result));
  assert.equal(result.stderrLines.length, 1);
  assert.match(result.stderrLines[0], /^cors-lint: \.corslintrc\.json: the config file is \d+ KB; a \.corslintrc\.json larger than 1024 KB is not a config file$/);
});

test('--config naming a missing file -> exit 2', (t) => {
  const dir = makeProject(t, { 'app.js': SNIPPETS.clean });
  const result = runCli(['--config', 'nope.json'], { cwd: dir });
  assert.equal(result.code, 2);
  assert.deepEqual(result.stderrLines, ['cors-lint: nope.json: cannot read the config file: no such file or directory (ENOENT)']);
});

test('--config naming a folder -> exit 2', (t) => {
  const dir = makeProject(t, { 'conf/x.js': SNIPPETS.clean });
  const result = runCli(['--config', 'conf'], { cwd: dir });
  assert.equal(result.code, 2);
  assert.deepEqual(result.stderrLines, ['cors-lint: conf: the config must be a JSON file, but this is not a regular file']);
});

test('a folder named .corslintrc.json found by the search -> exit 2', (t) => {
  const dir = makeProject(t, { '.corslintrc.json/x': '', 'app.js': SNIPPETS.clean });
  const result = runCli([], { cwd: dir });
  assert.equal(result.code, 2);
  assert.match(result.stderrLines[0], /^cors-lint: \.corslintrc\.json: the config must be a JSON file/);
});

test('weak-origin-check\'s "subdomains" option sets the severity of any-subdomain checks, for each value', (t) => {
  // Line 2: any subdomain of example.com; line 3: a suffix check an attacker passes (https://evila.com).
  const code = "import cors from 'cors';\napp.use(cors({ origin: /\\.example\\.com$/ }));\nif (req.headers.origin.endsWith('a.com')) res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n";
  const cases = [
    [undefined, ['app.js:2:24 weak-origin-check info', 'app.js:3:5 weak-origin-check warning']],
    [['warning', { subdomains: 'info' }], ['app.js:2:24 weak-origin-check info', 'app.js:3:5 weak-origin-check warning']],
    [['error', { subdomains: 'warning' }], ['app.js:2:24 weak-origin-check warning', 'app.js:3:5 weak-origin-check error']],
    [['info', { subdomains: 'error' }], ['app.js:2:24 weak-origin-check error', 'app.js:3:5 weak-origin-check info']],
    [['warning', { subdomains: 'off' }], ['app.js:3:5 weak-origin-check warning']],
    [['warning', { subdomains: 'ignore' }], ['app.js:3:5 weak-origin-check warning']],
  ];
  for (const [setting, expected] of cases) {
    const files = { 'app.js': code };
    if (setting) files['.corslintrc.json'] = JSON.stringify({ rules: { 'weak-origin-check': setting, 'missing-vary-origin': 'off' } });
    else files['.corslintrc.json'] = JSON.stringify({ rules: { 'missing-vary-origin': 'off' } });
    const dir = makeProject(t, files);
    const { json, code: exit } = runJson(['--max-warnings', '10'], { cwd: dir });
    const keys = findingKeys(json).filter((k) => k.includes('weak-origin-check'));
    assert.deepEqual(keys, expected, JSON.stringify(setting));
    assert.equal(exit, expected.some((k) => k.endsWith('error')) ? 1 : 0, JSON.stringify(setting));
  }
});
