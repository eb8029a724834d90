// Hover on a CORS header write or middleware call: the policy it grants, in the same words as the
// audit report (core/describe).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Hover, MarkupKind, Position } from 'vscode-languageserver/node';
import { describePolicy } from '../core';
import type { DocumentAnalysis } from './analysis';
import { rangeOf } from './diagnostics';

export function provideHover(document: TextDocument, analysis: DocumentAnalysis, position: Position): Hover | null {
  const offset = document.offsetAt(position);
  // The innermost policy wins: a header write inside a middleware-configured route describes itself.
  let best: DocumentAnalysis['policies'][number] | undefined;
  for (const policy of analysis.policies) {
    if (policy.start > offset || offset > policy.end) continue;
    if (!best || policy.end - policy.start < best.end - best.start) best = policy;
  }
  if (!best) return null;
  return { contents: { kind: MarkupKind.Markdown, value: describePolicy(best) }, range: rangeOf(document, best) };
}
