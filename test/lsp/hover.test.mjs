import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RULE_CASES } from './cases.mjs';
import { engine, nextDiagnostics, offsetAt, openDocument, rangeOf, rangeOfText, startServer, tempWorkspace } from './helpers.mjs';

test('hover: a CORS header write shows the policy it grants', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const text = RULE_CASES['null-origin'];
  const uri = ws.fileUri('hover.js');
  openDocument(client, uri, text);
  await nextDiagnostics(client, uri);

  const position = rangeOfText(text, 'setHeader').start;
  const offset = offsetAt(text, position);
  const policies = engine.analyzeFile(text, ws.path('hover.js')).policies.filter((p) => p.start <= offset && offset <= p.end);
  assert.ok(policies.length > 0, 'the engine reports a policy for the header write');
  const policy = policies.sort((a, b) => a.end - a.start - (b.end - b.start))[0];

  const hover = await client.request('textDocument/hover', { textDocument: { uri }, position });
  assert.deepEqual(hover, { contents: { kind: 'markdown', value: engine.describePolicy(policy) }, range: rangeOf(text, policy.start, policy.end) });
  assert.match(hover.contents.value, /CORS policy/);
  assert.match(hover.contents.value, /null/);

  const outside = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
  assert.equal(outside, null);
});

test('hover: a check imported from another module is described as the project applies it, and its finding is in that module', async (t) => {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const ws = tempWorkspace(t);
  const checks = "export function isAllowedOrigin(origin) {\n  return origin.endsWith('example.com');\n}\n";
  const app = "import cors from 'cors';\nimport { isAllowedOrigin } from './config/checks.js';\napp.use(cors({ origin: (o, cb) => cb(null, isAllowedOrigin(o)), credentials: true }));\n";
  mkdirSync(ws.path('config'));
  writeFileSync(ws.path('config/checks.js'), checks);
  writeFileSync(ws.path('app.js'), app);
  const client = await startServer(t, { workspace: ws });
  await client.waitFor('window/logMessage', (p) => /project index: 2 files/.test(p.message));
  openDocument(client, ws.fileUri('app.js'), app);
  openDocument(client, ws.fileUri('config/checks.js'), checks);
  const appDiagnostics = await nextDiagnostics(client, ws.fileUri('app.js'));
  const checkDiagnostics = await nextDiagnostics(client, ws.fileUri('config/checks.js'));
  assert.deepEqual(appDiagnostics.diagnostics.filter((d) => d.code === 'weak-origin-check'), []);
  const [weak] = checkDiagnostics.diagnostics.filter((d) => d.code === 'weak-origin-check');
  assert.equal(weak.severity, 1, 'an error: the applying cors() allows credentials');
  assert.deepEqual(weak.range, rangeOfText(checks, "origin.endsWith('example.com')"));
  assert.equal(weak.relatedInformation[0].location.uri, ws.fileUri('app.js'));
  assert.equal(weak.relatedInformation[0].message, 'Applied here (cors, credentials: true).');

  const hover = await client.request('textDocument/hover', { textDocument: { uri: ws.fileUri('app.js') }, position: rangeOfText(app, 'isAllowedOrigin(o)').start });
  assert.match(hover.contents.value, /^- Origins: origins passing a weak check: also `https:\/\/evilexample\.com` — suffix match$/m);
});

test('hover: in the module that writes an exported origin check, the check shows what it accepts where it is applied', async (t) => {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const ws = tempWorkspace(t);
  const checks = [
    'export function isAllowedOrigin(origin) {',
    "  return origin.endsWith('example.com');",
    '}',
    'export function isAdminOrigin(origin) {',
    "  return origin === 'https://admin.example.com' || origin === 'https://ops.example.com';",
    '}',
    "export const partnerOrigins = ['https://partner.example.com', /\\.partner\\.example\\.net$/];",
    '',
  ].join('\n');
  const app = [
    "import cors from 'cors';",
    "import { isAllowedOrigin, isAdminOrigin } from './config/checks.js';",
    'app.use(cors({ origin: (o, cb) => cb(null, isAllowedOrigin(o)), credentials: true }));',
    "app.get('/admin', (req, res) => {",
    '  if (isAdminOrigin(req.headers.origin)) {',
    "    res.setHeader('Access-Control-Allow-Origin', req.headers.origin);",
    "    res.setHeader('Vary', 'Origin');",
    '  }',
    '});',
    '',
  ].join('\n');
  mkdirSync(ws.path('config'));
  writeFileSync(ws.path('config/checks.js'), checks);
  writeFileSync(ws.path('app.js'), app);
  const client = await startServer(t, { workspace: ws });
  await client.waitFor('window/logMessage', (p) => /project index: 2 files/.test(p.message));
  openDocument(client, ws.fileUri('config/checks.js'), checks);
  await nextDiagnostics(client, ws.fileUri('config/checks.js'));
  const hoverAt = (text) => client.request('textDocument/hover', { textDocument: { uri: ws.fileUri('config/checks.js') }, position: rangeOfText(checks, text).start });

  // The weak check, as cors() applies it in app.js.
  const weak = await hoverAt("'example.com'");
  assert.match(weak.contents.value, /^\*\*CORS origin check\*\*$/m);
  assert.match(weak.contents.value, /^- Accepts: also https:\/\/evilexample\.com — suffix match$/m);
  assert.match(weak.contents.value, /^- Applied in: app\.js:3 \(cors\)$/m);
  assert.deepEqual(weak.range.start, { line: 0, character: 0 });

  // The exact check, as the condition before the header write applies it: proven, so no finding, but the hover says what passes.
  const exact = await hoverAt("'https://ops.example.com'");
  assert.match(exact.contents.value, /^- Accepts: exactly https:\/\/admin\.example\.com and https:\/\/ops\.example\.com$/m);
  assert.match(exact.contents.value, /^- Applied in: app\.js:5$/m);

  // An exported list nothing here reads: what it would accept as an origin list.
  const list = await hoverAt("'https://partner.example.com'");
  assert.match(list.contents.value, /^- Accepts: any subdomain, e\.g\. https:\/\/[a-z0-9.-]+\.partner\.example\.net \(subdomains could be taken over\)$/m);
  assert.match(list.contents.value, /^- Not applied in this project/m);

  // Outside any check: nothing.
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri: ws.fileUri('config/checks.js') }, position: { line: 7, character: 0 } }), null);
});
