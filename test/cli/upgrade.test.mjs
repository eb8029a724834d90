// The upgrade of a library version with a known problem, as an edit of package.json (issue 13, item 2):
// the CLI's JSON output carries the suggestion with its edit in the other file, and --fix (safe fixes
// only) leaves package.json alone.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { dump, makeProject, runCli, runJson } from './helpers.mjs';

const manifest = `{\n  "name": "api",\n  "dependencies": {\n    "koa": "^2.15.0",\n    "@koa/cors": "^4.0.0"\n  }\n}\n`;
const server = "const Koa = require('koa');\nconst cors = require('@koa/cors');\n\nconst app = new Koa();\napp.use(cors());\n";

test('@koa/cors ^4.0.0: JSON output offers the package.json upgrade; --fix does not apply it', (t) => {
  const dir = makeProject(t, { 'package.json': manifest, 'src/server.js': server });
  const { json } = runJson([], { cwd: dir });
  const file = json.files.find((f) => f.path === 'src/server.js');
  const finding = file.findings.find((f) => f.ruleId === 'reflected-origin');
  assert.match(finding.message, /Upgrade @koa\/cors to 5\.0\.0 or later \(CVE-2023-49803\)/);
  const upgrade = finding.fixes[0];
  const offset = manifest.indexOf('^4.0.0');
  assert.deepEqual(upgrade, {
    title: 'Upgrade @koa/cors to 5.0.0 in package.json',
    kind: 'suggestion',
    edits: [{ path: 'package.json', line: 5, column: 19, endLine: 5, endColumn: 25, start: offset, end: offset + '^4.0.0'.length, newText: '^5.0.0' }],
  });

  const result = runCli(['--fix'], { cwd: dir });
  assert.equal(result.code, 1, dump(result));
  assert.equal(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'), manifest);
  assert.equal(fs.readFileSync(path.join(dir, 'src/server.js'), 'utf8'), server);

  // Once package.json asks for 5.x, the default is '*' (no echo, no advisory, no upgrade).
  fs.writeFileSync(path.join(dir, 'package.json'), manifest.replace('^4.0.0', '^5.0.0'));
  const after = runJson([], { cwd: dir }).json.files.find((f) => f.path === 'src/server.js');
  assert.deepEqual(after.findings.map((f) => [f.ruleId, f.fixes.map((x) => x.title).filter((x) => /^Upgrade/.test(x))]), [['permissive-wildcard', []]]);
});
