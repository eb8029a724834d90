// `npm run test:e2e`: cors-lint in a real VS Code (code-server's VS Code OSS, driven by Debian's chromium
// through playwright-core), for machines that cannot download desktop VS Code. Three sessions:
//
//   1. suite     the in-host mocha suite (test/e2e/suite) loaded with extensionDevelopmentPath +
//                extensionTestsPath, exactly like @vscode/test-electron would;
//   2. ui        a user's path through the page: squiggle, Problems panel, Ctrl+. , Enter, save;
//   3. packaged  `npm run package`, the .vsix installed into a fresh extensions dir, code-server started
//                without extensionDevelopmentPath: the installed extension must lint the workspace.
//
// Each session gets its own code-server (own process group, killed at the end whatever happens) and
// its own copy of test/e2e/workspace, so the fixture in the repository is never modified.
// Options: --only=suite,ui,packaged   --keep (keep the temp dir)   env CORS_LINT_E2E_CACHE (tool cache).
// Prints `N passed, N failed` last; exits 1 when anything failed.
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { ensureTools, nodeEnv, CHROMIUM } from './tools.mjs';

// `npm test` (node --test test/) runs every file under test/: do nothing there (this is `npm run test:e2e`).
if (process.env.NODE_TEST_CONTEXT) {
  console.log('# skipped under node --test: run `npm run test:e2e`');
  process.exit(0);
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const WORKSPACE = path.join(ROOT, 'test', 'e2e', 'workspace');
const SUITE = path.join(ROOT, 'test', 'e2e', 'suite', 'index.js');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const SUITE_TIMEOUT_MS = 5 * 60_000;
const UI_TIMEOUT_MS = 30_000;

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const keep = args.includes('--keep');
/** --grep=<text>: only the in-host tests whose title matches (the extension host inherits code-server's env). */
const grep = args.find((a) => a.startsWith('--grep='))?.slice('--grep='.length);
const wanted = (session) => !only || only.includes(session);

const log = (message) => console.log(`[e2e] ${message}`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Every code-server started, so that an exit for any reason kills them. */
const servers = new Set();
let tmpRoot;
/** [session name, { passed, failed, pending, note }] of every finished session. */
const results = [];

function cleanup() {
  for (const server of servers) killGroup(server.child);
  servers.clear();
  if (tmpRoot && !keep) rmSync(tmpRoot, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    cleanup();
    // The summary line still comes last: the sessions that finished, plus the interrupted one as failed.
    const passed = results.reduce((n, [, r]) => n + r.passed, 0);
    const failed = results.reduce((n, [, r]) => n + r.failed, 0) + 1;
    console.log(`${passed} passed, ${failed} failed (interrupted by ${signal})`);
    process.exit(130);
  });
}
process.on('exit', () => {
  for (const server of servers) killGroup(server.child, 'SIGKILL');
});

function killGroup(child, signal = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function stopServer(server) {
  servers.delete(server);
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  // The extension host and language server are in the same group; make sure none is left.
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // the group is gone
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const CLEAN_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'update.mode': 'none',
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'editor.minimap.enabled': false,
  // No diagnostics from the built-in TypeScript extension on the fixtures: markers arriving for the file
  // re-trigger the automatic code action request, which cancels a pending Ctrl+. (the menu never opens).
  'javascript.validate.enable': false,
  'javascript.suggestionActions.enabled': false,
};

function sessionDirs(name) {
  const dir = path.join(tmpRoot, name);
  const dirs = {
    dir,
    userData: path.join(dir, 'user-data'),
    extensions: path.join(dir, 'extensions'),
    workspace: path.join(dir, 'workspace'),
    config: path.join(dir, 'config.yaml'),
    log: path.join(ARTIFACTS, `e2e-${name}-code-server.log`),
  };
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  mkdirSync(dirs.extensions, { recursive: true });
  writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), `${JSON.stringify(CLEAN_SETTINGS, null, 2)}\n`);
  cpSync(WORKSPACE, dirs.workspace, { recursive: true });
  return dirs;
}

function codeServerArgs(dirs, extra = []) {
  return [
    '--config', dirs.config,
    '--auth', 'none',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    ...extra,
  ];
}

