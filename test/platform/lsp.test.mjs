// The language server with platform configuration documents: a vercel.json and a serverless.yml opened
// the way VS Code opens them (language ids json and yaml) get the engine's diagnostics, its fixes as
// code actions, disable comments in the file's own comment syntax, and hover.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import {
  applyWorkspaceEdit,
  codeActions,
  engine,
  expectedDiagnostics,
  nextDiagnostics,
  offsetAt,
  openDocument,
  rangeOf,
  rangeOfText,
  startServer,
  tempWorkspace,
} from '../lsp/helpers.mjs';
import { pathToFileURL } from 'node:url';

const VERCEL = readFileSync(new URL('../../examples/vercel/vercel.json', import.meta.url), 'utf8');
const SERVERLESS = readFileSync(new URL('../../examples/serverless/serverless.yml', import.meta.url), 'utf8');

async function open(client, ws, name, text, languageId) {
  const uri = ws.fileUri(name);
  const since = client.mark();
  openDocument(client, uri, text, { languageId });
  const { diagnostics } = await nextDiagnostics(client, uri, { since });
  return { uri, diagnostics };
}

test('vercel.json: diagnostics, quick fixes, no comment-based disable, hover', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const { uri, diagnostics } = await open(client, ws, 'vercel.json', VERCEL, 'json');
  assert.deepEqual(diagnostics, expectedDiagnostics(VERCEL, ws.path('vercel.json'), uri));
  assert.deepEqual(diagnostics.map((d) => [d.code, VERCEL.slice(offsetAt(VERCEL, d.range.start), offsetAt(VERCEL, d.range.end))]), [
    ['wildcard-with-credentials', '"*"'],
    ['multiple-origins', '"https://app.example.com, https://admin.example.com"'],
    ['invalid-origin', '"https://partner.example.com/"'],
  ]);

  const invalid = diagnostics.find((d) => d.code === 'invalid-origin');
  const actions = await codeActions(client, uri, invalid.range, { diagnostics: [invalid] });
  assert.deepEqual(actions.map((a) => a.title), ['Use https://partner.example.com', 'Show documentation for invalid-origin'], 'JSON has no comments, so no disable actions');
  assert.equal(actions[0].isPreferred, true);
  assert.equal(applyWorkspaceEdit(VERCEL, uri, actions[0].edit), VERCEL.replace('"https://partner.example.com/"', '"https://partner.example.com"'));

  const position = rangeOfText(VERCEL, '"*"').start;
  const hover = await client.request('textDocument/hover', { textDocument: { uri }, position });
  const policy = engine.analyzeFile(VERCEL, ws.path('vercel.json')).policies[0];
  assert.deepEqual(hover, { contents: { kind: 'markdown', value: engine.describePolicy(policy) }, range: rangeOf(VERCEL, policy.start, policy.end) });
  assert.match(hover.contents.value, /^\*\*CORS policy\*\* \(Vercel \(vercel\.json\) headers, \/api\/\(\.\*\)\)/);
});

test('serverless.yml: diagnostics, a fix, and "disable for this line" writes a # comment the engine honours', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const { uri, diagnostics } = await open(client, ws, 'serverless.yml', SERVERLESS, 'yaml');
  assert.deepEqual(diagnostics, expectedDiagnostics(SERVERLESS, ws.path('serverless.yml'), uri));
  assert.deepEqual(diagnostics.map((d) => d.code), ['multiple-origins', 'wildcard-with-credentials', 'insecure-origin']);

  const insecure = diagnostics.find((d) => d.code === 'insecure-origin');
  const actions = await codeActions(client, uri, insecure.range, { diagnostics: [insecure] });
  assert.deepEqual(actions.map((a) => a.title), [
    'Trust https://partner.example.com instead',
    'Disable insecure-origin for this line',
    'Disable insecure-origin for this file',
    'Show documentation for insecure-origin',
  ]);
  const disabled = applyWorkspaceEdit(SERVERLESS, uri, actions[1].edit);
  assert.equal(disabled, SERVERLESS.replace('          - http://partner.example.com', '          # cors-lint-disable-next-line insecure-origin\n          - http://partner.example.com'));
  assert.equal(applyWorkspaceEdit(SERVERLESS, uri, actions[2].edit), `# cors-lint-disable insecure-origin\n${SERVERLESS}`);

  const since = client.mark();
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: disabled }] });
  const after = await nextDiagnostics(client, uri, { since, version: 2 });
  assert.deepEqual(after.diagnostics.map((d) => d.code), ['multiple-origins', 'wildcard-with-credentials']);
});

test('a platform file that stops parsing while typing gets one syntax diagnostic, and recovers', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const broken = SERVERLESS.replace('      allowCredentials: true\n', '      allowCredentials: [true\n');
  const { uri, diagnostics } = await open(client, ws, 'serverless.yml', broken, 'yaml');
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].code, 'platform-syntax-error');
  assert.equal(diagnostics[0].severity, 1);
  assert.match(diagnostics[0].message, /^serverless\.yml does not parse \(/);
  const actions = await codeActions(client, uri, diagnostics[0].range, { diagnostics });
  assert.deepEqual(actions, [], 'nothing to fix or disable on a syntax error');

  const since = client.mark();
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: SERVERLESS }] });
  const fixed = await nextDiagnostics(client, uri, { since, version: 2 });
  assert.deepEqual(fixed.diagnostics.map((d) => d.code), ['multiple-origins', 'wildcard-with-credentials', 'insecure-origin']);
});

test('serverless.yml: the handler on disk behind an http event gives a cross-layer diagnostic whose related information is in the handler file', async (t) => {
  const ws = tempWorkspace(t);
  const yml = 'service: items\nfunctions:\n  update:\n    handler: src/items.update\n    events:\n      - http:\n          path: items/{id}\n          method: put\n          cors: true\n';
  const handler = "exports.update = async (event) => ({ statusCode: 200, body: event.body });\n";
  mkdirSync(ws.path('src'));
  writeFileSync(ws.path('src/items.js'), handler);
  const client = await startServer(t, { workspace: ws });
  const { diagnostics } = await open(client, ws, 'serverless.yml', yml, 'yaml');
  const missing = diagnostics.find((d) => d.code === 'missing-preflight');
  assert.ok(missing, JSON.stringify(diagnostics.map((d) => d.code)));
  assert.deepEqual(missing.range, rangeOfText(yml, 'cors'));
  assert.deepEqual(missing.relatedInformation, [
    { location: { uri: pathToFileURL(ws.path('src/items.js')).href, range: rangeOfText(handler, '{ statusCode: 200, body: event.body }') }, message: 'Returned without Access-Control-Allow-Origin.' },
  ]);
});
