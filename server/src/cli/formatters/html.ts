// --format html: the audit report as one self-contained page (the same renderer as the VS Code
// report view), for CI to archive.
import { auditReportFromLocated, renderHtml } from '../../report';
import type { Formatter, LintReport } from '../../project/report';

export function auditOf(report: LintReport) {
  return auditReportFromLocated(report.root, report.files.map((f) => ({ ...f, path: f.absolutePath })), report.summary.filesChecked, report.durationMs);
}

export const formatHtml: Formatter = (report) => renderHtml(auditOf(report), { mode: 'standalone' });
