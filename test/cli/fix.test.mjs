// --fix: safe fixes are written (atomically, keeping the file's mode, encoding and line ends),
// suggestions never are, and a file changed on disk since it was read is left alone.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { FIX_ALL_CHAIN, FIX_ALL_CHAIN_FIXED } from '../core/fix-cases.mjs';
import { SNIPPETS, dump, findingKeys, handlers, loadSourceModule, makeProject, runCli, runJson } from './helpers.mjs';

const read = (dir, name) => fs.readFileSync(path.join(dir, name), 'utf8');

test('--fix applies the safe fix, reports it per file, and exits on what is left', (t) => {
  const dir = makeProject(t, { 'src/app.js': SNIPPETS.trailingSlash, 'src/clean.js': SNIPPETS.clean });
  const result = runCli(['--fix'], { cwd: dir });
  assert.equal(read(dir, 'src/app.js'), SNIPPETS.trailingSlashFixed);
  assert.equal(read(dir, 'src/clean.js'), SNIPPETS.clean);
  assert.equal(result.code, 0, dump(result));
  assert.equal(result.stdout, 'Fixed 1 problem in 1 file:\n  src/app.js: 1 fix applied\n\n0 problems (0 errors, 0 warnings, 0 infos)\nChecked 2 files.\n');
  assert.deepEqual(fs.readdirSync(path.join(dir, 'src')).sort(), ['app.js', 'clean.js'], 'no temporary files left behind');
});

test('--fix leaves suggestions alone: the file is byte-for-byte unchanged and the error remains', (t) => {
  const dir = makeProject(t, { 'app.js': SNIPPETS.multipleOrigins });
  const { json } = runJson([], { cwd: dir });
  const finding = json.files[0].findings.find((f) => f.ruleId === 'multiple-origins');
  assert.ok(finding.fixes.length > 0 && finding.fixes.every((f) => f.kind === 'suggestion'), 'the rule offers suggestions only');
  const before = fs.statSync(path.join(dir, 'app.js'));
  const result = runCli(['--fix'], { cwd: dir });
  assert.equal(result.code, 1, dump(result));
  assert.equal(read(dir, 'app.js'), SNIPPETS.multipleOrigins);
  assert.equal(fs.statSync(path.join(dir, 'app.js')).ino, before.ino, 'not rewritten');
  assert.match(result.stdout, /^  app\.js:1:46 +error .* multiple-origins$/m);
  assert.doesNotMatch(result.stdout, /Fixed/);
});

test('--fix fixes every fixable problem of a file, positions are reported on the fixed text', (t) => {
  const source = handlers(SNIPPETS.trailingSlash, SNIPPETS.nullOrigin, SNIPPETS.trailingSlash);
  const dir = makeProject(t, { 'app.js': source });
  const { json, code } = runJson(['--fix', '--max-warnings', '5'], { cwd: dir });
  assert.equal(read(dir, 'app.js'), handlers(SNIPPETS.trailingSlashFixed, SNIPPETS.nullOrigin, SNIPPETS.trailingSlashFixed));
  assert.equal(code, 0);
  assert.equal(json.files[0].fixesApplied, 2);
  assert.equal(json.summary.fixesApplied, 2);
  assert.equal(json.summary.filesFixed, 1);
  assert.deepEqual(findingKeys(json), ['app.js:5:46 null-origin warning']);
});

test('--fix with a machine format reports the fixes on stderr', (t) => {
  const dir = makeProject(t, { 'a.js': SNIPPETS.trailingSlash, 'b.js': SNIPPETS.trailingSlash });
  const result = runCli(['--fix', '--format', 'github'], { cwd: dir });
  assert.equal(result.code, 0, dump(result));
  assert.equal(result.stdout, '');
  assert.deepEqual(result.stderrLines, ['cors-lint: fixed 2 problems in 2 files']);
});

test('--fix keeps the file mode', (t) => {
  const dir = makeProject(t, { 'server.js': SNIPPETS.trailingSlash });
  fs.chmodSync(path.join(dir, 'server.js'), 0o754);
  runCli(['--fix'], { cwd: dir });
  assert.equal(read(dir, 'server.js'), SNIPPETS.trailingSlashFixed);
  assert.equal(fs.statSync(path.join(dir, 'server.js')).mode & 0o7777, 0o754);
});

test('--fix through a symbolic link rewrites the target and keeps the link', (t) => {
  const dir = makeProject(t, { 'real/app.js': SNIPPETS.trailingSlash });
  fs.symlinkSync(path.join('real', 'app.js'), path.join(dir, 'link.js'));
  runCli(['--fix', 'link.js'], { cwd: dir });
  assert.ok(fs.lstatSync(path.join(dir, 'link.js')).isSymbolicLink());
  assert.equal(read(dir, 'real/app.js'), SNIPPETS.trailingSlashFixed);
});

