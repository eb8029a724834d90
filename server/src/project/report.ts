// The result of one CLI run, in the shape every formatter reads. Offsets from the engine are already
// converted to 1-based lines and UTF-16 columns here, so formatters only print.
import * as path from 'node:path';
import type { FindingId, FixKind, Policy, Severity } from '../core';

/** A range with its 1-based start and (exclusive) end position; columns count UTF-16 code units. */
export interface Location {
  /** UTF-16 offsets into the file text (after a byte order mark, if any, was removed). */
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /**
   * Absolute path of the file this location is in, when it is not the reported file (a related location
   * or a fix edit where a value is written in another module). Offsets and positions are into that file.
   */
  file?: string;
}

export interface ReportedEdit extends Location {
  newText: string;
}

export interface ReportedFix {
  title: string;
  kind: FixKind;
  edits: ReportedEdit[];
}

export interface ReportedFinding extends Location {
  ruleId: FindingId;
  severity: Severity;
  message: string;
  related: (Location & { message: string })[];
  fixes: ReportedFix[];
}

/**
 * How output names a location's file: its own report's path, or for a location in another file (`file`),
 * that file relative to the scan root ('/'-separated), or absolute when outside it.
 */
export function locationPath(location: Location, reportPath: string, root: string): string {
  if (location.file === undefined) return reportPath;
  const relative = path.relative(root, location.file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? location.file : relative.split(path.sep).join('/');
}

/** A Policy with line/column positions instead of offsets. */
export type ReportedPolicy = Omit<Policy, 'start' | 'end'> & Location;

export interface FileReport {
  /** Relative to the scan root, '/'-separated: what json, sarif and github print. */
  path: string;
  /** Relative to the working directory when inside it, else absolute: what text output prints. */
  displayPath: string;
  absolutePath: string;
  findings: ReportedFinding[];
  policies: ReportedPolicy[];
  /** Safe fixes written to disk by --fix. */
  fixesApplied: number;
}

export type NoticeKind =
  | 'not-found'
  | 'unreadable'
  | 'too-large'
  | 'binary'
  | 'not-utf8'
  | 'not-a-file'
  | 'symlink-loop'
  | 'internal-error'
  | 'fix-not-written'
  | 'no-files';

/** Something about the run rather than the code: printed on stderr, kept in json/sarif output. */
export interface Notice {
  kind: NoticeKind;
  level: 'error' | 'warning' | 'info';
  message: string;
  /** Scan-root-relative path, when the notice is about one file or folder. */
  path?: string;
  /** Text-output path (see FileReport.displayPath). */
  displayPath?: string;
  line?: number;
  ruleId?: string;
}

export interface Summary {
  filesChecked: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Reported findings that have a safe fix (what --fix would apply). */
  fixable: number;
  fixesApplied: number;
  filesFixed: number;
  unreadableFiles: number;
  skippedFiles: number;
}

export interface LintReport {
  toolVersion: string;
  /** Absolute scan root. */
  root: string;
  files: FileReport[];
  notices: Notice[];
  summary: Summary;
  fixMode: boolean;
  /** Wall time of the run so far, for reports that show it. */
  durationMs: number;
}

export interface FormatOptions {
  color: boolean;
}

export type Formatter = (report: LintReport, options: FormatOptions) => string;

/** The totals of a run: findings by severity, fixable findings, fixes applied (the CLI and the editor's audit export). */
export function summarize(files: readonly FileReport[], unreadableFiles: number, skippedFiles: number): Summary {
  const summary: Summary = {
    filesChecked: files.length,
    errors: 0,
    warnings: 0,
    infos: 0,
    fixable: 0,
    fixesApplied: 0,
    filesFixed: 0,
    unreadableFiles,
    skippedFiles,
  };
  for (const file of files) {
    for (const finding of file.findings) {
      if (finding.severity === 'error') summary.errors++;
      else if (finding.severity === 'warning') summary.warnings++;
      else summary.infos++;
      if (finding.fixes.some((f) => f.kind === 'safe')) summary.fixable++;
    }
    summary.fixesApplied += file.fixesApplied;
    if (file.fixesApplied > 0) summary.filesFixed++;
  }
  return summary;
}
