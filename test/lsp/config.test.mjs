import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { test } from 'node:test';
import { RULE_CASES } from './cases.mjs';
import { engine, nextDiagnostics, openDocument, rangeOf, startServer, tempWorkspace } from './helpers.mjs';

/** A file with an invalid-origin error and a null-origin warning. */
const TWO_RULES = RULE_CASES['invalid-origin'].replace(
  '  res.json({ ok: true });',
  "  res.json({ ok: true });\n});\napp.get('/embed', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'null');\n  res.end();",
);
const codes = (published) => published.diagnostics.map((d) => d.code);

function writeFile(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

test('config: writing .corslintrc.json and sending didChangeWatchedFiles re-validates open documents', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const uri = ws.fileUri('src/app.js');
  openDocument(client, uri, TWO_RULES);
  const before = await nextDiagnostics(client, uri);
  assert.ok(codes(before).includes('invalid-origin') && codes(before).includes('null-origin'), codes(before).join());

  writeFile(ws.path('.corslintrc.json'), JSON.stringify({ rules: { 'invalid-origin': 'off', 'null-origin': 'error' } }));
  let since = client.mark();
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.fileUri('.corslintrc.json'), type: 1 }] });
  const after = await nextDiagnostics(client, uri, { since });
  assert.ok(!codes(after).includes('invalid-origin'), 'rule turned off by the config');
  assert.equal(after.diagnostics.find((d) => d.code === 'null-origin').severity, 1, 'severity from the config');

  rmSync(ws.path('.corslintrc.json'));
  since = client.mark();
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.fileUri('.corslintrc.json'), type: 3 }] });
  const deleted = await nextDiagnostics(client, uri, { since });
  assert.ok(codes(deleted).includes('invalid-origin'), 'defaults again once the config is deleted');
});

test('config: an invalid config gets a diagnostic on the config file, and the defaults apply', async (t) => {
  const ws = tempWorkspace(t);
  const configText = '{\n  "rules": {\n    "invalid-origin": "loud"\n  }\n}\n';
  writeFile(ws.path('.corslintrc.json'), configText);
  const client = await startServer(t, { workspace: ws });
  const uri = ws.fileUri('app.js');
  openDocument(client, uri, TWO_RULES);
  const configUri = ws.fileUri('.corslintrc.json');
  const published = await nextDiagnostics(client, configUri);
  const [problem] = engine.parseConfig(configText, '.corslintrc.json').problems;
  assert.equal(published.diagnostics.length, 1);
  assert.equal(published.diagnostics[0].message, problem.message);
  assert.equal(published.diagnostics[0].severity, 1);
  assert.equal(published.diagnostics[0].source, 'cors-lint');
  assert.deepEqual(published.diagnostics[0].range, rangeOf(configText, problem.offset, problem.offset + '"loud"'.length));
  assert.ok(codes(await nextDiagnostics(client, uri)).includes('invalid-origin'), 'defaults used for the invalid setting');

  // Repairing the file clears the config diagnostic.
  writeFile(ws.path('.corslintrc.json'), '{ "rules": { "invalid-origin": "warning" } }');
  const since = client.mark();
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
  assert.deepEqual((await nextDiagnostics(client, configUri, { since })).diagnostics, []);
  const repaired = await nextDiagnostics(client, uri, { since });
  assert.equal(repaired.diagnostics.find((d) => d.code === 'invalid-origin').severity, 2);
});

test('config: a JSON syntax error is reported at its position', async (t) => {
  const ws = tempWorkspace(t);
  const configText = '{ "rules": { "null-origin": "off", } ';
  writeFile(ws.path('.corslintrc.json'), configText);
  const client = await startServer(t, { workspace: ws });
  openDocument(client, ws.fileUri('app.js'), TWO_RULES);
  const published = await nextDiagnostics(client, ws.fileUri('.corslintrc.json'));
  const [problem] = engine.parseConfig(configText, '.corslintrc.json').problems;
  assert.equal(published.diagnostics[0].message, problem.message);
  assert.deepEqual(published.diagnostics[0].range.start, rangeOf(configText, problem.offset, problem.offset).start);
});

test('config: the nearest .corslintrc.json up to the workspace folder applies; ignore globs skip files', async (t) => {
  const ws = tempWorkspace(t);
  writeFile(ws.path('.corslintrc.json'), JSON.stringify({ rules: { 'null-origin': 'off' }, ignore: ['generated/**'] }));
  writeFile(ws.path('packages/api/.corslintrc.json'), JSON.stringify({ rules: { 'invalid-origin': 'off' } }));
  const client = await startServer(t, { workspace: ws });

  const nested = ws.fileUri('packages/api/src/deep/app.js');
  openDocument(client, nested, TWO_RULES);
  const nestedCodes = codes(await nextDiagnostics(client, nested));
  assert.ok(!nestedCodes.includes('invalid-origin') && nestedCodes.includes('null-origin'), `nearest config only: ${nestedCodes}`);

  const rootLevel = ws.fileUri('src/app.js');
  openDocument(client, rootLevel, TWO_RULES);
  const rootCodes = codes(await nextDiagnostics(client, rootLevel));
  assert.ok(rootCodes.includes('invalid-origin') && !rootCodes.includes('null-origin'), `root config: ${rootCodes}`);

  const ignored = ws.fileUri('generated/client.js');
  openDocument(client, ignored, TWO_RULES);
  assert.deepEqual((await nextDiagnostics(client, ignored)).diagnostics, []);
});

test('config: an open .corslintrc.json is read from the editor as it is edited', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const uri = ws.fileUri('app.js');
  openDocument(client, uri, TWO_RULES);
  assert.ok(codes(await nextDiagnostics(client, uri)).includes('invalid-origin'));

  // Not on disk: only in the editor.
  const configUri = ws.fileUri('.corslintrc.json');
  let since = client.mark();
  openDocument(client, configUri, '{ "rules": { "invalid-origin": "off" } }', { languageId: 'json' });
  const edited = await nextDiagnostics(client, uri, { since });
  assert.ok(!codes(edited).includes('invalid-origin'), 'the unsaved config applies');

  since = client.mark();
  client.notify('textDocument/didChange', {
    textDocument: { uri: configUri, version: 2 },
    contentChanges: [{ text: '{ "rules": { "invalid-origin": "of" } }' }],
  });
  const problems = await nextDiagnostics(client, configUri, { since });
  assert.equal(problems.diagnostics.length, 1);
  assert.match(problems.diagnostics[0].message, /invalid-origin/);
  const reverted = await nextDiagnostics(client, uri, { since });
  assert.ok(codes(reverted).includes('invalid-origin'), 'an invalid setting falls back to the default');
});
