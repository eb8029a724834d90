// Human output, after ESLint's "stylish": findings grouped by file, one aligned line each
// (`path:line:col  severity  message  rule-id`, clickable in VS Code's terminal), then a summary.
import { locationPath } from '../../project/report';
import type { FileReport, Formatter, LintReport, ReportedFinding } from '../../project/report';

interface Palette {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

const sgr = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
const COLOR: Palette = {
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  blue: sgr(34, 39),
  green: sgr(32, 39),
  dim: sgr(2, 22),
  bold: sgr(1, 22),
  underline: sgr(4, 24),
};
const identity = (s: string) => s;
const PLAIN: Palette = { red: identity, yellow: identity, blue: identity, green: identity, dim: identity, bold: identity, underline: identity };

const MAX_ALIGNED_MESSAGE = 72;

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export const formatText: Formatter = (report, options) => {
  const c = options.color ? COLOR : PLAIN;
  const out: string[] = [];
  for (const file of report.files) {
    if (file.findings.length > 0) out.push(...formatFile(file, c, report.root), '');
  }
  if (report.fixMode) {
    const fixed = report.files.filter((f) => f.fixesApplied > 0);
    if (fixed.length > 0) {
      out.push(`Fixed ${plural(report.summary.fixesApplied, 'problem')} in ${plural(fixed.length, 'file')}:`);
      for (const file of fixed) out.push(`  ${file.displayPath}: ${plural(file.fixesApplied, 'fix', 'fixes')} applied`);
      out.push('');
    }
  }
  out.push(...formatSummary(report, c));
  return `${out.join('\n')}\n`;
};

function formatFile(file: FileReport, c: Palette, root: string): string[] {
  const rows = file.findings.map((f) => ({
    finding: f,
    where: `${file.displayPath}:${f.line}:${f.column}`,
    message: oneLine(f.message),
  }));
  const whereWidth = Math.max(...rows.map((r) => r.where.length));
  const severityWidth = Math.max(...rows.map((r) => r.finding.severity.length));
  // Rule ids line up like ESLint's, but one long message must not push every id off the screen.
  const messageWidth = Math.max(0, ...rows.map((r) => r.message.length).filter((n) => n <= MAX_ALIGNED_MESSAGE));
  const lines = [c.underline(file.displayPath)];
  for (const row of rows) {
    const severity = colorSeverity(row.finding, row.finding.severity.padEnd(severityWidth), c);
    lines.push(`  ${row.where.padEnd(whereWidth)}  ${severity}  ${row.message.padEnd(messageWidth)}  ${c.dim(row.finding.ruleId)}`);
    for (const related of row.finding.related) {
      const indent = ' '.repeat(whereWidth + severityWidth + 6);
      lines.push(`${indent}${c.dim(`related: ${locationPath(related, file.displayPath, root)}:${related.line}:${related.column} ${oneLine(related.message)}`)}`);
    }
  }
  return lines;
}

function colorSeverity(finding: ReportedFinding, text: string, c: Palette): string {
  return finding.severity === 'error' ? c.red(text) : finding.severity === 'warning' ? c.yellow(text) : c.blue(text);
}

function formatSummary(report: LintReport, c: Palette): string[] {
  const s = report.summary;
  const total = s.errors + s.warnings + s.infos;
  const counts = `${plural(total, 'problem')} (${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')})`;
  const paint = s.errors > 0 ? c.red : s.warnings > 0 ? c.yellow : total > 0 ? c.blue : c.green;
  const lines = [c.bold(paint(counts))];
  if (!report.fixMode && s.fixable > 0) {
    lines.push(`${plural(s.fixable, 'problem')} can be fixed automatically with --fix.`);
  }
  const checked = [`Checked ${plural(s.filesChecked, 'file')}.`];
  if (s.skippedFiles > 0) checked.push(`Skipped ${plural(s.skippedFiles, 'file')} (see the messages above).`);
  if (s.unreadableFiles > 0) checked.push(`${s.unreadableFiles === 1 ? '1 file' : `${s.unreadableFiles} files`} could not be read.`);
  lines.push(c.dim(checked.join(' ')));
  return lines;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
