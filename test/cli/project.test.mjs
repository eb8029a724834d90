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

test('a value from another module (re-export chain, index file, .js→.ts): reported where written, related to where applied', (t) => {
  const dir = copyOf(t, 'esm-ts');
  // constants/index.ts holds the allowlist; config/cors.ts makes it the origin of its options; app.ts applies
  // them through config/index.ts (export *). The entry is reported once, where it is written.
  const text = runCli(['.'], { cwd: dir });
  assert.equal(text.code, 1, text.stderr);
  assert.match(text.stdout, /^ {2}src\/constants\/index\.ts:1:59 {2}error {2}The allowed origin 'https:\/\/admin\.example\.com\/' can never match/m);
  assert.match(text.stdout, /^ +related: src\/config\/cors\.ts:5:11 Applied here \(cors, credentials: true\)\.$/m);

  const json = JSON.parse(runCli(['.', '--format', 'json'], { cwd: dir }).stdout);
  assert.deepEqual(json.files.flatMap((f) => f.findings.map((x) => [f.path, x.ruleId, x.line, x.column])), [['src/constants/index.ts', 'invalid-origin', 1, 59], ['src/routes/users.ts', 'weak-origin-check', 7, 42]]);
  const [finding] = json.files.find((f) => f.path === 'src/constants/index.ts').findings;
  assert.deepEqual(finding.related, [{ message: 'Applied here (cors, credentials: true).', path: 'src/config/cors.ts', line: 5, column: 11, endLine: 5, endColumn: 25 }]);
  const constants = readFileSync(join(dir, 'src/constants/index.ts'), 'utf8').split('\n')[0];
  assert.equal(constants.slice(58, 86), "'https://admin.example.com/'");
  // The options know where they are applied, through the re-export chain; the application knows where they come from.
  const provenance = Object.fromEntries(json.files.filter((f) => f.policies.length > 0).map((f) => [f.path, f.policies.map((p) => p.provenance)]));
  assert.deepEqual(provenance['src/config/cors.ts'], [['origin ← allowedOrigins (src/constants/index.ts:1)', 'applied in src/app.ts:8']]);
  assert.deepEqual(provenance['src/app.ts'], [['options ← corsOptions (src/config/cors.ts:4)', 'origin ← allowedOrigins (src/constants/index.ts:1)']]);

  const sarif = JSON.parse(runCli(['.', '--format', 'sarif'], { cwd: dir }).stdout);
  const [result] = sarif.runs[0].results;
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'src/constants/index.ts');
  assert.equal(result.relatedLocations[0].physicalLocation.artifactLocation.uri, 'src/config/cors.ts');
  assert.deepEqual(result.relatedLocations[0].physicalLocation.region, { startLine: 5, startColumn: 11, endLine: 5, endColumn: 25 });
});

test('a callback factory from another module, called with its argument: the check reads the argument', (t) => {
  const factory = [
    'export function originFrom(suffix) {',
    '  return (origin, callback) => {',
    '    callback(null, !origin || origin.endsWith(suffix));',
    '  };',
    '}',
    '',
  ].join('\n');
  const dir = makeProject(t, {
    'src/lib/origin.js': factory,
    'src/app.js': "import cors from 'cors';\nimport { originFrom } from './lib/origin.js';\napp.use(cors({ origin: originFrom('example.com'), credentials: true }));\n",
    'src/admin.js': "import cors from 'cors';\nimport { originFrom } from './lib/origin.js';\napp.use(cors({ origin: originFrom('.example.com') }));\n",
  });
  const json = JSON.parse(runCli(['.', '--format', 'json'], { cwd: dir }).stdout);
  const findings = json.files.flatMap((f) => f.findings.map((x) => ({ path: f.path, ...x })));
  // 'example.com' without a dot boundary: an attacker's registrable domain passes, reported where the argument is given.
  const weak = findings.find((x) => x.path === 'src/app.js');
  assert.equal(weak.ruleId, 'weak-origin-check');
  assert.equal(weak.severity, 'error');
  assert.match(weak.message, /^Weak origin check: https:\/\/evilexample\.com passes \(suffix match\)\./);
  assert.deepEqual(weak.related.map((r) => `${r.path}:${r.line}`), ['src/lib/origin.js:3']);
  // The check serves every caller of the factory: no repair writes one caller's origins into it.
  assert.deepEqual(weak.fixes, []);
  // The same factory called with '.example.com' (a dot boundary) accepts subdomains only: information.
  const admin = findings.filter((x) => x.path === 'src/admin.js');
  assert.deepEqual(admin.map((x) => [x.ruleId, x.severity]), [['weak-origin-check', 'info']]);
  assert.match(admin[0].message, /^Origin check accepts any subdomain of example\.com/);
  // The property the message promises: the check, run as written with the argument, lets the named origin through.
  const check = (suffix, origin) => !origin || origin.endsWith(suffix);
  assert.equal(check('example.com', 'https://evilexample.com'), true);
});