async function startServer(tools, dirs) {
  const port = await freePort();
  writeFileSync(dirs.config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const out = createWriteStream(dirs.log);
  await new Promise((resolve) => out.once('open', resolve));
  const child = spawn(
    tools.codeServer.bin,
    [
      ...codeServerArgs(dirs, ['--bind-addr', `127.0.0.1:${port}`, '--reconnection-grace-time', '5', '--vscode-option', 'enable-smoke-test-driver']),
    ],
    {
      detached: true, // own process group: kill(-pid) reaches the extension host and the language server
      stdio: ['ignore', out, out],
      env: nodeEnv(tools.node, { EXTENSIONS_GALLERY: '{}', ...(grep ? { CORS_LINT_E2E_GREP: grep } : {}) }),
    },
  );
  const server = { child, port, base: `http://127.0.0.1:${port}` };
  servers.add(server);
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${dirs.log}`);
    try {
      const response = await fetch(`${server.base}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 60_000) throw new Error(`code-server did not answer /healthz within 60 s; see ${dirs.log}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  log(`code-server on ${server.base} (pid ${child.pid}) up in ${seconds(started)}`);
  return server;
}

function workbenchUrl(server, folder, payload) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  let url = `${server.base}/?folder=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload.map(([k, v]) => [k, remote(v)])))}`;
  return url;
}

async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

async function newPage(browser, onLog) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  let exit;
  const exited = new Promise((resolve) => (exit = resolve));
  await page.exposeFunction('codeAutomationLog', (type, logArgs) => onLog?.(type, logArgs));
  await page.exposeFunction('codeAutomationExit', (code) => exit(code));
  return { context, page, exited };
}

/** The workbench forwards console calls as (type, args): printf-style, like console.log. */
function formatLogArgs(logArgs) {
  const list = Array.isArray(logArgs) ? logArgs : [logArgs];
  return format(...list);
}

async function withTimeout(promise, ms, what) {
  let timer;
  try {
    return await Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

// ------------------------------------------------------------------------------------------------
// 1. The in-host suite.

const WORKBENCH_NOISE = /^(Ignoring fetching|Updating additional|Resolving connection|Resolved connection|Creating a socket|\[(AccountPolicyGate|AgentHost|lifecycle|Service Worker|reconnection-grace-time)[^\]]*\])/;

async function runSuite(tools, browser) {
  const dirs = sessionDirs('suite');
  const server = await startServer(tools, dirs);
  const lines = [];
  let echo = false;
  const transcript = createWriteStream(path.join(ARTIFACTS, 'e2e-suite.log'));
  try {
    const { context, page, exited } = await newPage(browser, (type, logArgs) => {
      const text = formatLogArgs(logArgs);
      lines.push(text);
      transcript.write(`[${type}] ${text}\n`);
      // The mocha output (spec reporter) as the extension host prints it, without the workbench's chatter.
      if (text.includes('E2E_START')) echo = true;
      if (echo && !/^\s*$/.test(text) && !WORKBENCH_NOISE.test(text)) console.log(`  ${text.replace(/\n$/, '')}`);
      if (text.includes('E2E_SUMMARY')) echo = false;
    });
    const started = Date.now();
    await page.goto(workbenchUrl(server, dirs.workspace, [['extensionDevelopmentPath', ROOT], ['extensionTestsPath', SUITE]]));
    let code;
    try {
      code = await withTimeout(exited, SUITE_TIMEOUT_MS, 'the in-host suite');
    } catch (error) {
      await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-suite-timeout.png') }).catch(() => {});
      throw error;
    }
    await context.close();
    const summaryLine = lines.flatMap((l) => l.split('\n')).reverse().find((l) => l.includes('E2E_SUMMARY '));
    const summary = summaryLine ? JSON.parse(summaryLine.slice(summaryLine.indexOf('E2E_SUMMARY ') + 'E2E_SUMMARY '.length)) : undefined;
    log(`in-host suite: exit code ${code} in ${seconds(started)}`);
    if (!summary) return { passed: 0, failed: 1, pending: 0, note: `no E2E_SUMMARY in the log (exit code ${code}); see test-artifacts/e2e-suite.log` };
    if (code !== 0 && summary.failed === 0) return { ...summary, failed: 1, note: `exit code ${code} with no failed test` };
    return summary;
  } finally {
    transcript.end();
    await stopServer(server);
    copyServerOutput(dirs, 'e2e-suite-cors-lint-output.log');
  }
}

/** The extension's "CORS Lint" output channel (client and language server log) of a session. */
function copyServerOutput(dirs, name) {
  const logs = path.join(dirs.userData, 'logs');
  if (!existsSync(logs)) return;
  const found = readdirSync(logs, { recursive: true }).filter((f) => String(f).endsWith(path.join('cors-lint.cors-lint', 'CORS Lint.log')));
  if (found.length > 0) cpSync(path.join(logs, String(found[0])), path.join(ARTIFACTS, name));
}

// ------------------------------------------------------------------------------------------------
// 2./3. Driving the page like a user.

async function openWorkbench(page, url) {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The explorer shows the folder once the remote file system is connected.
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
}

async function quickOpen(page, fileName) {
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => {});
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: UI_TIMEOUT_MS });
  await input.fill(fileName);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: fileName }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active`, { hasText: fileName }).waitFor({ timeout: UI_TIMEOUT_MS });
}

