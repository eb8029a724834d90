// The CLI with the project layer: imports resolved through package.json `imports`, tsconfig paths and
// index files, so a value written in one module and applied in another is checked, and the output names
// both places (text, json, sarif).
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { makeProject, runCli } from './helpers.mjs';

const PROJECTS = fileURLToPath(new URL('../fixtures/projects/', import.meta.url));

function copyOf(t, name) {
  const dir = makeProject(t);
  cpSync(join(PROJECTS, name), dir, { recursive: true });
  return dir;
}

test('a value from another module (re-export chain, index file, .js→.ts): reported where applied, related to where written', (t) => {
  const dir = copyOf(t, 'esm-ts');
  const text = runCli(['.'], { cwd: dir });
  assert.equal(text.code, 1, text.stderr);
  assert.match(text.stdout, /^ {2}src\/app\.ts:8:14 {2}error {2}The allowed origin 'https:\/\/admin\.example\.com\/' can never match/m);
  assert.match(text.stdout, /^ +related: src\/constants\/index\.ts:1:59 The value is written here\.$/m);

  const json = JSON.parse(runCli(['.', '--format', 'json'], { cwd: dir }).stdout);
  const app = json.files.find((f) => f.path === 'src/app.ts');
  assert.deepEqual(app.findings.map((f) => [f.ruleId, f.line, f.column]), [['invalid-origin', 8, 14]]);
  assert.deepEqual(app.findings[0].related, [{ message: 'The value is written here.', path: 'src/constants/index.ts', line: 1, column: 59, endLine: 1, endColumn: 87 }]);
  const constants = readFileSync(join(dir, 'src/constants/index.ts'), 'utf8').split('\n')[0];
  assert.equal(constants.slice(58, 86), "'https://admin.example.com/'");

  const sarif = JSON.parse(runCli(['.', '--format', 'sarif'], { cwd: dir }).stdout);
  const [result] = sarif.runs[0].results;
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'src/app.ts');
  assert.equal(result.relatedLocations[0].physicalLocation.artifactLocation.uri, 'src/constants/index.ts');
  assert.deepEqual(result.relatedLocations[0].physicalLocation.region, { startLine: 1, startColumn: 59, endLine: 1, endColumn: 87 });
});

test('package.json imports (#alias) and CommonJS: the options module is found from the app', (t) => {
  const dir = makeProject(t, {
    'package.json': JSON.stringify({ name: 'api', imports: { '#config/*': './src/config/*.js' } }),
    'src/config/cors.js': "module.exports = { origin: 'https://shop.example.com/', credentials: true };\n",
    'src/server.js': "const cors = require('cors');\nconst options = require('#config/cors');\napp.use(cors(options));\n",
  });
  const json = JSON.parse(runCli(['src/server.js', '--format', 'json'], { cwd: dir }).stdout);
  assert.deepEqual(json.files.map((f) => [f.path, f.findings.map((x) => [x.ruleId, x.line, x.related.map((r) => `${r.path}:${r.line}:${r.column}`)])]), [
    ['src/server.js', [['invalid-origin', 3, ['src/config/cors.js:1:28']]]],
  ]);
  // Without the alias the module is unknown, and nothing is guessed.
  const alone = makeProject(t, { 'src/server.js': "const cors = require('cors');\nconst options = require('#config/cors');\napp.use(cors(options));\n" });
  const silent = JSON.parse(runCli(['src/server.js', '--format', 'json'], { cwd: alone }).stdout);
  assert.deepEqual(silent.files[0].findings, []);
});

/** [path, ruleId, line] of every finding, in output order. */
function findingsOf(dir) {
  const json = JSON.parse(runCli(['.', '--format', 'json'], { cwd: dir }).stdout);
  return json.files.flatMap((f) => f.findings.map((x) => [f.path, x.ruleId, x.line, x.related.map((r) => `${r.path ?? f.path}:${r.line}`)]));
}

test('routers mounted from another file: the app-level cors() is known to the route module (no missing-preflight; the manual write is a duplicate)', (t) => {
  const dir = copyOf(t, 'cjs-express');
  const found = findingsOf(dir);
  // server/routes/index.js mounts items.js on the app that server/index.js gives it (app.use(cors(corsOptions)), line 8).
  assert.deepEqual(found.filter(([path]) => path === 'server/routes/items.js').map(([, rule, line, related]) => [rule, line, related]), [
    ['duplicate-origin-header', 6, ['server/index.js:8']],
    ['permissive-wildcard', 6, []],
  ]);
  assert.equal(found.some(([, rule]) => rule === 'missing-preflight'), false);
});

