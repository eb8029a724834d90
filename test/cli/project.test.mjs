// The CLI with the project layer: imports resolved through package.json `imports`, tsconfig paths and
// index files, so a value written in one module and applied in another is checked, and the output names
// both places (text, json, sarif).
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
