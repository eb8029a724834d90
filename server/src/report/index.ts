// The audit report renderers: one model, rendered as HTML (CLI `--format html` and the VS Code
// webview) or Markdown (CI archives). Bundled on its own as dist/report.js for tests.
export {
  buildAuditReport,
  auditReportFromLocated,
  summarize,
  policyRisks,
  riskLabel,
  originKindLabel,
  originDetail,
  credentialsLabel,
  preflightLabel,
  varyLabel,
  listLabel,
  formatDuration,
  relativePath,
  LineIndex,
} from './model';
export type {
  AuditReport,
  AuditFile,
  AuditFinding,
  AuditPolicy,
  AuditPolicyProblem,
  AuditEntry,
  LocatedFile,
  LocatedFinding,
  LocatedPolicy,
  AuditPosition,
  AuditRange,
  AuditSummary,
  BuildAuditReportOptions,
  RiskReason,
  RuleCount,
} from './model';
export { renderHtml, escapeHtml } from './html';
export type { HtmlReportOptions, ReportMessage, ExportFormat } from './html';
export { renderMarkdown, escapeMarkdown } from './markdown';
