// The .gitignore matcher against git's documented semantics (https://git-scm.com/docs/gitignore).
// The walk that uses it is covered end to end in discovery.test.mjs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSourceModule } from './helpers.mjs';

// [pattern, path relative to the .gitignore's folder, is a folder, expected: true ignored / false re-included / undefined no match]
const CASES = [
  ['foo/**/bar', 'foo/bar', false, true],
  ['foo/**/bar', 'foo/a/b/bar', false, true],
  ['foo/**/bar', 'x/foo/bar', false, undefined],
  ['**/foo', 'a/b/foo', false, true],
  ['**/foo', 'foo', false, true],
  ['a/**', 'a/x/y.js', false, true],
  ['a/**', 'a', true, undefined],
  ['/a/b/', 'a/b', true, true],
  ['/a/b/', 'a/b', false, undefined],
  ['/a/b/', 'c/a/b', true, undefined],
  ['frotz/', 'a/frotz', true, true],
  ['frotz/', 'a/frotz', false, undefined],
  ['*.js', 'dir/a.js', false, true],
  ['dir/*.js', 'dir/sub/a.js', false, undefined],
  ['a?c.js', 'abc.js', false, true],
  ['a?c.js', 'a/c.js', false, undefined],
  ['a**b.js', 'axxb.js', false, true],
  ['[!a]x.js', 'bx.js', false, true],
  ['[!a]x.js', 'ax.js', false, undefined],
  ['[a-c]x.js', 'bx.js', false, true],
  ['\\!x.js', '!x.js', false, true],
  ['\\#x.js', '#x.js', false, true],
  ['# comment', '# comment', false, undefined],
  ['foo.js   ', 'foo.js', false, true],
  ['foo\\ ', 'foo ', false, true],
  ['!foo.js', 'foo.js', false, false],
  ['*.js\n!keep.js', 'keep.js', false, false],
  ['!keep.js\n*.js', 'keep.js', false, true],
];

test('gitignore patterns match like git', async (t) => {
  const { parseGitignore, matchGitignore } = await loadSourceModule(t, 'server/src/project/gitignore.ts');
  for (const [pattern, path, isDir, expected] of CASES) {
    assert.equal(matchGitignore(parseGitignore(pattern), path, isDir), expected, `${JSON.stringify(pattern)} on ${path}${isDir ? '/' : ''}`);
  }
});
