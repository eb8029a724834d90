// One file: read, decode, analyse (and with --fix: apply safe fixes until none is left, re-analysing
// after each pass), write back, and convert offsets to lines/columns. The analysis itself is the
// core's analyzeFile, unchanged.
// Only modules without TypeScript at run time: the engine loads when a file needs it (engine.ts).
import { isRuleId } from '../core/config';
import { isPlatformConfigFile } from '../core/platform';
import { mayContainCors } from '../core/prefilter';
import type { AnalysisResult, CorsLintConfig, Finding, InternalError, Policy, TextRange } from '../core';
import { engine } from './engine';
import type { Project, ProjectOptions } from './project';
import { describeFsError } from './fs-errors';
import { writeFileIfUnchanged } from './fix-writer';
import type { Location, NoticeKind, ReportedFinding, ReportedPolicy } from './report';
import { decodeSource, encodeSource, formatSize, LineIndex, readRegularFile } from './text-file';
import type { SourceEncoding } from './text-file';

export interface LintFileOptions {
  config: CorsLintConfig;
  fix: boolean;
  /** Only errors are reported (and only their fixes applied). */
  quiet: boolean;
  /** Bytes; 0 = no limit. */
  maxFileSize: number;
  /** The project the files belong to (workers build their own Project from it); absent: files alone. */
  project?: ProjectOptions;
}

export interface FileNotice {
  kind: NoticeKind;
  level: 'error' | 'warning' | 'info';
  message: string;
  line?: number;
  ruleId?: string;
}

export type FileOutcome =
  | {
      kind: 'linted';
      findings: ReportedFinding[];
      policies: ReportedPolicy[];
      fixesApplied: number;
      notices: FileNotice[];
      /** Other files the analysis read (modules, `.env*`): a change to one of them changes this result. */
      dependencies: string[];
    }
  | { kind: 'skipped'; notice: FileNotice }
  | { kind: 'unreadable'; notice: FileNotice };

