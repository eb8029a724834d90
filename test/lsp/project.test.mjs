// The language server's project: the import index is built in the background at start-up, an edit in a
// module (unsaved, or on disk through a watcher) re-analyses the open documents that import it, and the
// unsaved text of an open module is what its dependents read.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { runCli } from '../cli/helpers.mjs';
import { audit, auditCapabilities, auditReport, copyProject } from './audit-helpers.mjs';
import { nextDiagnostics, openDocument, rangeOfText, startServer, tempWorkspace } from './helpers.mjs';

const CHANGED = 2;

const CONFIG = "export const ORIGIN = 'https://app.example.com';\n";
const APP = [
  "import { ORIGIN } from './config.js';",
  '',
  'export function handler(req, res) {',
  "  res.setHeader('Access-Control-Allow-Origin', ORIGIN);",
  "  res.setHeader('Access-Control-Allow-Credentials', 'true');",
  '  res.end();',
  '}',
  '',
].join('\n');

async function projectWorkspace(t) {
  const ws = tempWorkspace(t);
  writeFileSync(ws.path('config.js'), CONFIG);
  writeFileSync(ws.path('app.js'), APP);
  writeFileSync(ws.path('unrelated.js'), "res.setHeader('Access-Control-Allow-Origin', '*');\n");
  const client = await startServer(t, { workspace: ws });
  // The index is built off the request loop; the server logs when it is complete.
  await client.waitFor('window/logMessage', (p) => /project index: 3 files/.test(p.message));
  return { ws, client };
}

test('project: an unsaved edit in an imported module re-analyses the open importer (not unrelated files)', async (t) => {
  const { ws, client } = await projectWorkspace(t);
  openDocument(client, ws.fileUri('app.js'), APP);
  openDocument(client, ws.fileUri('unrelated.js'), "res.setHeader('Access-Control-Allow-Origin', '*');\n");
  openDocument(client, ws.fileUri('config.js'), CONFIG);
  await nextDiagnostics(client, ws.fileUri('app.js'));
  await nextDiagnostics(client, ws.fileUri('unrelated.js'));
  await nextDiagnostics(client, ws.fileUri('config.js'));

  const since = client.mark();
  client.notify('textDocument/didChange', {
    textDocument: { uri: ws.fileUri('config.js'), version: 2 },
    contentChanges: [{ text: "export const ORIGIN = '*';\n" }],
  });
  const config = await nextDiagnostics(client, ws.fileUri('config.js'), { since, version: 2 });
  const app = await nextDiagnostics(client, ws.fileUri('app.js'), { since });
  assert.equal(app.version, 1, 'the importer is analysed again at its own (unchanged) version');
  assert.ok(config);
  // The unrelated document, whose run would have been scheduled with the same debounce, was not touched.
  assert.equal(client.notifications('textDocument/publishDiagnostics').slice(since).filter((p) => p.uri === ws.fileUri('unrelated.js')).length, 0);
});

test('project: a module changed on disk (watched file) re-analyses the open importer', async (t) => {
  const { ws, client } = await projectWorkspace(t);
  openDocument(client, ws.fileUri('app.js'), APP);
  await nextDiagnostics(client, ws.fileUri('app.js'));
  const since = client.mark();
  writeFileSync(ws.path('config.js'), "export const ORIGIN = '*';\n");
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.fileUri('config.js'), type: CHANGED }] });
  const app = await nextDiagnostics(client, ws.fileUri('app.js'), { since });
  assert.equal(app.version, 1);
});

test('project: a changed ORIGIN in config.js changes the open app.js diagnostics (wildcard with credentials where they meet)', async (t) => {
  const { ws, client } = await projectWorkspace(t);
  openDocument(client, ws.fileUri('app.js'), APP);
  openDocument(client, ws.fileUri('config.js'), CONFIG);
  const before = await nextDiagnostics(client, ws.fileUri('app.js'));
  assert.deepEqual(before.diagnostics.map((d) => d.code), []);
  const since = client.mark();
  client.notify('textDocument/didChange', {
    textDocument: { uri: ws.fileUri('config.js'), version: 2 },
    contentChanges: [{ text: "export const ORIGIN = '*';\n" }],
  });
  const after = await nextDiagnostics(client, ws.fileUri('app.js'), { since });
  assert.deepEqual(after.diagnostics.map((d) => d.code), ['wildcard-with-credentials']);
});

test('project: a finding about a value written in another module points there (relatedInformation uri and range)', async (t) => {
  const ws = copyProject(t, 'esm-ts');
  const client = await startServer(t, { workspace: ws });
  await client.waitFor('window/logMessage', (p) => /project index: \d+ files/.test(p.message));
  const text = ws.read('src/app.ts');
  openDocument(client, ws.fileUri('src/app.ts'), text, { languageId: 'typescript' });
  const { diagnostics } = await nextDiagnostics(client, ws.fileUri('src/app.ts'));
  assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start]), [['invalid-origin', { line: 7, character: 13 }]]);
  assert.deepEqual(diagnostics[0].relatedInformation, [
    { location: { uri: ws.fileUri('src/constants/index.ts'), range: { start: { line: 0, character: 58 }, end: { line: 0, character: 86 } } }, message: 'The value is written here.' },
  ]);
});

test('project: the audit and the CLI report the same findings on a project with cross-file values', async (t) => {
  const ws = copyProject(t, 'esm-ts');
  const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities() });
  await audit(client);
  const fromAudit = JSON.parse((await auditReport(client, 'json')).content);
  const fromCli = JSON.parse(runCli(['.', '--format', 'json'], { cwd: ws.dir }).stdout);
  const findings = (report) => report.files.map((f) => ({ path: f.path, findings: f.findings }));
  assert.deepEqual(findings(fromAudit), findings(fromCli));
  assert.ok(fromCli.files.some((f) => f.findings.some((x) => x.related.some((r) => r.path === 'src/constants/index.ts'))));
});

test('project: the hover on middleware shows where its options and origin come from, named relative to the workspace folder', async (t) => {
  const ws = tempWorkspace(t);
  mkdirSync(ws.path('src'));
  writeFileSync(ws.path('package.json'), JSON.stringify({ name: 'x', type: 'module' }));
  writeFileSync(ws.path('.env.production'), 'ALLOWED_ORIGINS=https://app.example.com\n');
  writeFileSync(ws.path('src/config.js'), 'export const corsOptions = { origin: process.env.ALLOWED_ORIGINS, credentials: true };\n');
  const app = "import cors from 'cors';\nimport { corsOptions } from './config.js';\napp.use(cors(corsOptions));\n";
  writeFileSync(ws.path('src/app.js'), app);
  const client = await startServer(t, { workspace: ws });
  await client.waitFor('window/logMessage', (p) => /project index: 2 files/.test(p.message));
  openDocument(client, ws.fileUri('src/app.js'), app);
  await nextDiagnostics(client, ws.fileUri('src/app.js'));
  const hover = await client.request('textDocument/hover', { textDocument: { uri: ws.fileUri('src/app.js') }, position: rangeOfText(app, 'cors(corsOptions)').start });
  const from = hover.contents.value.split('\n').filter((line) => line.startsWith('- From: '));
  assert.deepEqual(from, ['- From: options ← corsOptions (src/config.js:1)', '- From: origin ← ALLOWED_ORIGINS (.env.production)']);
  assert.equal(hover.contents.value.includes(ws.dir), false);
});
