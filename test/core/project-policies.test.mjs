// Inventory and hover across files (issue 12, item 9): each policy says where its parts come from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describePolicy } from '../../dist/core.js';
import { analyzeProject } from '../helpers/memory-host.mjs';

const FILES = {
  '.env.production': 'ALLOWED_ORIGINS=https://a.com\n',
  'src/config/cors.ts': "export const allowedOrigins = [process.env.ALLOWED_ORIGINS];\nexport const origin = process.env.ALLOWED_ORIGINS;\nexport const corsOptions = { origin: allowedOrigins, credentials: true };\n",
  'src/app.ts': "import cors from 'cors';\nimport { corsOptions, origin } from './config/cors';\napp.use(cors(corsOptions));\napp.use(cors({ origin, credentials: true }));\n",
};

test('a middleware policy names the module, line and .env file of its options and origin', () => {
  const policies = analyzeProject(FILES, 'src/app.ts').policies;
  assert.deepEqual(policies.map((p) => [p.framework, p.origins.kind, p.origins.origins, p.provenance]), [
    ['cors', 'list', ['https://a.com'], ['options ← corsOptions (src/config/cors.ts:3)', 'origin ← allowedOrigins (src/config/cors.ts:1) ← ALLOWED_ORIGINS (.env.production)']],
    ['cors', 'unknown', undefined, ['origin ← origin (src/config/cors.ts:2) ← ALLOWED_ORIGINS (.env.production)']],
  ]);
  assert.match(describePolicy(policies[0]), /\n- From: options ← corsOptions \(src\/config\/cors\.ts:3\)\n- From: origin ← allowedOrigins \(src\/config\/cors\.ts:1\) ← ALLOWED_ORIGINS \(\.env\.production\)$/);
});

test('the config module lists its exported options with where they are applied', () => {
  const policies = analyzeProject(FILES, 'src/config/cors.ts').policies;
  // The `origin` export (line 2) and the corsOptions object (line 3).
  assert.deepEqual(policies.map((p) => [FILES['src/config/cors.ts'].slice(p.start, p.end).slice(0, 30), p.provenance]), [
    ['origin = process.env.ALLOWED_O', ['applied in src/app.ts:4']],
    ['{ origin: allowedOrigins, cred', ['origin ← allowedOrigins (src/config/cors.ts:1) ← ALLOWED_ORIGINS (.env.production)', 'applied in src/app.ts:3']],
  ]);
  const never = { 'lib/cors.ts': "export const corsOptions = { origin: ['https://a.com'], credentials: true };\n" };
  assert.deepEqual(analyzeProject(never, 'lib/cors.ts').policies.map((p) => p.provenance), [['exported, not applied in this project (analysed for its values only)']]);
});

test('a route module: its preflight is answered by the mounting app, or the mounting is not resolved', () => {
  const route = "import { Router } from 'express';\nconst router = Router();\nrouter.put('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n  res.json({});\n});\nexport default router;\n";
  const mounted = {
    'index.js': "import express from 'express';\nimport cors from 'cors';\nimport r from './route';\nconst app = express();\napp.use(cors());\napp.use(r);\n",
    'route.ts': route,
  };
  const [covered] = analyzeProject(mounted, 'route.ts').policies;
  assert.equal(covered.preflight, 'answered');
  assert.deepEqual(covered.provenance, ['preflight ← cors (index.js:5), on the app that mounts this module']);
  const [alone] = analyzeProject({ 'route.ts': route }, 'route.ts').policies;
  assert.equal(alone.preflight, 'unknown');
  assert.deepEqual(alone.provenance, ['mounting: not resolved (the app that mounts this module is not known)']);
  assert.match(describePolicy(alone), /- Preflight \(OPTIONS\): not known statically\n[^]*- From: mounting: not resolved/);
});
