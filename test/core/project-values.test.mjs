// Values across files and within files (issue 12, items 3 and 5), through an in-memory ProjectHost:
// what a user sees (rule, line, range text, message, related places with their files).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFile, applyEdits, safeFixEdits } from '../../dist/core.js';
import { analyzeProject, shown } from '../helpers/memory-host.mjs';

function findings(files, file) {
  const result = analyzeProject(files, file);
  assert.deepEqual(result.internalErrors, []);
  return { result, seen: shown(result, files, file) };
}

test('ESM named import: value defects are reported where the value is written, related to where it is applied (items 6, 7)', () => {
  const files = {
    'src/config/cors.ts': "export const corsOptions = { origin: true, credentials: true };\nexport const allowed = ['https://a.com/', 'https://b.com'];\n",
    'src/app.ts': "import express from 'express';\nimport cors from 'cors';\nimport { corsOptions, allowed } from './config/cors';\nconst app = express();\napp.use(cors(corsOptions));\napp.use('/x', cors({ origin: allowed }));\n",
  };
  // The applying file: the config module reports them itself.
  const app = findings(files, 'src/app.ts');
  assert.deepEqual(app.seen, []);
  assert.deepEqual(app.result.dependencies, ['src/config/cors.ts']);
  const { result, seen } = findings(files, 'src/config/cors.ts');
  assert.deepEqual(seen.map((f) => [f.rule, f.severity, f.line, f.text]), [['reflected-origin', 'error', 1, 'origin: true'], ['invalid-origin', 'error', 2, "'https://a.com/'"]]);
  assert.equal(seen[0].message, "cors: `origin: true` echoes the request Origin, and credentials are allowed, so any website can read responses with the user's cookies. List the allowed origins.");
  assert.deepEqual(seen[0].related, [
    'src/config/cors.ts:1 credentials: true — Credentials are allowed here.',
    'src/app.ts:5 corsOptions — Applied here (cors).',
  ]);
  assert.deepEqual(seen[1].related, ['src/app.ts:6 allowed — Applied here (cors).']);
  assert.deepEqual(result.dependencies, ['src/app.ts']);
});

test('a module the prefilter skips (no CORS words): its values are reported where they are used', () => {
  const files = {
    'src/constants.ts': "export const DOMAINS = ['https://a.com/'];\n",
    'src/app.ts': "import cors from 'cors';\nimport { DOMAINS } from './constants';\napp.use(cors({ origin: DOMAINS }));\n",
  };
  const { seen } = findings(files, 'src/app.ts');
  assert.deepEqual(seen.map((f) => [f.rule, f.line, f.text, f.related]), [['invalid-origin', 3, 'DOMAINS', ["src/constants.ts:1 'https://a.com/' — The value is written here."]]]);
  assert.match(seen[0].message, /\(The value is written in src\/constants\.ts:1\.\)$/);
  // The quick fix edits the file that holds the value; fix-all on app.ts never applies it.
  const [finding] = analyzeProject(files, 'src/app.ts').findings;
  assert.deepEqual(finding.fixes, [{ title: 'Use https://a.com', kind: 'suggestion', edits: [{ start: 24, end: 40, newText: "'https://a.com'", file: 'src/constants.ts' }] }]);
  assert.equal(applyEdits(files['src/constants.ts'], finding.fixes[0].edits), "export const DOMAINS = ['https://a.com'];\n");
  assert.deepEqual(safeFixEdits([finding]), []);
});

test('options never applied in the project: exported CORS options and origin-named lists are checked (item 7)', () => {
  const files = {
    'lib/cors.ts': "import type { CorsOptions } from 'cors';\nexport const options: CorsOptions = { origin: (o, cb) => cb(null, true) };\nexport const corsConfig = { origin: ['https://a.com/'], credentials: true };\nexport const allowedOrigins = ['http://partner.example', 'https://b.com'];\nexport const other = { origin: 'https://c.com/' };\n",
  };
  const { seen } = findings(files, 'lib/cors.ts');
  assert.deepEqual(seen.map((f) => [f.rule, f.severity, f.line, f.text, f.related]), [
    ['reflected-origin', 'warning', 2, 'origin: (o, cb) => cb(null, true)', []],
    ['invalid-origin', 'error', 3, "'https://a.com/'", []],
    ['insecure-origin', 'warning', 4, "'http://partner.example'", []],
  ]);
  // Without a host too: the file alone says the same.
  assert.deepEqual(analyzeFile(files['lib/cors.ts'], 'lib/cors.ts').findings.map((f) => f.ruleId), ['reflected-origin', 'invalid-origin', 'insecure-origin']);
});

