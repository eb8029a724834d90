// Which files are linted: extensions, skipped folders, minified files, .gitignore, explicit paths,
// symbolic links, ordering.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { SNIPPETS, dump, makeProject, runCli, runJson } from './helpers.mjs';

const lintedPaths = (dir, args = []) => {
  const result = runJson(['--max-warnings', '-1', ...args], { cwd: dir });
  assert.notEqual(result.code, 2, `unexpected usage error\n${result.stderr}`);
  return result.json.files.map((f) => f.path);
};

test('every JS/TS extension is linted; .d.ts, *.min.js and other files are not', (t) => {
  const files = {};
  for (const name of ['a.js', 'b.jsx', 'c.ts', 'd.tsx', 'e.mjs', 'f.cjs', 'g.mts', 'h.cts', 'UPPER.JS']) files[name] = SNIPPETS.nullOrigin;
  for (const name of ['types.d.ts', 'types.d.mts', 'vendor.min.js', 'readme.md', 'data.json', 'script.sh', 'noext']) files[name] = SNIPPETS.nullOrigin;
  const dir = makeProject(t, files);
  assert.deepEqual(lintedPaths(dir), ['UPPER.JS', 'a.js', 'b.jsx', 'c.ts', 'd.tsx', 'e.mjs', 'f.cjs', 'g.mts', 'h.cts']);
});

test('node_modules, .git and build output folders are skipped at any depth', (t) => {
  const skipped = ['node_modules', '.git', 'dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.svelte-kit', '.output', '.vercel', '.turbo', '.cache'];
  const files = { 'src/app.js': SNIPPETS.nullOrigin };
  for (const name of skipped) {
    files[`${name}/x.js`] = SNIPPETS.nullOrigin;
    files[`packages/api/${name}/y.js`] = SNIPPETS.nullOrigin;
  }
  files['packages/api/index.js'] = SNIPPETS.nullOrigin;
  const dir = makeProject(t, files);
  assert.deepEqual(lintedPaths(dir), ['packages/api/index.js', 'src/app.js']);
});

test('an explicitly named file is always linted, whatever its name or folder', (t) => {
  const dir = makeProject(t, {
    'node_modules/pkg/index.js': SNIPPETS.nullOrigin,
    'vendor.min.js': SNIPPETS.nullOrigin,
    'server.js.txt': SNIPPETS.nullOrigin,
  });
  assert.deepEqual(lintedPaths(dir, ['node_modules/pkg/index.js', 'vendor.min.js', 'server.js.txt']), [
    'node_modules/pkg/index.js',
    'server.js.txt',
    'vendor.min.js',
  ]);
});

test('an explicitly named folder is walked even if its name is on the skip list; its insides are still filtered', (t) => {
  const dir = makeProject(t, {
    'build/server.js': SNIPPETS.nullOrigin,
    'build/node_modules/dep.js': SNIPPETS.nullOrigin,
  });
  assert.deepEqual(lintedPaths(dir, ['build']), ['build/server.js']);
});

test('.gitignore: names, anchored paths, folder-only patterns, globs, negation, comments, nested files', (t) => {
  const dir = makeProject(t, {
    '.gitignore': [
      '# generated code',
      'generated/',
      '/tmp.js',
      '*.gen.ts',
      '!keep.gen.ts',
      'logs/**/*.js',
      'secret[0-9].js',
      '\\#hash.js',
      'trailing.js   ',
      '',
    ].join('\n'),
    'generated/a.js': SNIPPETS.nullOrigin,
    'src/generated/b.js': SNIPPETS.nullOrigin,
    'tmp.js': SNIPPETS.nullOrigin,
    'src/tmp.js': SNIPPETS.nullOrigin, // anchored pattern: only the top-level tmp.js
    'src/api.gen.ts': SNIPPETS.nullOrigin,
    'src/keep.gen.ts': SNIPPETS.nullOrigin,
    'logs/x/y/z.js': SNIPPETS.nullOrigin,
    'logs/top.ts': SNIPPETS.nullOrigin,
    'secret1.js': SNIPPETS.nullOrigin,
    'secretA.js': SNIPPETS.nullOrigin,
    '#hash.js': SNIPPETS.nullOrigin,
    'trailing.js': SNIPPETS.nullOrigin,
    'lib/.gitignore': 'local.js\n!/keep-local.js\n',
    'lib/local.js': SNIPPETS.nullOrigin,
    'lib/sub/local.js': SNIPPETS.nullOrigin,
    'lib/index.js': SNIPPETS.nullOrigin,
    'other/local.js': SNIPPETS.nullOrigin,
  });
  assert.deepEqual(lintedPaths(dir), [
    'lib/index.js',
    'logs/top.ts',
    'other/local.js',
    'secretA.js',
    'src/keep.gen.ts',
    'src/tmp.js',
  ]);
});

test('.gitignore: a deeper negation re-includes, a folder-only pattern does not match a file', (t) => {
  const dir = makeProject(t, {
    '.gitignore': '*.local.js\ncache.js/\n',
    'a.local.js': SNIPPETS.nullOrigin,
    'pkg/.gitignore': '!b.local.js\n',
    'pkg/b.local.js': SNIPPETS.nullOrigin,
    'pkg/c.local.js': SNIPPETS.nullOrigin,
    'cache.js': SNIPPETS.nullOrigin,
  });
  assert.deepEqual(lintedPaths(dir), ['cache.js', 'pkg/b.local.js']);
});