async function showProblems(page, ruleId) {
  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: ruleId }).first();
  await row.waitFor({ timeout: UI_TIMEOUT_MS });
  return row;
}

async function pollFile(file, predicate, ms, what) {
  const started = Date.now();
  for (;;) {
    const text = readFileSync(file, 'utf8');
    if (predicate(text)) return text;
    if (Date.now() - started > ms) throw new Error(`${what}: timed out after ${ms / 1000} s; the file is now:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const FIXME = 'fixme.js';
const BROKEN = "'https://fix.example.com/'";
const FIXED = "'https://fix.example.com'";

async function runUiScenario(tools, browser) {
  const dirs = sessionDirs('ui');
  const server = await startServer(tools, dirs);
  const { context, page } = await newPage(browser);
  const shot = (name) => page.screenshot({ path: path.join(ARTIFACTS, `e2e-${name}.png`) });
  try {
    const started = Date.now();
    // extensionDevelopmentPath without extensionTestsPath: the extension from source, the workbench stays up.
    await openWorkbench(page, workbenchUrl(server, dirs.workspace, [['extensionDevelopmentPath', ROOT]]));
    await quickOpen(page, FIXME);
    const squiggle = page.locator('.squiggly-error').first();
    await squiggle.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await shot('ui-squiggle');
    const row = await showProblems(page, 'invalid-origin');
    const rowText = await row.innerText();
    if (!rowText.includes("can never match")) throw new Error(`unexpected Problems row: ${rowText}`);
    await shot('ui-problems');
    // Cursor onto the problem as a user puts it there: a click on the squiggled text.
    const box = await squiggle.boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    // Keep the pointer off the text (no hover) and off the menu (it cannot highlight another row).
    await page.mouse.move(1395, 895);
    await page.locator('[id="status.editor.selection"]', { hasText: 'Ln 3,' }).waitFor({ timeout: UI_TIMEOUT_MS });
    // A cursor move schedules an automatic code action request; one that starts after Ctrl+. cancels its
    // menu. The lightbulb (with the preferred-fix icon) shows once that request has answered.
    await page.locator('.monaco-editor .lightBulbWidget.codicon-lightbulb-autofix').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Control+.');
    const widget = page.locator('.action-widget:not(.action-list-submenu-panel)').first();
    await widget.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await page.locator('.action-widget .monaco-list-row', { hasText: 'Use https://fix.example.com' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await shot('ui-quickfix');
    const focused = (await page.locator('.action-widget .monaco-list-row.focused').first().innerText().catch(() => '')).trim();
    if (!focused.includes('Use https://fix.example.com')) {
      throw new Error(`the focused quick fix is "${focused}", not the preferred "Use https://fix.example.com"`);
    }
    await page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Control+S');
    const file = path.join(dirs.workspace, 'src', FIXME);
    await pollFile(file, (text) => text.includes(FIXED) && !text.includes(BROKEN), UI_TIMEOUT_MS, 'the fixed file on disk');
    await page.locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await shot('ui-fixed');
    log(`UI scenario passed in ${seconds(started)}`);
    return { passed: 1, failed: 0, pending: 0 };
  } catch (error) {
    await shot('ui-failure').catch(() => {});
    return { passed: 0, failed: 1, pending: 0, note: `UI scenario: ${error.message}` };
  } finally {
    await context.close();
    await stopServer(server);
  }
}

async function runPackaged(tools, browser) {
  const started = Date.now();
  const dirs = sessionDirs('packaged');
  let server;
  let context;
  try {
    const packaging = Date.now();
    const packageLog = path.join(ARTIFACTS, 'e2e-package.log');
    try {
      writeFileSync(packageLog, execFileSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
    } catch (error) {
      writeFileSync(packageLog, `${error.stdout ?? ''}${error.stderr ?? ''}`);
      throw new Error(`npm run package failed; see test-artifacts/e2e-package.log`);
    }
    log(`npm run package (${seconds(packaging)})`);
    const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    const vsix = path.join(dirs.dir, `cors-lint-${version}.vsix`);
    cpSync(path.join(ROOT, `cors-lint-${version}.vsix`), vsix);
    writeFileSync(dirs.config, 'auth: none\ncert: false\n');
    execFileSync(tools.codeServer.bin, [...codeServerArgs(dirs), '--install-extension', vsix], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: nodeEnv(tools.node, { EXTENSIONS_GALLERY: '{}' }),
    });
    const installed = readdirSync(dirs.extensions).filter((d) => d.startsWith('cors-lint.cors-lint'));
    if (installed.length !== 1) throw new Error(`expected one installed cors-lint extension, found ${JSON.stringify(readdirSync(dirs.extensions))}`);
    log(`installed ${installed[0]} from ${path.basename(vsix)}`);
    server = await startServer(tools, dirs);
    const opened = await newPage(browser);
    context = opened.context;
    const { page } = opened;
    await openWorkbench(page, workbenchUrl(server, dirs.workspace));
    await quickOpen(page, FIXME);
    await page.locator('.squiggly-error').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await showProblems(page, 'invalid-origin');
    await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-packaged.png') });
    log(`packaged extension linted the workspace (${seconds(started)})`);
    return { passed: 1, failed: 0, pending: 0 };
  } catch (error) {
    return { passed: 0, failed: 1, pending: 0, note: `packaged mode: ${error.message}` };
  } finally {
    await context?.close().catch(() => {});
    if (server) await stopServer(server);
  }
}

// ------------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const f of readdirSync(ARTIFACTS)) if (f.startsWith('e2e-')) rmSync(path.join(ARTIFACTS, f), { force: true });
  const tools = ensureTools();
  log(`tools ready (${seconds(started)})`);
  const build = Date.now();
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  log(`extension built (${seconds(build)})`);
  tmpRoot = mkdtempSync(path.join(tmpdir(), 'cors-lint-e2e-'));
  const browser = await launchBrowser();
  try {
    if (wanted('suite')) results.push(['in-host suite', await runSuite(tools, browser).catch((error) => ({ passed: 0, failed: 1, pending: 0, note: error.message }))]);
    if (wanted('ui')) results.push(['UI scenario', await runUiScenario(tools, browser)]);
    if (wanted('packaged')) results.push(['packaged mode', await runPackaged(tools, browser)]);
  } finally {
    await browser.close().catch(() => {});
    cleanup();
  }
  let passed = 0;
  let failed = 0;
  let pending = 0;
  for (const [name, r] of results) {
    passed += r.passed;
    failed += r.failed;
    pending += r.pending;
    log(`${name}: ${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} skipped` : ''}${r.note ? ` — ${r.note}` : ''}`);
  }
  log(`total ${seconds(started)}; screenshots and logs in test-artifacts/e2e-*`);
  console.log(`${passed} passed, ${failed} failed${pending ? ` (${pending} skipped)` : ''}`);
  process.exitCode = failed > 0 || results.length === 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  cleanup();
  console.log('0 passed, 1 failed');
  process.exit(1);
});
