import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RULE_CASES } from './cases.mjs';
import { codeActions, nextDiagnostics, openDocument, pullCapabilities, startServer, tempWorkspace } from './helpers.mjs';

const position = { line: 0, character: 0 };
const range = { start: position, end: position };

test('robustness: requests for unknown or closed documents get empty answers', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws, capabilities: pullCapabilities() });
  const unknown = ws.fileUri('never-opened.js');
  assert.deepEqual(await codeActions(client, unknown, range), []);
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri: unknown }, position }), null);
  assert.deepEqual(await client.request('textDocument/diagnostic', { textDocument: { uri: unknown } }), { kind: 'full', items: [] });

  const closed = ws.fileUri('closed.js');
  openDocument(client, closed, RULE_CASES['null-origin']);
  client.notify('textDocument/didClose', { textDocument: { uri: closed } });
  assert.deepEqual(await codeActions(client, closed, range), []);
  assert.deepEqual(await client.request('textDocument/diagnostic', { textDocument: { uri: closed } }), { kind: 'full', items: [] });
});

test('robustness: malformed params do not crash the server, which keeps answering', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  assert.deepEqual(await client.request('textDocument/codeAction', {}), []);
  assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri: 42 }, range: 'everything', context: null }), []);
  assert.equal(await client.request('textDocument/hover', { textDocument: {}, position: { line: 'one' } }), null);
  // vscode-languageserver itself reads `params.workDoneToken`: null params get an error response.
  const nullParams = await client.request('textDocument/hover', null).then((result) => ({ result }), (error) => ({ code: error.code }));
  assert.ok(nullParams.result === null || nullParams.code === -32603, JSON.stringify(nullParams));
  assert.equal(await client.request('workspace/executeCommand', { command: 'corsLint.showRuleDocumentation', arguments: [{}] }), null);
  client.notify('textDocument/didOpen', { textDocument: { uri: ws.fileUri('broken.js') } });
  client.notify('textDocument/didOpen', null);
  client.notify('textDocument/didChange', { textDocument: { uri: ws.fileUri('broken.js') }, contentChanges: 'all of it' });
  client.notify('textDocument/didClose', {});
  client.notify('workspace/didChangeWatchedFiles', { changes: [null, { uri: 7 }] });
  client.notify('workspace/didChangeConfiguration', 'no');

  const uri = ws.fileUri('after.js');
  openDocument(client, uri, RULE_CASES['invalid-origin']);
  // A change with a range past the end of the document is clamped, not fatal.
  client.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 999, character: 0 }, end: { line: 999, character: 0 } }, text: '\n// tail\n' }],
  });
  const published = await nextDiagnostics(client, uri, { version: 2 });
  assert.ok(published.diagnostics.some((d) => d.code === 'invalid-origin'), 'still analysing after the malformed traffic');
  // A code action with a cursor far past the end is clamped too.
  const far = { start: { line: 10_000, character: 0 }, end: { line: 10_000, character: 99 } };
  assert.ok(Array.isArray(await codeActions(client, uri, far)));
  assert.equal(client.exited, false);
});

test('robustness: a rule that throws is logged with rule, file and line; the other rules still report', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws, env: { CORS_LINT_TEST_THROWING_RULE: 'invalid-origin' } });
  // invalid-origin (which throws) and null-origin in one file.
  const text = RULE_CASES['invalid-origin'].replace(
    '  res.json({ ok: true });',
    "  res.json({ ok: true });\n});\napp.get('/embed', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'null');\n  res.end();",
  );
  const uri = ws.fileUri('throwing.js');
  openDocument(client, uri, text);
  const published = await nextDiagnostics(client, uri);
  const codes = published.diagnostics.map((d) => d.code);
  assert.ok(!codes.includes('invalid-origin'), 'the throwing rule reports nothing');
  assert.ok(codes.includes('null-origin'), `the other rules still report: [${codes}]`);

  const logged = await client.waitFor('window/logMessage', (p) => p.type === 1 && p.message.includes('internal error in rule invalid-origin'));
  const file = ws.path('throwing.js').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The injected failure happens before the rule looks at any node, so the line may be unknown.
  assert.match(logged.message, new RegExp(`internal error in rule invalid-origin at ${file}(:\\d+| \\(line unknown\\)): injected failure in invalid-origin`));

  // And the server keeps serving.
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: RULE_CASES['null-origin'] }] });
  const next = await nextDiagnostics(client, uri, { version: 2 });
  assert.ok(next.diagnostics.some((d) => d.code === 'null-origin'));
  assert.equal(client.exited, false);
});

test('robustness: a binary file opened as JavaScript is skipped with one informational diagnostic', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const uri = ws.fileUri('image.js');
  // What an editor shows for a PNG read as UTF-8: NULs, replacement characters, and by chance a CORS marker.
  const binary = `\u0089PNG\r\n\u001a\n\0\0\0\rIHDR\0\0\u0001\0\ufffd\ufffd${"res.setHeader('Access-Control-Allow-Origin', 'null');"}\0\ufffd\ud800x`;
  openDocument(client, uri, binary);
  const published = await nextDiagnostics(client, uri);
  assert.equal(published.diagnostics.length, 1, JSON.stringify(published.diagnostics));
  assert.equal(published.diagnostics[0].severity, 3);
  assert.match(published.diagnostics[0].message, /skipped this file: it contains NUL characters/);
  assert.deepEqual(await codeActions(client, uri, range), []);
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position }), null);

  // Replaced by source text, the same document is analysed again.
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: RULE_CASES['null-origin'] }] });
  const next = await nextDiagnostics(client, uri, { version: 2 });
  assert.ok(next.diagnostics.some((d) => d.code === 'null-origin'));
  assert.equal(client.exited, false);
});

test('robustness: requests cancelled while they wait answer RequestCancelled and do no work; later ones are served', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws, capabilities: pullCapabilities() });
  // Hold the server's settings request: every request for the new document waits on it.
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  const answer = client.requestHandlers.get('workspace/configuration');
  client.onRequest('workspace/configuration', async (params) => {
    await gate;
    return answer(params);
  });
  const uri = ws.fileUri('slow-settings.js');
  const text = RULE_CASES['null-origin'];
  const since = client.mark();
  openDocument(client, uri, text);

  const outcome = (promise) => promise.then((result) => ({ result }), (error) => ({ code: error.code }));
  const cancelled = (method, params) => {
    const id = client.nextId;
    const pending = outcome(client.request(method, params));
    client.notify('$/cancelRequest', { id });
    return pending;
  };
  const hover = cancelled('textDocument/hover', { textDocument: { uri }, position });
  const actions = cancelled('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
  const pull = cancelled('textDocument/diagnostic', { textDocument: { uri } });
  await client.waitFor('workspace/configuration', () => true, { since });
  release();
  const RequestCancelled = -32800;
  assert.deepEqual(await hover, { code: RequestCancelled });
  assert.deepEqual(await actions, { code: RequestCancelled });
  assert.deepEqual(await pull, { code: RequestCancelled });

  // Nothing was left half-done: the next requests get full answers.
  const report = await client.request('textDocument/diagnostic', { textDocument: { uri } });
  assert.ok(report.items.some((d) => d.code === 'null-origin'), JSON.stringify(report));
  assert.equal(client.logs().filter((m) => /failed/.test(m.message ?? m)).length, 0, 'a cancellation is not logged as a failure');
  assert.equal(client.exited, false);
});
