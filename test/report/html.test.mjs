// The HTML report as a string: one self-contained page with a strict CSP, every report string
// escaped, and the webview-only controls only in webview mode. (browser.test.mjs loads it in Chromium.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HOSTILE, examplesAudit, hostileReport, report } from './helpers.mjs';

const { renderHtml, escapeHtml } = report;

test('a strict CSP: nonce-only style and script, data: images, nothing else; the nonce is on both elements', () => {
  const { audit } = examplesAudit();
  const html = renderHtml(audit, { mode: 'standalone', nonce: 'abc123XYZ+/=' });
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)[1];
  assert.equal(csp, "default-src 'none'; style-src 'nonce-abc123XYZ+/='; script-src 'nonce-abc123XYZ+/='; img-src data:; base-uri 'none'; form-action 'none'".replace(/'/g, '&#39;'));
  assert.equal([...html.matchAll(/<style nonce="abc123XYZ\+\/=">/g)].length, 1);
  assert.equal([...html.matchAll(/<script nonce="abc123XYZ\+\/=">/g)].length, 1);
  assert.equal([...html.matchAll(/<(style|script)\b/g)].length, 2, 'no other style or script element');
  assert.doesNotMatch(html, /\sstyle="/, 'inline style attributes would be blocked by the CSP');
  assert.doesNotMatch(html, /\son[a-z]+="/i, 'inline event handlers would be blocked by the CSP');
  // Self-contained: no stylesheet, script, image, font or frame is fetched. The only URLs are the
  // rule-documentation links a user may follow.
  assert.doesNotMatch(html, /<link\b|\ssrc=|@import|url\(/i);
  for (const [, href] of html.matchAll(/\shref="([^"]*)"/g)) assert.match(href, /^https:\/\/github\.com\/cors-lint\/cors-lint\/blob\/main\/docs\/rules\/[a-z-]+\.md$/);
  assert.match(html, /<meta name="color-scheme" content="light dark">/);
  assert.match(html, /@media \(prefers-color-scheme: dark\)/);
});

test('webview mode allows the webview cspSource, uses VS Code theme variables, and has open and export buttons', () => {
  const { audit } = examplesAudit();
  const html = renderHtml(audit, { mode: 'webview', nonce: 'n0nce', cspSource: 'https://*.vscode-cdn.net' });
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)[1].replace(/&#39;/g, "'");
  assert.equal(csp, "default-src 'none'; style-src https://*.vscode-cdn.net 'nonce-n0nce'; script-src 'nonce-n0nce'; img-src https://*.vscode-cdn.net data:; base-uri 'none'; form-action 'none'");
  for (const variable of ['--vscode-editor-background', '--vscode-foreground', '--vscode-errorForeground', '--vscode-button-background', '--vscode-input-background', '--vscode-focusBorder']) {
    assert.ok(html.includes(`var(${variable},`), `${variable} with a fallback`);
  }
  assert.match(html, /<body class="mode-webview" data-mode="webview">/);
  assert.deepEqual([...html.matchAll(/<button type="button" class="button" data-export="([a-z]+)">([^<]*)<\/button>/g)].map((m) => [m[1], m[2]]), [
    ['sarif', 'Export SARIF'],
    ['json', 'Export JSON'],
    ['markdown', 'Export Markdown'],
  ]);
  assert.match(html, /<button type="button" class="link loc" data-open-path="koa-app\/app\.js" data-line="14" data-column="9" title="Open koa-app\/app\.js:14:9">14:9<\/button>/);
  assert.match(html, /acquireVsCodeApi\(\)/);
});

test('standalone mode has no webview controls: locations are text', () => {
  const { audit } = examplesAudit();
  const html = renderHtml(audit, { mode: 'standalone', cspSource: 'https://ignored.example' });
  assert.doesNotMatch(html, /data-export=|data-open-path=/);
  assert.doesNotMatch(html, /ignored\.example/, 'the webview source is not allowed outside the webview');
  assert.match(html, /<code class="loc" title="koa-app\/app\.js:14:9">14:9<\/code>/);
  assert.match(html, /<body class="mode-standalone" data-mode="standalone">/);
});

test('a fresh random nonce per page when none is given; a nonce or source that could break out is refused', () => {
  const { audit } = examplesAudit();
  const nonceOf = (html) => html.match(/script-src &#39;nonce-([^&]+)&#39;/)[1];
  const a = nonceOf(renderHtml(audit, { mode: 'standalone' }));
  const b = nonceOf(renderHtml(audit, { mode: 'standalone' }));
  assert.match(a, /^[A-Za-z0-9+/]{24}$/);
  assert.notEqual(a, b);
  assert.throws(() => renderHtml(audit, { mode: 'standalone', nonce: "x' 'unsafe-inline" }), /nonce/);
  assert.throws(() => renderHtml(audit, { mode: 'standalone', nonce: '' }), /nonce/);
  assert.throws(() => renderHtml(audit, { mode: 'webview', cspSource: "https://a; script-src 'unsafe-inline'" }), /cspSource/);
  assert.throws(() => renderHtml(audit, { mode: 'webview', cspSource: 'https://a" onload="x' }), /cspSource/);
  // code-server's webview source list is accepted as it is.
  assert.match(renderHtml(audit, { mode: 'webview', nonce: 'n0nce', cspSource: "'self' https://*.vscode-cdn.net" }), /style-src &#39;self&#39; https:\/\/\*\.vscode-cdn\.net &#39;nonce-n0nce&#39;/);
  assert.throws(() => renderHtml(audit, { mode: 'webview', cspSource: '"><script>' }), /cspSource/);
});

test('hostile paths, messages, origins and framework names are escaped everywhere they appear', () => {
  const html = renderHtml(hostileReport(), { mode: 'webview', nonce: 'n' });
  for (const value of Object.values(HOSTILE)) {
    assert.ok(!html.includes(value), `raw ${value}`);
  }
  for (const tag of ['<img', '<svg', '<b ', '<script>alert', '</code><script>']) {
    assert.ok(!html.includes(tag), `raw ${tag}`);
  }
  assert.ok(html.includes(`<code class="path">${escapeHtml(HOSTILE.path)}</code>`));
  assert.ok(html.includes(`data-open-path="${escapeHtml(HOSTILE.path)}"`));
  assert.ok(html.includes('bad <code>&lt;/code&gt;&lt;script&gt;alert(2)&lt;/script&gt;</code> and &lt;img src=x onerror=alert(3)&gt; | pipe'));
  assert.ok(html.includes(`<li><code>${escapeHtml(HOSTILE.origin)}</code></li>`));
  assert.equal(escapeHtml(`<a href="x" title='y'>&amp;</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
});

test('the summary and the inventory state what the engine found in examples/', () => {
  const { audit } = examplesAudit();
  const summary = report.summarize(audit);
  const html = renderHtml(audit, { mode: 'standalone', nonce: 'n' });
  assert.ok(html.includes(`<dd id="stat-files">${summary.filesScanned}</dd>`));
  assert.ok(html.includes(`<dd id="stat-error">${summary.findings.error}</dd>`));
  assert.ok(html.includes(`<dd id="stat-duration">1.2 s</dd>`));
  assert.equal([...html.matchAll(/<tr class="policy( risky)?"/g)].length, summary.policies.total);
  assert.equal([...html.matchAll(/<tr class="policy risky"/g)].length, summary.policies.risky);
  assert.equal([...html.matchAll(/<li class="finding /g)].length, summary.findings.total);
  assert.match(html, /<th scope="col" data-key="location" aria-sort="ascending"><button type="button" class="sort">Location/);
});