test('an import the host cannot resolve stays unknown: no finding', () => {
  const files = { 'app.ts': "import cors from 'cors';\nimport { corsOptions } from './cors';\napp.use(cors(corsOptions));\n" };
  const { seen } = findings(files, 'app.ts');
  assert.deepEqual(seen, []);
});

test('CommonJS: destructured require of module.exports = { … } with a module-level allowlist', () => {
  const files = {
    'config/cors.js': "const allowed = ['https://a.com/'];\nmodule.exports = { corsOptions: { origin: allowed, credentials: true } };\n",
    'app.js': "const express = require('express');\nconst cors = require('cors');\nconst { corsOptions } = require('./config/cors');\nconst app = express();\napp.use(cors(corsOptions));\n",
  };
  const { seen } = findings(files, 'app.js');
  assert.deepEqual(seen.map((f) => [f.rule, f.line, f.text, f.related]), [
    ['invalid-origin', 5, 'corsOptions', ["config/cors.js:1 'https://a.com/' — The value is written here."]],
  ]);
});

test('CommonJS: require() of module.exports = object, exports.x, and a namespace member', () => {
  const whole = {
    'opts.js': "module.exports = { origin: '*', credentials: true };\n",
    'app.js': "const cors = require('cors');\nconst opts = require('./opts');\napp.use(cors(opts));\n",
  };
  assert.deepEqual(findings(whole, 'app.js').seen.map((f) => [f.rule, f.line, f.text]), [['wildcard-with-credentials', 3, 'opts']]);
  const dotted = {
    'opts.js': 'exports.origin = (origin, cb) => cb(null, true);\n',
    'app.js': "const cors = require('cors');\nconst o = require('./opts');\napp.use(cors({ origin: o.origin, credentials: true }));\n",
  };
  const seen = findings(dotted, 'app.js').seen;
  assert.deepEqual(seen.map((f) => [f.rule, f.severity, f.text]), [['reflected-origin', 'error', 'origin: o.origin']]);
  assert.match(seen[0].message, /its origin callback approves every origin, and credentials are allowed/);
});

test('re-export chain (export { a as b } from, export *) and a default import', () => {
  const files = {
    'a.ts': "export const ORIGINS = ['http://partner.example'];\n",
    'b.ts': "export { ORIGINS as list } from './a';\n",
    'c.ts': "export * from './b';\n",
    'cfg.ts': "export default { origin: '*', credentials: true };\n",
    'app.ts': "import cors from 'cors';\nimport { list } from './c';\nimport cfg from './cfg';\napp.use(cors({ origin: list }));\napp.use(cors(cfg));\n",
  };
  const { result, seen } = findings(files, 'app.ts');
  // a.ts (an origin-named list, which its own analysis reads) learns through the re-exports that app.ts
  // applies it, and reports it where it is written; cfg.ts, which the prefilter skips, is reported here.
  assert.deepEqual(seen.map((f) => [f.rule, f.line, f.text, f.related[0]]), [
    ['wildcard-with-credentials', 5, 'cfg', "cfg.ts:1 '*' — The value is written here."],
  ]);
  assert.deepEqual(result.dependencies, ['a.ts', 'b.ts', 'c.ts', 'cfg.ts']);
  const a = findings(files, 'a.ts');
  assert.deepEqual(a.seen.map((f) => [f.rule, f.line, f.text, f.related]), [['insecure-origin', 1, "'http://partner.example'", ['app.ts:4 list — Applied here (cors).']]]);
  assert.deepEqual(a.result.policies.map((p) => p.provenance), [['applied in app.ts:4']]);
});

