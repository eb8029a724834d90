// The config's `ignore` globs: gitignore semantics from the `ignore` package (7.0.17), plus the `{a,b}`
// alternatives and leading `./` the config schema documents. The same cases as core's isIgnored test, so
// the editor and the CLI keep skipping the files they skipped before the move to the library.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSourceModule } from '../cli/helpers.mjs';

test('config ignore globs match like .gitignore patterns, with {a,b} alternatives', async (t) => {
  const { matchesIgnoreGlobs, expandBraces } = await loadSourceModule(t, 'server/src/project/ignore-globs.ts');
  const cases = [
    ['legacy/a.js', ['legacy/**'], true],
    ['src/legacy/a.js', ['legacy/**'], false],
    ['src/legacy/a.js', ['**/legacy/**'], true],
    ['src/a.test.js', ['*.test.js'], true],
    ['src/a.js', ['*.test.js'], false],
    ['gen/x/y.ts', ['gen/'], true],
    ['gen.ts', ['gen/'], false],
    ['a.ts', ['{a,b}.ts'], true],
    ['src/b/x.js', ['src/{a,b}/*.js'], true],
    ['src/c/x.js', ['src/{a,b}/*.js'], false],
    ['scripts/x.js', ['./scripts/**'], true],
    ['Legacy/a.js', ['legacy/**'], false],
    ['src/keep.gen.ts', ['*.gen.ts', '!keep.gen.ts'], false],
    ['src/other.gen.ts', ['*.gen.ts', '!keep.gen.ts'], true],
    ['../outside.js', ['**'], false],
  ];
  for (const [path, globs, expected] of cases) assert.equal(matchesIgnoreGlobs(path, globs), expected, `${JSON.stringify(globs)} on ${path}`);
  assert.equal(matchesIgnoreGlobs('gen', ['gen/'], true), true, 'a folder-only pattern matches the folder');
  assert.deepEqual(expandBraces('{a,b}/{x,y}.js'), ['a/x.js', 'a/y.js', 'b/x.js', 'b/y.js']);
});
