import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RULE_CASES, UNICODE_CASE } from './cases.mjs';
import { FIX_ALL_CHAIN, FIX_ALL_CHAIN_FIXED } from '../core/fix-cases.mjs';
import {
  applyWorkspaceEdit,
  codeActions,
  editsFor,
  engine,
  nextDiagnostics,
  openDocument,
  pushCapabilities,
  rangeOfText,
  startServer,
  tempWorkspace,
} from './helpers.mjs';

/** Opens `text`, waits for its diagnostics and returns them with the document's URI. */
async function openAndDiagnose(client, ws, name, text) {
  const uri = ws.fileUri(name);
  const since = client.mark();
  openDocument(client, uri, text);
  const { diagnostics } = await nextDiagnostics(client, uri, { since });
  return { uri, diagnostics };
}

/** Replaces the whole document (version `version`) and waits for its diagnostics. */
async function replaceText(client, uri, text, version) {
  const since = client.mark();
  client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  return (await nextDiagnostics(client, uri, { since, version })).diagnostics;
}

test('code actions: every engine fix of every rule case is offered, and its edit gives the engine\'s text', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  for (const [ruleId, text] of Object.entries(RULE_CASES)) {
    await t.test(ruleId, async () => {
      const { uri, diagnostics } = await openAndDiagnose(client, ws, `${ruleId}.js`, text);
      const findings = engine.analyzeFile(text, ws.path(`${ruleId}.js`)).findings;
      for (const diagnostic of diagnostics) {
        const finding = findings.find((f) => f.ruleId === diagnostic.code && f.message === diagnostic.message);
        const actions = await codeActions(client, uri, diagnostic.range, { diagnostics: [diagnostic] });
        for (const fix of finding.fixes) {
          const action = actions.find((a) => a.title === fix.title);
          assert.ok(action, `"${fix.title}" offered for ${diagnostic.code}`);
          assert.equal(action.kind, 'quickfix');
          assert.equal(action.isPreferred === true, fix.kind === 'safe', `only safe fixes are preferred ("${fix.title}")`);
          assert.deepEqual(action.diagnostics, [diagnostic]);
          assert.equal(applyWorkspaceEdit(text, uri, action.edit), engine.applyEdits(text, fix.edits));
        }
        const titles = actions.map((a) => a.title);
        if (diagnostic.code !== engine.UNUSED_DIRECTIVE_ID) {
          assert.ok(titles.includes(`Disable ${diagnostic.code} for this line`), `disable-line for ${diagnostic.code}`);
          assert.ok(titles.includes(`Disable ${diagnostic.code} for this file`), `disable-file for ${diagnostic.code}`);
          assert.ok(titles.includes(`Show documentation for ${diagnostic.code}`), `docs for ${diagnostic.code}`);
        }
      }
    });
  }
});

test('code actions: the safe trailing-slash fix is preferred and repairs the origin; a suggestion is never preferred', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const text = RULE_CASES['invalid-origin'];
  const { uri, diagnostics } = await openAndDiagnose(client, ws, 'slash.js', text);
  const invalid = diagnostics.find((d) => d.code === 'invalid-origin');
  const actions = await codeActions(client, uri, invalid.range, { diagnostics: [invalid] });
  const preferred = actions.filter((a) => a.isPreferred);
  assert.equal(preferred.length, 1);
  assert.equal(applyWorkspaceEdit(text, uri, preferred[0].edit), text.replace("'https://a.com/'", "'https://a.com'"));

  const multipleText = RULE_CASES['multiple-origins'];
  const multiple = await openAndDiagnose(client, ws, 'multiple.js', multipleText);
  const diagnostic = multiple.diagnostics.find((d) => d.code === 'multiple-origins');
  const suggestions = await codeActions(client, multiple.uri, diagnostic.range, { diagnostics: [diagnostic] });
  const engineFix = engine.analyzeFile(multipleText, 'multiple.js').findings.find((f) => f.ruleId === 'multiple-origins').fixes[0];
  assert.equal(engineFix.kind, 'suggestion');
  const suggestion = suggestions.find((a) => a.title === engineFix.title);
  assert.notEqual(suggestion.isPreferred, true);
  assert.notEqual(applyWorkspaceEdit(multipleText, multiple.uri, suggestion.edit), multipleText);
});

