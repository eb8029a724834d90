// Hostile file systems and files: each problem gives one clear stderr line, the run goes on where it
// can, and the exit code follows the contract (2 usage/config, 1 findings or unreadable files).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { CLI, SNIPPETS, dump, findingKeys, makeProject, runCli, runJson } from './helpers.mjs';

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

test('a path that does not exist: one line, the other paths are still linted, exit 2', (t) => {
  const dir = makeProject(t, { 'src/app.js': SNIPPETS.nullOrigin });
  const result = runCli(['nope.js', 'src'], { cwd: dir });
  assert.equal(result.code, 2, dump(result));
  assert.deepEqual(result.stderrLines, ['cors-lint: error: nope.js: no such file or directory']);
  assert.match(result.stdout, /^  src\/app\.js:1:46 +warning +.* null-origin$/m);
});

test('a file named with a trailing slash is not found', (t) => {
  const dir = makeProject(t, { 'app.js': SNIPPETS.clean });
  const result = runCli(['app.js/'], { cwd: dir });
  assert.equal(result.code, 2, dump(result));
  assert.deepEqual(result.stderrLines, ['cors-lint: error: app.js: no such file or directory (a part of the path is a file, not a folder)']);
});

test('a named broken symbolic link says so', (t) => {
  const dir = makeProject(t);
  fs.symlinkSync('gone.js', path.join(dir, 'link.js'));
  const result = runCli(['link.js'], { cwd: dir });
  assert.equal(result.code, 2);
  assert.deepEqual(result.stderrLines, ['cors-lint: error: link.js: no such file or directory (a broken symbolic link)']);
});

/**
 * Permission denied needs a user the permissions apply to: root reads everything, so as root the CLI
 * runs as `nobody` (uid 65534). Where that is impossible the test is skipped, saying why.
 */
function unprivileged(dir) {
  if (!isRoot) return {};
  fs.chmodSync(dir, 0o755);
  const probe = runCli(['--version'], { cwd: dir, uid: NOBODY, gid: NOBODY });
  return probe.code === 0 ? { uid: NOBODY, gid: NOBODY } : undefined;
}

test('an unreadable file (EACCES): one line, the rest is linted, exit 1', (t) => {
  const dir = makeProject(t, { 'a.js': SNIPPETS.clean, 'locked.js': SNIPPETS.clean, 'z.js': SNIPPETS.nullOrigin });
  const as = unprivileged(dir);
  if (!as) return t.skip('running as root and the CLI cannot be run as uid 65534 (nobody) here, so permissions cannot be tested');
  fs.chmodSync(path.join(dir, 'locked.js'), 0o000);
  const result = runJson(['--max-warnings', '5'], { cwd: dir, ...as });
  assert.equal(result.code, 1, `an unchecked file is not a clean result\n${dump(result)}`);
  assert.deepEqual(result.stderrLines, ['cors-lint: error: locked.js: cannot read: permission denied (EACCES)']);
  assert.deepEqual(result.json.files.map((f) => f.path), ['a.js', 'z.js']);
  assert.deepEqual(findingKeys(result.json), ['z.js:1:46 null-origin warning']);
  assert.equal(result.json.summary.unreadableFiles, 1);
  assert.deepEqual(result.json.notices, [{ kind: 'unreadable', level: 'error', message: 'cannot read: permission denied (EACCES)', path: 'locked.js' }]);
});

test('an unreadable folder: one line, the rest is linted, exit 1', (t) => {
  const dir = makeProject(t, { 'private/x.js': SNIPPETS.nullOrigin, 'public/y.js': SNIPPETS.clean });
  const as = unprivileged(dir);
  if (!as) return t.skip('running as root and the CLI cannot be run as uid 65534 (nobody) here, so permissions cannot be tested');
  fs.chmodSync(path.join(dir, 'private'), 0o000);
  const result = runCli([], { cwd: dir, ...as });
  assert.equal(result.code, 1, dump(result));
  assert.deepEqual(result.stderrLines, ['cors-lint: error: private: cannot read folder: permission denied (EACCES)']);
  assert.match(result.stdout, /^Checked 1 file\. 1 file could not be read\.$/m);
});

