import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RULE_CASES, UNICODE_CASE } from './cases.mjs';
import {
  applyTextEdits,
  applyWorkspaceEdit,
  codeActions,
  engine,
  expectedDiagnostics,
  nextDiagnostics,
  openDocument,
  positionAt,
  rangeOfText,
  startServer,
  tempWorkspace,
} from './helpers.mjs';

test('diagnostics: one case per rule, exactly as the engine reports it, with code, docs link, source and related info', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  assert.deepEqual(Object.keys(RULE_CASES).sort(), [...engine.RULE_IDS].sort(), 'one case per rule id');
  for (const [ruleId, text] of Object.entries(RULE_CASES)) {
    await t.test(ruleId, async () => {
      const uri = ws.fileUri(`${ruleId}.js`);
      const since = client.mark();
      openDocument(client, uri, text);
      const published = await nextDiagnostics(client, uri, { since });
      assert.equal(published.version, 1);
      const codes = published.diagnostics.map((d) => d.code);
      assert.ok(codes.includes(ruleId), `expected a ${ruleId} diagnostic, got [${codes.join(', ')}]`);
      assert.deepEqual(published.diagnostics, expectedDiagnostics(text, ws.path(`${ruleId}.js`), uri));
      for (const diagnostic of published.diagnostics) {
        assert.equal(diagnostic.source, 'cors-lint');
        assert.equal(diagnostic.codeDescription.href, engine.ruleDocsUrl(diagnostic.code));
        assert.ok(diagnostic.message.length > 0);
      }
    });
  }
});

test('diagnostics: related information points at the other half of the problem', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const text = RULE_CASES['wildcard-with-credentials'];
  const uri = ws.fileUri('credentials.js');
  openDocument(client, uri, text);
  const { diagnostics } = await nextDiagnostics(client, uri);
  const diagnostic = diagnostics.find((d) => d.code === 'wildcard-with-credentials');
  assert.ok(diagnostic, 'wildcard-with-credentials reported');
  assert.ok(diagnostic.relatedInformation?.length > 0, 'related information present');
  const credentialsLine = rangeOfText(text, "'Access-Control-Allow-Credentials'").start.line;
  assert.ok(
    diagnostic.relatedInformation.some((r) => r.location.uri === uri && r.location.range.start.line === credentialsLine),
    'a related location on the line that switches credentials on',
  );
});

test('diagnostics: UTF-16 ranges are exact on a line with é and an emoji before the finding', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const uri = ws.fileUri('unicode.js');
  openDocument(client, uri, UNICODE_CASE);
  const { diagnostics } = await nextDiagnostics(client, uri);
  const invalid = diagnostics.find((d) => d.code === 'invalid-origin');
  assert.ok(invalid, 'invalid-origin reported');
  const line = UNICODE_CASE.split('\n').findIndex((l) => l.includes('😀'));
  const character = UNICODE_CASE.split('\n')[line].indexOf("'https://a.com/'");
  // JS string indices are UTF-16 code units: 'é' counts 1, '😀' counts 2 (bytes would be 2 and 4).
  assert.deepEqual(invalid.range, { start: { line, character }, end: { line, character: character + "'https://a.com/'".length } });
  assert.equal(invalid.severity, 1);
});

test('diagnostics: languageId "js" (eglot) falls back to the file extension; non-JS documents get none', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const text = RULE_CASES['invalid-origin'];
  const jsUri = ws.fileUri('eglot.js');
  openDocument(client, jsUri, text, { languageId: 'js' });
  const js = await nextDiagnostics(client, jsUri);
  assert.deepEqual(js.diagnostics, expectedDiagnostics(text, ws.path('eglot.js'), jsUri));
  assert.ok(js.diagnostics.some((d) => d.code === 'invalid-origin'));

  const untitled = 'untitled:Untitled-1';
  openDocument(client, untitled, text, { languageId: 'typescript' });
  const fromUntitled = await nextDiagnostics(client, untitled);
  assert.ok(fromUntitled.diagnostics.some((d) => d.code === 'invalid-origin'), 'untitled TypeScript is analysed');

  const textUri = ws.fileUri('notes.txt');
  openDocument(client, textUri, text, { languageId: 'plaintext' });
  assert.deepEqual((await nextDiagnostics(client, textUri)).diagnostics, []);
});

