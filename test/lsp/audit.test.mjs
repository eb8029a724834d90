// The workspace audit through the protocol: every JS/TS file of the workspace folder (not only open
// documents) with $/progress and cancellation, findings of unopened files in publishDiagnostics, kept
// current as files change, and the kept report with its exports.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  audit,
  auditCapabilities,
  auditReport,
  copyProject,
  createdProgressToken,
  generatedWorkspace,
  latestDiagnostics,
  nextProgress,
  progressValues,
  projectConfig,
  routeFile,
} from './audit-helpers.mjs';
import { expectedDiagnostics, nextDiagnostics, openDocument, pullCapabilities, rangeOfText, startServer } from './helpers.mjs';

const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

const codes = (diagnostics) => diagnostics.map((d) => d.code);

/** Files each fixture project's audit covers (the rest are ignored one way or another). */
const AUDITED = {
  'express-api': ['src/app.js', 'src/lib/session.js', 'src/routes/public.js'],
  'serverless-ts': ['app/api/users/route.ts', 'functions/handler.ts', 'lib/allowlist.ts'],
  'koa-clean': ['src/server.js'],
};

/** Files each fixture holds that the audit must skip, and why. */
const SKIPPED = {
  'express-api': {
    'generated/client.js': '.gitignore (generated/)',
    'src/config.local.js': '.gitignore (*.local.js)',
    'scripts/dev-proxy.js': '.corslintrc.json ignore',
    'node_modules/cors/lib/index.js': 'node_modules',
  },
  'serverless-ts': {
    'functions/handler.test.ts': '.corslintrc.json ignore',
    'build-output/handler.js': '.gitignore',
    'node_modules/@middy/http-cors/index.js': 'node_modules',
  },
  'koa-clean': {},
};

test('audit: progress begins, reports "<done>/<total> files — <folder>" with percentages, and ends', async (t) => {
  const ws = copyProject(t, 'express-api');
  const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities() });
  const result = await audit(client);
  const token = client.notifications('window/workDoneProgress/create')[0]?.token;
  assert.ok(token !== undefined, 'the server created a progress token');

  const values = progressValues(client, token);
  assert.deepEqual(values[0], { kind: 'begin', title: 'CORS Lint: auditing the workspace', message: 'Finding files…', cancellable: true, percentage: 0 });
  assert.deepEqual(values.at(-1), { kind: 'end' });
  const reports = values.filter((v) => v.kind === 'report');
  assert.ok(reports.length >= 2, JSON.stringify(values));
  for (const report of reports) assert.match(report.message, /^\d+\/3 files — express-api$/);
  assert.deepEqual(reports[0], { kind: 'report', percentage: 0, message: '0/3 files — express-api' });
  assert.deepEqual(reports.at(-1), { kind: 'report', percentage: 100, message: '3/3 files — express-api' });
  const done = reports.map((r) => Number(r.message.split('/')[0]));
  assert.deepEqual(done, [...done].sort((a, b) => a - b), 'counts only grow');

  assert.equal(result.cancelled, false);
  assert.equal(result.filesTotal, 3);
  assert.equal(result.filesScanned, 3);
  // The route module's manual '*' under the app's cors(): a duplicate-origin-header warning (issue 12).
  assert.deepEqual(result.findings, { error: 1, warning: 1, info: 1 });
  assert.equal(result.policies, 2);
  assert.equal(result.skippedFiles, 0);
});

for (const project of Object.keys(AUDITED)) {
  test(`audit: ${project}: unopened files get the engine's diagnostics; ignored files and node_modules get none`, async (t) => {
    const ws = copyProject(t, project);
    const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities() });
    const result = await audit(client);
    assert.equal(result.filesTotal, AUDITED[project].length);

    const published = latestDiagnostics(client);
    const config = projectConfig(ws);
    for (const file of AUDITED[project]) {
      const expected = expectedDiagnostics(ws.read(file), ws.path(file), ws.fileUri(file), config, { projectRoot: ws.dir });
      // Files without findings are not published at all (nothing to show, nothing to clear).
      assert.deepEqual(published.get(ws.fileUri(file)) ?? [], expected, file);
    }
    for (const [file, why] of Object.entries(SKIPPED[project])) {
      assert.ok(!published.has(ws.fileUri(file)), `${file} is skipped (${why})`);
    }
    const json = JSON.parse((await auditReport(client, 'json')).content);
    assert.deepEqual(json.files.map((f) => f.path), AUDITED[project], 'the report covers exactly the audited files');
  });
}

