// Machine output. Paths are relative to the scan root; positions are 1-based, columns in UTF-16 code
// units, end positions exclusive (like ESLint and SARIF). `schemaVersion` changes only when a field
// changes meaning or goes away.
import { locationPath } from '../report';
import type { Formatter, Location } from '../report';

export const JSON_SCHEMA_VERSION = 1;

export const formatJson: Formatter = (report) => {
  const otherPath = (l: Location) => (l.file !== undefined ? { path: locationPath(l, '', report.root) } : {});
  const output = {
    version: report.toolVersion,
    schemaVersion: JSON_SCHEMA_VERSION,
    root: report.root,
    files: report.files.map((file) => ({
      path: file.path,
      findings: file.findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        ...position(f),
        // `path` only on a location in another file (where a value is written), relative to the root.
        related: f.related.map((r) => ({ message: r.message, ...otherPath(r), ...position(r) })),
        fixes: f.fixes.map((fix) => ({
          title: fix.title,
          kind: fix.kind,
          edits: fix.edits.map((e) => ({ ...otherPath(e), ...position(e), start: e.start, end: e.end, newText: e.newText })),
        })),
      })),
      policies: file.policies.map(({ start: _start, end: _end, line, column, endLine, endColumn, ...policy }) => ({
        ...policy,
        line,
        column,
        endLine,
        endColumn,
      })),
      fixesApplied: file.fixesApplied,
    })),
    notices: report.notices.map((n) => ({
      kind: n.kind,
      level: n.level,
      message: n.message,
      ...(n.path !== undefined ? { path: n.path } : {}),
      ...(n.line !== undefined ? { line: n.line } : {}),
      ...(n.ruleId !== undefined ? { ruleId: n.ruleId } : {}),
    })),
    summary: report.summary,
  };
  return `${JSON.stringify(output, null, 2)}\n`;
};

function position(l: Location) {
  return { line: l.line, column: l.column, endLine: l.endLine, endColumn: l.endColumn };
}
