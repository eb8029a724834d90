// The audit report as one self-contained HTML page: the CLI writes it (`--format html`) and the VS Code
// webview shows it, from the same renderer. Everything is rendered here as static HTML, so the page
// reads without script; the inline script only adds filtering, sorting and (in the webview) messages
// to the extension. Every string from the report is escaped: paths and messages come from the scanned
// code, which may be hostile.
import { randomBytes } from 'node:crypto';
import type { FindingId, Severity } from '../core';
// Not '../core': its index pulls in the rule registry and with it typescript (~10 MB); this way the VS
// Code client can render the webview without bundling the engine. docs.ts imports only types.
import { ruleDocsUrl } from '../core/docs';
import {
  AuditFile,
  AuditPolicy,
  AuditReport,
  AuditSummary,
  credentialsLabel,
  formatDuration,
  listLabel,
  originDetail,
  originKindLabel,
  policyRisks,
  preflightLabel,
  riskLabel,
  summarize,
  varyLabel,
} from './model';

export interface HtmlReportOptions {
  /** 'webview': VS Code theme variables, open/export buttons that post messages. 'standalone': a file for a browser. */
  mode: 'webview' | 'standalone';
  /** CSP nonce for the inline style and script; a fresh random one when omitted. */
  nonce?: string;
  /** The webview's `cspSource`, allowed for styles and images (webview mode). */
  cspSource?: string;
}

/** Messages the webview page posts to the extension (webview mode only). */
export type ReportMessage =
  | { type: 'open'; path: string; line: number; column: number }
  | { type: 'export'; format: ExportFormat };

export type ExportFormat = 'sarif' | 'json' | 'markdown';

const EXPORT_FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'sarif', label: 'Export SARIF' },
  { format: 'json', label: 'Export JSON' },
  { format: 'markdown', label: 'Export Markdown' },
];

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const SEVERITY_MARK: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ' };
const SEVERITY_NAME: Record<Severity, [string, string]> = { error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['info', 'info'] };