test('--fix keeps a byte order mark, CRLF line ends and non-UTF-8 bytes exactly', (t) => {
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  const crlf = (s) => s.replace(/\n/g, '\r\n');
  const latin = Buffer.concat([Buffer.from('/* caf'), Buffer.from([0xe9]), Buffer.from(' */\n'), Buffer.from(SNIPPETS.trailingSlash)]);
  const dir = makeProject(t, {
    'bom.js': Buffer.concat([bom, Buffer.from(crlf(`// x\n${SNIPPETS.trailingSlash}`))]),
    'latin.js': latin,
  });
  const result = runCli(['--fix'], { cwd: dir });
  assert.equal(result.code, 0, dump(result));
  assert.deepEqual(fs.readFileSync(path.join(dir, 'bom.js')), Buffer.concat([bom, Buffer.from(crlf(`// x\n${SNIPPETS.trailingSlashFixed}`))]));
  assert.deepEqual(
    fs.readFileSync(path.join(dir, 'latin.js')),
    Buffer.concat([Buffer.from('/* caf'), Buffer.from([0xe9]), Buffer.from(' */\n'), Buffer.from(SNIPPETS.trailingSlashFixed)]),
  );
});

test('--fix removes an unused cors-lint-disable directive', (t) => {
  const dir = makeProject(t, { 'app.js': `// cors-lint-disable-next-line null-origin\n${SNIPPETS.clean}` });
  const before = runCli([], { cwd: dir });
  assert.equal(before.code, 1, dump(before));
  assert.match(before.stdout, /^  app\.js:1:\d+ +warning .* unused-disable-directive$/m);
  const result = runCli(['--fix'], { cwd: dir });
  assert.equal(result.code, 0, dump(result));
  assert.equal(read(dir, 'app.js'), SNIPPETS.clean);
});

test('--fix --quiet applies only the fixes of reported (error) problems', (t) => {
  const source = `// cors-lint-disable-next-line null-origin\n${SNIPPETS.clean}${SNIPPETS.trailingSlash}`;
  const dir = makeProject(t, { 'app.js': source });
  const result = runCli(['--fix', '--quiet'], { cwd: dir });
  assert.equal(result.code, 0, dump(result));
  assert.equal(read(dir, 'app.js'), `// cors-lint-disable-next-line null-origin\n${SNIPPETS.clean}${SNIPPETS.trailingSlashFixed}`);
});

test('--fix --rule x:off does not apply the fixes of a rule that is off', (t) => {
  const dir = makeProject(t, { 'app.js': SNIPPETS.trailingSlash });
  const result = runCli(['--fix', '--rule', 'invalid-origin:off'], { cwd: dir });
  assert.equal(result.code, 0, dump(result));
  assert.equal(read(dir, 'app.js'), SNIPPETS.trailingSlash);
});

// The changed-on-disk guard cannot be raced deterministically from outside the process, so the
// module is bundled from source and called directly.
const loadFixWriter = (t) => loadSourceModule(t, 'server/src/project/fix-writer.ts');

test('fix-writer: replaces the file when it still holds what was read, keeping its mode', async (t) => {
  const { writeFileIfUnchanged } = await loadFixWriter(t);
  const dir = makeProject(t, { 'app.js': 'old\n' });
  const file = path.join(dir, 'app.js');
  fs.chmodSync(file, 0o640);
  const outcome = writeFileIfUnchanged(file, Buffer.from('old\n'), Buffer.from('new\n'));
  assert.deepEqual(outcome, { ok: true });
  assert.equal(fs.readFileSync(file, 'utf8'), 'new\n');
  assert.equal(fs.statSync(file).mode & 0o7777, 0o640);
  assert.deepEqual(fs.readdirSync(dir), ['app.js']);
});

test('fix-writer: never replaces a file whose content changed since it was read', async (t) => {
  const { writeFileIfUnchanged } = await loadFixWriter(t);
  const dir = makeProject(t, { 'app.js': 'edited in the editor meanwhile\n' });
  const file = path.join(dir, 'app.js');
  const outcome = writeFileIfUnchanged(file, Buffer.from('what cors-lint read\n'), Buffer.from('fixed\n'));
  assert.deepEqual(outcome, { ok: false, reason: 'changed', message: 'not fixed: the file changed on disk while cors-lint was running' });
  assert.equal(fs.readFileSync(file, 'utf8'), 'edited in the editor meanwhile\n');
  assert.deepEqual(fs.readdirSync(dir), ['app.js'], 'the temporary file is removed');
});

test('fix-writer: a file that disappeared is an error, not a crash', async (t) => {
  const { writeFileIfUnchanged } = await loadFixWriter(t);
  const dir = makeProject(t);
  const outcome = writeFileIfUnchanged(path.join(dir, 'gone.js'), Buffer.from('a'), Buffer.from('b'));
  assert.deepEqual(outcome, { ok: false, reason: 'error', message: 'cannot write the fixed file: no such file or directory (ENOENT)' });
  assert.deepEqual(fs.readdirSync(dir), []);
});

test('--fix reaches the fixed point in one run: the same text as the editor\'s fix-all (issue 11 item 9)', (t) => {
  const dir = makeProject(t, { 'chain.js': FIX_ALL_CHAIN });
  const { json } = runJson(['--fix'], { cwd: dir });
  assert.equal(read(dir, 'chain.js'), FIX_ALL_CHAIN_FIXED);
  assert.equal(json.summary.fixesApplied, 5);
});