test('one factory called twice with other arguments: each call is judged with its own, and reported at the call', (t) => {
  const factory = 'export function originFrom(suffix) {\n  return (origin, callback) => callback(null, !origin || origin.endsWith(suffix));\n}\n';
  const apply = "app.use('/a', cors({ origin: originFrom('.example.com') }));\napp.use('/b', cors({ origin: originFrom('example.org'), credentials: true }));\n";
  const dir = makeProject(t, {
    'src/origin.js': factory,
    'src/app.js': "import cors from 'cors';\nimport { originFrom } from './origin.js';\n" + apply,
    'src/local.js': "import cors from 'cors';\n" + factory.replace('export ', '') + apply,
  });
  const json = JSON.parse(runCli(['.', '--format', 'json'], { cwd: dir }).stdout);
  const seen = json.files.flatMap((f) => f.findings.map((x) => [f.path, x.line, x.column, x.ruleId, x.severity, x.message.split(' (e.g.')[0].split('. ')[0], x.related.map((r) => `${r.path ?? f.path}:${r.line}:${r.column} ${r.message}`)]));
  const expected = (path, line, checkAt) => [
    [path, line, 30, 'weak-origin-check', 'info', 'Origin check accepts any subdomain of example.com, including ones that could be taken over', [`${checkAt} The check, read with the arguments of this call.`]],
    [path, line + 1, 30, 'weak-origin-check', 'error', 'Weak origin check: https://evilexample.org passes (suffix match)', [`${checkAt} The check, read with the arguments of this call.`]],
  ];
  assert.deepEqual(seen, [...expected('src/app.js', 3, 'src/origin.js:2:58'), ...expected('src/local.js', 5, 'src/local.js:3:58')]);
  // The named origin really passes the check with that call's argument, and the other call's does not.
  const check = (suffix, origin) => !origin || origin.endsWith(suffix);
  assert.equal(check('example.org', 'https://evilexample.org'), true);
  assert.equal(check('.example.com', 'https://evilexample.com'), false);
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

test('CommonJS options assigned in a development-only branch (cjs-express config/cors.js): information, with the condition, where written', (t) => {
  const dir = copyOf(t, 'cjs-express');
  const json = JSON.parse(runCli(['.', '--format', 'json'], { cwd: dir }).stdout);
  const config = json.files.find((f) => f.path === 'config/cors.js');
  assert.deepEqual(config.findings.map((f) => [f.ruleId, f.severity, f.line, f.column, f.message, f.related.map((r) => `${r.path}:${r.line}:${r.column} ${r.message}`)]), [
    ['permissive-wildcard', 'info', 4, 36, "In development: cors allows origin '*': every website can read these responses. Right for public data; otherwise list the allowed origins.", ['server/index.js:8:14 Applied here (cors).']],
  ]);
  assert.deepEqual(config.policies.map((p) => [p.line, p.origins.kind, p.credentials, p.provenance.at(-1)]), [
    [4, 'any', false, 'applied in server/index.js:8'],
    [5, 'unknown', true, 'applied in server/index.js:8'],
  ]);
  // The computed boolean origin next to it (origin: isHTTPS) is reported with its condition.
  const index = json.files.find((f) => f.path === 'server/index.js');
  assert.deepEqual(index.findings.map((f) => [f.ruleId, f.severity, f.line, f.message.slice(0, 61)]), [['reflected-origin', 'error', 9, "When HTTPS is 'true': cors: `origin: true` echoes the request"]]);
});

test('a monorepo: the workspace packages the app imports by name are checked in their own files', (t) => {
  const dir = copyOf(t, 'monorepo');
  const found = findingsOf(dir).map(([path, rule, line]) => [path, rule, line]);
  assert.deepEqual(found.filter(([path]) => path.startsWith('packages/')), [
    ['packages/cors-config/src/index.ts', 'invalid-origin', 2],
    ['packages/cors-config/src/origins.ts', 'insecure-origin', 1],
  ]);
});

test('a monorepo: app.register(import(\'@fastify/cors\'), …) is @fastify/cors, and the package list it applies points to it', (t) => {
  const dir = copyOf(t, 'monorepo');
  const json = JSON.parse(runCli(['.', '--format', 'json'], { cwd: dir }).stdout);
  const server = json.files.find((f) => f.path === 'apps/api/src/server.ts');
  assert.deepEqual(server.policies.filter((p) => p.source === 'middleware').map((p) => [p.line, p.framework, p.origins.origins, p.provenance]), [
    [8, '@fastify/cors', ['https://acme.dev', 'http://intranet.acme.dev'], ['origin ← trustedOrigins (packages/cors-config/src/origins.ts:1)']],
  ]);
  const origins = json.files.find((f) => f.path === 'packages/cors-config/src/origins.ts');
  assert.deepEqual(origins.findings.map((f) => [f.ruleId, f.line, f.column, f.related.map((r) => `${r.path}:${r.line}:${r.column} ${r.message}`)]), [
    ['insecure-origin', 1, 52, ['apps/api/src/server.ts:8:65 Applied here (@fastify/cors).']],
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
  // constants.ts holds no CORS code (the prefilter skips it), so the value is reported where it is used.
  const dir = makeProject(t, {
    'src/constants.ts': "export const DOMAINS = ['https://a.com/'];\n",
    'src/app.ts': "import cors from 'cors';\nimport { DOMAINS } from './constants';\napp.use(cors({ origin: DOMAINS }));\n",
  });
  const json = JSON.parse(runCli(['.', '--format', 'json'], { cwd: dir }).stdout);
  const [finding] = json.files.find((f) => f.path === 'src/app.ts').findings;
  assert.match(finding.message, / \(The value is written in src\/constants\.ts:1\.\)$/);
  const cjs = JSON.parse(runCli(['.', '--format', 'json'], { cwd: copyOf(t, 'cjs-express') }).stdout);
  const duplicate = cjs.files.find((f) => f.path === 'server/routes/items.js').findings.find((f) => f.ruleId === 'duplicate-origin-header');
  assert.match(duplicate.message, /although cors \(server\/index\.js:8\), registered on the app that mounts this module/);
});