test('audit: the expected codes on never-opened files (express-api)', async (t) => {
  const ws = copyProject(t, 'express-api');
  const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities() });
  const app = ws.fileUri('src/app.js');
  const publishedApp = nextDiagnostics(client, app);
  await audit(client);
  const { diagnostics } = await publishedApp;
  assert.deepEqual(codes(diagnostics), ['reflected-origin']);
  assert.equal(diagnostics[0].severity, 1, 'an error: credentials are allowed');
  assert.deepEqual(diagnostics[0].range, rangeOfText(ws.read('src/app.js'), 'origin: true'));
  assert.match(diagnostics[0].message, /credentials/i);
  // public.js is mounted by app.js, whose cors() already sets Access-Control-Allow-Origin (issue 12, item 4).
  assert.deepEqual(codes(latestDiagnostics(client).get(ws.fileUri('src/routes/public.js'))), ['duplicate-origin-header', 'permissive-wildcard']);
});

test('audit: the inventory of each fixture (framework, origins, credentials) in the report JSON', async (t) => {
  const expected = {
    'express-api': {
      'src/app.js': [{ framework: 'cors', origins: 'reflected', credentials: true }],
      'src/routes/public.js': [{ framework: 'express', origins: 'any', credentials: false }],
    },
    'serverless-ts': {
      'app/api/users/route.ts': [{ framework: 'Next.js', origins: 'weakly-checked', credentials: true }],
      'functions/handler.ts': [{ framework: 'serverless', origins: 'reflected', credentials: false }],
      'lib/allowlist.ts': [{ framework: 'node:http', origins: 'list', credentials: false, list: ['https://app.example.com', 'https://admin.example.com'] }],
    },
    'koa-clean': {
      // A callback that checks a Set: the evaluator proves the list and enumerates its members.
      'src/server.js': [{ framework: '@koa/cors', origins: 'list', credentials: true, list: ['https://app.example.com', 'https://admin.example.com'] }],
    },
  };
  for (const [project, files] of Object.entries(expected)) {
    const ws = copyProject(t, project);
    const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities() });
    await audit(client);
    const report = await auditReport(client, 'json');
    assert.equal(report.root, ws.dir);
    const json = JSON.parse(report.content);
    const inventory = Object.fromEntries(
      json.files
        .filter((f) => f.policies.length > 0)
        .map((f) => [
          f.path,
          f.policies.map((p) => ({
            framework: p.framework,
            origins: p.origins.kind,
            credentials: p.credentials,
            ...(p.origins.kind === 'list' ? { list: p.origins.origins } : {}),
          })),
        ]),
    );
    assert.deepEqual(inventory, files, project);
  }
});

