// Text edits: applying them, and choosing the non-overlapping set of safe fixes for fix-all / --fix.
import type { Finding, TextEdit } from './types';

/**
 * Applies edits (offsets into `text`) with LSP semantics: edits that start at the same offset apply in
 * array order, so two insertions at one place come out in the order given. Overlapping edits are a
 * programming error.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.start - b.edit.start || a.index - b.index);
  let out = '';
  let at = 0;
  for (const { edit } of ordered) {
    if (edit.start < at) throw new Error(`overlapping edits at ${edit.start}-${edit.end}`);
    out += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return out + text.slice(at);
}

/**
 * The edits of every safe fix that does not overlap an earlier chosen one (in document order).
 * Two fixes that insert the same text at the same place (e.g. two findings both adding `Vary: Origin`
 * to one response) are applied once.
 */
export function safeFixEdits(findings: readonly Finding[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  const seen = new Set<string>();
  const ordered = [...findings].sort((a, b) => a.start - b.start);
  for (const finding of ordered) {
    const fix = finding.fixes.find((f) => f.kind === 'safe');
    if (!fix) continue;
    const key = fix.edits.map((e) => `${e.start}:${e.end}:${e.newText}`).join('|');
    if (seen.has(key)) continue;
    if (fix.edits.some((e) => chosen.some((c) => overlaps(c, e)))) continue;
    seen.add(key);
    chosen.push(...fix.edits);
  }
  return chosen;
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end || (a.start === b.start && (a.start === a.end || b.start === b.end));
}
