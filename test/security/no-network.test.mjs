// SECURITY.md promises no network access anywhere. With every connection and name lookup of Node
// replaced by a recorder (deny-network.cjs, preloaded into each process and worker), the CLI and the
// language server do their whole job on the shipped examples and a workspace audit — and the
// recorder stays empty. Local IPC (the language server's stdio) is not network.
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO, runCli } from '../cli/helpers.mjs';
import { startServer, nextDiagnostics, openDocument, codeActions } from '../lsp/helpers.mjs';
import { audit, auditCapabilities, copyProject } from '../lsp/audit-helpers.mjs';

const preload = fileURLToPath(new URL('./deny-network.cjs', import.meta.url));

function networkLog(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-lint-network-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'attempts.log');
  fs.writeFileSync(file, '');
  return { file, env: { NODE_OPTIONS: `--require ${preload}`, CORS_LINT_NETWORK_LOG: file } };
}

test('the recorder works: a process that connects is caught', (t) => {
  const { file, env } = networkLog(t);
  const probe = path.join(path.dirname(file), 'probe.cjs');
  fs.writeFileSync(probe, "require('node:http').get('http://127.0.0.1:9/');");
  spawnSync(process.execPath, [probe], { env: { ...process.env, ...env } });
  assert.match(fs.readFileSync(file, 'utf8'), /node:http\.get/);
});

test('the CLI lints, fixes and reports on the examples without touching the network', (t) => {
  const { file, env } = networkLog(t);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-lint-examples-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(path.join(REPO, 'examples'), dir, { recursive: true });
  for (const args of [['--format', 'sarif'], ['--format', 'html', '--output', 'report.html'], ['--fix'], ['--jobs', '2']]) {
    const result = runCli(['.', ...args], { cwd: dir, env });
    assert.ok(result.code === 0 || result.code === 1, `cors-lint ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  }
  assert.equal(fs.readFileSync(file, 'utf8'), '');
});

test('the language server analyses, fixes, hovers and audits without touching the network', async (t) => {
  const { file, env } = networkLog(t);
  const ws = copyProject(t, 'express-api');
  const client = await startServer(t, { workspace: ws, capabilities: auditCapabilities(), env });
  const uri = ws.fileUri('open.js');
  const text = "app.use((req, res, next) => {\n  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n  next();\n});\n";
  openDocument(client, uri, text);
  const published = await nextDiagnostics(client, uri);
  assert.ok(published.diagnostics.length > 0);
  await codeActions(client, uri, published.diagnostics[0].range, { diagnostics: published.diagnostics });
  await client.request('textDocument/hover', { textDocument: { uri }, position: published.diagnostics[0].range.start });
  const result = await audit(client);
  assert.ok(result.filesScanned > 0, JSON.stringify(result));
  assert.equal(fs.readFileSync(file, 'utf8'), '');
});
