// The HTML report as a user sees it: loaded from a file in headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core; no browser is downloaded). It checks what is
// rendered (summary numbers, inventory rows, risky marks), that filtering, sorting and the keyboard
// work, that the webview build posts its messages, that hostile strings stay inert, and that the CSP
// blocks nothing of the page's own. Screenshots go to test-artifacts/ (gitignored).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { HOSTILE, REPO, examplesAudit, hostileReport, report } from './helpers.mjs';

const CHROMIUM = '/usr/bin/chromium';
// On a developer machine without Chromium the browser tests are skipped; in CI a lost install step must fail.
const skip = !existsSync(CHROMIUM) && process.env.CI !== 'true'
  ? `${CHROMIUM} is not installed (apt-get install chromium); CI=true makes this a failure`
  : false;
const ARTIFACTS = join(REPO, 'test-artifacts');
const TIMEOUT = 15_000;

test('headless Chromium is installed (CI installs it; only a developer machine may skip)', { skip }, () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
});

describe('HTML report in headless Chromium', { skip }, () => {
  let browser;
  let dir;
  const { audit } = examplesAudit();
  const summary = report.summarize(audit);
  const expectedRows = audit.files.flatMap((f) => f.policies.map((p) => ({ location: `${f.path}:${p.line}`, risky: report.policyRisks(p).length > 0, framework: p.framework })));

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      timeout: TIMEOUT,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    dir = mkdtempSync(join(tmpdir(), 'cors-lint-report-'));
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Writes the page to a file and opens it, recording everything that would mean a broken or unsafe
   * page: console errors, uncaught exceptions, CSP violations, dialogs, requests for anything but the
   * page itself. In webview mode a stand-in for VS Code's acquireVsCodeApi records posted messages.
   */
  async function open(t, html, { name = 'report.html', webview = false, colorScheme = 'light', vscodeTheme } = {}) {
    const file = join(dir, name);
    writeFileSync(file, html);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme });
    t.after(() => context.close());
    context.setDefaultTimeout(TIMEOUT);
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
    page.on('request', (r) => { if (r.url() !== pathToFileURL(file).href) problems.push(`request: ${r.url()}`); });
    // Init scripts run before the page's own and are not subject to its CSP.
    await page.addInitScript(({ webview, vscodeTheme }) => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`));
      if (webview) {
        // VS Code keeps a webview's state across reloads of its HTML; sessionStorage plays that part.
        window.__messages = [];
        window.acquireVsCodeApi = () => ({
          postMessage: (m) => window.__messages.push(JSON.parse(JSON.stringify(m))),
          getState: () => JSON.parse(sessionStorage.getItem('vscode-state') ?? 'null') ?? undefined,
          setState: (s) => sessionStorage.setItem('vscode-state', JSON.stringify(s)),
        });
      }
      if (vscodeTheme) {
        // What VS Code does for a webview: theme colours as custom properties on <html>. (The init
        // script runs before <html> exists.)
        document.addEventListener('DOMContentLoaded', () => {
          for (const [k, v] of Object.entries(vscodeTheme)) document.documentElement.style.setProperty(k, v);
        });
      }
    }, { webview, vscodeTheme });
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-ready="true"]');
    return { page, problems, csp: () => page.evaluate(() => window.__csp) };
  }

  const visibleLocations = (page) => page.$$eval('#inventory tbody tr.policy:not([hidden]) th[scope="row"]', (cells) => cells.map((c) => c.textContent.trim()));

  test('summary numbers and inventory rows are rendered as the report states; screenshot', async (t) => {
    const { page, problems, csp } = await open(t, report.renderHtml(audit, { mode: 'standalone' }));
    const stat = (id) => page.textContent(`#stat-${id}`);
    assert.equal(await stat('files'), String(summary.filesScanned));
    assert.equal(await stat('findings'), String(summary.findings.total));
    assert.equal(await stat('error'), String(summary.findings.error));
    assert.equal(await stat('warning'), String(summary.findings.warning));
    assert.equal(await stat('info'), String(summary.findings.info));
    assert.equal(await stat('policies'), String(summary.policies.total));
    assert.equal(await stat('risky'), String(summary.policies.risky));
    assert.equal(await stat('duration'), '1.2 s');

    const byRule = await page.$$eval('#by-rule tbody tr', (rows) => rows.map((r) => [r.dataset.rule, r.querySelector('.total').textContent]));
    assert.deepEqual(byRule, summary.byRule.map((r) => [r.ruleId, String(r.total)]));

    assert.deepEqual(await visibleLocations(page), expectedRows.map((r) => r.location));
    assert.equal(await page.textContent('#inventory-status'), `Showing ${summary.policies.total} of ${summary.policies.total} policies`);
    const koa = page.locator('#inventory tbody tr', { has: page.locator('th', { hasText: /^koa-app\/app\.js:14$/ }) });
    assert.equal(await koa.locator('[data-col="framework"]').innerText(), '@koa/cors\nmiddleware');
    assert.equal(await koa.locator('[data-col="origins"]').innerText(), 'reflected (any origin)');
    assert.equal(await koa.locator('[data-col="credentials"]').innerText(), 'yes');
    assert.equal(await koa.locator('[data-col="preflight"]').innerText(), '✓ answered');
    assert.equal(await koa.locator('[data-col="vary"]').innerText(), '✓ sent');
    assert.equal(await koa.locator('[data-col="problems"]').innerText(), '✖ error reflected-origin');

    const fileSections = await page.$$eval('.findings-by-file section.file', (s) => s.map((x) => [x.querySelector('.path').textContent, x.querySelectorAll('li.finding').length]));
    assert.deepEqual(fileSections, audit.files.filter((f) => f.findings.length > 0).map((f) => [f.path, f.findings.length]));

    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    assert.deepEqual(problems, []);
    assert.deepEqual(await csp(), []);
  });

  test('risky rows carry a class and a visible "Risky" mark with the reason, not colour alone', async (t) => {
    const { page } = await open(t, report.renderHtml(audit, { mode: 'standalone' }));
    const rows = await page.$$eval('#inventory tbody tr.policy', (trs) => trs.map((tr) => ({
      risky: tr.classList.contains('risky'),
      mark: tr.querySelector('[data-col="risk"]').innerText.trim(),
    })));
    assert.equal(rows.length, expectedRows.length);
    rows.forEach((row, i) => {
      assert.equal(row.risky, expectedRows[i].risky, expectedRows[i].location);
      if (row.risky) assert.match(row.mark, /^⚠ Risky\n(reflects any origin|weak origin check|allows the null origin|any origin with credentials|has error findings)/, expectedRows[i].location);
      else assert.doesNotMatch(row.mark, /Risky/);
    });
    assert.ok(await page.locator('tr.risky .risk-badge').first().isVisible());
    // The mark differs from a plain row by more than colour: a left bar, a badge with text.
    const [risky, plain] = await Promise.all(['tr.policy.risky', 'tr.policy:not(.risky)'].map((s) => page.$eval(`${s} > th`, (el) => getComputedStyle(el.parentElement.firstElementChild).boxShadow)));
    assert.notEqual(risky, plain);
  });

  test('typing in the filter hides rows; "Risky only" keeps the risky ones; no match says so', async (t) => {
    const { page, problems, csp } = await open(t, report.renderHtml(audit, { mode: 'standalone' }));
    await page.fill('#inventory-filter', 'koa');
    const koaRows = expectedRows.filter((r) => r.location.startsWith('koa-app/'));
    assert.deepEqual(await visibleLocations(page), koaRows.map((r) => r.location));
    assert.equal(await page.textContent('#inventory-status'), `Showing ${koaRows.length} of ${expectedRows.length} policies`);
    assert.ok(await page.locator('#inventory tbody tr.policy[hidden]').count() > 0);

    // Several words must all match, anywhere in the row (here: a framework and an origin kind).
    await page.fill('#inventory-filter', 'koa weakly');
    assert.deepEqual(await visibleLocations(page), ['koa-app/app.js:20']);

    await page.fill('#inventory-filter', '');
    await page.check('#inventory-risky');
    assert.deepEqual(await visibleLocations(page), expectedRows.filter((r) => r.risky).map((r) => r.location));
    assert.equal(await page.locator('#inventory tbody tr.policy:not([hidden]):not(.risky)').count(), 0);

    await page.fill('#inventory-filter', 'fixed');
    assert.deepEqual(await visibleLocations(page), [], 'the *-fixed.* examples grant nothing risky');
    assert.ok(await page.isVisible('#inventory-empty'));
    assert.equal(await page.textContent('#inventory-status'), `Showing 0 of ${expectedRows.length} policies`);

    await page.uncheck('#inventory-risky');
    assert.deepEqual(await visibleLocations(page), expectedRows.filter((r) => r.location.includes('-fixed.')).map((r) => r.location));
    assert.ok(await page.isHidden('#inventory-empty'));
    assert.deepEqual(problems, []);
    assert.deepEqual(await csp(), []);
  });

  test('Enter on a column header sorts by it (aria-sort follows); again reverses; Risk sorts risky first', async (t) => {
    const { page } = await open(t, report.renderHtml(audit, { mode: 'standalone' }));
    const header = (key) => page.locator(`#inventory th[data-key="${key}"]`);
    const frameworks = () => page.$$eval('#inventory tbody tr.policy [data-col="framework"]', (cells) => cells.map((c) => c.dataset.sort));
    const inOrder = (list, direction) => page.evaluate(({ list, direction }) => {
      const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
      return list.every((v, i) => i === 0 || (direction === 'ascending' ? collator.compare(list[i - 1], v) <= 0 : collator.compare(list[i - 1], v) >= 0));
    }, { list, direction });

    const before = await frameworks();
    assert.equal(await header('location').getAttribute('aria-sort'), 'ascending');
    assert.equal(await inOrder(before, 'ascending'), false, 'examples/ are not already in framework order');

    await header('framework').locator('button').focus();
    await page.keyboard.press('Enter');
    const ascending = await frameworks();
    assert.notDeepEqual(ascending, before);
    assert.ok(await inOrder(ascending, 'ascending'), ascending.join(', '));
    assert.equal(await header('framework').getAttribute('aria-sort'), 'ascending');
    assert.equal(await header('location').getAttribute('aria-sort'), null);
    assert.match(await page.textContent('#inventory-status'), /sorted by framework \(ascending\)$/);

    await page.keyboard.press('Enter');
    const descending = await frameworks();
    assert.ok(await inOrder(descending, 'descending'), descending.join(', '));
    assert.equal(await header('framework').getAttribute('aria-sort'), 'descending');

    await header('risk').locator('button').click();
    assert.equal(await header('risk').getAttribute('aria-sort'), 'descending');
    const risky = await page.$$eval('#inventory tbody tr.policy', (trs) => trs.map((tr) => tr.classList.contains('risky')));
    assert.deepEqual(risky, [...risky].sort((a, b) => Number(b) - Number(a)), 'every risky row before every other row');

    // Sorting keeps the filter: hidden rows stay hidden.
    await page.fill('#inventory-filter', 'hono');
    await header('location').locator('button').press('Enter');
    assert.deepEqual(await visibleLocations(page), expectedRows.filter((r) => r.location.startsWith('hono/')).map((r) => r.location));
  });

  test('Tab reaches the filter, the checkbox and every column header button', async (t) => {
    const { page } = await open(t, report.renderHtml(audit, { mode: 'standalone' }));
    const reached = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => {
        const el = document.activeElement;
        return el.id || (el.closest('th') ? `th:${el.closest('th').dataset.key}` : el.tagName.toLowerCase());
      }));
    }
    const columns = await page.$$eval('#inventory th[data-key]', (ths) => ths.map((th) => `th:${th.dataset.key}`));
    for (const stop of ['inventory-filter', 'inventory-risky', ...columns]) assert.ok(reached.includes(stop), `${stop} not reached: ${reached.join(' ')}`);
    assert.ok(reached.indexOf('inventory-filter') < reached.indexOf('inventory-risky') && reached.indexOf('inventory-risky') < reached.indexOf('th:risk'));
    assert.equal(await page.locator('#inventory th[data-key] > button[type="button"]').count(), columns.length, 'headers are buttons');
  });

  test('webview mode: VS Code theme, finding and location buttons post "open", export buttons post "export", state survives', async (t) => {
    // The variables VS Code sets for its Dark Modern theme (a subset: the ones the page reads).
    const vscodeTheme = {
      '--vscode-font-family': 'system-ui, sans-serif',
      '--vscode-font-size': '13px',
      '--vscode-editor-font-family': 'monospace',
      '--vscode-editor-background': '#1f1f1f',
      '--vscode-editor-foreground': '#cccccc',
      '--vscode-foreground': '#cccccc',
      '--vscode-descriptionForeground': '#9d9d9d',
      '--vscode-panel-border': '#2b2b2b',
      '--vscode-errorForeground': '#f85149',
      '--vscode-editorWarning-foreground': '#cca700',
      '--vscode-editorInfo-foreground': '#3794ff',
      '--vscode-testing-iconPassed': '#73c991',
      '--vscode-textLink-foreground': '#4daafc',
      '--vscode-focusBorder': '#0078d4',
      '--vscode-button-background': '#0078d4',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-hoverBackground': '#026ec1',
      '--vscode-input-background': '#313131',
      '--vscode-input-foreground': '#cccccc',
      '--vscode-input-border': '#3c3c3c',
      '--vscode-textCodeBlock-background': '#2b2b2b',
      '--vscode-list-hoverBackground': '#2a2d2e',
    };
    const html = report.renderHtml(audit, { mode: 'webview', cspSource: 'https://*.vscode-cdn.net' });
    const { page, problems, csp } = await open(t, html, { name: 'webview.html', webview: true, vscodeTheme });
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(31, 31, 31)');
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).color), 'rgb(204, 204, 204)');
    assert.equal(await page.$eval('button[data-export="sarif"]', (b) => getComputedStyle(b).backgroundColor), 'rgb(0, 120, 212)');
    assert.equal(await page.$eval('#inventory-filter', (i) => getComputedStyle(i).backgroundColor), 'rgb(49, 49, 49)');

    const finding = page.locator('section.file', { has: page.locator('.path', { hasText: /^nestjs\/main\.ts$/ }) }).locator('li.finding button.loc');
    await finding.click();
    await page.locator('#inventory tbody th[scope="row"] button', { hasText: /^lambda\/handler\.js:15$/ }).focus();
    await page.keyboard.press('Enter');
    await page.locator('button[data-export="json"]').focus();
    await page.keyboard.press('Enter');
    await page.click('button[data-export="sarif"]');
    await page.click('button[data-export="markdown"]');
    const nest = audit.files.find((f) => f.path === 'nestjs/main.ts').findings[0];
    const lambda = audit.files.find((f) => f.path === 'lambda/handler.js').policies.find((p) => p.line === 15);
    assert.deepEqual(await page.evaluate(() => window.__messages), [
      { type: 'open', path: 'nestjs/main.ts', line: nest.line, column: nest.column },
      { type: 'open', path: 'lambda/handler.js', line: 15, column: lambda.column },
      { type: 'export', format: 'json' },
      { type: 'export', format: 'sarif' },
      { type: 'export', format: 'markdown' },
    ]);

    await page.fill('#inventory-filter', 'lambda');
    await page.check('#inventory-risky');
    await page.locator('#inventory th[data-key="route"] button').click();
    const state = await page.evaluate(() => JSON.parse(sessionStorage.getItem('vscode-state')));
    assert.deepEqual(state, { filter: 'lambda', riskyOnly: true, sort: { column: 3, direction: 'ascending' } });
    await page.screenshot({ path: join(ARTIFACTS, 'report-webview.png'), fullPage: false });

    // A webview that is hidden and shown again reloads its HTML: it comes back filtered and sorted.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.inputValue('#inventory-filter'), 'lambda');
    assert.equal(await page.isChecked('#inventory-risky'), true);
    assert.equal(await page.getAttribute('#inventory th[data-key="route"]', 'aria-sort'), 'ascending');
    // Lambda handlers have no route, so sorting by route keeps the file order.
    assert.deepEqual(await visibleLocations(page), expectedRows.filter((r) => r.location.startsWith('lambda/') && r.risky).map((r) => r.location));
    assert.equal(await page.textContent('#inventory-status'), `Showing 2 of ${expectedRows.length} policies, sorted by route / handler (ascending)`);
    assert.deepEqual(problems, []);
    assert.deepEqual(await csp(), []);
  });

  test('hostile paths and messages render as text: no element, no script, no dialog', async (t) => {
    const hostile = hostileReport();
    for (const mode of ['standalone', 'webview']) {
      const { page, problems, csp } = await open(t, report.renderHtml(hostile, { mode }), { name: `hostile-${mode}.html`, webview: mode === 'webview' });
      assert.equal(await page.locator('img, svg, b, iframe').count(), 0, mode);
      assert.equal(await page.locator('script').count(), 1, mode);
      assert.equal(await page.textContent('.findings-by-file .path'), HOSTILE.path);
      assert.equal(await page.textContent('li.finding .message'), HOSTILE.message.replace(/`/g, ''));
      assert.equal(await page.textContent('#inventory [data-col="origins"] li code'), HOSTILE.origin);
      assert.match(await page.textContent('#inventory [data-col="framework"]'), new RegExp(`^${HOSTILE.framework.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      assert.equal(await page.evaluate(() => typeof window.alert === 'function' && !('__alerted' in window)), true);
      if (mode === 'webview') {
        await page.click('li.finding button.loc');
        assert.deepEqual(await page.evaluate(() => window.__messages), [{ type: 'open', path: HOSTILE.path, line: 1, column: 46 }]);
      }
      await page.fill('#inventory-filter', '<img');
      assert.deepEqual(await visibleLocations(page), [`${HOSTILE.path}:1`]);
      assert.deepEqual(problems, [], mode);
      assert.deepEqual(await csp(), [], mode);
    }
  });

  test('the CSP is enforced: a script or style without the nonce is blocked and reported', async (t) => {
    // The control for the "no CSP violation" assertions above: the recorder does see violations.
    const html = report.renderHtml(audit, { mode: 'standalone' })
      .replace('</body>', '<script>window.__injected = true;</script><p style="color: red">x</p></body>');
    const { page, problems, csp } = await open(t, html, { name: 'tampered.html' });
    assert.equal(await page.evaluate(() => window.__injected), undefined);
    const violations = await csp();
    assert.ok(violations.some((v) => v.startsWith('script-src-elem')), violations.join('\n'));
    assert.ok(violations.some((v) => v.startsWith('style-src-attr')), violations.join('\n'));
    assert.ok(problems.some((p) => /Content Security Policy/.test(p)), problems.join('\n'));
  });
});