test('diagnostics: a file over corsLint.maxFileSize gets one informational diagnostic saying why it was skipped', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws, settings: { maxFileSize: 100 } });
  const text = RULE_CASES['invalid-origin'];
  const uri = ws.fileUri('big.js');
  openDocument(client, uri, text);
  const { diagnostics } = await nextDiagnostics(client, uri);
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].severity, 3);
  assert.deepEqual(diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  assert.match(diagnostics[0].message, new RegExp(`skipped this file: it has ${text.length} characters, more than corsLint\\.maxFileSize \\(100\\)`));
});

test('diagnostics: a 5 MB file is skipped under the default limit, and analysed once the setting is raised', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const head = RULE_CASES['invalid-origin'];
  const line = '// padding: a generated file can be this long\n';
  const text = head + line.repeat(Math.ceil((5_000_000 - head.length) / line.length));
  const uri = ws.fileUri('five-megabytes.js');
  openDocument(client, uri, text);
  const skipped = await nextDiagnostics(client, uri, { timeout: 60_000 });
  assert.equal(skipped.diagnostics.length, 1);
  assert.equal(skipped.diagnostics[0].severity, 3);
  assert.match(skipped.diagnostics[0].message, /skipped this file: it has 5,0\d\d,\d{3} characters, more than corsLint\.maxFileSize \(2,000,000\)\. Raise the setting to analyse it\./);

  const since = client.mark();
  client.settings = { maxFileSize: 10_000_000 };
  client.notify('workspace/didChangeConfiguration', { settings: null });
  const analysed = await nextDiagnostics(client, uri, { since, timeout: 60_000 });
  assert.ok(analysed.diagnostics.some((d) => d.code === 'invalid-origin'), JSON.stringify(analysed.diagnostics.slice(0, 3)));
});

test('diagnostics: corsLint.enable=false publishes nothing for the document', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws, settings: { enable: false } });
  const uri = ws.fileUri('off.js');
  openDocument(client, uri, RULE_CASES['invalid-origin']);
  assert.deepEqual((await nextDiagnostics(client, uri)).diagnostics, []);
});

test('diagnostics: corsLint.rules.customizations apply in order, globs included, after the config file', async (t) => {
  const ws = tempWorkspace(t);
  const settings = {
    rules: {
      customizations: [
        { rule: '*', severity: 'downgrade' },
        { rule: 'insecure-*', severity: 'off' },
      ],
    },
  };
  const client = await startServer(t, { workspace: ws, settings });
  const text = `${RULE_CASES['invalid-origin']}\n${RULE_CASES['insecure-origin'].split('\n').slice(2).join('\n')}`;
  const uri = ws.fileUri('custom.js');
  openDocument(client, uri, text);
  const { diagnostics } = await nextDiagnostics(client, uri);
  const plain = expectedDiagnostics(text, ws.path('custom.js'), uri);
  assert.ok(plain.some((d) => d.code === 'insecure-origin') && plain.some((d) => d.code === 'invalid-origin'), 'both rules fire without settings');
  const downgraded = plain
    .filter((d) => !d.code.startsWith('insecure-'))
    .map((d) => ({ ...d, severity: Math.min(3, d.severity + 1) }));
  assert.deepEqual(diagnostics, downgraded);
  assert.equal(diagnostics.find((d) => d.code === 'invalid-origin').severity, 2, 'error downgraded to warning');
});

test('diagnostics: a 1,000-edit didChange burst publishes only the last version', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  let text = RULE_CASES['invalid-origin'];
  const uri = ws.fileUri('burst.js');
  openDocument(client, uri, text);
  await nextDiagnostics(client, uri, { version: 1 });
  const since = client.mark();
  const messages = [];
  for (let version = 2; version <= 1001; version++) {
    // Each edit appends a comment line; the whole burst is written at once, as a fast typist's would arrive.
    const edit = { range: { start: positionAt(text, text.length), end: positionAt(text, text.length) }, text: `// edit ${version}\n` };
    text = applyTextEdits(text, [{ range: edit.range, newText: edit.text }]);
    messages.push({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version }, contentChanges: [edit] } });
  }
  client.sendBatch(messages);
  const last = await nextDiagnostics(client, uri, { since, version: 1001 });
  const published = client.received.filter((e) => e.index >= since && e.method === 'textDocument/publishDiagnostics' && e.params.uri === uri);
  assert.deepEqual(published.map((e) => e.params.version), [1001], 'only the last version is published');
  assert.deepEqual(last.diagnostics, expectedDiagnostics(text, ws.path('burst.js'), uri));
});