test('code actions: "Disable for this line" inserts an indented directive above, and the finding goes away', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const text = RULE_CASES['invalid-origin'];
  const { uri, diagnostics } = await openAndDiagnose(client, ws, 'disable-line.js', text);
  const invalid = diagnostics.find((d) => d.code === 'invalid-origin');
  const actions = await codeActions(client, uri, invalid.range, { diagnostics: [invalid] });
  const action = actions.find((a) => a.title === 'Disable invalid-origin for this line');
  const fixed = applyWorkspaceEdit(text, uri, action.edit);
  const target = "  res.setHeader('Access-Control-Allow-Origin', 'https://a.com/');";
  assert.equal(fixed, text.replace(target, `  // cors-lint-disable-next-line invalid-origin\n${target}`));
  const after = await replaceText(client, uri, fixed, 2);
  assert.ok(!after.some((d) => d.code === 'invalid-origin' || d.code === engine.UNUSED_DIRECTIVE_ID), JSON.stringify(after));
});

test('code actions: "Disable for this line" merges into a directive already on the line above', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const target = "  res.setHeader('Access-Control-Allow-Origin', 'https://a.com/');";
  const text = RULE_CASES['invalid-origin'].replace(target, `  // cors-lint-disable-next-line null-origin -- partner page\n${target}`);
  const { uri, diagnostics } = await openAndDiagnose(client, ws, 'merge.js', text);
  const invalid = diagnostics.find((d) => d.code === 'invalid-origin');
  const actions = await codeActions(client, uri, invalid.range, { diagnostics: [invalid] });
  const action = actions.find((a) => a.title === 'Disable invalid-origin for this line');
  const merged = applyWorkspaceEdit(text, uri, action.edit);
  assert.equal(
    merged,
    text.replace('// cors-lint-disable-next-line null-origin -- partner page', '// cors-lint-disable-next-line null-origin, invalid-origin -- partner page'),
  );
  const after = await replaceText(client, uri, merged, 2);
  assert.ok(!after.some((d) => d.code === 'invalid-origin'), JSON.stringify(after));
});

test('code actions: "Disable for this file" adds a file directive at the top, or merges into one', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const text = RULE_CASES['invalid-origin'];
  const { uri, diagnostics } = await openAndDiagnose(client, ws, 'disable-file.js', text);
  const invalid = diagnostics.find((d) => d.code === 'invalid-origin');
  const actions = await codeActions(client, uri, invalid.range, { diagnostics: [invalid] });
  const fixed = applyWorkspaceEdit(text, uri, actions.find((a) => a.title === 'Disable invalid-origin for this file').edit);
  assert.equal(fixed, `/* cors-lint-disable invalid-origin */\n${text}`);
  const after = await replaceText(client, uri, fixed, 2);
  assert.ok(!after.some((d) => d.code === 'invalid-origin'), JSON.stringify(after));

  const withDirective = `#!/usr/bin/env node\n/* cors-lint-disable null-origin */\n${text}`;
  const second = await openAndDiagnose(client, ws, 'disable-file-merge.js', withDirective);
  const diagnostic = second.diagnostics.find((d) => d.code === 'invalid-origin');
  const merge = (await codeActions(client, second.uri, diagnostic.range, { diagnostics: [diagnostic] })).find(
    (a) => a.title === 'Disable invalid-origin for this file',
  );
  assert.equal(
    applyWorkspaceEdit(withDirective, second.uri, merge.edit),
    `#!/usr/bin/env node\n/* cors-lint-disable null-origin, invalid-origin */\n${text}`,
  );
});

test('code actions: "Show documentation" runs corsLint.showRuleDocumentation; the server opens the docs page', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const { uri, diagnostics } = await openAndDiagnose(client, ws, 'docs.js', RULE_CASES['null-origin']);
  const diagnostic = diagnostics.find((d) => d.code === 'null-origin');
  const actions = await codeActions(client, uri, diagnostic.range, { diagnostics: [diagnostic] });
  const docs = actions.find((a) => a.title === 'Show documentation for null-origin');
  assert.deepEqual(docs.command, { title: 'Show documentation for null-origin', command: 'corsLint.showRuleDocumentation', arguments: ['null-origin'] });
  assert.equal(docs.edit, undefined);
  const since = client.mark();
  assert.equal(await client.request('workspace/executeCommand', { command: docs.command.command, arguments: docs.command.arguments }), null);
  const shown = await client.waitFor('window/showDocument', () => true, { since });
  assert.deepEqual(shown, { uri: engine.ruleDocsUrl('null-origin'), external: true });
});

