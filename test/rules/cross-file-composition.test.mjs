// App composition (issue 12, item 4): route modules mounted on an app in another file, through an
// in-memory ProjectHost. missing-preflight and duplicate-origin-header see the app's CORS middleware.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFile } from '../../dist/core.js';
import { analyzeProject, shown } from '../helpers/memory-host.mjs';

const ROUTE = "import { Router } from 'express';\nconst router = Router();\nrouter.get('/stream', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.end();\n});\nrouter.put('/items/:id', (req, res) => res.json({}));\nrouter.delete('/items/:id', (req, res) => res.json({}));\nexport default router;\n";

function rules(files, file, options) {
  const result = analyzeProject(files, file, options);
  assert.deepEqual(result.internalErrors, []);
  return shown(result, files, file).filter((f) => f.rule === 'missing-preflight' || f.rule === 'duplicate-origin-header');
}

test('alone, the route module gets missing-preflight (the file decides for itself)', () => {
  const result = analyzeFile(ROUTE, 'server/routes/items.ts');
  assert.deepEqual(result.findings.filter((f) => f.ruleId === 'missing-preflight').length, 2);
});

test('mounted on an app with cors() registered first: no missing-preflight, and the manual * is a duplicate', () => {
  const files = {
    'server/index.js': "import express from 'express';\nimport cors from 'cors';\nimport items from './routes/items';\nconst app = express();\napp.use(cors({ origin: true }));\napp.use('/api', items);\napp.listen(3000);\n",
    'server/routes/items.ts': ROUTE,
  };
  const seen = rules(files, 'server/routes/items.ts');
  assert.deepEqual(seen.map((f) => [f.rule, f.line, f.text]), [['duplicate-origin-header', 4, "'*'"]]);
  assert.equal(seen[0].message, 'Access-Control-Allow-Origin is written by hand although cors (server/index.js:5), registered on the app that mounts this module, already sets it; the two disagree or the header is sent twice, which browsers reject. Let the middleware own CORS.');
  assert.deepEqual(seen[0].related, ['server/index.js:5 cors({ origin: true }) — CORS middleware registered on the mounting app here.']);
  assert.deepEqual(analyzeProject(files, 'server/routes/items.ts').dependencies, ['server/index.js']);
});

test('mounted on an app without CORS middleware, or with cors() registered after the mount: missing-preflight', () => {
  for (const index of [
    "import express from 'express';\nimport items from './routes/items';\nconst app = express();\napp.use('/api', items);\n",
    "import express from 'express';\nimport cors from 'cors';\nimport items from './routes/items';\nconst app = express();\napp.use('/api', items);\napp.use(cors());\n",
  ]) {
    const seen = rules({ 'server/index.js': index, 'server/routes/items.ts': ROUTE }, 'server/routes/items.ts');
    assert.deepEqual(seen.map((f) => [f.rule, f.line, f.text]), [['missing-preflight', 7, 'put'], ['missing-preflight', 8, 'delete']]);
  }
});

test('mounting that cannot be resolved: missing-preflight stays silent (precision first)', () => {
  assert.deepEqual(rules({ 'server/routes/items.ts': ROUTE }, 'server/routes/items.ts'), []);
});

test('preflight answered by a catch-all app.options in the app file', () => {
  const files = {
    'server/index.js': "import express from 'express';\nimport items from './routes/items';\nconst app = express();\napp.options('*', (req, res) => { res.set({ 'Access-Control-Allow-Origin': 'https://a.com', 'Access-Control-Allow-Methods': 'PUT' }); res.sendStatus(204); });\napp.use('/api', items);\n",
    'server/routes/items.ts': ROUTE,
  };
  assert.deepEqual(rules(files, 'server/routes/items.ts'), []);
});

test('a router mounted on a router mounted on the app', () => {
  const files = {
    'server/index.js': "import express from 'express';\nimport cors from 'cors';\nimport api from './api';\nconst app = express();\napp.use(cors());\napp.use('/api', api);\n",
    'server/api.js': "import { Router } from 'express';\nimport items from './routes/items';\nconst api = Router();\napi.use('/items', items);\nexport default api;\n",
    'server/routes/items.ts': ROUTE,
  };
  const seen = rules(files, 'server/routes/items.ts');
  assert.deepEqual(seen.map((f) => [f.rule, f.line]), [['duplicate-origin-header', 4]]);
  assert.deepEqual(analyzeProject(files, 'server/routes/items.ts').dependencies, ['server/api.js', 'server/index.js']);
});

test('a route-registering function called with the app (CommonJS)', () => {
  const files = {
    'server/index.js': "const express = require('express');\nconst cors = require('cors');\nconst { registerItems } = require('./routes/items');\nconst app = express();\napp.use(cors());\nregisterItems(app);\n",
    'server/routes/items.js': "exports.registerItems = function (app) {\n  app.put('/items', (req, res) => { res.set('Access-Control-Allow-Origin', 'https://a.com'); res.json({}); });\n};\n",
  };
  const seen = rules(files, 'server/routes/items.js');
  assert.deepEqual(seen.map((f) => [f.rule, f.line, f.text]), [['duplicate-origin-header', 2, "'https://a.com'"]]);
});

test('a Fastify plugin registered with a dynamic import after @fastify/cors', () => {
  const files = {
    'server.ts': "import Fastify from 'fastify';\nimport cors from '@fastify/cors';\nconst app = Fastify();\napp.register(cors, { origin: ['https://a.com'] });\napp.register(import('./routes/items'));\n",
    'routes/items.ts': "export default async function (app) {\n  app.put('/items', async (req, reply) => { reply.header('Access-Control-Allow-Origin', 'https://a.com'); return {}; });\n}\n",
  };
  const seen = rules(files, 'routes/items.ts');
  assert.deepEqual(seen.map((f) => [f.rule, f.line, f.related]), [['duplicate-origin-header', 2, ["server.ts:4 app.register(cors, { origin: ['https://a — CORS middleware registered on the mounting app here."]]]);
});

test('a host without a project index (importersOf undefined): the mounting is unknown, missing-preflight stays silent', () => {
  const files = { 'server/routes/items.ts': ROUTE };
  const seen = rules(files, 'server/routes/items.ts', { index: false });
  assert.deepEqual(seen, []);
});
