// The audit as Markdown, for CI archives and pull-request comments: totals, findings by rule, the
// policy inventory, findings by file. Paths and messages come from scanned code, so every one is
// escaped: a file named `a|b.js` must not split a table cell, `<img onerror>` must stay text.
import type { Severity } from '../core';
// Not '../core' (see html.ts): keeps typescript out of bundles that only render.
import { ruleDocsUrl } from '../core/docs';
import {
  AuditReport,
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

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

export function renderMarkdown(report: AuditReport): string {
  const summary = summarize(report);
  const out: string[] = [];
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

  out.push('# CORS audit', '');
  out.push(`Scanned ${plural(summary.filesScanned, 'file', 'files')} in ${formatDuration(report.durationMs)} (root ${code(report.root)}, generated ${code(report.generatedAt)}).`, '');
  out.push(
    `- **Findings:** ${summary.findings.total} (${plural(summary.findings.error, 'error', 'errors')}, ${plural(summary.findings.warning, 'warning', 'warnings')}, ${summary.findings.info} info) in ${plural(summary.filesWithFindings, 'file', 'files')}`,
    `- **CORS policies:** ${summary.policies.total}, of which **${summary.policies.risky} risky**`,
    '',
  );

  out.push('## Findings by rule', '');
  if (summary.byRule.length === 0) {
    out.push('No CORS problems found.', '');
  } else {
    out.push('| Rule | Errors | Warnings | Info | Total |', '|---|---:|---:|---:|---:|');
    for (const r of summary.byRule) out.push(`| [${code(r.ruleId, true)}](${ruleDocsUrl(r.ruleId)}) | ${r.error} | ${r.warning} | ${r.info} | ${r.total} |`);
    out.push('');
  }

  out.push('## CORS policy inventory', '');
  if (summary.policies.total === 0) {
    out.push('No code grants cross-origin access.', '');
  } else {
    out.push(
      'Risky (⚠): reflects any origin, checks origins weakly, allows `null`, combines `*` with credentials, or has error findings.',
      '',
      '| Risk | Location | Framework | Route / handler | Allowed origins | Credentials | Methods | Allowed headers | Preflight | Vary: Origin | Problems |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const file of report.files) {
      for (const p of file.policies) {
        const risks = policyRisks(p);
        const detail = originDetail(p.origins);
        const origins = p.origins.kind === 'list' && detail.length > 0
          ? detail.map((o) => code(o, true)).join(', ')
          : [cell(originKindLabel(p.origins)), ...detail.map((d) => cell(d))].join(': ');
        // Where the policy's parts come from, when they are written in other files (issue 12, item 9).
        const from = p.provenance && p.provenance.length > 0 ? `<br>from: ${p.provenance.map((line) => cell(line)).join('<br>')}` : '';
        out.push(`| ${[
          risks.length > 0 ? `⚠ ${cell(risks.map(riskLabel).join(', '))}` : '',
          code(`${file.path}:${p.line}`, true),
          cell(`${p.framework} (${p.source === 'middleware' ? 'middleware' : 'headers'})`),
          p.route ? cell(p.route) : '',
          origins + from,
          credentialsLabel(p.credentials),
          cell(listLabel(p.methods)),
          cell(listLabel(p.allowedHeaders)),
          preflightLabel(p.preflight),
          varyLabel(p.vary),
          p.problems.map((x) => `${code(x.ruleId, true)} (${x.severity})`).join(', '),
        ].join(' | ')} |`);
      }
    }
    out.push('');
  }

  out.push('## Findings', '');
  const withFindings = report.files.filter((f) => f.findings.length > 0);
  if (withFindings.length === 0) out.push('No findings in any scanned file.', '');
  for (const file of withFindings) {
    const counts = SEVERITIES.map((s) => [s, file.findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
    out.push(`### ${code(file.path)}`, '', `${counts.map(([s, n]) => (s === 'info' ? `${n} info` : plural(n, s, `${s}s`))).join(', ')}`, '');
    for (const f of file.findings) out.push(`- **${f.severity}** ${code(f.ruleId)} at ${f.line}:${f.column}: ${message(f.message)}`);
    out.push('');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/**
 * Text for a Markdown line or table cell: one line, Markdown and HTML syntax backslash-escaped
 * (CommonMark lets any ASCII punctuation be escaped, and `\|` keeps a GFM cell whole).
 */
export function escapeMarkdown(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\`*_[\]<>|~&]/g, '\\$&');
}

const cell = escapeMarkdown;

/**
 * A code span that shows `value` literally: a fence longer than any backtick run inside it, and
 * (in a table) `\|` for pipes, which GFM unescapes inside code spans in table cells.
 */
function code(value: string, inTable = false): string {
  const flat = value.replace(/[\r\n]+/g, ' ');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  const body = inTable ? flat.replace(/\|/g, '\\|') : flat;
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** Engine messages mark code with backticks; keep those spans, escape the rest. */
function message(value: string): string {
  const parts = value.split('`');
  if (parts.length % 2 === 0) return escapeMarkdown(value);
  return parts.map((part, i) => (i % 2 === 1 ? code(part) : escapeMarkdown(part))).join('');
}