test('code actions: source.fixAll.corsLint applies the safe fixes only', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const multipleLine = "  res.setHeader('Access-Control-Allow-Origin', 'https://a.com, https://b.com');";
  const text = RULE_CASES['invalid-origin'].replace('  res.json({ ok: true });', `  res.json({ ok: true });\n});\napp.get('/other', (req, res) => {\n${multipleLine}`);
  const { uri, diagnostics } = await openAndDiagnose(client, ws, 'fix-all.js', text);
  assert.ok(diagnostics.some((d) => d.code === 'multiple-origins') && diagnostics.some((d) => d.code === 'invalid-origin'));
  const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const actions = await codeActions(client, uri, whole, { only: ['source.fixAll.corsLint'] });
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, 'source.fixAll.corsLint');
  const fixed = applyWorkspaceEdit(text, uri, actions[0].edit);
  assert.equal(fixed, text.replace("'https://a.com/'", "'https://a.com'"), 'trailing slash fixed, the multiple-origins suggestion not applied');
  assert.equal(fixed, engine.applyEdits(text, engine.safeFixEdits(engine.analyzeFile(text, 'fix-all.js').findings)));

  const viaSource = await codeActions(client, uri, whole, { only: ['source'] });
  assert.deepEqual(viaSource.map((a) => a.kind), ['source.fixAll.corsLint']);
  const unasked = await codeActions(client, uri, whole);
  assert.ok(!unasked.some((a) => a.kind === 'source.fixAll.corsLint'), 'fix-all only when asked for');
  const quickFixesOnly = await codeActions(client, uri, diagnostics[0].range, { only: ['quickfix'] });
  assert.ok(quickFixesOnly.length > 0 && quickFixesOnly.every((a) => a.kind === 'quickfix'));
});

test('code actions: versioned documentChanges only when the client advertises them, else changes', async (t) => {
  const ws = tempWorkspace(t);
  const text = RULE_CASES['invalid-origin'];
  for (const documentChanges of [true, false]) {
    const client = await startServer(t, { workspace: ws, capabilities: pushCapabilities({ documentChanges }) });
    const { uri, diagnostics } = await openAndDiagnose(client, ws, `edits-${documentChanges}.js`, text);
    const invalid = diagnostics.find((d) => d.code === 'invalid-origin');
    const [action] = (await codeActions(client, uri, invalid.range, { diagnostics: [invalid] })).filter((a) => a.isPreferred);
    if (documentChanges) {
      assert.equal(action.edit.changes, undefined);
      assert.deepEqual(action.edit.documentChanges.map((c) => c.textDocument), [{ uri, version: 1 }]);
    } else {
      assert.equal(action.edit.documentChanges, undefined);
      assert.deepEqual(Object.keys(action.edit.changes), [uri]);
    }
    assert.ok(editsFor(action.edit, uri).length > 0);
  }
});

test('code actions: ranges in context.diagnostics are not trusted (Neovim 0.7 sends byte columns)', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const { uri, diagnostics } = await openAndDiagnose(client, ws, 'bytes.js', UNICODE_CASE);
  const invalid = diagnostics.find((d) => d.code === 'invalid-origin');
  const line = invalid.range.start.line;
  const lineText = UNICODE_CASE.split('\n')[line];
  const byteColumn = (character) => Buffer.byteLength(lineText.slice(0, character), 'utf8');
  // What Neovim 0.7 sends: the cursor at the start of the line, the diagnostic with byte columns.
  const neovimDiagnostic = {
    ...invalid,
    range: {
      start: { line, character: byteColumn(invalid.range.start.character) },
      end: { line, character: byteColumn(invalid.range.end.character) },
    },
  };
  const cursor = { start: { line, character: 0 }, end: { line, character: 0 } };
  const actions = await codeActions(client, uri, cursor, { diagnostics: [neovimDiagnostic] });
  const fix = actions.find((a) => a.isPreferred);
  assert.ok(fix, 'the invalid-origin fix is found from the code and the line');
  assert.deepEqual(fix.diagnostics, [invalid], 'the action carries the server\'s own (UTF-16) diagnostic');
  assert.equal(applyWorkspaceEdit(UNICODE_CASE, uri, fix.edit), UNICODE_CASE.replace("'https://a.com/'", "'https://a.com'"));
});