test('audit: exports — Markdown, JSON and SARIF built from the kept report', async (t) => {
  const ws = copyProject(t, 'serverless-ts');
  const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities() });
  assert.equal(await auditReport(client, 'json'), null, 'no report before the first audit');
  await audit(client);

  const markdown = (await auditReport(client, 'markdown')).content;
  assert.match(markdown, /^# CORS audit\n/);
  assert.match(markdown, /Scanned 3 files/);
  assert.match(markdown, /\*\*Findings:\*\* 2 \(1 error, 1 warning, 0 info\) in 2 files/);
  assert.match(markdown, /\| \[`weak-origin-check`\]\([^)]+\) \| 1 \| 0 \| 0 \| 1 \|/);
  assert.match(markdown, /\| \[`reflected-origin`\]\([^)]+\) \| 0 \| 1 \| 0 \| 1 \|/);
  assert.match(markdown, /app\/api\/users\/route\.ts/);
  assert.match(markdown, /evilexample\.com/, 'the weak check\'s detail is in the inventory');

  const json = JSON.parse((await auditReport(client, 'json')).content);
  assert.equal(json.schemaVersion, 1);
  assert.equal(json.root, ws.dir);
  assert.deepEqual(json.summary, { filesChecked: 3, errors: 1, warnings: 1, infos: 0, fixable: 0, fixesApplied: 0, filesFixed: 0, unreadableFiles: 0, skippedFiles: 0 });
  const route = json.files.find((f) => f.path === 'app/api/users/route.ts');
  const routeText = ws.read('app/api/users/route.ts');
  const weak = rangeOfText(routeText, "origin.endsWith('example.com')");
  assert.deepEqual(
    route.findings.map((f) => [f.ruleId, f.severity, f.line, f.column]),
    [['weak-origin-check', 'error', weak.start.line + 1, weak.start.character + 1]],
  );

  const sarif = JSON.parse((await auditReport(client, 'sarif')).content);
  assert.equal(sarif.version, '2.1.0');
  const [run] = sarif.runs;
  assert.equal(run.tool.driver.name, 'cors-lint');
  assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `${ws.uri}/`);
  assert.deepEqual(
    run.results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine]),
    [
      ['weak-origin-check', 'error', 'app/api/users/route.ts', weak.start.line + 1],
      ['reflected-origin', 'warning', 'functions/handler.ts', rangeOfText(ws.read('functions/handler.ts'), 'event.headers.origin').start.line + 1],
    ],
  );
  assert.ok(run.results.every((r) => run.tool.driver.rules[r.ruleIndex].id === r.ruleId), 'ruleIndex points at the rule');

  const html = await auditReport(client, 'html', { cspSource: 'vscode-webview://abc' });
  assert.match(html.content, /^<!DOCTYPE html>/);
  assert.match(html.content, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src vscode-webview:\/\/abc &#39;nonce-/);
  assert.match(html.content, /data-export="sarif"/, 'webview mode: the export buttons');
});

test('audit: a re-run replaces the diagnostics: no duplicates, fixed and deleted files are cleared', async (t) => {
  const ws = copyProject(t, 'express-api');
  const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities() });
  await audit(client);
  const app = ws.fileUri('src/app.js');
  const pub = ws.fileUri('src/routes/public.js');
  const first = latestDiagnostics(client);
  assert.deepEqual(codes(first.get(app)), ['reflected-origin']);

  // Unchanged files: the same diagnostics again, not twice as many.
  let since = client.mark();
  await audit(client);
  const second = latestDiagnostics(client, since);
  assert.deepEqual(second.get(app), first.get(app));
  assert.deepEqual(second.get(pub), first.get(pub));

  // Fixed and deleted without any file event: the next audit clears both.
  ws.write('src/app.js', ws.read('src/app.js').replace('origin: true', "origin: ['https://app.example.com']"));
  ws.remove('src/routes/public.js');
  since = client.mark();
  const result = await audit(client);
  assert.equal(result.filesTotal, 2);
  const third = latestDiagnostics(client, since);
  assert.deepEqual(third.get(app), []);
  assert.deepEqual(third.get(pub), []);
  const json = JSON.parse((await auditReport(client, 'json')).content);
  assert.deepEqual(json.files.map((f) => f.path), ['src/app.js', 'src/lib/session.js']);
});

