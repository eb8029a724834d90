// Issue 12 item 10: what the cross-file passes parse. To find where a module's exports are applied
// (core/composition.ts applicationsOf) and where its exported origin checks are called
// (core/origin-checks/uses.ts), the importers of the module are read; an importer is parsed as a module
// record only when its text can matter: it has CORS code (the prefilter's contract: CORS middleware, the
// only thing that applies a binding, passes it) or it re-exports (`export … from`, `export * from`: a chain
// that passes the binding on without any CORS word). The others (routes importing a config for a logger)
// are read but not parsed, and the findings are the same.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { defaultConfig } from '../../dist/core.js';

const require = createRequire(import.meta.url);
const { Project, lintFile } = require('../../dist/project.js');

function withFiles(files, body) {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lint-importers-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
    body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const OPTIONS = { config: defaultConfig(), fix: false, quiet: false, maxFileSize: 0 };
const PLAIN_IMPORTERS = Object.fromEntries(
  // A namespace import: no CORS word in the text (`corsOptions` would pass the prefilter as a name).
  Array.from({ length: 5 }, (_, i) => [`routes/r${i}.js`, `import * as settings from '../config.js';\nexport const describe = () => JSON.stringify(settings);\n`]),
);

test('importers without CORS code or re-exports are not parsed; the one applying the options is', () => {
  withFiles(
    {
      'config.js': "export const corsOptions = { origin: ['https://app.example.com', 'null'], credentials: true };\n",
      'app.js': "import express from 'express';\nimport cors from 'cors';\nimport { corsOptions } from './config.js';\nconst app = express();\napp.use(cors(corsOptions));\n",
      ...PLAIN_IMPORTERS,
    },
    (dir) => {
      const project = new Project({ roots: [dir] });
      const outcome = lintFile(join(dir, 'config.js'), OPTIONS, project);
      assert.deepEqual(
        outcome.findings.map((f) => [f.ruleId, f.line, f.related.map((r) => r.file)]),
        [['null-origin', 1, [join(dir, 'app.js')]]],
      );
      // Every importer is a dependency (a change to one may change this result), whether parsed or not.
      assert.deepEqual(outcome.dependencies, [join(dir, 'app.js'), ...Object.keys(PLAIN_IMPORTERS).map((f) => join(dir, f))]);
      // The records the analysis parsed: app.js alone.
      assert.equal(project.endBatch(), 1);
    },
  );
});

test('a re-export chain through a file without any CORS word is still followed', () => {
  withFiles(
    {
      'config/values.js': "export const corsOptions = { origin: ['https://app.example.com', 'null'], credentials: true };\n",
      // No CORS word in the text (a specifier ending in `/cors.js` would be one): only `export … from`.
      'config/index.js': "export { corsOptions as options } from './values.js';\nexport * from './values.js';\n",
      'app.js': "import express from 'express';\nimport cors from 'cors';\nimport { options } from './config/index.js';\nconst app = express();\napp.use(cors(options));\n",
      ...Object.fromEntries(Object.entries(PLAIN_IMPORTERS).map(([f, text]) => [f, text.replace('../config.js', '../config/values.js')])),
    },
    (dir) => {
      const project = new Project({ roots: [dir] });
      const outcome = lintFile(join(dir, 'config/values.js'), OPTIONS, project);
      assert.deepEqual(
        outcome.findings.map((f) => [f.ruleId, f.line, f.related.map((r) => r.file)]),
        [['null-origin', 1, [join(dir, 'app.js')]]],
      );
      // config/index.js (a re-export) and app.js (applies it) are parsed; the five plain importers are not.
      assert.equal(project.endBatch(), 2);
    },
  );
});
