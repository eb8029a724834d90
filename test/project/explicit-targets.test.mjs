// Discovery given explicit files (an explicit list, a pre-commit hook's staged files): a file that is no
// link is keyed by its folder's real path plus its name (one realpath per folder), and the same file named
// through a linked folder or a link to it is still linted once.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
const { discoverFiles } = require('../../dist/project.js');

test('explicit files named through links are found once, each under the name first given', (t) => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'cors-lint-targets-')));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'app.js'), 'export {};\n');
  writeFileSync(join(dir, 'src', 'other.js'), 'export {};\n');
  symlinkSync(join(dir, 'src'), join(dir, 'linked'));
  symlinkSync(join(dir, 'src', 'app.js'), join(dir, 'app-link.js'));
  const targets = [join(dir, 'src', 'app.js'), join(dir, 'linked', 'app.js'), join(dir, 'app-link.js'), join(dir, 'linked', 'other.js'), join(dir, 'src', 'other.js')];
  const { files, problems } = discoverFiles({ root: dir, targets, ignore: { baseDir: dir, globs: [] } });
  assert.deepEqual(problems, []);
  assert.deepEqual(files.map((f) => f.absolutePath), [join(dir, 'src', 'app.js'), join(dir, 'linked', 'other.js')]);
});