test('audit: after an audit, file events keep the Problems panel current (delete, change, create)', async (t) => {
  const ws = copyProject(t, 'express-api');
  const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities() });
  await audit(client);
  const registration = await client.waitFor('client/registerCapability', (p) =>
    p.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles' && r.registerOptions.watchers.some((w) => w.globPattern === '**/*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}')),
  );
  assert.ok(registration, 'the server watches JS/TS files once an audit has run');

  // Deleted: its audit diagnostics are cleared.
  const pub = ws.fileUri('src/routes/public.js');
  ws.remove('src/routes/public.js');
  let since = client.mark();
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pub, type: DELETED }] });
  assert.deepEqual((await nextDiagnostics(client, pub, { since })).diagnostics, []);

  // Changed on disk (not open): analysed again.
  const app = ws.fileUri('src/app.js');
  ws.write('src/app.js', ws.read('src/app.js').replace('credentials: true', 'credentials: false'));
  since = client.mark();
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: app, type: CHANGED }] });
  const changed = await nextDiagnostics(client, app, { since });
  assert.deepEqual(changed.diagnostics, expectedDiagnostics(ws.read('src/app.js'), ws.path('src/app.js'), app, projectConfig(ws)));
  assert.deepEqual(codes(changed.diagnostics), ['reflected-origin']);
  assert.equal(changed.diagnostics[0].severity, 2, 'a warning now: no credentials');

  // Created: analysed, unless git-ignored, config-ignored or in node_modules. The ignored ones come
  // first in the same event, so they would have been published before the admitted one.
  const created = {
    'src/routes/admin.js': routeFile(1),
    'generated/more.js': routeFile(2),
    'scripts/seed.js': routeFile(3),
    'node_modules/x/index.js': routeFile(4),
  };
  for (const [file, text] of Object.entries(created)) ws.write(file, text);
  since = client.mark();
  const order = ['generated/more.js', 'scripts/seed.js', 'node_modules/x/index.js', 'src/routes/admin.js'];
  client.notify('workspace/didChangeWatchedFiles', { changes: order.map((file) => ({ uri: ws.fileUri(file), type: CREATED })) });
  const admin = await nextDiagnostics(client, ws.fileUri('src/routes/admin.js'), { since });
  assert.deepEqual(codes(admin.diagnostics), ['reflected-origin']);
  const published = latestDiagnostics(client, since);
  for (const file of order.slice(0, 3)) assert.ok(!published.has(ws.fileUri(file)), `${file} is not audited`);

  // The report follows: public.js is gone, admin.js is in.
  const json = JSON.parse((await auditReport(client, 'json')).content);
  assert.deepEqual(json.files.map((f) => f.path), ['src/app.js', 'src/lib/session.js', 'src/routes/admin.js']);
});

test('audit: a deleted folder clears the diagnostics of every file below it', async (t) => {
  const ws = copyProject(t, 'express-api');
  const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities() });
  await audit(client);
  ws.remove('src');
  const since = client.mark();
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.fileUri('src'), type: DELETED }] });
  const app = await nextDiagnostics(client, ws.fileUri('src/app.js'), { since });
  const pub = await nextDiagnostics(client, ws.fileUri('src/routes/public.js'), { since });
  assert.deepEqual([app.diagnostics, pub.diagnostics], [[], []]);
});

test('audit: an open document keeps its live diagnostics (push client); closing it brings back the file\'s', async (t) => {
  const ws = copyProject(t, 'express-api');
  const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities() });
  const app = ws.fileUri('src/app.js');
  const pub = ws.fileUri('src/routes/public.js');
  // Opened before the audit, with unsaved text that fixes the problem.
  const edited = ws.read('src/app.js').replace('origin: true', "origin: ['https://app.example.com']");
  openDocument(client, app, edited, { version: 7 });
  assert.deepEqual((await nextDiagnostics(client, app, { version: 7 })).diagnostics, []);

  let since = client.mark();
  await audit(client);
  assert.ok(!latestDiagnostics(client, since).has(app), 'the audit does not publish for an open document');
  assert.deepEqual(codes(latestDiagnostics(client, since).get(pub)), ['duplicate-origin-header', 'permissive-wildcard']);

  // A change on disk of the open file is analysed for the report, but the editor's text still wins.
  // public.js changes in the same event, so once its diagnostics arrive, app.js's would have too.
  since = client.mark();
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: app, type: CHANGED }, { uri: pub, type: CHANGED }] });
  await nextDiagnostics(client, pub, { since });
  // app.js mounts public.js, so the open document may be re-analysed as a dependent: from its editor text.
  const republished = latestDiagnostics(client, since).get(app);
  assert.ok(republished === undefined || republished.length === 0, 'the open document keeps the diagnostics of its editor text');

  // Closed without saving: the live diagnostics go, the file on disk (which still has the problem) is read again.
  since = client.mark();
  client.notify('textDocument/didClose', { textDocument: { uri: app } });
  const isApp = (empty) => (p) => p.uri === app && (p.diagnostics.length === 0) === empty;
  const restored = await client.waitFor('textDocument/publishDiagnostics', isApp(false), { since });
  assert.deepEqual(codes(restored.diagnostics), ['reflected-origin']);
  assert.equal(restored.version, undefined, 'a file on disk has no document version');
  const order = client.received.filter((e) => e.index >= since && e.method === 'textDocument/publishDiagnostics' && e.params.uri === app);
  assert.deepEqual(order.map((e) => e.params.diagnostics.length > 0), [false, true], 'cleared with the document, then restored from disk');
});

test('audit: a pull client: pushed audit diagnostics are withdrawn while the document is open, restored when closed', async (t) => {
  const ws = copyProject(t, 'express-api');
  const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities(pullCapabilities()) });
  await audit(client);
  const app = ws.fileUri('src/app.js');
  assert.deepEqual(codes(latestDiagnostics(client).get(app)), ['reflected-origin'], 'pushed to a pull client too');

  let since = client.mark();
  openDocument(client, app, ws.read('src/app.js'));
  assert.deepEqual((await nextDiagnostics(client, app, { since })).diagnostics, [], 'withdrawn: the pull answers for the open document');
  const pulled = await client.request('textDocument/diagnostic', { textDocument: { uri: app } });
  assert.deepEqual(codes(pulled.items), ['reflected-origin']);

  since = client.mark();
  client.notify('textDocument/didClose', { textDocument: { uri: app } });
  assert.deepEqual(codes((await nextDiagnostics(client, app, { since })).diagnostics), ['reflected-origin']);
});

test('audit: files.exclude from the client is honoured (pulled with workspace/configuration, section "files")', async (t) => {
  const ws = copyProject(t, 'express-api');
  ws.write('legacy/old.js', routeFile(1));
  ws.write('src/legacy/kept.js', routeFile(2));
  ws.write('src/server.js', routeFile(3));
  ws.write('src/server.ts', '// the source of server.js\n');
  const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities() });
  const sections = [];
  client.onRequest('workspace/configuration', (params) =>
    params.items.map((item) => {
      sections.push(item);
      if (item.section === 'files') return { exclude: { legacy: true, '**/.git': true, '**/*.js': { when: '$(basename).ts' }, 'src/lib': false } };
      return item.section === 'corsLint' ? {} : null;
    }),
  );
  const result = await audit(client);
  assert.ok(sections.some((s) => s.section === 'files' && s.scopeUri === ws.uri), 'asked for the folder\'s files settings');
  const json = JSON.parse((await auditReport(client, 'json')).content);
  // `legacy` is the top-level folder only (VS Code matches against the folder-relative path); server.js
  // is hidden by its server.ts sibling; `false` entries exclude nothing.
  assert.deepEqual(json.files.map((f) => f.path), ['src/app.js', 'src/legacy/kept.js', 'src/lib/session.js', 'src/routes/public.js', 'src/server.ts']);
  assert.equal(result.filesTotal, 5);
});

test('audit: corsLint settings of the folder apply (customizations; enable: false audits nothing)', async (t) => {
  const ws = copyProject(t, 'express-api');
  const client = await startServer(t, {
    workspace: ws,
    capabilities: auditCapabilities(),
    settings: { rules: { customizations: [{ rule: 'reflected-origin', severity: 'warning' }, { rule: 'permissive-wildcard', severity: 'off' }] } },
  });
  await audit(client);
  const published = latestDiagnostics(client);
  assert.deepEqual(published.get(ws.fileUri('src/app.js')).map((d) => [d.code, d.severity]), [['reflected-origin', 2]]);
  // permissive-wildcard is off; the duplicate under the app's cors() remains (issue 12, item 4).
  assert.deepEqual(codes(published.get(ws.fileUri('src/routes/public.js'))), ['duplicate-origin-header']);

  client.settings = { enable: false };
  client.notify('workspace/didChangeConfiguration', { settings: null });
  const since = client.mark();
  const result = await audit(client);
  assert.equal(result.filesTotal, 0);
  assert.deepEqual(latestDiagnostics(client, since).get(ws.fileUri('src/app.js')), [], 'cleared: the folder is no longer audited');
});

test('audit: workspace/executeCommand corsLint.auditWorkspace with the client\'s workDoneToken (other editors)', async (t) => {
  const ws = copyProject(t, 'koa-clean');
  const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities() });
  assert.ok(client.initializeResult.capabilities.executeCommandProvider.commands.includes('corsLint.auditWorkspace'));
  const result = await client.request('workspace/executeCommand', { command: 'corsLint.auditWorkspace', arguments: [], workDoneToken: 'editor-token' });
  assert.equal(result.filesTotal, 1);
  assert.equal(result.policies, 1);
  assert.deepEqual(client.notifications('window/workDoneProgress/create'), [], 'the client\'s token is used');
  const values = progressValues(client, 'editor-token');
  assert.equal(values[0].kind, 'begin');
  assert.deepEqual(values.at(-2), { kind: 'report', percentage: 100, message: '1/1 files — koa-clean' });
  assert.deepEqual(values.at(-1), { kind: 'end' });
});

test('audit: cancelled with window/workDoneProgress/cancel: stops promptly, ends the progress, answers cancelled', async (t) => {
  const ws = generatedWorkspace(t, 'big', 3000);
  const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities() });
  const running = audit(client);
  const token = await createdProgressToken(client);
  const firstReport = await nextProgress(client, token, 'report');
  assert.match(firstReport.message, /^\d+\/3000 files — big$/);
  client.notify('window/workDoneProgress/cancel', { token });
  const result = await running;
  assert.deepEqual(progressValues(client, token).at(-1), { kind: 'end' });
  assert.equal(result.cancelled, true);
  assert.equal(result.filesTotal, 3000);
  assert.ok(result.filesScanned < 3000, `stopped early (${result.filesScanned} of 3000)`);
  const published = latestDiagnostics(client);
  assert.ok(published.size < 3000, `not every file was published (${published.size})`);
  assert.equal(result.findings.error, result.filesScanned, 'the answer counts what was analysed');

  // What it has is kept: the report covers the files analysed before the cancel.
  const json = JSON.parse((await auditReport(client, 'json')).content);
  assert.equal(json.files.length, result.filesScanned);
  for (const file of json.files) assert.ok(published.has(ws.fileUri(file.path)), `${file.path} was published`);
});

test('audit: cancelled with $/cancelRequest (client-provided workDoneToken, as the VS Code client sends)', async (t) => {
  const ws = generatedWorkspace(t, 'big', 3000);
  const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities() });
  const id = client.nextId;
  const running = audit(client, { workDoneToken: 'vscode-1' });
  await nextProgress(client, 'vscode-1', 'report');
  client.notify('$/cancelRequest', { id });
  const result = await running;
  assert.equal(result.cancelled, true);
  assert.ok(result.filesScanned < 3000);
  assert.deepEqual(progressValues(client, 'vscode-1').at(-1), { kind: 'end' });
});

test('audit: a second audit supersedes a running one', async (t) => {
  const ws = generatedWorkspace(t, 'big', 3000);
  const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities() });
  const first = audit(client, { workDoneToken: 'first' });
  await nextProgress(client, 'first', 'report');
  const second = audit(client, { workDoneToken: 'second' });
  assert.equal((await first).cancelled, true);
  const result = await second;
  assert.equal(result.cancelled, false);
  assert.equal(result.filesScanned, 3000);
  assert.equal(latestDiagnostics(client).size, 3000);
});

test('audit: the server answers hover while a large audit runs (the scan is off the request loop)', async (t) => {
  const ws = generatedWorkspace(t, 'big', 3000);
  const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities() });
  const running = audit(client, { workDoneToken: 'audit' });
  await nextProgress(client, 'audit', 'report');
  const uri = ws.fileUri('open.js');
  const text = routeFile(0);
  openDocument(client, uri, text);
  const started = performance.now();
  const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: rangeOfText(text, 'setHeader').start });
  const elapsed = performance.now() - started;
  const endedBeforeHover = progressValues(client, 'audit').some((v) => v.kind === 'end');
  assert.match(hover.contents.value, /CORS policy/);
  assert.equal(endedBeforeHover, false, `the hover was answered while the audit ran (${Math.round(elapsed)} ms)`);
  assert.equal((await running).filesScanned, 3000);
});

test('audit: a file whose analysis hangs is skipped after the time limit, with a notice; the audit goes on', async (t) => {
  const ws = generatedWorkspace(t, 'hangs', 40);
  ws.write('src/part0/hang.js', routeFile(1000));
  const client = await startServer(t, {
    workspace: ws,
    capabilities: auditCapabilities(),
    env: { CORS_LINT_TEST_AUDIT_HANG: 'hang.js', CORS_LINT_TEST_AUDIT_STALL_MS: '500' },
  });
  const result = await audit(client);
  assert.equal(result.cancelled, false);
  assert.deepEqual([result.filesTotal, result.filesScanned, result.skippedFiles], [41, 40, 1]);
  const published = latestDiagnostics(client);
  assert.equal(published.size, 40, 'every other file was analysed (also those of the batch lost with the thread)');
  assert.ok(!published.has(ws.fileUri('src/part0/hang.js')));
  const json = JSON.parse((await auditReport(client, 'json')).content);
  assert.deepEqual(json.notices, [
    {
      kind: 'internal-error',
      level: 'warning',
      message: 'skipped: analysing it took longer than 500 ms; the rest of the audit went on (please report this file)',
      path: 'src/part0/hang.js',
    },
  ]);
  assert.ok(client.logs().some((l) => l.includes('skipped') && l.includes('hang.js')), 'logged');
});

test('audit: a file whose analysis ends the worker thread is skipped; a new thread finishes the audit', async (t) => {
  const ws = generatedWorkspace(t, 'crashes', 40);
  ws.write('src/part0/crash.js', routeFile(1000));
  const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities(), env: { CORS_LINT_TEST_AUDIT_CRASH: 'crash.js' } });
  const result = await audit(client);
  assert.deepEqual([result.cancelled, result.filesTotal, result.filesScanned, result.skippedFiles], [false, 41, 40, 1]);
  assert.equal(latestDiagnostics(client).size, 40);
  const json = JSON.parse((await auditReport(client, 'json')).content);
  assert.equal(json.notices.length, 1);
  assert.equal(json.notices[0].path, 'src/part0/crash.js');
  assert.match(json.notices[0].message, /^skipped: analysing this file ended the audit's worker thread \(exit code 70\)/);
});

test('audit: cancelling while one file hangs answers at once and replaces the stuck thread', async (t) => {
  const ws = generatedWorkspace(t, 'stuck', 0);
  ws.write('hang.js', routeFile(1));
  const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities(), env: { CORS_LINT_TEST_AUDIT_HANG: 'hang.js' } });
  const running = audit(client, { workDoneToken: 'stuck' });
  assert.equal((await nextProgress(client, 'stuck', 'report')).message, '0/1 files — stuck');
  client.notify('$/cancelRequest', { id: client.nextId - 1 });
  const result = await running;
  assert.deepEqual([result.cancelled, result.filesScanned], [true, 0]);

  // The stuck thread is gone: the next audit does not queue behind it.
  ws.remove('hang.js');
  ws.write('app.js', routeFile(2));
  const next = await audit(client);
  assert.deepEqual([next.cancelled, next.filesTotal, next.filesScanned], [false, 1, 1]);
  assert.deepEqual(codes(latestDiagnostics(client).get(ws.fileUri('app.js'))), ['reflected-origin']);
});

test('audit: a newer audit started while the superseded one hangs in a file still runs to the end', async (t) => {
  // The superseded job is stuck past the cancel grace, so the worker thread is replaced before the newer
  // job has listed its files; the newer job starts again on the new thread instead of failing.
  const ws = generatedWorkspace(t, 'stuck', 0);
  ws.write('hang.js', routeFile(1));
  const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities(), env: { CORS_LINT_TEST_AUDIT_HANG: 'hang.js' } });
  const first = audit(client, { workDoneToken: 'first' });
  await nextProgress(client, 'first', 'report');
  ws.remove('hang.js');
  ws.write('app.js', routeFile(2));
  const second = audit(client, { workDoneToken: 'second' });
  assert.equal((await first).cancelled, true);
  const result = await second;
  assert.deepEqual([result.cancelled, result.error, result.filesTotal, result.filesScanned], [false, undefined, 1, 1]);
  assert.deepEqual(codes(latestDiagnostics(client).get(ws.fileUri('app.js'))), ['reflected-origin']);
});

test('audit: a .corslintrc.json change runs the audit again, so unopened files follow the new config', async (t) => {
  const ws = copyProject(t, 'express-api');
  const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities() });
  await audit(client);
  const app = ws.fileUri('src/app.js');
  const pub = ws.fileUri('src/routes/public.js');
  assert.deepEqual(codes(latestDiagnostics(client).get(app)), ['reflected-origin']);

  ws.write('.corslintrc.json', JSON.stringify({ rules: { 'reflected-origin': 'off' }, ignore: ['scripts/**', 'src/routes/**'] }));
  const since = client.mark();
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.fileUri('.corslintrc.json'), type: CHANGED }] });
  const token = await createdProgressToken(client, since);
  await nextProgress(client, token, 'end', { since });
  const published = latestDiagnostics(client, since);
  assert.deepEqual(published.get(app), [], 'the rule is off now');
  assert.deepEqual(published.get(pub), [], 'the file is ignored now');
  const json = JSON.parse((await auditReport(client, 'json')).content);
  assert.deepEqual(json.files.map((f) => f.path), ['src/app.js', 'src/lib/session.js']);
});

test('audit: files over corsLint.maxFileSize are skipped with a notice naming the setting', async (t) => {
  const ws = copyProject(t, 'koa-clean');
  const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities(), settings: { maxFileSize: 100 } });
  const result = await audit(client);
  assert.deepEqual([result.filesTotal, result.filesScanned, result.skippedFiles], [1, 0, 1]);
  const json = JSON.parse((await auditReport(client, 'json')).content);
  assert.deepEqual(json.notices.map((n) => [n.kind, n.path]), [['too-large', 'src/server.js']]);
  assert.match(json.notices[0].message, /^skipped: .* is larger than the .* limit \(see the corsLint\.maxFileSize setting\)$/);
});

test('audit: without a workspace folder it says so; malformed report requests answer null', async (t) => {
  const client = await startServer(t, { capabilities: auditCapabilities() });
  const result = await audit(client);
  assert.equal(result.error, 'There is no workspace folder to audit.');
  assert.equal(result.filesTotal, 0);
  assert.deepEqual(client.notifications('$/progress'), [], 'no progress for an audit that cannot start');
  assert.equal(await auditReport(client, 'pdf'), null);
  assert.equal(await client.request('corsLint/auditReport', null), null);
});

test('audit: a cspSource that could break out of the page\'s CSP is refused (null, logged), the server keeps serving', async (t) => {
  const ws = copyProject(t, 'koa-clean');
  const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities() });
  await audit(client);
  assert.equal(await auditReport(client, 'html', { cspSource: "x; script-src 'unsafe-inline'" }), null);
  assert.ok(client.logs().some((l) => l.includes('corsLint/auditReport failed') && l.includes('cspSource')));
  assert.match((await auditReport(client, 'html', { cspSource: 'https://*.vscode-cdn.net' })).content, /https:\/\/\*\.vscode-cdn\.net/);
});

test('audit: every workspace folder of a multi-root workspace, each with its own config and ignores', async (t) => {
  const api = copyProject(t, 'express-api');
  const koa = copyProject(t, 'koa-clean');
  const client = await startServer(t, { workspace: api, capabilities: auditCapabilities() });
  // The server listens for folder changes once its `initialized` registrations are done; a request
  // after a notification is answered after the notification was handled.
  await client.waitFor('client/registerCapability', (p) => p.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'));
  await auditReport(client, 'json');
  client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: koa.uri, name: 'koa-clean' }], removed: [] } });
  await auditReport(client, 'json');
  const result = await audit(client, { workDoneToken: 'multi' });
  assert.equal(result.filesTotal, AUDITED['express-api'].length + AUDITED['koa-clean'].length);
  const folders = new Set(progressValues(client, 'multi').filter((v) => v.kind === 'report').map((v) => v.message.split(' — ')[1]));
  assert.deepEqual([...folders].sort(), ['express-api', 'koa-clean']);
  assert.deepEqual(codes(latestDiagnostics(client).get(api.fileUri('src/app.js'))), ['reflected-origin']);

  const report = await auditReport(client, 'json');
  const json = JSON.parse(report.content);
  const prefix = (ws) => `${ws.dir.slice(report.root.length + 1)}/`;
  assert.ok(api.dir.startsWith(`${report.root}/`) && koa.dir.startsWith(`${report.root}/`), 'the root holds both folders');
  assert.deepEqual(
    json.files.map((f) => f.path).sort(),
    [...AUDITED['express-api'].map((f) => prefix(api) + f), ...AUDITED['koa-clean'].map((f) => prefix(koa) + f)].sort(),
  );

  // Removing a folder takes its audit diagnostics with it.
  const since = client.mark();
  client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: api.uri, name: 'express-api' }] } });
  assert.deepEqual((await nextDiagnostics(client, api.fileUri('src/app.js'), { since })).diagnostics, []);
});
