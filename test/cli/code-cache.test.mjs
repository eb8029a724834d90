// dist/cli.js starts the CLI bundle from V8's code cache (server/src/cli/code-cache.ts). The cache may
// only ever make start-up faster: these tests prove that a missing, corrupt, stale or unwritable cache
// changes nothing in what the CLI prints or returns. (Its speed is measured by npm run bench.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SNIPPETS, handlers, makeProject, runCli } from './helpers.mjs';

function project(t) {
  return makeProject(t, { 'app.js': handlers(SNIPPETS.wildcard) });
}

const cacheFiles = (dir) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.v8')) : []);

test('code cache: the first run writes one cache file per bundle it loaded, later runs use them with the same result', (t) => {
  const dir = project(t);
  const cache = path.join(makeProject(t), 'cache');
  const first = runCli(['app.js', '--format', 'json'], { cwd: dir, env: { CORS_LINT_CACHE_DIR: cache } });
  // app.js has CORS code: the CLI bundle and the engine bundle (dist/core.js, loaded for it) each get one.
  assert.deepEqual(cacheFiles(cache).map((f) => f.replace(/-\d+-\d+-v[\d.]+-\w+\.v8$/, '')).sort(), ['cli-main', 'core']);
  const sizes = cacheFiles(cache).map((f) => fs.statSync(path.join(cache, f)).size);
  const second = runCli(['app.js', '--format', 'json'], { cwd: dir, env: { CORS_LINT_CACHE_DIR: cache } });
  assert.equal(second.code, first.code);
  assert.equal(second.stdout, first.stdout);
  assert.deepEqual(cacheFiles(cache).map((f) => fs.statSync(path.join(cache, f)).size), sizes, 'a valid cache is not rewritten');
  if (process.platform !== 'win32') assert.equal(fs.statSync(cache).mode & 0o777, 0o700, 'the cache folder is private');
});

test('code cache: a run where no file mentions CORS never loads the engine, so only the CLI bundle is cached', (t) => {
  const dir = makeProject(t, { 'app.js': handlers(SNIPPETS.clean), 'lib/util.ts': 'export const answer = 42;\n' });
  const cache = path.join(makeProject(t), 'cache');
  const run = runCli(['.', '--format', 'json'], { cwd: dir, env: { CORS_LINT_CACHE_DIR: cache } });
  assert.equal(run.code, 0);
  assert.deepEqual(JSON.parse(run.stdout).files.map((f) => [f.path, f.findings.length]), [['app.js', 0], ['lib/util.ts', 0]]);
  assert.deepEqual(cacheFiles(cache).map((f) => f.replace(/-\d+-\d+-v[\d.]+-\w+\.v8$/, '')), ['cli-main']);
});

test('code cache: a .corslintrc.json does not load the engine either (its parser needs no TypeScript)', (t) => {
  const dir = makeProject(t, { 'app.js': handlers(SNIPPETS.clean), '.corslintrc.json': '{\n  // comments are allowed\n  "rules": { "null-origin": "off", },\n}\n' });
  const cache = path.join(makeProject(t), 'cache');
  const run = runCli(['.', '--format', 'json'], { cwd: dir, env: { CORS_LINT_CACHE_DIR: cache } });
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(cacheFiles(cache).map((f) => f.replace(/-\d+-\d+-v[\d.]+-\w+\.v8$/, '')), ['cli-main']);
  fs.writeFileSync(path.join(dir, '.corslintrc.json'), '{"rules": {"null-origin": "loud"}}');
  const invalid = runCli(['.', '--format', 'json'], { cwd: dir, env: { CORS_LINT_CACHE_DIR: cache } });
  assert.equal(invalid.code, 2);
  assert.match(invalid.stderr, /\.corslintrc\.json:1:27: "rules\.null-origin" must be one of off, info, warning, error/);
  assert.deepEqual(cacheFiles(cache).map((f) => f.replace(/-\d+-\d+-v[\d.]+-\w+\.v8$/, '')), ['cli-main']);
});