export function renderHtml(report: AuditReport, options: HtmlReportOptions): string {
  const nonce = options.nonce ?? randomBytes(18).toString('base64');
  // A nonce or source that could close the attribute or add a directive would defeat the policy.
  if (!/^[A-Za-z0-9+/_=-]+$/.test(nonce)) throw new TypeError('renderHtml: the nonce must be base64 characters');
  // A source list such as `'self' https://*.vscode-cdn.net` (code-server) or `https://*.vscode-cdn.net`
  // (desktop): keywords and hosts separated by spaces, nothing that ends the directive or the attribute.
  if (options.cspSource !== undefined && !/^('[a-z-]+'|[A-Za-z0-9*.:/+_-]+)( ('[a-z-]+'|[A-Za-z0-9*.:/+_-]+))*$/.test(options.cspSource)) {
    throw new TypeError('renderHtml: cspSource must be a CSP source expression');
  }
  const webview = options.mode === 'webview';
  const source = webview && options.cspSource ? `${options.cspSource} ` : '';
  const csp = [
    "default-src 'none'",
    `style-src ${source}'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${source}data:`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const summary = summarize(report);
  const title = `CORS audit — ${report.root}`;

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
${webview ? '' : '<meta name="color-scheme" content="light dark">\n'}<meta name="generator" content="cors-lint">
<title>${text(title)}</title>
<style nonce="${attr(nonce)}">${CSS}</style>
</head>
<body class="mode-${options.mode}" data-mode="${options.mode}">
<header class="page-header">
<div>
<h1>CORS audit</h1>
<p class="meta"><span class="root" title="Scanned folder"><code>${text(report.root)}</code></span> · generated <time datetime="${attr(report.generatedAt)}">${text(formatTime(report.generatedAt))}</time> · took ${text(formatDuration(report.durationMs))}</p>
</div>
${webview ? renderExports() : ''}
</header>
<main>
${renderSummary(report, summary)}
${renderInventory(report, summary, webview)}
${renderFindings(report, webview)}
</main>
<script nonce="${attr(nonce)}">${SCRIPT}</script>
</body>
</html>
`;
}

function renderExports(): string {
  const buttons = EXPORT_FORMATS.map((e) => `<button type="button" class="button" data-export="${e.format}">${e.label}</button>`).join('');
  return `<div class="exports" role="group" aria-label="Export the report">${buttons}</div>`;
}

function renderSummary(report: AuditReport, summary: AuditSummary): string {
  const stat = (id: string, label: string, value: number | string, extraClass = '') =>
    `<div class="stat${extraClass}"><dt>${text(label)}</dt><dd id="stat-${id}">${text(String(value))}</dd></div>`;
  const sev = (s: Severity) => stat(s, SEVERITY_NAME[s][1].replace(/^./, (c) => c.toUpperCase()), summary.findings[s], ` sev-${s}${summary.findings[s] > 0 ? ' nonzero' : ''}`);
  const stats = [
    stat('files', 'Files scanned', summary.filesScanned),
    stat('findings', 'Findings', summary.findings.total),
    ...SEVERITIES.map(sev),
    stat('policies', 'CORS policies', summary.policies.total),
    stat('risky', 'Risky policies', summary.policies.risky, summary.policies.risky > 0 ? ' risky-stat nonzero' : ''),
    stat('duration', 'Time taken', formatDuration(report.durationMs)),
  ].join('\n');

  const ruleRows = summary.byRule
    .map((r) => `<tr data-rule="${attr(r.ruleId)}"><th scope="row">${ruleLink(r.ruleId)}</th>${SEVERITIES.map((s) => `<td class="num">${r[s]}</td>`).join('')}<td class="num total">${r.total}</td></tr>`)
    .join('\n');
  const byRule = summary.byRule.length === 0
    ? '<p class="empty-note">No CORS problems found.</p>'
    : `<table class="by-rule" id="by-rule">
<caption>Findings by rule</caption>
<thead><tr><th scope="col">Rule</th><th scope="col" class="num">Errors</th><th scope="col" class="num">Warnings</th><th scope="col" class="num">Info</th><th scope="col" class="num">Total</th></tr></thead>
<tbody>
${ruleRows}
</tbody>
</table>`;

  const kinds = (Object.keys(summary.policies.byOriginKind) as (keyof AuditSummary['policies']['byOriginKind'])[]).filter((k) => summary.policies.byOriginKind[k] > 0);
  const byKind = kinds.length === 0
    ? ''
    : `<table class="by-kind" id="by-origin-kind">
<caption>Policies by allowed origins</caption>
<thead><tr><th scope="col">Origins</th><th scope="col" class="num">Policies</th></tr></thead>
<tbody>
${kinds.map((k) => `<tr data-kind="${k}"><th scope="row">${text(KIND_NAMES[k])}</th><td class="num">${summary.policies.byOriginKind[k]}</td></tr>`).join('\n')}
</tbody>
</table>`;

  return `<section class="summary" aria-labelledby="summary-heading">
<h2 id="summary-heading">Summary</h2>
<dl class="stats">
${stats}
</dl>
<div class="summary-tables">
${byRule}
${byKind}
</div>
</section>`;
}

const KIND_NAMES: Record<AuditPolicy['origins']['kind'], string> = {
  any: 'any (*)',
  reflected: 'reflected (any origin)',
  'weakly-checked': 'weakly checked',
  list: 'fixed list',
  null: 'null',
  disabled: 'disabled',
  unknown: 'unknown',
};

interface InventoryColumn {
  key: string;
  label: string;
  /** Columns where the interesting end comes first when sorted descending (risk). */
  sortFirst?: 'descending';
}

const COLUMNS: InventoryColumn[] = [
  { key: 'risk', label: 'Risk', sortFirst: 'descending' },
  { key: 'location', label: 'Location' },
  { key: 'framework', label: 'Framework' },
  { key: 'route', label: 'Route / handler' },
  { key: 'origins', label: 'Allowed origins' },
  { key: 'credentials', label: 'Credentials' },
  { key: 'methods', label: 'Methods' },
  { key: 'headers', label: 'Allowed headers' },
  { key: 'preflight', label: 'Preflight' },
  { key: 'vary', label: 'Vary: Origin' },
  { key: 'problems', label: 'Problems' },
];

function renderInventory(report: AuditReport, summary: AuditSummary, webview: boolean): string {
  const head = COLUMNS.map((c) => {
    // The rows are rendered in file/line order, so that column starts out sorted.
    const sort = c.key === 'location' ? ' aria-sort="ascending"' : '';
    const first = c.sortFirst ? ` data-sort-first="${c.sortFirst}"` : '';
    return `<th scope="col" data-key="${c.key}"${sort}${first}><button type="button" class="sort">${text(c.label)}<span class="sort-indicator" aria-hidden="true"></span></button></th>`;
  }).join('');
  // Report order (path, then line) is the Location column's sort key.
  let ordinal = 0;
  const rows = report.files.flatMap((file) => file.policies.map((policy) => renderPolicyRow(file, policy, ordinal++, webview)));
  const total = summary.policies.total;
  const body = total === 0 ? '' : rows.join('\n');
  return `<section class="inventory" aria-labelledby="inventory-heading">
<h2 id="inventory-heading">CORS policy inventory</h2>
<p class="section-note">Every place in the code that grants cross-origin access, and what it grants. Risky rows are marked <span class="risk-badge">⚠ Risky</span>: they reflect any origin, check origins weakly, allow <code>null</code>, combine <code>*</code> with credentials, or have error findings.</p>
${total === 0 ? '<p class="empty-note">No code grants cross-origin access.</p>' : `<div class="toolbar" role="search">
<label class="filter-label" for="inventory-filter">Filter policies</label>
<input type="search" id="inventory-filter" class="input" placeholder="path, framework, origin, rule…" autocomplete="off" spellcheck="false">
<label class="checkbox"><input type="checkbox" id="inventory-risky"> Risky only</label>
<span id="inventory-status" class="status" role="status" aria-live="polite">Showing ${total} of ${total} policies</span>
</div>
<div class="table-scroll" role="region" aria-labelledby="inventory-heading" tabindex="0">
<table id="inventory" class="inventory-table">
<thead><tr>${head}</tr></thead>
<tbody>
${body}
<tr id="inventory-empty" class="empty-row" hidden><td colspan="${COLUMNS.length}">No policy matches the filter.</td></tr>
</tbody>
</table>
</div>`}
</section>`;
}

function renderPolicyRow(file: AuditFile, policy: AuditPolicy, ordinal: number, webview: boolean): string {
  const risks = policyRisks(policy);
  const risky = risks.length > 0;
  const cells: { key: string; sort: string; html: string }[] = [];
  const cell = (key: string, sort: string, html: string) => cells.push({ key, sort, html });

  // Risk: reasons then error problems weigh more than a plain grant.
  const riskScore = risks.length * 10 + policy.problems.filter((p) => p.severity === 'error').length;
  cell(
    'risk',
    String(riskScore).padStart(4, '0'),
    risky
      ? `<span class="risk-badge">⚠ Risky</span><ul class="reasons">${risks.map((r) => `<li>${text(riskLabel(r))}</li>`).join('')}</ul>`
      : '<span class="ok-mark">—</span><span class="visually-hidden">not risky</span>',
  );
  cell('location', String(ordinal).padStart(9, '0'), openControl(file.path, policy.line, policy.column, `${file.path}:${policy.line}`, webview, undefined, true));
  cell('framework', policy.framework, `${text(policy.framework)}<div class="sub">${policy.source === 'middleware' ? 'middleware' : 'headers'}</div>`);
  cell('route', policy.route ?? '', policy.route ? text(policy.route) : '<span class="muted">—</span>');
  const detail = originDetail(policy.origins);
  const originsHtml = `<span class="origin-kind kind-${policy.origins.kind}">${text(originKindLabel(policy.origins))}</span>${
    detail.length === 0
      ? ''
      : policy.origins.kind === 'list'
        ? `<ul class="origins">${detail.map((o) => `<li><code>${text(o)}</code></li>`).join('')}</ul>`
        : `<div class="sub">${text(detail.join('; '))}</div>`
  }${(policy.provenance ?? []).map((line) => `<div class="sub provenance">${text(line)}</div>`).join('')}`;
  cell('origins', `${originKindLabel(policy.origins)} ${detail.join(' ')}`, originsHtml);
  cell('credentials', credentialsLabel(policy.credentials), `<span class="cred-${credentialsLabel(policy.credentials)}">${text(credentialsLabel(policy.credentials))}</span>`);
  cell('methods', listLabel(policy.methods), policy.methods ? text(listLabel(policy.methods)) : '<span class="muted">default</span>');
  cell('headers', listLabel(policy.allowedHeaders), policy.allowedHeaders ? text(listLabel(policy.allowedHeaders)) : '<span class="muted">default</span>');
  cell('preflight', preflightLabel(policy.preflight), statusMark(policy.preflight === 'answered' ? 'good' : policy.preflight === 'missing' ? 'bad' : 'neutral', preflightLabel(policy.preflight)));
  cell('vary', varyLabel(policy.vary), statusMark(policy.vary === true ? 'good' : policy.vary === false ? 'bad' : 'neutral', varyLabel(policy.vary)));
  const problems = policy.problems;
  cell(
    'problems',
    problems.map((p) => p.ruleId).join(' '),
    problems.length === 0
      ? '<span class="muted">none</span>'
      : `<ul class="problems">${problems.map((p) => `<li>${severityBadge(p.severity)} ${ruleLink(p.ruleId)}</li>`).join('')}</ul>`,
  );

  const search = [
    file.path,
    `${file.path}:${policy.line}`,
    policy.framework,
    policy.source,
    policy.route ?? '',
    originKindLabel(policy.origins),
    policy.origins.kind,
    ...detail,
    ...(policy.provenance ?? []),
    `credentials ${credentialsLabel(policy.credentials)}`,
    listLabel(policy.methods),
    listLabel(policy.allowedHeaders),
    `preflight ${preflightLabel(policy.preflight)}`,
    `vary ${varyLabel(policy.vary)}`,
    ...problems.map((p) => p.ruleId),
    ...risks.map(riskLabel),
    risky ? 'risky' : '',
  ].join(' ').toLowerCase();

  return `<tr class="policy${risky ? ' risky' : ''}" data-search="${attr(search)}" data-path="${attr(file.path)}" data-line="${policy.line}">${cells
    .map((c, i) => (i === 1 ? `<th scope="row" data-sort="${attr(c.sort)}">${c.html}</th>` : `<td data-col="${c.key}" data-sort="${attr(c.sort)}">${c.html}</td>`))
    .join('')}</tr>`;
}

function renderFindings(report: AuditReport, webview: boolean): string {
  const withFindings = report.files.filter((f) => f.findings.length > 0);
  const clean = report.filesScanned - withFindings.length;
  const sections = withFindings.map((file, index) => {
    const counts = SEVERITIES.map((s) => [s, file.findings.filter((f) => f.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `<span class="count sev-${s}">${n} ${SEVERITY_NAME[s][n === 1 ? 0 : 1]}</span>`)
      .join(' ');
    const items = file.findings
      .map((f) => `<li class="finding sev-${f.severity}" data-rule="${attr(f.ruleId)}">${severityBadge(f.severity)}<span class="where">${openControl(file.path, f.line, f.column, `${f.line}:${f.column}`, webview, `${file.path}:${f.line}:${f.column}`)}</span><span class="rule">${ruleLink(f.ruleId)}</span><span class="message">${message(f.message)}</span></li>`)
      .join('\n');
    return `<section class="file" aria-labelledby="file-${index}">
<h3 id="file-${index}"><code class="path">${text(file.path)}</code> ${counts}</h3>
<ol class="findings">
${items}
</ol>
</section>`;
  });
  const note = withFindings.length === 0
    ? '<p class="empty-note">No findings in any scanned file.</p>'
    : clean > 0
      ? `<p class="section-note">${clean} other scanned ${clean === 1 ? 'file has' : 'files have'} no findings.</p>`
      : '';
  return `<section class="findings-by-file" aria-labelledby="findings-heading">
<h2 id="findings-heading">Findings by file</h2>
${note}
${sections.join('\n')}
</section>`;
}

/** A finding's place: a button that asks the extension to open it (webview), plain text otherwise. */
function openControl(path: string, line: number, column: number, label: string, webview: boolean, full = `${path}:${line}:${column}`, breakAtSlashes = false): string {
  // <wbr> lets a long path wrap at its folders instead of widening the table or breaking mid-name.
  const shown = breakAtSlashes ? label.split('/').map((part, i, all) => `<span class="seg">${text(part)}${i < all.length - 1 ? '/' : ''}</span>`).join('<wbr>') : text(label);
  if (!webview) return `<code class="loc" title="${attr(full)}">${shown}</code>`;
  return `<button type="button" class="link loc" data-open-path="${attr(path)}" data-line="${line}" data-column="${column}" title="Open ${attr(full)}">${shown}</button>`;
}

function severityBadge(severity: Severity): string {
  return `<span class="badge sev sev-${severity}">${SEVERITY_MARK[severity]} ${severity}</span>`;
}

function statusMark(kind: 'good' | 'bad' | 'neutral', label: string): string {
  const mark = kind === 'good' ? '✓ ' : kind === 'bad' ? '✗ ' : '';
  return `<span class="state state-${kind}">${mark}${text(label)}</span>`;
}

function ruleLink(id: FindingId): string {
  return `<a class="rule-link" href="${attr(ruleDocsUrl(id))}" target="_blank" rel="noopener noreferrer"><code>${text(id)}</code></a>`;
}

/** Engine messages mark code with backticks; show those spans as code, everything escaped. */
function message(value: string): string {
  const parts = value.split('`');
  if (parts.length % 2 === 0) return text(value); // unbalanced: show as written
  return parts.map((part, i) => (i % 2 === 1 ? `<code>${text(part)}</code>` : text(part))).join('');
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // UTC, so the page reads the same wherever it was generated.
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

const text = escapeHtml;
/** Attribute values are always double-quoted here, so the same escaping covers them. */
const attr = escapeHtml;

// Theme: VS Code's variables when the webview provides them, with light/dark fallbacks for a browser.
const CSS = `
:root {
  --bg: var(--vscode-editor-background, #ffffff);
  --fg: var(--vscode-editor-foreground, var(--vscode-foreground, #1f2328));
  --muted: var(--vscode-descriptionForeground, #59636e);
  --border: var(--vscode-panel-border, var(--vscode-widget-border, #d1d9e0));
  --link: var(--vscode-textLink-foreground, #0969da);
  --focus: var(--vscode-focusBorder, #0969da);
  --error: var(--vscode-errorForeground, #cf222e);
  --warning: var(--vscode-editorWarning-foreground, #9a6700);
  --info: var(--vscode-editorInfo-foreground, #0969da);
  --good: var(--vscode-testing-iconPassed, #1a7f37);
  --button-bg: var(--vscode-button-background, #0969da);
  --button-fg: var(--vscode-button-foreground, #ffffff);
  --button-hover: var(--vscode-button-hoverBackground, #0550ae);
  --font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  --font-size: var(--vscode-font-size, 14px);
  --mono: var(--vscode-editor-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
  /* Tints are mixed from the theme's own colours, so they suit every theme, high contrast included. */
  --surface: color-mix(in srgb, var(--fg) 4%, var(--bg));
  --hover: var(--vscode-list-hoverBackground, color-mix(in srgb, var(--fg) 7%, var(--bg)));
  --risky-bg: color-mix(in srgb, var(--error) 13%, var(--bg));
  --risky-border: var(--error);
  --code-bg: var(--vscode-textCodeBlock-background, color-mix(in srgb, var(--fg) 9%, var(--bg)));
  --input-bg: var(--vscode-input-background, var(--bg));
  --input-fg: var(--vscode-input-foreground, var(--fg));
  --input-border: var(--vscode-input-border, var(--border));
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: var(--vscode-editor-background, #0d1117);
    --fg: var(--vscode-editor-foreground, var(--vscode-foreground, #e6edf3));
    --muted: var(--vscode-descriptionForeground, #9198a1);
    --border: var(--vscode-panel-border, var(--vscode-widget-border, #3d444d));
    --link: var(--vscode-textLink-foreground, #4493f8);
    --focus: var(--vscode-focusBorder, #4493f8);
    --error: var(--vscode-errorForeground, #f85149);
    --warning: var(--vscode-editorWarning-foreground, #d29922);
    --info: var(--vscode-editorInfo-foreground, #4493f8);
    --good: var(--vscode-testing-iconPassed, #3fb950);
    --button-bg: var(--vscode-button-background, #1f6feb);
    --button-fg: var(--vscode-button-foreground, #ffffff);
    --button-hover: var(--vscode-button-hoverBackground, #388bfd);
  }
}
* { box-sizing: border-box; }
html, body { background: var(--bg); color: var(--fg); }
body { margin: 0; padding: 16px 24px 48px; font-family: var(--font); font-size: var(--font-size); line-height: 1.45; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.25em; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
h3 { font-size: 1em; margin: 18px 0 6px; display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; }
code { font-family: var(--mono); font-size: 0.92em; background: var(--code-bg); padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible, [tabindex]:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
.page-header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: flex-start; gap: 12px; }
.meta, .section-note, .muted, .sub, .empty-note { color: var(--muted); }
.meta { margin: 0; }
.sub { font-size: 0.88em; }
.exports { display: flex; gap: 6px; flex-wrap: wrap; }
.button { font: inherit; color: var(--button-fg); background: var(--button-bg); border: 1px solid transparent; border-radius: 2px; padding: 4px 12px; cursor: pointer; }
.button:hover { background: var(--button-hover); }
.stats { display: grid; grid-template-columns: repeat(auto-fill, minmax(130px, 1fr)); gap: 8px; margin: 0 0 16px; }
.stat { border: 1px solid var(--border); border-radius: 4px; padding: 8px 12px; background: var(--surface); }
.stat dt { color: var(--muted); font-size: 0.88em; }
.stat dd { margin: 2px 0 0; font-size: 1.5em; font-weight: 600; font-variant-numeric: tabular-nums; }
.stat.sev-error.nonzero dd, .stat.risky-stat.nonzero dd { color: var(--error); }
.stat.sev-warning.nonzero dd { color: var(--warning); }
.stat.sev-info.nonzero dd { color: var(--info); }
.summary-tables { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
table { border-collapse: collapse; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--border); }
thead th { border-bottom-width: 2px; white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.toolbar { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin: 8px 0; }
.input { font: inherit; color: var(--input-fg); background: var(--input-bg); border: 1px solid var(--input-border); border-radius: 2px; padding: 3px 6px; min-width: 32ch; }
.checkbox { display: inline-flex; gap: 6px; align-items: center; cursor: pointer; }
.status { color: var(--muted); }
.table-scroll { overflow-x: auto; border: 1px solid var(--border); border-radius: 4px; }
.inventory-table { width: 100%; font-size: 0.95em; }
.inventory-table th[scope="row"] { font-weight: normal; }
.inventory-table th, .inventory-table td { padding: 5px 6px; }
.loc .seg { white-space: nowrap; }
.inventory-table thead th { white-space: normal; vertical-align: bottom; }
.inventory-table td[data-col="risk"] { min-width: 13ch; }
.loc code, code.loc, .problems code { overflow-wrap: normal; }
.inventory-table td[data-col="origins"] { min-width: 22ch; }
.origins code { overflow-wrap: normal; white-space: nowrap; }
.inventory-table tbody tr:hover { background: var(--hover); }
button.sort { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-align: left; }
.sort-indicator { margin-left: 4px; white-space: nowrap; }
button.sort:hover { color: var(--link); }
.sort-indicator::after { content: "↕"; color: var(--muted); font-weight: normal; }
th[aria-sort="ascending"] .sort-indicator::after { content: "▲"; color: inherit; }
th[aria-sort="descending"] .sort-indicator::after { content: "▼"; color: inherit; }
tr.risky, tr.risky:hover { background: var(--risky-bg); }
tr.risky > :first-child { box-shadow: inset 4px 0 0 var(--risky-border); }
.risk-badge { display: inline-block; white-space: nowrap; font-weight: 700; font-size: 0.85em; color: var(--error); border: 1px solid currentColor; border-radius: 3px; padding: 0 5px; }
.reasons, .origins, .problems { list-style: none; margin: 4px 0 0; padding: 0; }
.reasons li { font-size: 0.85em; color: var(--muted); }
.origins li { margin: 1px 0; }
.origin-kind { font-weight: 600; }
.kind-reflected, .kind-weakly-checked, .kind-null { color: var(--error); }
.kind-any { color: var(--warning); }
.state-bad { color: var(--error); font-weight: 600; }
.state-good { color: var(--good); }
.cred-yes { font-weight: 600; }
.badge { display: inline-block; white-space: nowrap; font-size: 0.85em; border-radius: 3px; padding: 0 5px; border: 1px solid currentColor; }
.sev-error.badge, .count.sev-error { color: var(--error); }
.sev-warning.badge, .count.sev-warning { color: var(--warning); }
.sev-info.badge, .count.sev-info { color: var(--info); }
.count { font-weight: normal; font-size: 0.9em; }
.findings { list-style: none; padding: 0; margin: 0; }
.finding { display: grid; grid-template-columns: 6.5em 5.5em 16em 1fr; gap: 4px 10px; align-items: baseline; justify-items: start; padding: 5px 0; border-bottom: 1px solid var(--border); }
.finding .rule code { overflow-wrap: normal; }
.finding .message { overflow-wrap: anywhere; }
button.link { font: inherit; font-family: var(--mono); font-size: 0.92em; color: var(--link); background: none; border: 0; padding: 0; cursor: pointer; text-decoration: underline; text-align: left; }
code.loc { background: none; padding: 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
[hidden] { display: none !important; }
@media (max-width: 720px) { .finding { grid-template-columns: auto auto; } .finding .message { grid-column: 1 / -1; } }
@media (forced-colors: active) { tr.risky > :first-child { border-left: 4px solid Mark; } .badge, .risk-badge { border-color: CanvasText; } }
@media print { .toolbar, .exports { display: none; } .table-scroll { overflow: visible; border: 0; } }
`;

// Progressive enhancement only: without it the page still shows every row.
const SCRIPT = `
(() => {
  'use strict';
  const webview = document.body.dataset.mode === 'webview';
  const vscode = webview && typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  const state = (vscode && vscode.getState && vscode.getState()) || {};
  const save = (patch) => {
    if (!vscode) return;
    Object.assign(state, patch);
    vscode.setState(state);
  };

  document.addEventListener('click', (event) => {
    if (!vscode || !(event.target instanceof Element)) return;
    const exportButton = event.target.closest('[data-export]');
    if (exportButton) {
      vscode.postMessage({ type: 'export', format: exportButton.dataset.export });
      return;
    }
    const open = event.target.closest('[data-open-path]');
    if (open) {
      vscode.postMessage({ type: 'open', path: open.dataset.openPath, line: Number(open.dataset.line), column: Number(open.dataset.column) });
    }
  });

  const table = document.getElementById('inventory');
  if (table) enhanceInventory(table);
  // Tests (and anything else driving the page) wait for this instead of sleeping.
  document.body.dataset.ready = 'true';

  function enhanceInventory(table) {
    const tbody = table.tBodies[0];
    const emptyRow = document.getElementById('inventory-empty');
    const rows = Array.from(tbody.rows).filter((row) => row !== emptyRow);
    rows.forEach((row, index) => { row.dataset.index = String(index); });
    const filter = document.getElementById('inventory-filter');
    const riskyOnly = document.getElementById('inventory-risky');
    const status = document.getElementById('inventory-status');
    const headers = Array.from(table.tHead.rows[0].cells);
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    let sortText = '';

    function applyFilter() {
      const terms = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
      let shown = 0;
      for (const row of rows) {
        const search = row.dataset.search || '';
        const visible = (!riskyOnly.checked || row.classList.contains('risky')) && terms.every((t) => search.includes(t));
        row.hidden = !visible;
        if (visible) shown++;
      }
      emptyRow.hidden = shown !== 0;
      status.textContent = 'Showing ' + shown + ' of ' + rows.length + ' policies' + sortText;
    }

    function sortBy(column, direction) {
      const header = headers[column];
      if (!header) return;
      for (const th of headers) if (th !== header) th.removeAttribute('aria-sort');
      header.setAttribute('aria-sort', direction);
      const sign = direction === 'ascending' ? 1 : -1;
      const key = (row) => {
        const cell = row.cells[column];
        return cell ? (cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim()) : '';
      };
      const sorted = rows.slice().sort((a, b) => sign * collator.compare(key(a), key(b)) || Number(a.dataset.index) - Number(b.dataset.index));
      for (const row of sorted) tbody.insertBefore(row, emptyRow);
      sortText = ', sorted by ' + header.textContent.trim().toLowerCase() + ' (' + direction + ')';
    }

    headers.forEach((th, column) => {
      const button = th.querySelector('button.sort');
      if (!button) return;
      button.addEventListener('click', () => {
        const first = th.dataset.sortFirst || 'ascending';
        const current = th.getAttribute('aria-sort');
        const next = current === first ? (first === 'ascending' ? 'descending' : 'ascending') : first;
        sortBy(column, next);
        applyFilter();
        save({ sort: { column, direction: next } });
      });
    });
    filter.addEventListener('input', () => { applyFilter(); save({ filter: filter.value }); });
    riskyOnly.addEventListener('change', () => { applyFilter(); save({ riskyOnly: riskyOnly.checked }); });

    // A webview that was hidden and shown again comes back as the user left it.
    if (typeof state.filter === 'string') filter.value = state.filter;
    if (typeof state.riskyOnly === 'boolean') riskyOnly.checked = state.riskyOnly;
    if (state.sort && (state.sort.direction === 'ascending' || state.sort.direction === 'descending')) sortBy(Number(state.sort.column), state.sort.direction);
    applyFilter();
  }
})();
`;