test('code actions: a request that the document outran yields no edit', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const text = RULE_CASES['invalid-origin'];
  const { uri, diagnostics } = await openAndDiagnose(client, ws, 'stale.js', text);
  const invalid = diagnostics.find((d) => d.code === 'invalid-origin');

  // Drop the settings cache; while the server waits for fresh settings, the user types (version 2).
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  let edited = false;
  client.onRequest('workspace/configuration', async (params) => {
    await gate;
    if (!edited) {
      edited = true;
      client.notify('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: rangeOfText(text, "'https://a.com/'"), text: "'https://b.com/'" }],
      });
    }
    return params.items.map(() => ({}));
  });
  client.notify('workspace/didChangeConfiguration', { settings: null });
  const stale = codeActions(client, uri, invalid.range, { diagnostics: [invalid] });
  release();
  assert.deepEqual(await stale, [], 'computed for version 1, answered after version 2 arrived: no edit');

  const fresh = await codeActions(client, uri, invalid.range, { diagnostics: [invalid] });
  const fix = fresh.find((a) => a.isPreferred);
  assert.deepEqual(fix.edit.documentChanges[0].textDocument, { uri, version: 2 }, 'a new request is tied to version 2');
});

test('code actions: a range without findings gets no quick fixes', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const { uri } = await openAndDiagnose(client, ws, 'empty.js', RULE_CASES['invalid-origin']);
  const actions = await codeActions(client, uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } });
  assert.deepEqual(actions, []);
});

// Issue 11 item 9: fix-all in one action.
test('code actions: source.fixAll.corsLint reaches the fixed point in one action (the same text as --fix)', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const single = engine.applyEdits(FIX_ALL_CHAIN, engine.safeFixEdits(engine.analyzeFile(FIX_ALL_CHAIN, 'chain.js').findings));
  assert.notEqual(single, FIX_ALL_CHAIN_FIXED, 'one pass of safe fixes is not enough for this text');
  const { uri } = await openAndDiagnose(client, ws, 'chain.js', FIX_ALL_CHAIN);
  const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const [action] = await codeActions(client, uri, whole, { only: ['source.fixAll.corsLint'] });
  assert.equal(applyWorkspaceEdit(FIX_ALL_CHAIN, uri, action.edit), FIX_ALL_CHAIN_FIXED);
  assert.equal(engine.fixAll(FIX_ALL_CHAIN, ws.path('chain.js'), engine.defaultConfig()).text, FIX_ALL_CHAIN_FIXED);
});

test('"Show documentation" without window.showDocument support: a showMessage notification with the URL, never a request that blocks', async (t) => {
  const ws = tempWorkspace(t);
  const capabilities = pushCapabilities();
  delete capabilities.window;
  const client = await startServer(t, { workspace: ws, capabilities });
  const since = client.mark();
  assert.equal(await client.request('workspace/executeCommand', { command: 'corsLint.showRuleDocumentation', arguments: ['null-origin'] }), null);
  const shown = await client.waitFor('window/showMessage', () => true, { since });
  assert.deepEqual(shown, { type: 3, message: `cors-lint: null-origin is documented at ${engine.ruleDocsUrl('null-origin')}` });
  assert.equal(await client.request('workspace/executeCommand', { command: 'corsLint.showRuleDocumentation', arguments: ['no-such-rule'] }), null);
  assert.deepEqual(await client.waitFor('window/showMessage', (p) => p.type === 2, { since }), { type: 2, message: 'cors-lint: no documentation for "no-such-rule"' });
  const requests = client.received.slice(since).filter((m) => m.isRequest).map((m) => m.method);
  assert.ok(!requests.includes('window/showMessageRequest') && !requests.includes('window/showDocument'), `requests sent: ${requests.join(', ')}`);
});