test('code cache: a corrupt cache file is ignored and replaced; stale ones are removed', (t) => {
  const dir = project(t);
  const cache = path.join(makeProject(t), 'cache');
  const reference = runCli(['app.js', '--format', 'json'], { cwd: dir, env: { CORS_LINT_CACHE_DIR: 'off' } });
  runCli(['--version'], { env: { CORS_LINT_CACHE_DIR: cache } });
  const [name] = cacheFiles(cache);
  fs.writeFileSync(path.join(cache, name), 'not V8 data at all');
  fs.writeFileSync(path.join(cache, 'cli-main-1-1-v1.0.0-x64.v8'), 'an earlier build');
  const run = runCli(['app.js', '--format', 'json'], { cwd: dir, env: { CORS_LINT_CACHE_DIR: cache } });
  assert.equal(run.code, reference.code);
  assert.equal(run.stdout, reference.stdout);
  assert.deepEqual(cacheFiles(cache).filter((f) => f.startsWith('cli-main-')), [name], 'the stale cache is gone');
  assert.ok(fs.statSync(path.join(cache, name)).size > 1000, 'the corrupt cache was replaced by real data');
});

test('code cache: off, or an unwritable folder, changes nothing', (t) => {
  const dir = project(t);
  const home = makeProject(t);
  const reference = runCli(['app.js', '--format', 'json'], { cwd: dir, env: { CORS_LINT_CACHE_DIR: 'off', HOME: home, XDG_CACHE_HOME: '' } });
  assert.deepEqual(fs.readdirSync(home), [], 'off writes nothing anywhere');
  const blocked = path.join(home, 'a-file');
  fs.writeFileSync(blocked, '');
  const run = runCli(['app.js', '--format', 'json'], { cwd: dir, env: { CORS_LINT_CACHE_DIR: path.join(blocked, 'cache') } });
  assert.equal(run.code, reference.code);
  assert.equal(run.stdout, reference.stdout);
  assert.equal(run.stderr, reference.stderr);
});

test('code cache: a file others can write is never used, and a shared folder gets no cache', { skip: process.platform === 'win32' && 'needs POSIX permissions' }, (t) => {
  const dir = project(t);
  const cache = path.join(makeProject(t), 'cache');
  const reference = runCli(['app.js', '--format', 'json'], { cwd: dir, env: { CORS_LINT_CACHE_DIR: 'off' } });
  runCli(['--version'], { env: { CORS_LINT_CACHE_DIR: cache } });
  const [name] = cacheFiles(cache);
  const file = path.join(cache, name);
  fs.chmodSync(file, 0o666);
  const run = runCli(['app.js', '--format', 'json'], { cwd: dir, env: { CORS_LINT_CACHE_DIR: cache } });
  assert.equal(run.stdout, reference.stdout);
  assert.equal(fs.statSync(file).mode & 0o777, 0o600, 'replaced by a private file');

  const shared = path.join(makeProject(t), 'shared');
  fs.mkdirSync(shared);
  fs.chmodSync(shared, 0o777);
  const inShared = runCli(['app.js', '--format', 'json'], { cwd: dir, env: { CORS_LINT_CACHE_DIR: shared } });
  assert.equal(inShared.stdout, reference.stdout);
  assert.deepEqual(cacheFiles(shared), [], 'nothing written where others can write');
});

test("the CLI's own bundles leave TypeScript out: it comes with the engine (dist/core.js), loaded only when a file passes the prefilter", () => {
  // A top-level `ts.SyntaxKind.X` read in any core module the CLI reaches (the prefilter, config, the import
  // scan) would pull all of TypeScript into these bundles and into every start-up.
  const dist = path.join(path.dirname(new URL(import.meta.url).pathname), '../../dist');
  for (const bundle of ['cli-main.js', 'worker.js']) {
    const text = fs.readFileSync(path.join(dist, bundle), 'utf8');
    assert.ok(!text.includes('createSourceFile'), `${bundle} contains TypeScript's parser`);
    assert.ok(text.length < 1_000_000, `${bundle} is ${text.length} bytes`);
  }
  assert.ok(fs.readFileSync(path.join(dist, 'core.js'), 'utf8').includes('createSourceFile'), 'the check would see TypeScript');
});
