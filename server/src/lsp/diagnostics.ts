// Finding → LSP Diagnostic. Offsets are UTF-16 like LSP positions, so TextDocument.positionAt gives
// exact ranges on lines with non-ASCII text.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, DiagnosticSeverity, DiagnosticTag, Range } from 'vscode-languageserver/node';
import { Finding, ruleDocsUrl, Severity, TextRange, UNUSED_DIRECTIVE_ID } from '../core';
import { DIAGNOSTIC_SOURCE } from './protocol';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function rangeOf(document: TextDocument, range: TextRange): Range {
  return { start: document.positionAt(range.start), end: document.positionAt(range.end) };
}

export function findingToDiagnostic(finding: Finding, document: TextDocument): Diagnostic {
  const diagnostic: Diagnostic = {
    range: rangeOf(document, finding),
    severity: SEVERITIES[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((related) => ({
      location: { uri: document.uri, range: rangeOf(document, related) },
      message: related.message,
    }));
  }
  // Editors fade unused suppressions out instead of underlining them.
  if (finding.ruleId === UNUSED_DIRECTIVE_ID) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

export function fileTooLargeDiagnostic(length: number, maxFileSize: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message:
      `cors-lint skipped this file: it has ${length.toLocaleString('en-US')} characters, more than ` +
      `corsLint.maxFileSize (${maxFileSize.toLocaleString('en-US')}). Raise the setting to analyse it.`,
  };
}
