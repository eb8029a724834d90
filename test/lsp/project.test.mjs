// The language server's project: the import index is built in the background at start-up, an edit in a
// module (unsaved, or on disk through a watcher) re-analyses the open documents that import it, and the
// unsaved text of an open module is what its dependents read.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../cli/helpers.mjs';
import { PROJECTS, audit, auditCapabilities, auditReport, copyProject } from './audit-helpers.mjs';
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

test('project: a finding about a value applied in another module points there (relatedInformation uri and range)', async (t) => {
  const ws = copyProject(t, 'esm-ts');
  const client = await startServer(t, { workspace: ws });
  await client.waitFor('window/logMessage', (p) => /project index: \d+ files/.test(p.message));
  // The allowlist entry is written in constants/index.ts, the origin of options in config/cors.ts.
  const text = ws.read('src/constants/index.ts');
  openDocument(client, ws.fileUri('src/constants/index.ts'), text, { languageId: 'typescript' });
  const { diagnostics } = await nextDiagnostics(client, ws.fileUri('src/constants/index.ts'));
  assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start]), [['invalid-origin', { line: 0, character: 58 }]]);
  assert.deepEqual(diagnostics[0].relatedInformation, [
    { location: { uri: ws.fileUri('src/config/cors.ts'), range: { start: { line: 4, character: 10 }, end: { line: 4, character: 24 } } }, message: 'Applied here (cors, credentials: true).' },
  ]);
  // The applying file does not repeat it.
  const app = ws.read('src/app.ts');
  openDocument(client, ws.fileUri('src/app.ts'), app, { languageId: 'typescript' });
  assert.deepEqual((await nextDiagnostics(client, ws.fileUri('src/app.ts'))).diagnostics, []);
});

/** What a report says about each file: its findings, and its policies with where their parts come from. */
function reportOf(report) {
  return report.files.map((f) => ({
    path: f.path,
    findings: f.findings,
    policies: f.policies.map((p) => ({ line: p.line, column: p.column, framework: p.framework, route: p.route, origins: p.origins, credentials: p.credentials, preflight: p.preflight, provenance: p.provenance })),
  }));
}

// Every fixture project (issue 12, item 11: ESM, CJS, aliases, a monorepo package, a re-export chain, a
// cycle, a dynamic import, env files, routers mounted from another file, a preflight answered by app-level
// middleware, a dev-only branch, a computed boolean origin — see the fixtures' README): the audit and the CLI
// say the same, and the language server says it for an open document too.
for (const name of readdirSync(PROJECTS).filter((entry) => statSync(join(PROJECTS, entry)).isDirectory())) {
  test(`project: the audit, the CLI and the open documents report the same on the ${name} fixture`, async (t) => {
    const ws = copyProject(t, name);
    const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities() });
    await client.waitFor('window/logMessage', (p) => /project index: \d+ files/.test(p.message));
    await audit(client);
    const fromAudit = reportOf(JSON.parse((await auditReport(client, 'json')).content));
    const fromCli = reportOf(JSON.parse(runCli(['.', '--format', 'json'], { cwd: ws.dir }).stdout));
    assert.deepEqual(fromAudit, fromCli);
    assert.ok(fromCli.some((f) => f.findings.length > 0 || f.policies.length > 0), 'the fixture grants or breaks something');
    for (const file of fromCli.filter((f) => f.findings.length > 0)) {
      const uri = ws.fileUri(file.path);
      const since = client.mark();
      openDocument(client, uri, ws.read(file.path), { languageId: /\.tsx?$/.test(file.path) ? 'typescript' : 'javascript' });
      const { diagnostics } = await nextDiagnostics(client, uri, { since, version: 1 });
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.range.start.line + 1, d.range.start.character + 1, d.message]),
        file.findings.map((f) => [f.ruleId, f.line, f.column, f.message]),
        file.path,
      );
    }
  });
}

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

test('project: the modules parsed for a burst of analyses are released when it ends; the next analysis reads them again', async (t) => {
  const { ws, client } = await projectWorkspace(t);
  writeFileSync(ws.path('config.js'), "export const ORIGIN = '*';\n");
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.fileUri('config.js'), type: CHANGED }] });
  openDocument(client, ws.fileUri('app.js'), APP);
  const first = await nextDiagnostics(client, ws.fileUri('app.js'));
  assert.deepEqual(first.diagnostics.map((d) => d.code), ['wildcard-with-credentials']);
  // config.js is not open: its syntax tree goes when the analyses pause.
  const released = await client.waitFor('window/logMessage', (p) => /project: \d+ parsed module\(s\) released after the analyses/.test(p.message));
  assert.match(released.message, /project: 1 parsed module\(s\) released/);
  const since = client.mark();
  client.notify('textDocument/didChange', { textDocument: { uri: ws.fileUri('app.js'), version: 2 }, contentChanges: [{ text: `${APP}\n` }] });
  const again = await nextDiagnostics(client, ws.fileUri('app.js'), { since, version: 2 });
  assert.deepEqual(again.diagnostics, first.diagnostics);
});
