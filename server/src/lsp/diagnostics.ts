// Finding → LSP Diagnostic. Offsets are UTF-16 like LSP positions, so TextDocument.positionAt gives
// exact ranges on lines with non-ASCII text.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, DiagnosticSeverity, DiagnosticTag, Range } from 'vscode-languageserver/node';
import { Finding, ruleDocsUrl, Severity, TextRange, UNUSED_DIRECTIVE_ID } from '../core';
import type { OtherFiles } from './other-files';
import { DIAGNOSTIC_SOURCE } from './protocol';
import { fileUriOf } from './uri';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function rangeOf(document: TextDocument, range: TextRange): Range {
  return { start: document.positionAt(range.start), end: document.positionAt(range.end) };
}

export function findingToDiagnostic(finding: Finding, document: TextDocument, others?: OtherFiles): Diagnostic {
  return toDiagnostic(
    finding,
    document.uri,
    rangeOf(document, finding),
    finding.related.flatMap((related) => {
      if (related.file === undefined) return [{ range: rangeOf(document, related), message: related.message }];
      // Where a value is written in another module: a location in that file, or none when it cannot be read.
      const other = others?.get(related.file);
      return other ? [{ uri: other.document.uri, range: rangeOf(other.document, related), message: related.message }] : [];
    }),
  );
}

/** 1-based lines and UTF-16 columns, end exclusive: how the audit (the CLI's lintFile) locates findings. */
export interface LineColumnRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface LocatedFinding extends LineColumnRange {
  ruleId: Finding['ruleId'];
  severity: Severity;
  message: string;
  related: (LineColumnRange & { message: string; file?: string })[];
}

/** A finding of a file that is not open in the editor (the workspace audit read it from disk). */
export function locatedFindingToDiagnostic(finding: LocatedFinding, uri: string): Diagnostic {
  return toDiagnostic(
    finding,
    uri,
    lspRange(finding),
    finding.related.map((related) => ({ uri: related.file === undefined ? undefined : fileUriOf(related.file), range: lspRange(related), message: related.message })),
  );
}

function lspRange(range: LineColumnRange): Range {
  return {
    start: { line: range.line - 1, character: range.column - 1 },
    end: { line: range.endLine - 1, character: range.endColumn - 1 },
  };
}

function toDiagnostic(
  finding: Pick<Finding, 'ruleId' | 'severity' | 'message'>,
  uri: string,
  range: Range,
  related: { uri?: string; range: Range; message: string }[],
): Diagnostic {
  const diagnostic: Diagnostic = {
    range,
    severity: SEVERITIES[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (related.length > 0) {
    diagnostic.relatedInformation = related.map((r) => ({ location: { uri: r.uri ?? uri, range: r.range }, message: r.message }));
  }
  // Editors fade unused suppressions out instead of underlining them.
  if (finding.ruleId === UNUSED_DIRECTIVE_ID) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

/** A document with NUL characters is a binary file opened as code (the CLI skips those too). */
export function binaryDocumentDiagnostic(): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message: 'cors-lint skipped this file: it contains NUL characters, so it is binary data rather than source code.',
  };
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