test('an import cycle resolves to nothing and stays silent', () => {
  const files = {
    'a.ts': "export { x } from './b';\n",
    'b.ts': "export { x } from './a';\n",
    'app.ts': "import cors from 'cors';\nimport { x } from './a';\napp.use(cors({ origin: x, credentials: true }));\n",
  };
  assert.deepEqual(findings(files, 'app.ts').seen, []);
});

test('a callback factory from lib/ called with arguments, and a tsconfig-style path alias', () => {
  const files = {
    'src/lib/origin.ts': 'export function allowAll(list: string[]) {\n  return (origin, cb) => cb(null, true);\n}\n',
    'src/app.ts': "import cors from 'cors';\nimport { allowAll } from '@/lib/origin';\napp.use(cors({ origin: allowAll(['https://a.com']), credentials: true }));\n",
  };
  const result = analyzeProject(files, 'src/app.ts', { aliases: { '@': 'src' } });
  assert.deepEqual(result.findings.map((f) => [f.ruleId, f.severity]), [['reflected-origin', 'error']]);
  assert.deepEqual(result.dependencies, ['src/lib/origin.ts']);
});

test('env values come from the .env files and the message names the file', () => {
  const files = {
    '.env.production': 'ALLOWED_ORIGINS=*\n',
    'app.ts': "import cors from 'cors';\napp.use(cors({ origin: process.env.ALLOWED_ORIGINS, credentials: true }));\n",
  };
  const { result, seen } = findings(files, 'app.ts');
  assert.deepEqual(seen.map((f) => [f.rule, f.severity, f.text]), [['wildcard-with-credentials', 'error', 'process.env.ALLOWED_ORIGINS']]);
  assert.match(seen[0].message, /^With ALLOWED_ORIGINS=\* from \.env\.production: cors allows any origin/);
  assert.deepEqual(result.dependencies, ['.env.production']);
  // Bun.env, Deno.env.get and import.meta.env read the same files.
  for (const read of ['Bun.env.ALLOWED_ORIGINS', "Deno.env.get('ALLOWED_ORIGINS')", 'import.meta.env.ALLOWED_ORIGINS']) {
    const other = { ...files, 'app.ts': `import cors from 'cors';\napp.use(cors({ origin: ${read}, credentials: true }));\n` };
    assert.match(findings(other, 'app.ts').seen[0]?.message ?? '', /^With ALLOWED_ORIGINS=\* from \.env\.production: /, read);
  }
});

test('a fallback that holds when the variable is unset says so', () => {
  const files = { 'app.ts': "import cors from 'cors';\nconst origin = process.env.ALLOWED_ORIGINS || '*';\napp.use(cors({ origin, credentials: true }));\n" };
  const { seen } = findings(files, 'app.ts');
  assert.deepEqual(seen.map((f) => [f.rule, f.line, f.text]), [['wildcard-with-credentials', 2, "'*'"]]);
  assert.match(seen[0].message, /^When ALLOWED_ORIGINS is unset: cors allows any origin \('\*'\) together with credentials: true/);
});

test('a development-only permissive setting is information and says "in development"', () => {
  const assigned = { 'app.ts': "import cors from 'cors';\nlet corsOptions;\nif (process.env.NODE_ENV === 'development') corsOptions = { origin: true, credentials: true };\napp.use(cors(corsOptions));\n" };
  const a = findings(assigned, 'app.ts').seen;
  assert.deepEqual(a.map((f) => [f.rule, f.severity, f.line, f.text]), [['reflected-origin', 'info', 3, 'origin: true']]);
  assert.match(a[0].message, /^In development: cors: `origin: true` echoes the request Origin/);
  const ternary = { 'app.ts': "import cors from 'cors';\nconst isDev = process.env.NODE_ENV !== 'production';\napp.use(cors({ origin: isDev ? '*' : ['https://a.com'] }));\n" };
  const t = findings(ternary, 'app.ts').seen;
  assert.deepEqual(t.map((f) => [f.rule, f.severity, f.text]), [['permissive-wildcard', 'info', "'*'"]]);
  assert.match(t[0].message, /^Outside production: cors allows origin '\*'/);
});

