// Issue 16 item 2: the CLI reads each file once. Building the import index (on the first `importersOf`)
// takes the specifiers of the files the lint pass has read so far and reads only the others; for each of
// those that needs no analysis (no CORS code, binary) it keeps what lintFile reports, and lintFile uses
// that instead of reading the file again. The outcomes must be exactly those of a file read on its own.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultConfig } from '../../dist/core.js';

const require = createRequire(import.meta.url);
const { Project, lintFile } = require('../../dist/project.js');

function withProject(files, body) {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lint-one-read-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const FILES = {
  // Linted first (path order); it exports CORS options, so its analysis asks who imports it.
  'a-config.js': "export const corsOptions = { origin: 'https://app.example.com', credentials: true };\n",
  'b-app.js': "import express from 'express';\nimport cors from 'cors';\nimport { corsOptions } from './a-config.js';\nconst app = express();\napp.use(cors(corsOptions));\n",
  'c-latin1.js': Buffer.from('// caf\xe9 au lait\nexport const price = 3;\n', 'latin1'),
  'd-binary.js': Buffer.from([0x63, 0x6f, 0x6e, 0x73, 0x74, 0x00, 0x01]),
  'e-large.js': `export const data = '${'x'.repeat(3000)}';\n`,
  'f-plain.js': "import { price } from './c-latin1.js';\nexport const total = price * 2;\n",
};

test('files the index read and the prefilter drops are reported from what the index kept, exactly as if read', () => {
  withProject(FILES, (dir) => {
    const options = { config: defaultConfig(), fix: false, quiet: false, maxFileSize: 1000 };
    const project = new Project({ roots: [dir] });
    const first = lintFile(join(dir, 'a-config.js'), options, project);
    assert.equal(first.kind, 'linted');
    assert.equal(project.isIndexed, true, 'the first analysis built the import index');
    // The index read the files after a-config.js; those without CORS code left a verdict.
    for (const name of ['c-latin1.js', 'd-binary.js', 'e-large.js', 'f-plain.js']) {
      const alone = lintFile(join(dir, name), options);
      const verdict = project.takeLintVerdict(join(dir, name));
      assert.ok(verdict, `a verdict for ${name}`);
      // Put back by a fresh index (takeLintVerdict gives it once), then linted through it.
      const again = new Project({ roots: [dir] });
      again.ensureIndexed();
      assert.deepEqual(lintFile(join(dir, name), options, again), alone, name);
    }
    assert.deepEqual(project.takeLintVerdict(join(dir, 'b-app.js')), undefined, 'a file with CORS code is analysed, so read');
  });
});

test('the verdicts say what lintFile reports: not-utf8, binary, too large for --max-file-size', () => {
  withProject(FILES, (dir) => {
    const project = new Project({ roots: [dir] });
    project.ensureIndexed();
    const options = { config: defaultConfig(), fix: false, quiet: false, maxFileSize: 1000 };
    assert.deepEqual(lintFile(join(dir, 'c-latin1.js'), options, project).notices.map((n) => n.kind), ['not-utf8']);
    assert.deepEqual(lintFile(join(dir, 'd-binary.js'), options, project), { kind: 'skipped', notice: { kind: 'binary', level: 'info', message: 'skipped: a binary file (it contains NUL bytes)' } });
    assert.deepEqual(lintFile(join(dir, 'e-large.js'), options, project), {
      kind: 'skipped',
      notice: { kind: 'too-large', level: 'info', message: 'skipped: 3 KB is larger than the 1000 bytes limit (see --max-file-size)' },
    });
  });
});

test('a verdict is dropped when the file changes, and the new text is read', () => {
  withProject(FILES, (dir) => {
    const project = new Project({ roots: [dir] });
    project.ensureIndexed();
    const file = join(dir, 'f-plain.js');
    writeFileSync(file, "export const corsOptions = { origin: '*', credentials: true };\n");
    project.fileChanged(file, 'changed');
    const options = { config: defaultConfig(), fix: false, quiet: false, maxFileSize: 0 };
    const outcome = lintFile(file, options, project);
    assert.equal(outcome.kind, 'linted');
    assert.ok(outcome.findings.length > 0, 'the changed file was read and analysed');
  });
});

test('the lint pass hands its reads to the index: a file read before the index exists is indexed from that read', () => {
  withProject(FILES, (dir) => {
    const project = new Project({ roots: [dir] });
    const options = { config: defaultConfig(), fix: false, quiet: false, maxFileSize: 0 };
    // f-plain.js is read before the index exists; then it is changed on disk without telling the project.
    lintFile(join(dir, 'f-plain.js'), options, project);
    writeFileSync(join(dir, 'f-plain.js'), 'export const total = 2;\n');
    project.ensureIndexed();
    // The index took the specifiers of the text the lint pass read, not the disk's new text.
    assert.deepEqual(project.index.importsOf(join(dir, 'f-plain.js')), [join(dir, 'c-latin1.js')]);
    assert.deepEqual(project.index.importersOf(join(dir, 'a-config.js')), [join(dir, 'b-app.js')]);
  });
});

test('a project given the files discovery found indexes those without walking the folders again', () => {
  withProject(FILES, (dir) => {
    const given = ['a-config.js', 'b-app.js'].map((f) => join(dir, f));
    const project = new Project({ roots: [dir], files: given });
    project.ensureIndexed();
    assert.deepEqual([...project.index.files()].sort(), given);
    assert.deepEqual(project.index.importersOf(join(dir, 'a-config.js')), [join(dir, 'b-app.js')]);
  });
});
