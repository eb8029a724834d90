// The kept audit results as the CLI's LintReport, so the report view and every export come from the
// same renderers and formatters as `cors-lint --format html|markdown|json|sarif`: an export from the
// editor and a CI artefact of the same code are the same file.
import type { DiscoveryProblem } from '../project/discover';
import { formatJson } from '../project/formatters/json';
import { formatSarif } from '../project/formatters/sarif';
import type { FileNotice } from '../project/lint-file';
import { relativePath } from '../project/paths';
import { summarize } from '../project/report';
import type { FileReport, LintReport, Notice, ReportedFinding, ReportedPolicy } from '../project/report';
import { CLI_VERSION } from '../project/version';
import { auditReportFromLocated, renderHtml, renderMarkdown } from '../report';
import type { AuditReportParams } from './protocol';

export interface AuditedFile {
  /** gone: deleted, or no longer covered (ignored, excluded); kept only to order events. */
  kind: 'linted' | 'skipped' | 'unreadable' | 'gone';
  findings: ReportedFinding[];
  policies: ReportedPolicy[];
  notices: FileNotice[];
}

export interface AuditRunInfo {
  durationMs: number;
  problems: readonly DiscoveryProblem[];
}

export function buildLintReport(root: string, files: ReadonlyMap<string, AuditedFile>, run: AuditRunInfo): LintReport {
  const reports: FileReport[] = [];
  const notices: Notice[] = run.problems.map((p) => ({
    kind: p.kind,
    level: p.kind === 'unreadable' ? 'error' : 'info',
    message: p.message,
    path: relativePath(root, p.absolutePath),
    displayPath: relativePath(root, p.absolutePath),
  }));
  let skippedFiles = 0;
  let unreadableFiles = 0;
  for (const [absolutePath, file] of files) {
    if (file.kind === 'gone') continue;
    const shown = relativePath(root, absolutePath);
    for (const notice of file.notices) notices.push({ ...notice, path: shown, displayPath: shown });
    if (file.kind === 'skipped') skippedFiles++;
    if (file.kind === 'unreadable') unreadableFiles++;
    if (file.kind !== 'linted') continue;
    reports.push({ path: shown, displayPath: shown, absolutePath, findings: file.findings, policies: file.policies, fixesApplied: 0 });
  }
  // Code-unit order like the CLI's, so an export does not depend on the order files completed in.
  reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    toolVersion: CLI_VERSION,
    root,
    files: reports,
    notices,
    summary: summarize(reports, unreadableFiles, skippedFiles),
    fixMode: false,
    durationMs: run.durationMs,
  };
}

export function renderAuditReport(report: LintReport, generatedAt: string, params: AuditReportParams): string {
  switch (params.format) {
    case 'json':
      return formatJson(report, { color: false });
    case 'sarif':
      return formatSarif(report, { color: false });
    case 'markdown':
    case 'html': {
      const audit = auditReportFromLocated(
        report.root,
        report.files.map((f) => ({ ...f, path: f.absolutePath })),
        report.summary.filesChecked,
        report.durationMs,
        { generatedAt },
      );
      return params.format === 'markdown' ? renderMarkdown(audit) : renderHtml(audit, { mode: 'webview', cspSource: params.cspSource });
    }
  }
}