test('diagnostics: run=onSave analyses on open and save, not while typing', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const onSaveUri = ws.fileUri('on-save.js');
  const onTypeUri = ws.fileUri('on-type.js');
  // Settings are per resource: one document runs on save, the other on type.
  client.onRequest('workspace/configuration', (params) => params.items.map((item) => ({ run: item.scopeUri === onSaveUri ? 'onSave' : 'onType' })));
  const original = RULE_CASES['invalid-origin'];
  openDocument(client, onSaveUri, original);
  openDocument(client, onTypeUri, original);
  const opened = await nextDiagnostics(client, onSaveUri, { version: 1 });
  assert.ok(opened.diagnostics.some((d) => d.code === 'invalid-origin'), 'analysed on open');
  await nextDiagnostics(client, onTypeUri, { version: 1 });

  const since = client.mark();
  const fixedRange = rangeOfText(original, "'https://a.com/'");
  const change = { range: fixedRange, text: "'https://a.com'" };
  client.notify('textDocument/didChange', { textDocument: { uri: onSaveUri, version: 2 }, contentChanges: [change] });
  client.notify('textDocument/didChange', { textDocument: { uri: onTypeUri, version: 2 }, contentChanges: [change] });
  // The on-type document's debounced run was scheduled after the on-save document's change, so once
  // it has published, an on-type run of the on-save document would have published too.
  const typed = await nextDiagnostics(client, onTypeUri, { since, version: 2 });
  assert.ok(!typed.diagnostics.some((d) => d.code === 'invalid-origin'));
  assert.deepEqual(
    client.received.filter((e) => e.index >= since && e.method === 'textDocument/publishDiagnostics' && e.params.uri === onSaveUri),
    [],
    'no analysis of the on-save document while typing',
  );

  client.notify('textDocument/didSave', { textDocument: { uri: onSaveUri } });
  const saved = await nextDiagnostics(client, onSaveUri, { since, version: 2 });
  assert.ok(!saved.diagnostics.some((d) => d.code === 'invalid-origin'), 'analysed again on save');
});

test('diagnostics: closing a document clears its diagnostics', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const uri = ws.fileUri('close.js');
  openDocument(client, uri, RULE_CASES['null-origin']);
  await nextDiagnostics(client, uri, { version: 1 });
  const since = client.mark();
  client.notify('textDocument/didClose', { textDocument: { uri } });
  const cleared = await nextDiagnostics(client, uri, { since });
  assert.deepEqual(cleared.diagnostics, []);
});

test('diagnostics: an unused disable directive is tagged Unnecessary, with a fix that removes it', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const target = "  res.setHeader('Access-Control-Allow-Origin', 'https://a.com/');";
  const text = RULE_CASES['invalid-origin'].replace(target, `  // cors-lint-disable-next-line null-origin\n${target}`);
  const uri = ws.fileUri('unused.js');
  openDocument(client, uri, text);
  const { diagnostics } = await nextDiagnostics(client, uri);
  const unused = diagnostics.find((d) => d.code === engine.UNUSED_DIRECTIVE_ID);
  assert.ok(unused, `an ${engine.UNUSED_DIRECTIVE_ID} diagnostic: ${JSON.stringify(diagnostics)}`);
  assert.deepEqual(unused.tags, [1], 'DiagnosticTag.Unnecessary');
  assert.deepEqual(unused.range, rangeOfText(text, 'null-origin'));
  assert.ok(diagnostics.some((d) => d.code === 'invalid-origin'), 'the directive names another rule');

  const actions = await codeActions(client, uri, unused.range, { diagnostics: [unused] });
  const remove = actions.find((a) => a.isPreferred);
  assert.ok(remove, 'a preferred fix removes the directive');
  assert.equal(applyWorkspaceEdit(text, uri, remove.edit), RULE_CASES['invalid-origin']);
  assert.ok(!actions.some((a) => a.title.includes(`Disable ${engine.UNUSED_DIRECTIVE_ID}`)), 'directive problems cannot be suppressed');
});
