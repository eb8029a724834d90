// Fix-all to the fixed point, shared by the CLI's `--fix` and the server's `source.fixAll.corsLint`, so
// both give the same text in one call. A fix can enable another (removing one write of a chain of
// three uncovers the next duplicate; an allowlist fix makes a Vary finding appear), so each pass
// re-analyses the text the previous one produced.
import { analyzeFile, AnalyzeOptions } from './analyze';
import { applyEdits, safeFixEdits } from './fix';
import type { AnalysisResult, CorsLintConfig, Finding, InternalError, TextEdit } from './types';

/** ESLint's limit too: enough for fixes that enable further fixes, finite if two fixes undo each other. */
export const MAX_FIX_PASSES = 10;

export interface FixAllOptions extends AnalyzeOptions {
  /** The findings whose safe fixes may be applied (the CLI's --quiet, the editor's severity customizations). */
  select?: (findings: Finding[]) => Finding[];
  /** The analysis of `text` when the caller already has it (saves the first pass's analysis). */
  initial?: AnalysisResult;
  maxPasses?: number;
}

export interface FixAllResult {
  /** The text after every pass (the input text when nothing was fixable). */
  text: string;
  /** The analysis of `text`. */
  result: AnalysisResult;
  /** Findings whose safe fix was applied, over all passes. */
  fixesApplied: number;
  passes: number;
  /** Internal errors of every analysis made, and an edit conflict if one happened. */
  internalErrors: InternalError[];
}

export function fixAll(text: string, fileName: string, config: CorsLintConfig, options: FixAllOptions = {}): FixAllResult {
  const { select = (f: Finding[]) => f, initial, maxPasses = MAX_FIX_PASSES, ...analyzeOptions } = options;
  const internalErrors: InternalError[] = [];
  const analyse = (source: string): AnalysisResult => {
    // A SourceFile given for the original text is of no use for the fixed text.
    const result = analyzeFile(source, fileName, config, { ...analyzeOptions, sourceFile: analyzeOptions.sourceFile?.text === source ? analyzeOptions.sourceFile : undefined });
    internalErrors.push(...result.internalErrors);
    return result;
  };
  let result = initial ?? analyse(text);
  if (initial) internalErrors.push(...initial.internalErrors);
  let fixesApplied = 0;
  let passes = 0;
  for (; passes < maxPasses; passes++) {
    const findings = select(result.findings);
    const edits = safeFixEdits(findings);
    if (edits.length === 0) break;
    let next: string;
    try {
      next = applyEdits(text, edits);
    } catch (error) {
      internalErrors.push({ ruleId: 'fix', message: error instanceof Error ? error.message : String(error) });
      break;
    }
    if (next === text) break;
    fixesApplied += countFixedFindings(findings, edits);
    text = next;
    result = analyse(text);
  }
  return { text, result, fixesApplied, passes, internalErrors };
}

/** Problems whose safe fix is entirely among the applied edits (two problems sharing one fix both count). */
function countFixedFindings(findings: readonly Finding[], applied: readonly TextEdit[]): number {
  const keys = new Set(applied.map(editKey));
  const fixed = findings.filter((f) => {
    const safe = f.fixes.find((fix) => fix.kind === 'safe');
    return safe !== undefined && safe.edits.length > 0 && safe.edits.every((e) => keys.has(editKey(e)));
  }).length;
  return Math.max(fixed, 1);
}

function editKey(edit: TextEdit): string {
  return `${edit.start}:${edit.end}:${edit.newText}`;
}

/**
 * One edit that turns `before` into `after`: the changed middle between their common prefix and
 * suffix (what an editor applies for a fix-all computed over several passes).
 */
export function wholeTextEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a surrogate pair or a CRLF.
  if (start > 0 && (isHighSurrogate(before.charCodeAt(start - 1)) || (before[start - 1] === '\r' && before[start] === '\n'))) start--;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  if (end > 0 && (isLowSurrogate(before.charCodeAt(before.length - end)) || (before[before.length - end] === '\n' && before[before.length - end - 1] === '\r'))) end--;
  return { start, end: before.length - end, newText: after.slice(start, after.length - end) };
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