test('.gitignore of the repository root applies when linting a subfolder', (t) => {
  const dir = makeProject(t, {
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.gitignore': 'generated/\n',
    'packages/api/generated/x.js': SNIPPETS.nullOrigin,
    'packages/api/src/app.js': SNIPPETS.nullOrigin,
  });
  assert.deepEqual(lintedPaths(path.join(dir, 'packages', 'api')), ['src/app.js']);
});

test('an explicitly named file inside a .gitignored folder is linted', (t) => {
  const dir = makeProject(t, { '.gitignore': 'generated/\n', 'generated/x.js': SNIPPETS.nullOrigin });
  assert.deepEqual(lintedPaths(dir), []);
  assert.deepEqual(lintedPaths(dir, ['generated/x.js']), ['generated/x.js']);
});

test('output is ordered by path whatever the argument order; duplicates are linted once', (t) => {
  const dir = makeProject(t, {
    'z/app.js': SNIPPETS.nullOrigin,
    'a/app.js': SNIPPETS.nullOrigin,
    'm.js': SNIPPETS.nullOrigin,
    'a/b/c.js': SNIPPETS.nullOrigin,
  });
  const result = runCli(['--max-warnings', '-1', 'z', 'm.js', 'a', 'a/app.js', '.'], { cwd: dir });
  const headers = result.stdout.split('\n').filter((l) => /^\S+\.js$/.test(l));
  assert.deepEqual(headers, ['a/app.js', 'a/b/c.js', 'm.js', 'z/app.js'], dump(result));
});

test('paths outside the working directory are reported relative to their common folder', (t) => {
  const dir = makeProject(t, { 'proj/src/app.js': SNIPPETS.nullOrigin, 'proj/lib/x.js': SNIPPETS.nullOrigin });
  const elsewhere = makeProject(t);
  const { json } = runJson(['--max-warnings', '-1', path.join(dir, 'proj', 'src'), path.join(dir, 'proj', 'lib')], { cwd: elsewhere });
  assert.equal(json.root, path.join(dir, 'proj'));
  assert.deepEqual(json.files.map((f) => f.path), ['lib/x.js', 'src/app.js']);
});

test('a symbolic link loop ends the walk with one message; the rest is linted', (t) => {
  const dir = makeProject(t, { 'src/app.js': SNIPPETS.nullOrigin, 'src/nested/deep.js': SNIPPETS.nullOrigin });
  fs.symlinkSync('..', path.join(dir, 'src', 'nested', 'up'));
  fs.symlinkSync('.', path.join(dir, 'src', 'self'));
  const result = runJson(['--max-warnings', '-1'], { cwd: dir });
  assert.equal(result.code, 0, dump(result));
  assert.deepEqual(result.json.files.map((f) => f.path), ['src/app.js', 'src/nested/deep.js']);
  assert.deepEqual(result.stderrLines.sort(), [
    'cors-lint: src/nested/up: skipped: a symbolic link loop (the link points to a folder that contains it)',
    'cors-lint: src/self: skipped: a symbolic link loop (the link points to a folder that contains it)',
  ]);
});

test('a self-referencing link (ELOOP) is reported once and the run goes on', (t) => {
  const dir = makeProject(t, { 'app.js': SNIPPETS.nullOrigin });
  fs.symlinkSync('loop.js', path.join(dir, 'loop.js'));
  const result = runJson(['--max-warnings', '-1'], { cwd: dir });
  assert.equal(result.code, 0, dump(result));
  assert.deepEqual(result.json.files.map((f) => f.path), ['app.js']);
  assert.deepEqual(result.stderrLines, ['cors-lint: loop.js: skipped: a symbolic link loop (too many levels of links)']);
});

test('linked files and folders are followed; a file reachable twice is linted once', (t) => {
  const dir = makeProject(t, { 'real/app.js': SNIPPETS.nullOrigin });
  fs.symlinkSync('real', path.join(dir, 'alias'));
  fs.symlinkSync(path.join('real', 'app.js'), path.join(dir, 'link.js'));
  const { json } = runJson(['--max-warnings', '-1'], { cwd: dir });
  assert.deepEqual(json.files.map((f) => f.path), ['alias/app.js']);
});

test('a broken link inside a folder is ignored silently', (t) => {
  const dir = makeProject(t, { 'app.js': SNIPPETS.clean });
  fs.symlinkSync('missing.js', path.join(dir, 'dangling.js'));
  const result = runCli([], { cwd: dir });
  assert.equal(result.code, 0, dump(result));
  assert.equal(result.stderr, '');
});

test('no files to lint: exit 0 with a note', (t) => {
  const dir = makeProject(t, { 'README.md': '# hi\n' });
  const result = runCli([], { cwd: dir });
  assert.equal(result.code, 0, dump(result));
  assert.match(result.stderr, /^cors-lint: no JavaScript or TypeScript files to lint in \.\n$/);
  assert.match(result.stdout, /^0 problems \(0 errors, 0 warnings, 0 infos\)\nChecked 0 files\.\n$/);
});
