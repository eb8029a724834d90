import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RULE_CASES } from './cases.mjs';
import { expectedDiagnostics, nextDiagnostics, openDocument, pullCapabilities, rangeOfText, startServer, tempWorkspace } from './helpers.mjs';

function pull(client, uri, previousResultId) {
  return client.request('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) });
}

test('pull: a client advertising textDocument.diagnostic pulls diagnostics and never gets them pushed', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws, capabilities: pullCapabilities() });
  const text = RULE_CASES['invalid-origin'];
  const uri = ws.fileUri('app.js');
  openDocument(client, uri, text);

  const first = await pull(client, uri);
  assert.equal(first.kind, 'full');
  assert.deepEqual(first.items, expectedDiagnostics(text, ws.path('app.js'), uri));
  assert.ok(first.items.some((d) => d.code === 'invalid-origin'));
  assert.deepEqual(await pull(client, uri, first.resultId), { kind: 'unchanged', resultId: first.resultId });

  const fixed = text.replace("'https://a.com/'", "'https://a.com'");
  client.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: rangeOfText(text, "'https://a.com/'"), text: "'https://a.com'" }],
  });
  client.notify('textDocument/didSave', { textDocument: { uri } });
  const second = await pull(client, uri, first.resultId);
  assert.equal(second.kind, 'full');
  assert.deepEqual(second.items, expectedDiagnostics(fixed, ws.path('app.js'), uri));

  // Barrier: an edited config document publishes its own problems after the same debounce as typing.
  // Edited after app.js, its run is due after app.js's would be: once it arrived, a pushed run for
  // app.js would have arrived too.
  const configUri = ws.fileUri('barrier/.corslintrc.json');
  openDocument(client, configUri, '{ "rules": 1 }', { languageId: 'json' });
  await nextDiagnostics(client, configUri, { timeout: 10_000 });
  const since = client.mark();
  client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
  client.notify('textDocument/didChange', { textDocument: { uri: configUri, version: 2 }, contentChanges: [{ text: '{ "rulez": {} }' }] });
  await nextDiagnostics(client, configUri, { since });
  assert.deepEqual(client.notifications('textDocument/publishDiagnostics').filter((p) => p.uri === uri), [], 'no pushed diagnostics for a pull client');
});

test('pull: a settings change asks the client to pull again (workspace/diagnostic/refresh)', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws, capabilities: pullCapabilities() });
  const uri = ws.fileUri('app.js');
  openDocument(client, uri, RULE_CASES['invalid-origin']);
  const first = await pull(client, uri);
  assert.ok(first.items.some((d) => d.code === 'invalid-origin'));

  client.settings = { rules: { customizations: [{ rule: 'invalid-origin', severity: 'off' }] } };
  const since = client.mark();
  client.notify('workspace/didChangeConfiguration', { settings: null });
  await client.waitFor('workspace/diagnostic/refresh', () => true, { since });
  const second = await pull(client, uri, first.resultId);
  assert.equal(second.kind, 'full');
  assert.ok(!second.items.some((d) => d.code === 'invalid-origin'));
});

test('pull: run=onSave keeps answering with the last saved analysis until the next save', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws, capabilities: pullCapabilities(), settings: { run: 'onSave' } });
  const text = RULE_CASES['invalid-origin'];
  const uri = ws.fileUri('app.js');
  openDocument(client, uri, text);
  const opened = await pull(client, uri);
  assert.ok(opened.items.some((d) => d.code === 'invalid-origin'));
  client.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: rangeOfText(text, "'https://a.com/'"), text: "'https://a.com'" }],
  });
  assert.deepEqual(await pull(client, uri, opened.resultId), { kind: 'unchanged', resultId: opened.resultId }, 'not re-analysed while typing');
  client.notify('textDocument/didSave', { textDocument: { uri } });
  const saved = await pull(client, uri, opened.resultId);
  assert.equal(saved.kind, 'full');
  assert.ok(!saved.items.some((d) => d.code === 'invalid-origin'), 'analysed again on save');
});