test('a 50 MB file is skipped with one info line (default limit 2 MB) and does not fail the run', (t) => {
  const dir = makeProject(t, { 'app.js': SNIPPETS.clean, 'huge.js': SNIPPETS.nullOrigin });
  fs.truncateSync(path.join(dir, 'huge.js'), 50 * 1024 * 1024); // sparse: no 50 MB written to disk
  const result = runJson([], { cwd: dir });
  assert.equal(result.code, 0, dump(result));
  assert.deepEqual(result.stderrLines, ['cors-lint: huge.js: skipped: 50 MB is larger than the 2 MB limit (see --max-file-size)']);
  assert.deepEqual(result.json.files.map((f) => f.path), ['app.js']);
  assert.equal(result.json.summary.skippedFiles, 1);
});

test('--max-file-size raises (or lowers) the limit', (t) => {
  const big = `//${'x'.repeat(3 * 1024 * 1024)}\n${SNIPPETS.nullOrigin}`;
  const dir = makeProject(t, { 'big.js': big, 'small.js': SNIPPETS.nullOrigin });
  const byDefault = runJson(['--max-warnings', '-1'], { cwd: dir });
  assert.deepEqual(findingKeys(byDefault.json), ['small.js:1:46 null-origin warning']);
  const raised = runJson(['--max-warnings', '-1', '--max-file-size', '4MB'], { cwd: dir });
  assert.deepEqual(findingKeys(raised.json), ['big.js:2:46 null-origin warning', 'small.js:1:46 null-origin warning']);
  assert.equal(raised.stderr, '');
  const unlimited = runJson(['--max-warnings', '-1', '--max-file-size', '0'], { cwd: dir });
  assert.equal(unlimited.json.files.length, 2);
  const lowered = runCli(['--max-file-size', '10'], { cwd: dir });
  assert.deepEqual(lowered.stderrLines, [
    'cors-lint: big.js: skipped: 3 MB is larger than the 10 bytes limit (see --max-file-size)',
    'cors-lint: small.js: skipped: 54 bytes is larger than the 10 bytes limit (see --max-file-size)',
  ]);
});

test('a binary file (NUL bytes) with a .js name is skipped with one line', (t) => {
  const dir = makeProject(t, {
    'app.js': SNIPPETS.clean,
    'blob.js': Buffer.concat([Buffer.from(SNIPPETS.nullOrigin), Buffer.from([0, 1, 2, 0xff, 0])]),
  });
  const result = runJson([], { cwd: dir });
  assert.equal(result.code, 0, dump(result));
  assert.deepEqual(result.stderrLines, ['cors-lint: blob.js: skipped: a binary file (it contains NUL bytes)']);
  assert.deepEqual(result.json.files.map((f) => f.path), ['app.js']);
});

test('a file that is not UTF-8 is read as Latin-1: findings at the right column, one info line', (t) => {
  // 0xE9 is "é" in Latin-1 and an invalid byte sequence in UTF-8.
  const bytes = Buffer.concat([Buffer.from('/*caf'), Buffer.from([0xe9]), Buffer.from('*/'), Buffer.from(SNIPPETS.nullOrigin)]);
  const dir = makeProject(t, { 'legacy.js': bytes });
  const result = runJson(['--max-warnings', '-1'], { cwd: dir });
  assert.equal(result.code, 0, dump(result));
  assert.deepEqual(findingKeys(result.json), ['legacy.js:1:54 null-origin warning']);
  assert.equal(result.stderrLines.length, 1);
  assert.match(result.stderrLines[0], /^cors-lint: legacy\.js: not valid UTF-8; read as Latin-1/);
});

test('columns count UTF-16 code units, like editors: an emoji before a finding counts 2', (t) => {
  const dir = makeProject(t, { 'app.js': `const s = '😀'; ${SNIPPETS.nullOrigin}` });
  const { json } = runJson(['--max-warnings', '-1'], { cwd: dir });
  assert.deepEqual(findingKeys(json), ['app.js:1:62 null-origin warning']);
  assert.equal(json.files[0].findings[0].endColumn, 68);
});

