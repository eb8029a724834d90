// The exit-code contract: 0 clean (infos never fail), 1 errors or more warnings than --max-warnings
// (default 0), 2 usage/config errors (covered in args/config/robustness tests). --quiet and --rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SNIPPETS, dump, findingKeys, makeProject, runCli, runJson } from './helpers.mjs';

test('no findings -> 0', (t) => {
  const dir = makeProject(t, { 'app.js': SNIPPETS.clean });
  assert.equal(runCli([], { cwd: dir }).code, 0);
});

test('an error -> 1', (t) => {
  const dir = makeProject(t, { 'app.js': SNIPPETS.trailingSlash });
  const result = runCli([], { cwd: dir });
  assert.equal(result.code, 1, dump(result));
  assert.equal(result.stderr, '');
});

test('info only -> 0', (t) => {
  const dir = makeProject(t, { 'app.js': SNIPPETS.wildcard });
  const result = runJson([], { cwd: dir });
  assert.equal(result.code, 0, dump(result));
  assert.deepEqual(findingKeys(result.json), ['app.js:1:46 permissive-wildcard info']);
});

test('warnings fail by default; --max-warnings N allows up to N', (t) => {
  const dir = makeProject(t, { 'a.js': SNIPPETS.nullOrigin, 'b.js': SNIPPETS.nullOrigin });
  const byDefault = runCli([], { cwd: dir });
  assert.equal(byDefault.code, 1);
  assert.deepEqual(byDefault.stderrLines, ['cors-lint: too many warnings: 2 (--max-warnings is 0)']);
  assert.equal(runCli(['--max-warnings', '2'], { cwd: dir }).code, 0);
  assert.equal(runCli(['--max-warnings=1'], { cwd: dir }).code, 1);
  assert.equal(runCli(['--max-warnings', '-1'], { cwd: dir }).code, 0);
});

test('--max-warnings does not excuse errors', (t) => {
  const dir = makeProject(t, { 'a.js': SNIPPETS.trailingSlash });
  assert.equal(runCli(['--max-warnings', '100'], { cwd: dir }).code, 1);
});

test('--quiet reports errors only; hidden warnings do not fail the run', (t) => {
  const dir = makeProject(t, { 'a.js': SNIPPETS.nullOrigin, 'b.js': SNIPPETS.wildcard });
  const quiet = runJson(['--quiet'], { cwd: dir });
  assert.equal(quiet.code, 0, dump(quiet));
  assert.deepEqual(findingKeys(quiet.json), []);
  const mixed = makeProject(t, { 'a.js': SNIPPETS.nullOrigin, 'b.js': SNIPPETS.trailingSlash });
  const result = runCli(['--quiet'], { cwd: mixed });
  assert.equal(result.code, 1);
  assert.doesNotMatch(result.stdout, /null-origin|warning  /);
  assert.match(result.stdout, /^  b\.js:1:46  error  .*  invalid-origin$/m);
  assert.match(result.stdout, /^1 problem \(1 error, 0 warnings, 0 infos\)$/m);
});

test('--rule sets severities: off removes, info never fails, error fails', (t) => {
  const dir = makeProject(t, { 'a.js': SNIPPETS.nullOrigin });
  assert.equal(runCli(['--rule', 'null-origin:off'], { cwd: dir }).code, 0);
  const info = runJson(['--rule', 'null-origin:info'], { cwd: dir });
  assert.equal(info.code, 0);
  assert.deepEqual(findingKeys(info.json), ['a.js:1:46 null-origin info']);
  const error = runJson(['--rule', 'null-origin:error', '--max-warnings', '10'], { cwd: dir });
  assert.equal(error.code, 1);
  assert.deepEqual(findingKeys(error.json), ['a.js:1:46 null-origin error']);
});

test('--rule unused-disable-directive:<setting> controls directive reports', (t) => {
  const dir = makeProject(t, { 'a.js': `// cors-lint-disable-next-line\n${SNIPPETS.clean}` });
  assert.equal(runCli([], { cwd: dir }).code, 1);
  assert.equal(runCli(['--rule', 'unused-disable-directive:off'], { cwd: dir }).code, 0);
  const error = runJson(['--rule', 'unused-disable-directive:error'], { cwd: dir });
  assert.deepEqual(findingKeys(error.json), ['a.js:1:1 unused-disable-directive error']);
});
