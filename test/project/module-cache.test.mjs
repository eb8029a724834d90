// Issue 12, item 8: the syntax trees of other modules the engine parses for an analysis live for one
// batch of analyses (the host's registerModuleCache), not for the life of the process. A batch shares
// one record per module; ending it drops every record except those of the files the host keeps (open
// documents), and the next analysis parses what it needs again, with the same findings.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { analyzeFile, defaultConfig } from '../../dist/core.js';
import { memoryHost } from '../helpers/memory-host.mjs';

const require = createRequire(import.meta.url);
const { Project } = require('../../dist/project.js');

const FILES = {
  'config.ts': "export const DOMAINS = ['https://a.com/'];\n",
  'flags.ts': 'export const WITH_CREDENTIALS = false;\n',
  'a.ts': "import cors from 'cors';\nimport { DOMAINS } from './config';\napp.use(cors({ origin: DOMAINS }));\n",
  'b.ts': "import cors from 'cors';\nimport { DOMAINS } from './config';\nimport { WITH_CREDENTIALS } from './flags';\napp.use(cors({ origin: DOMAINS, credentials: WITH_CREDENTIALS }));\n",
};

function rulesOf(result) {
  return result.findings.map((f) => [f.ruleId, f.start, f.end]);
}

test('a host that ends batches: one record per module for the batch, dropped when it ends (except kept files)', () => {
  const releases = [];
  const host = { ...memoryHost(FILES), registerModuleCache: (release) => releases.push(release) };
  const analyze = (file) => analyzeFile(FILES[file], file, defaultConfig(), { host });
  const first = { a: analyze('a.ts'), b: analyze('b.ts') };
  assert.deepEqual(rulesOf(first.a), [["invalid-origin", 84, 91]]);
  // The engine registered once for this host.
  assert.equal(releases.length, 1);
  const [release] = releases;
  // Both analyses read config.ts, b.ts also flags.ts: the batch holds one record per module.
  const keepConfig = (file) => file === 'config.ts';
  assert.equal(release(keepConfig), 1);
  assert.equal(release(keepConfig), 0, 'records that were dropped are not dropped again');
  assert.equal(release(() => false), 1, "the kept file's record stayed until now");
  // The next batch parses again and finds the same.
  assert.deepEqual(rulesOf(analyze('a.ts')), rulesOf(first.a));
  assert.deepEqual(rulesOf(analyze('b.ts')), rulesOf(first.b));
});

test('Project.endBatch releases the modules parsed for its analyses, keeping open documents', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'cors-lint-module-cache-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  const project = new Project({ roots: [root], indexing: 'background' });
  // config.ts is open in the editor (its unsaved text is what the analyses read).
  project.setOverlay(join(root, 'config.ts'), FILES['config.ts']);
  const analyze = (file) => analyzeFile(FILES[file], join(root, file), defaultConfig(), { host: project.hostFor(new Set()) });
  const before = rulesOf(analyze('b.ts'));
  assert.deepEqual(before.map(([rule]) => rule), ['invalid-origin']);
  // flags.ts is dropped; the open config.ts stays.
  assert.equal(project.endBatch(), 1);
  assert.equal(project.endBatch(), 0);
  project.setOverlay(join(root, 'config.ts'), undefined);
  assert.equal(project.endBatch(), 1, 'closed: its record goes too');
  assert.deepEqual(rulesOf(analyze('b.ts')), before);
});
