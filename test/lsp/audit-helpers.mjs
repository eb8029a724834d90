// Pieces of the workspace-audit tests: fixture projects copied to a temporary folder, a generated large
// workspace, and the audit request with the $/progress notifications of its token.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { engine, pushCapabilities } from './helpers.mjs';

export const PROJECTS = fileURLToPath(new URL('../fixtures/projects/', import.meta.url));

/** A workspace folder in a fresh temporary folder, named `name` (progress messages show the name). */
function workspaceIn(t, name) {
  const parent = realpathSync(mkdtempSync(join(tmpdir(), 'cors-lint-audit-')));
  t.after(() => rmSync(parent, { recursive: true, force: true }));
  const dir = join(parent, name);
  mkdirSync(dir, { recursive: true });
  return {
    dir,
    name,
    uri: pathToFileURL(dir).href,
    path: (file) => join(dir, file),
    fileUri: (file) => pathToFileURL(join(dir, file)).href,
    read: (file) => readFileSync(join(dir, file), 'utf8'),
    write: (file, text) => {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    },
    remove: (file) => rmSync(join(dir, file), { recursive: true, force: true }),
  };
}

/**
 * A copy of test/fixtures/projects/<name>. Git would not commit a `node_modules/` folder and would apply
 * a fixture's own `.gitignore` to the fixture, so those are stored as `_node_modules/` and `_gitignore`
 * (see the README there) and renamed here.
 */
export function copyProject(t, name) {
  const ws = workspaceIn(t, name);
  cpSync(join(PROJECTS, name), ws.dir, { recursive: true });
  const rename = (dir) => {
    for (const entry of readdirSync(dir)) {
      const full = join(dir, entry);
      const target = entry === '_gitignore' ? '.gitignore' : entry === '_node_modules' ? 'node_modules' : entry;
      if (target !== entry) renameSync(full, join(dir, target));
      if (statSync(join(dir, target)).isDirectory()) rename(join(dir, target));
    }
  };
  rename(ws.dir);
  return ws;
}

/** An Express route file whose header write reflects the Origin with credentials: one reflected-origin error. */
export function routeFile(i) {
  return [
    "const express = require('express');",
    'const router = express.Router();',
    `router.get('/items/${i}', (req, res) => {`,
    "  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);",
    "  res.setHeader('Access-Control-Allow-Credentials', 'true');",
    `  res.json({ id: ${i} });`,
    '});',
    'module.exports = router;',
    '',
  ].join('\n');
}

/** `count` route files (each with one finding) in folders of 100. */
export function generatedWorkspace(t, name, count) {
  const ws = workspaceIn(t, name);
  for (let i = 0; i < count; i++) ws.write(`src/part${Math.floor(i / 100)}/route${i}.js`, routeFile(i));
  return ws;
}

/** A push client that also shows server-initiated progress (window.workDoneProgress). */
export function auditCapabilities(base = pushCapabilities()) {
  return { ...base, window: { ...base.window, workDoneProgress: true } };
}

/** The $/progress values of `token`, in order. */
export function progressValues(client, token) {
  return client.notifications('$/progress').filter((p) => p.token === token).map((p) => p.value);
}

/** The token of the server's next window/workDoneProgress/create request after `since`. */
export async function createdProgressToken(client, since = 0) {
  return (await client.waitFor('window/workDoneProgress/create', () => true, { since })).token;
}

/** The next $/progress value of `token` of `kind` (begin, report, end) after `since`. */
export function nextProgress(client, token, kind, { since = 0, timeout } = {}) {
  return client.waitFor('$/progress', (p) => p.token === token && p.value.kind === kind, { since, timeout }).then((p) => p.value);
}

export function audit(client, params = {}, { timeout = 60_000 } = {}) {
  return client.request('corsLint/audit', params, { timeout });
}

export function auditReport(client, format, extra = {}) {
  return client.request('corsLint/auditReport', { format, ...extra });
}

/** The latest publishDiagnostics of each URI since `since`. */
export function latestDiagnostics(client, since = 0) {
  const latest = new Map();
  client.received
    .filter((e) => e.index >= since && e.method === 'textDocument/publishDiagnostics')
    .forEach((e) => latest.set(e.params.uri, e.params.diagnostics));
  return latest;
}

/** The workspace's config as the engine parses it (for the engine's own expected findings). */
export function projectConfig(ws) {
  try {
    return engine.parseConfig(ws.read('.corslintrc.json'), '.corslintrc.json').config;
  } catch {
    return undefined;
  }
}