test('a monorepo: the workspace packages the app imports by name are checked in their own files', (t) => {
  const dir = copyOf(t, 'monorepo');
  const found = findingsOf(dir).map(([path, rule, line]) => [path, rule, line]);
  assert.deepEqual(found.filter(([path]) => path.startsWith('packages/')), [
    ['packages/cors-config/src/index.ts', 'invalid-origin', 2],
    ['packages/cors-config/src/origins.ts', 'insecure-origin', 1],
  ]);
});

/** Options in one module, applied in another, their origin from .env (issue 12, item 9). */
const PROVENANCE_FILES = {
  'package.json': JSON.stringify({ name: 'x', type: 'module' }),
  '.env': 'ALLOWED_ORIGINS=*\n',
  'src/config.js': 'export const corsOptions = { origin: process.env.ALLOWED_ORIGINS, credentials: true };\n',
  'src/app.js': "import express from 'express';\nimport cors from 'cors';\nimport { corsOptions } from './config.js';\nconst app = express();\napp.use(cors(corsOptions));\nexport default app;\n",
};

test('provenance names files relative to the project root, in every format (never the absolute path)', (t) => {
  const dir = makeProject(t, PROVENANCE_FILES);
  const json = JSON.parse(runCli(['.', '--format', 'json'], { cwd: dir }).stdout);
  const provenance = Object.fromEntries(json.files.map((f) => [f.path, f.policies.map((p) => p.provenance)]));
  assert.deepEqual(provenance, {
    'src/app.js': [['options ← corsOptions (src/config.js:1)', 'origin ← ALLOWED_ORIGINS (.env)']],
    'src/config.js': [['origin ← ALLOWED_ORIGINS (.env)', 'applied in src/app.js:5']],
  });
  const config = json.files.find((f) => f.path === 'src/config.js');
  assert.match(config.findings[0].message, /^With ALLOWED_ORIGINS=\* from \.env: cors allows any origin/);
  assert.equal(JSON.stringify(json.files).includes(dir), false);
  // Run from the parent folder: the names are those of the report's own paths (relative to its root).
  const base = basename(dir);
  const fromParent = JSON.parse(runCli([base, '--format', 'json'], { cwd: join(dir, '..') }).stdout);
  assert.deepEqual(fromParent.files.map((f) => [f.path, f.policies[0].provenance[0]]), [
    [`${base}/src/app.js`, `options ← corsOptions (${base}/src/config.js:1)`],
    [`${base}/src/config.js`, `origin ← ALLOWED_ORIGINS (${base}/.env)`],
  ]);
  // The inventory of the audit report (markdown, html) shows the same lines; the root is named once, in the header.
  const markdown = runCli(['.', '--format', 'markdown'], { cwd: dir }).stdout;
  assert.match(markdown, /^\| ⚠ any origin with credentials \| `src\/app\.js:5` \|.*\| any \(\\\*\)<br>from: options ← corsOptions \(src\/config\.js:1\)<br>origin ← ALLOWED\\_ORIGINS \(\.env\) \|/m);
  assert.equal(markdown.split(dir).length, 2);
  const html = runCli(['.', '--format', 'html'], { cwd: dir }).stdout;
  assert.deepEqual(html.match(/<div class="sub provenance">[^<]*<\/div>/g), [
    '<div class="sub provenance">options ← corsOptions (src/config.js:1)</div>',
    '<div class="sub provenance">origin ← ALLOWED_ORIGINS (.env)</div>',
    '<div class="sub provenance">origin ← ALLOWED_ORIGINS (.env)</div>',
    '<div class="sub provenance">applied in src/app.js:5</div>',
  ]);
  for (const format of ['text', 'sarif', 'github']) {
    assert.equal(runCli(['.', '--format', format], { cwd: dir }).stdout.includes(`${dir}/src`), false, format);
  }
});

test('a finding about a value written in another module names that module relative to the root', (t) => {
  const dir = copyOf(t, 'esm-ts');
  const json = JSON.parse(runCli(['.', '--format', 'json'], { cwd: dir }).stdout);
  const [finding] = json.files.find((f) => f.path === 'src/app.ts').findings;
  assert.match(finding.message, / \(The value is written in src\/constants\/index\.ts:1\.\)$/);
  const cjs = JSON.parse(runCli(['.', '--format', 'json'], { cwd: copyOf(t, 'cjs-express') }).stdout);
  const duplicate = cjs.files.find((f) => f.path === 'server/routes/items.js').findings.find((f) => f.ruleId === 'duplicate-origin-header');
  assert.match(duplicate.message, /although cors \(server\/index\.js:8\), registered on the app that mounts this module/);
});