test('a UTF-8 byte order mark does not shift columns; CRLF and CR line ends count as one line each', (t) => {
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  const dir = makeProject(t, {
    'bom.js': Buffer.concat([bom, Buffer.from(SNIPPETS.nullOrigin)]),
    'crlf.js': `// one\r\n// two\r\n${SNIPPETS.nullOrigin}`,
    'cr.js': `// one\r// two\r${SNIPPETS.nullOrigin}`,
  });
  const { json } = runJson(['--max-warnings', '-1'], { cwd: dir });
  assert.deepEqual(findingKeys(json), [
    'bom.js:1:46 null-origin warning',
    'cr.js:3:46 null-origin warning',
    'crlf.js:3:46 null-origin warning',
  ]);
});

test('a UTF-16 file with a byte order mark is decoded, not taken for binary', (t) => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SNIPPETS.nullOrigin, 'utf16le')]);
  const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(SNIPPETS.nullOrigin, 'utf16le').swap16()]);
  const dir = makeProject(t, { 'le.js': le, 'be.js': be });
  const result = runJson(['--max-warnings', '-1'], { cwd: dir });
  assert.equal(result.stderr, '');
  assert.deepEqual(findingKeys(result.json), ['be.js:1:46 null-origin warning', 'le.js:1:46 null-origin warning']);
});

test('an empty file and a file of only a syntax error are linted without complaint', (t) => {
  const dir = makeProject(t, { 'empty.js': '', 'broken.ts': 'const = = cors(;\n' });
  const result = runCli([], { cwd: dir });
  assert.equal(result.code, 0, dump(result));
  assert.equal(result.stderr, '');
  assert.match(result.stdout, /^Checked 2 files\.$/m);
});

const hasMkfifo = spawnSync('mkfifo', ['--version']).error === undefined;

test('a named pipe is never opened (it would block forever)', { skip: !hasMkfifo && 'mkfifo is not available' }, (t) => {
  const dir = makeProject(t, { 'app.js': SNIPPETS.clean });
  assert.equal(spawnSync('mkfifo', [path.join(dir, 'pipe.js')]).status, 0);
  const walked = runCli([], { cwd: dir });
  assert.equal(walked.code, 0, dump(walked));
  assert.equal(walked.stderr, '');
  const named = runCli(['pipe.js'], { cwd: dir });
  assert.equal(named.code, 0, dump(named));
  assert.deepEqual(named.stderrLines, ['cors-lint: pipe.js: skipped: not a regular file or folder']);
});

test('--output to a folder that does not exist: exit 2 with one line', (t) => {
  const dir = makeProject(t, { 'app.js': SNIPPETS.clean });
  const result = runCli(['--output', 'no/such/dir/report.txt'], { cwd: dir });
  assert.equal(result.code, 2, dump(result));
  assert.deepEqual(result.stderrLines, ['cors-lint: cannot write --output no/such/dir/report.txt: no such file or directory (ENOENT)']);
});

test('workspace code is never executed: a file that would write a marker when run stays inert', (t) => {
  const marker = 'executed.txt';
  const payload = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x');\nimport('./other.mjs');\n${SNIPPETS.nullOrigin}`;
  const dir = makeProject(t, {
    'app.cjs': payload,
    '.corslintrc.json': '{}',
    'other.mjs': `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker)}, 'x');\n`,
  });
  runCli(['--fix'], { cwd: dir });
  assert.equal(fs.existsSync(path.join(dir, marker)), false);
});

const hasShell = process.platform !== 'win32' && spawnSync('sh', ['-c', 'command -v head']).status === 0;

test('a reader that closes the pipe early (`cors-lint | head`) ends the run quietly', { skip: !hasShell && 'needs sh and head' }, (t) => {
  const files = {};
  for (let i = 0; i < 300; i++) files[`f${i}.js`] = SNIPPETS.nullOrigin; // far more output than a pipe buffers
  const dir = makeProject(t, files);
  const result = spawnSync('sh', ['-c', '"$0" "$1" --format sarif | head -c 10 >/dev/null', process.execPath, CLI], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  assert.equal(result.status, 0);
  assert.deepEqual(result.stderr, 'cors-lint: too many warnings: 300 (--max-warnings is 0)\n', 'no EPIPE crash');
});
