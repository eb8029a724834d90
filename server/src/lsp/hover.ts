// Hover on a CORS header write or middleware call: the policy it grants, in the same words as the
// audit report (core/describe). Where a module grants nothing itself but writes an origin check that
// other modules apply, the hover says what the check accepts as applied there.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Hover, MarkupKind, Position } from 'vscode-languageserver/node';
import { describePolicy, type OriginCheckSummary, type TextRange } from '../core';
import type { DocumentAnalysis } from './analysis';
import { rangeOf } from './diagnostics';

export function provideHover(document: TextDocument, analysis: DocumentAnalysis, position: Position): Hover | null {
  const offset = document.offsetAt(position);
  // The innermost policy wins: a header write inside a middleware-configured route describes itself.
  const policy = innermost(analysis.policies, offset);
  if (policy) return { contents: { kind: MarkupKind.Markdown, value: describePolicy(policy) }, range: rangeOf(document, policy) };
  const check = innermost(analysis.checks, offset);
  if (check) return { contents: { kind: MarkupKind.Markdown, value: describeCheck(check) }, range: rangeOf(document, check) };
  return null;
}

function innermost<T extends TextRange>(ranges: readonly T[], offset: number): T | undefined {
  let best: T | undefined;
  for (const range of ranges) {
    if (range.start > offset || offset > range.end) continue;
    if (!best || range.end - range.start < best.end - best.start) best = range;
  }
  return best;
}

function describeCheck(check: OriginCheckSummary): string {
  const lines = ['**CORS origin check**', '', `- Accepts: ${check.accepts.join('; ')}`];
  if (check.appliedIn.length === 0) lines.push('- Not applied in this project: judged as an origin list (strings compared exactly, patterns tested)');
  else lines.push(`- Applied in: ${check.appliedIn.slice(0, 4).join(', ')}${check.appliedIn.length > 4 ? ` and ${check.appliedIn.length - 4} more` : ''}`);
  return lines.join('\n');
}