export function lintFile(file: string, options: LintFileOptions, project?: Project): FileOutcome {
  // The project's import index may have read this file already and kept what its outcome needs.
  const known = project?.takeLintVerdict(file);
  if (known) return outcomeWithoutAnalysis(known, options);
  let bytes: Buffer;
  try {
    const read = readRegularFile(file, options.maxFileSize);
    if (read.kind !== 'read') return outcomeWithoutAnalysis({ size: read.kind === 'too-large' ? read.size : -1, content: read.kind }, options);
    bytes = read.bytes;
  } catch (error) {
    return { kind: 'unreadable', notice: { kind: 'unreadable', level: 'error', message: `cannot read: ${describeFsError(error)}` } };
  }

  const decoded = decodeSource(bytes);
  if (decoded.kind === 'binary') return outcomeWithoutAnalysis({ size: bytes.length, content: 'binary' }, options);
  const originalText = decoded.text;
  // Until the project's import index exists, it takes the specifiers of what the lint pass reads, so
  // that building it does not read these files a second time.
  project?.textRead(file, originalText, bytes.length);
  // The core's own first step for code (platform files are read by name), taken here so that a file
  // without CORS code costs its read and nothing more: no engine load (TypeScript), no line index.
  if (!needsAnalysis(file, originalText)) return outcomeWithoutAnalysis({ size: bytes.length, content: 'no-cors', encoding: decoded.encoding }, options);
  const notices = encodingNotices(decoded.encoding);

  const reportable = (f: Finding) => !options.quiet || f.severity === 'error';
  const internalErrors: InternalError[] = [];
  const dependencies = new Set<string>();
  const analyse = (text: string): AnalysisResult => {
    const result = engine().analyzeFile(text, file, options.config, { host: project?.hostFor(dependencies) });
    internalErrors.push(...result.internalErrors);
    for (const dependency of result.dependencies ?? []) dependencies.add(dependency);
    return result;
  };

  const original = analyse(originalText);
  let text = originalText;
  let result = original;
  let fixesApplied = 0;
  if (options.fix) {
    // The same fixed point as the editor's fix-all (core fixAll: re-analyse and repeat, bounded).
    const fixed = engine().fixAll(originalText, file, options.config, { initial: original, select: (findings) => findings.filter(reportable), host: project?.hostFor(dependencies) });
    internalErrors.push(...fixed.internalErrors.slice(original.internalErrors.length));
    text = fixed.text;
    result = fixed.result;
    fixesApplied = fixed.fixesApplied;
    if (text !== originalText) {
      const encoded = encodeSource(text, decoded.encoding);
      const outcome = encoded
        ? writeFileIfUnchanged(file, bytes, encoded)
        : { ok: false as const, message: 'not fixed: a fix inserts characters that cannot be written back in the Latin-1 encoding of this file' };
      if (outcome.ok) project?.fileChanged(file, 'changed');
      if (!outcome.ok) {
        notices.push({ kind: 'fix-not-written', level: 'warning', message: outcome.message });
        // Report what is on disk, not what we failed to write.
        text = originalText;
        result = original;
        fixesApplied = 0;
      }
    }
  }

  const seen = new Set<string>();
  for (const error of internalErrors) {
    const key = `${error.ruleId}\0${error.line}\0${error.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    notices.push({
      kind: 'internal-error',
      level: 'warning',
      ruleId: error.ruleId,
      line: error.line,
      message: `internal error in ${isRuleId(error.ruleId) ? `rule ${error.ruleId}` : `the ${error.ruleId} step`}: ${error.message}; results for this file may be incomplete`,
    });
  }

  const lines = new LineIndex(text);
  // Related locations and fix edits may be in another file (where a value is written): its own lines.
  const otherLines = new Map<string, LineIndex | undefined>();
  const linesOf = (other: string | undefined): LineIndex | undefined => {
    if (other === undefined || other === file) return lines;
    if (!otherLines.has(other)) {
      const otherText = project?.readFile(other);
      otherLines.set(other, otherText === undefined ? undefined : new LineIndex(otherText));
    }
    return otherLines.get(other);
  };
  return {
    kind: 'linted',
    findings: result.findings.filter(reportable).map((f) => reportFinding(f, lines, linesOf, file)),
    policies: result.policies.map((p) => reportPolicy(p, lines)),
    fixesApplied,
    notices,
    dependencies: [...dependencies].filter((d) => d !== file).sort(),
  };
}

/** Whether a file's text needs the engine: the core's own first step, which platform files skip (they are read by name). */
export function needsAnalysis(file: string, text: string): boolean {
  return isPlatformConfigFile(file) || mayContainCors(text);
}

/**
 * What decides a file's outcome without analysing it: its size (against --max-file-size), and that it is
 * not a regular file, is binary, or has no CORS code (with the encoding it was read in).
 */
export interface LintVerdict {
  size: number;
  content: 'not-a-file' | 'too-large' | 'binary' | 'no-cors';
  encoding?: SourceEncoding;
}

function outcomeWithoutAnalysis(verdict: LintVerdict, options: LintFileOptions): FileOutcome {
  if (verdict.content === 'not-a-file') return { kind: 'skipped', notice: { kind: 'not-a-file', level: 'info', message: 'skipped: not a regular file' } };
  if (options.maxFileSize > 0 && verdict.size > options.maxFileSize) {
    return {
      kind: 'skipped',
      notice: { kind: 'too-large', level: 'info', message: `skipped: ${formatSize(verdict.size)} is larger than the ${formatSize(options.maxFileSize)} limit (see --max-file-size)` },
    };
  }
  if (verdict.content === 'binary') return { kind: 'skipped', notice: { kind: 'binary', level: 'info', message: 'skipped: a binary file (it contains NUL bytes)' } };
  return { kind: 'linted', findings: [], policies: [], fixesApplied: 0, notices: encodingNotices(verdict.encoding), dependencies: [] };
}

function encodingNotices(encoding: SourceEncoding | undefined): FileNotice[] {
  if (encoding !== 'latin1') return [];
  return [{ kind: 'not-utf8', level: 'info', message: 'not valid UTF-8; read as Latin-1 (ISO-8859-1), so columns after non-ASCII bytes may differ from your editor' }];
}

function locate(range: TextRange, lines: LineIndex): Location {
  const start = lines.position(range.start);
  const end = lines.position(range.end);
  return { start: range.start, end: range.end, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** A range in `file`, or in another file (`range.file`) located with that file's lines; undefined when unreadable. */
function locateIn(range: TextRange & { file?: string }, linesOf: (file: string | undefined) => LineIndex | undefined, file: string): Location | undefined {
  const lines = linesOf(range.file);
  if (!lines) return undefined;
  const location = locate(range, lines);
  return range.file !== undefined && range.file !== file ? { ...location, file: range.file } : location;
}

function reportFinding(finding: Finding, lines: LineIndex, linesOf: (file: string | undefined) => LineIndex | undefined, file: string): ReportedFinding {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    ...locate(finding, lines),
    related: finding.related.flatMap((r) => {
      const location = locateIn(r, linesOf, file);
      return location ? [{ ...location, message: r.message }] : [];
    }),
    // A fix whose other file cannot be read is not offered: its edits could not be placed.
    fixes: finding.fixes.flatMap((fix) => {
      const edits = fix.edits.map((e) => {
        const location = locateIn(e, linesOf, file);
        return location && { ...location, newText: e.newText };
      });
      return edits.every((e) => e !== undefined) ? [{ title: fix.title, kind: fix.kind, edits }] : [];
    }),
  };
}

function reportPolicy(policy: Policy, lines: LineIndex): ReportedPolicy {
  const { start, end, ...rest } = policy;
  return { ...rest, ...locate({ start, end }, lines) };
}