test("an env-gated '*' → true branch is reported with its condition, and a computed boolean origin is found", () => {
  const gated = { 'app.ts': "import cors from 'cors';\nconst list = ['https://a.com'];\napp.use(cors({ origin: process.env.CORS_ORIGIN === '*' ? true : list, credentials: true }));\n" };
  const g = findings(gated, 'app.ts').seen;
  assert.deepEqual(g.map((f) => [f.rule, f.severity]), [['reflected-origin', 'error']]);
  assert.match(g[0].message, /^When CORS_ORIGIN is '\*': /);
  const computed = { 'app.ts': "import cors from 'cors';\nconst isHTTPS = process.env.PROTOCOL === 'https';\napp.use(cors({ origin: isHTTPS, credentials: true }));\n" };
  const c = findings(computed, 'app.ts').seen;
  assert.deepEqual(c.map((f) => [f.rule, f.severity, f.text]), [['reflected-origin', 'error', 'origin: isHTTPS']]);
  assert.match(c[0].message, /^When PROTOCOL is 'https': /);
  const flag = { 'app.ts': "import cors from 'cors';\nimport { config } from './config';\nconst secure = !config.insecure;\napp.use(cors({ origin: secure, credentials: true }));\n" };
  // A computed boolean is named after its variable.
  assert.match(findings(flag, 'app.ts').seen[0]?.message ?? '', /^When secure is true: /);
});

test('the request origin reached through two destructuring steps, and request data inside a template', () => {
  const twoStep = { 'app.ts': "export default async (ctx) => {\n  const { headers } = ctx.req;\n  const { origin } = headers;\n  ctx.set('Access-Control-Allow-Origin', origin);\n  ctx.set('Access-Control-Allow-Credentials', 'true');\n};\n" };
  const t = findings(twoStep, 'app.ts').seen;
  assert.deepEqual(t.map((f) => [f.rule, f.severity, f.line, f.text]), [['reflected-origin', 'error', 4, 'origin']]);
  const template = { 'app.ts': "export function h(req, res) {\n  res.setHeader('Access-Control-Allow-Origin', `http://${req.query.host}`);\n}\n" };
  const m = findings(template, 'app.ts').seen;
  assert.deepEqual(m.map((f) => [f.rule, f.severity, f.text]), [['reflected-origin', 'warning', '`http://${req.query.host}`']]);
  assert.match(m[0].message, /^Request data \(req\.query\.host\) is written into Access-Control-Allow-Origin without an allowlist check/);
  // The server's own Host is not attacker data.
  const own = { 'app.ts': "export function h(req, res) {\n  res.setHeader('Access-Control-Allow-Origin', `${req.protocol}://${req.get('host')}`);\n}\n" };
  assert.deepEqual(findings(own, 'app.ts').seen, []);
});

test('dynamic import: destructured await import() and a module namespace from import()', () => {
  const files = {
    'cfg.ts': "export const corsOptions = { origin: '*', credentials: true };\nexport const list = ['https://a.com/'];\n",
    'app.ts': "import cors from 'cors';\nconst { corsOptions } = await import('./cfg');\nconst mod = await import('./cfg');\napp.use(cors(corsOptions));\napp.use(cors({ origin: mod.list }));\n",
  };
  // The options object is reported in cfg.ts (applied from app.ts); the namespace member is placed at its use.
  const app = findings(files, 'app.ts').seen;
  assert.deepEqual(app.map((f) => [f.rule, f.line, f.text]), [['invalid-origin', 5, 'mod']]);
  const cfg = findings(files, 'cfg.ts').seen;
  assert.deepEqual(cfg.map((f) => [f.rule, f.line, f.text, f.related]), [['wildcard-with-credentials', 1, "'*'", ['cfg.ts:1 credentials: true — Credentials are allowed here.', 'app.ts:4 corsOptions — Applied here (cors).']]]);
});
