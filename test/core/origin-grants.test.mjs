// Hover and inventory wording of origin grants (issue 14, item 5): a proven check says exactly what it
// accepts, a weak one names the origin that gets through (computed), any-subdomain says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFile, defaultConfig, describeOriginGrant, describePolicy } from '../../dist/core.js';
import { originKindLabel } from '../../dist/report.js';

const R = String.raw;
const policyOf = (code) => {
  const result = analyzeFile(code, 'server.js', defaultConfig());
  assert.equal(result.policies.length, 1, JSON.stringify(result.policies));
  return result.policies[0];
};

test('an anchored alternation in cors(): exactly its origins, a proven list', () => {
  const policy = policyOf(R`const cors = require('cors');
app.use(cors({ origin: /^https:\/\/(app|admin)\.example\.com$/ }));`);
  assert.deepEqual(policy.origins, { kind: 'list', origins: ['https://app.example.com', 'https://admin.example.com'], proven: true });
  assert.equal(describeOriginGrant(policy.origins), 'exactly `https://app.example.com` and `https://admin.example.com` (checked against attacker origins)');
  assert.match(describePolicy(policy), /^- Origins: exactly `https:\/\/app\.example\.com` and `https:\/\/admin\.example\.com`/m);
  assert.equal(originKindLabel(policy.origins), 'proven list (2 origins)');
});

test('a weak check before echoing the origin: the bypass, computed', () => {
  const policy = policyOf(`app.get('/x', (req, res) => {
  const origin = req.headers.origin;
  if (origin.endsWith('example.com')) res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
});`);
  assert.deepEqual(policy.origins.bypass, { origin: 'https://evilexample.com', attack: 'suffix match' });
  assert.equal(describeOriginGrant(policy.origins), 'origins passing a weak check: also `https://evilexample.com` — suffix match');
  assert.equal(originKindLabel(policy.origins), 'weakly checked (bypass: https://evilexample.com)');
});

test('an allowlist in an origin callback: exactly its members', () => {
  const policy = policyOf(`const cors = require('cors');
const allowed = ['https://a.com', 'https://b.com'];
app.use(cors({ origin: (origin, cb) => { if (!origin || allowed.includes(origin)) cb(null, true); else cb(new Error('no')); } }));`);
  assert.deepEqual(policy.origins, { kind: 'list', origins: ['https://a.com', 'https://b.com'], proven: true });
});

test('a hono origin function accepting any subdomain', () => {
  const policy = policyOf(`import { cors } from 'hono/cors';
app.use('*', cors({ origin: (origin) => (origin.endsWith('.example.com') ? origin : null) }));`);
  assert.deepEqual(policy.origins, { kind: 'list', origins: [], subdomainsOf: 'example.com' });
  assert.equal(describeOriginGrant(policy.origins), 'any subdomain of `example.com` (including ones that could be taken over)');
  assert.equal(originKindLabel(policy.origins), 'any subdomain of example.com');
});

test('a weak regex in an origin list', () => {
  const policy = policyOf(R`const cors = require('cors');
app.use(cors({ origin: ['https://a.com', /example\.com$/] }));`);
  assert.equal(describeOriginGrant(policy.origins), 'origins passing a weak check: also `https://evilexample.com` — suffix match');
});

test('checks and lists from another module (issue 14, item 3): the inventory and the hover say what the use accepts', async () => {
  const { analyzeProject } = await import('../helpers/memory-host.mjs');
  const files = {
    'src/origins.js': 'export const allowedOrigins = [/example\\.com$/];\n',
    'src/checks.js': "export function isAdminOrigin(origin) {\n  return origin === 'https://admin.example.com';\n}\nexport const isAllowedOrigin = (origin) => origin.endsWith('example.com');\n",
    'src/app.js': [
      "import cors from 'cors';",
      "import { allowedOrigins } from './origins.js';",
      "import { isAdminOrigin, isAllowedOrigin } from './checks.js';",
      'app.use(cors({ origin: allowedOrigins, credentials: true }));',
      'app.use(cors({ origin: (o, cb) => cb(null, isAllowedOrigin(o)) }));',
      "app.get('/a', (req, res) => {",
      "  if (isAdminOrigin(req.headers.origin)) res.setHeader('Access-Control-Allow-Origin', req.headers.origin);",
      "  res.setHeader('Vary', 'Origin');",
      '});',
      '',
    ].join('\n'),
  };
  const app = analyzeProject(files, 'src/app.js').policies;
  assert.deepEqual(app.map((p) => originKindLabel(p.origins)), [
    'weakly checked (bypass: https://evilexample.com)',
    'weakly checked (bypass: https://evilexample.com)',
    'proven list (1 origin)',
  ]);
  assert.match(describePolicy(app[0]), /^- Origins: origins passing a weak check: also `https:\/\/evilexample\.com` — suffix match$/m);
  assert.match(describePolicy(app[1]), /^- Origins: origins passing a weak check: also `https:\/\/evilexample\.com` — suffix match$/m);
  assert.match(describePolicy(app[2]), /^- Origins: exactly `https:\/\/admin\.example\.com` \(checked against attacker origins\)$/m);
  // The exported list, as its own module lists it: weakly checked, applied in app.js.
  const [list] = analyzeProject(files, 'src/origins.js').policies;
  assert.equal(originKindLabel(list.origins), 'weakly checked (bypass: https://evilexample.com)');
  assert.deepEqual(list.provenance, ['applied in src/app.js:4']);
});
