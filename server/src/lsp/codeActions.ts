// Code actions for the findings under the cursor: the engine's fixes, "disable for this line/file",
// "show documentation", and the fix-all source action. Every edit is computed here, inline, against
// the document version the analysis was made for.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  Diagnostic,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { directiveCommentOf, fixAll, isRuleId, PLATFORM_SYNTAX_ERROR_ID, safeFixEdits, TextEdit, UNUSED_DIRECTIVE_ID, wholeTextEdit } from '../core';
import { analysisFileName } from './documents';
import { applyCustomizations } from './settings';
import type { DocumentAnalysis } from './analysis';
import { rangeOf } from './diagnostics';
import type { OtherFiles } from './other-files';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, SHOW_RULE_DOCUMENTATION_COMMAND } from './protocol';
import { fileNameOf } from './uri';

export interface CodeActionInput {
  document: TextDocument;
  analysis: DocumentAnalysis;
  /** The client advertises workspace.workspaceEdit.documentChanges (versioned edits). */
  documentChanges: boolean;
  /** Files other than the document that a fix edits (where a value is written in another module). */
  others?: OtherFiles;
}

export function provideCodeActions(params: CodeActionParams, input: CodeActionInput): CodeAction[] {
  const only = Array.isArray(params.context?.only) ? params.context.only.filter((k) => typeof k === 'string') : undefined;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) actions.push(...quickFixes(params, input));
  // Fix-all is a source action: offered when asked for (codeActionsOnSave, "Source Action…").
  if (only && wants(FIX_ALL_KIND)) {
    const fixAll = fixAllAction(input);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

function quickFixes(params: CodeActionParams, input: CodeActionInput): CodeAction[] {
  const { analysis } = input;
  const selected = selectFindings(params, input);
  const fixes: CodeAction[] = [];
  const suppressions: CodeAction[] = [];
  const fileSuppressions = new Map<string, CodeAction>();
  const documentation = new Map<string, CodeAction>();
  const seenLines = new Set<string>();
  // `//` in code, `#` in YAML/TOML/_headers platform files, none in JSON (no comments there).
  const marker = directiveCommentOf(fileNameOf(input.document.uri));

  for (const index of selected) {
    const finding = analysis.findings[index];
    const diagnostic = analysis.diagnostics[index];
    const ordered = [...finding.fixes].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'safe' ? -1 : 1));
    for (const fix of ordered) {
      const action: CodeAction = {
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: workspaceEdit(input, fix.edits),
      };
      // A fix that edits a file the server cannot read now is not offered (its edits could not be placed).
      if (!action.edit) continue;
      // Suggestions change who is allowed: the user must pick them, so they are never preferred.
      if (fix.kind === 'safe') action.isPreferred = true;
      fixes.push(action);
    }
    // Unused-directive findings are about the directives themselves and cannot be suppressed.
    if (finding.ruleId === UNUSED_DIRECTIVE_ID || finding.ruleId === PLATFORM_SYNTAX_ERROR_ID) continue;
    const ruleId = finding.ruleId;
    const line = input.document.positionAt(finding.start).line;
    if (marker && !seenLines.has(`${ruleId}:${line}`)) {
      seenLines.add(`${ruleId}:${line}`);
      suppressions.push({
        title: `Disable ${ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: workspaceEdit(input, [disableLineEdit(input.document, line, ruleId, marker)]),
      });
    }
    if (marker && !fileSuppressions.has(ruleId)) {
      fileSuppressions.set(ruleId, {
        title: `Disable ${ruleId} for this file`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: workspaceEdit(input, [marker === '#' ? hashFileEdit(input.document.getText(), ruleId) : disableFileEdit(input.document.getText(), ruleId)]),
      });
    }
    if (isRuleId(ruleId) && !documentation.has(ruleId)) {
      const title = `Show documentation for ${ruleId}`;
      documentation.set(ruleId, {
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title, command: SHOW_RULE_DOCUMENTATION_COMMAND, arguments: [ruleId] },
      });
    }
  }
  return [...fixes, ...suppressions, ...fileSuppressions.values(), ...documentation.values()];
}

/**
 * Indexes of the findings the request is about. Ranges in `context.diagnostics` are not trusted
 * (Neovim 0.7 sends byte columns there): the findings are taken from the current analysis, those
 * overlapping the requested range plus those whose rule id matches one of the client's cors-lint
 * diagnostics on the same lines (lines survive the byte/UTF-16 confusion, columns do not).
 */
function selectFindings(params: CodeActionParams, input: CodeActionInput): number[] {
  const { document, analysis } = input;
  const start = document.offsetAt(params.range.start);
  const end = document.offsetAt(params.range.end);
  const hints: { code: string; startLine: number; endLine: number }[] = [];
  const contextDiagnostics: unknown[] = Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [];
  for (const candidate of contextDiagnostics) {
    const diagnostic = candidate as Partial<Diagnostic> | null;
    if (!diagnostic || typeof diagnostic.code !== 'string') continue;
    if (diagnostic.source !== undefined && diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const startLine = diagnostic.range?.start?.line;
    const endLine = diagnostic.range?.end?.line;
    if (typeof startLine !== 'number' || typeof endLine !== 'number') continue;
    hints.push({ code: diagnostic.code, startLine, endLine });
  }
  const selected: number[] = [];
  analysis.findings.forEach((finding, index) => {
    const overlaps = finding.start <= end && start <= finding.end;
    let hinted = false;
    if (!overlaps && hints.length > 0) {
      const line = document.positionAt(finding.start).line;
      hinted = hints.some((h) => h.code === finding.ruleId && h.startLine <= line && line <= h.endLine);
    }
    if (overlaps || hinted) selected.push(index);
  });
  return selected;
}

/**
 * Every safe fix to the fixed point, in one action (core fixAll, the same passes as `cors-lint --fix`):
 * a chain of duplicate writes is fixed by one save, not one per save. The editor's severity
 * customizations decide which findings take part, as they decide which ones it shows.
 */
function fixAllAction(input: CodeActionInput): CodeAction | undefined {
  const { analysis, document } = input;
  if (safeFixEdits(analysis.findings).length === 0) return undefined;
  const fileName = analysisFileName(document);
  if (!fileName) return undefined;
  const before = document.getText();
  const customizations = analysis.settings.rules.customizations;
  const fixed = fixAll(before, fileName, analysis.config.config, { select: (findings) => applyCustomizations(findings, customizations) });
  const edit = wholeTextEdit(before, fixed.text);
  if (!edit) return undefined;
  return { title: 'Fix all safe cors-lint problems', kind: FIX_ALL_KIND, edit: workspaceEdit(input, [edit]) };
}

/**
 * Versioned `documentChanges` when the client supports them (a stale edit is then rejected), else `changes`.
 * Edits may span files (a value fixed where it is written): one entry per file, an unopened file with a
 * null version (its disk text). Undefined when a file the edits name cannot be read.
 */
function workspaceEdit(input: CodeActionInput, edits: readonly TextEdit[]): WorkspaceEdit | undefined {
  const { document } = input;
  const byFile = new Map<string | undefined, TextEdit[]>();
  for (const edit of edits) {
    const list = byFile.get(edit.file) ?? [];
    list.push(edit);
    byFile.set(edit.file, list);
  }
  const parts: { uri: string; version: number | null; edits: LspTextEdit[] }[] = [];
  for (const [file, fileEdits] of byFile) {
    const target = file === undefined ? { document, open: true } : input.others?.get(file);
    if (!target) return undefined;
    const lspEdits = fileEdits.map((edit) => ({ range: rangeOf(target.document, edit), newText: edit.newText }));
    parts.push({ uri: target.document.uri, version: target.open ? target.document.version : null, edits: lspEdits });
  }
  if (input.documentChanges) {
    return { documentChanges: parts.map((p) => ({ textDocument: { uri: p.uri, version: p.version }, edits: p.edits })) };
  }
  return { changes: Object.fromEntries(parts.map((p) => [p.uri, p.edits])) };
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

const LINE_DIRECTIVE = /(\/\/|\/\*)\s*cors-lint-disable-next-line(?=\s|\*\/|$)/;
const HASH_LINE_DIRECTIVE = /^\s*#\s*cors-lint-disable-next-line(?=\s|$)/;
const FILE_DIRECTIVE = /^\/\*\s*cors-lint-disable(?=\s|\*\/)/;
const RULE_ID = /[A-Za-z0-9@/_-]+/g;

/**
 * `// cors-lint-disable-next-line <rule>` above the finding's line, with that line's indentation,
 * or `, <rule>` appended to the list of a next-line directive already on the previous line.
 */
export function disableLineEdit(document: TextDocument, line: number, ruleId: string, marker: '//' | '#' = '//'): TextEdit {
  const text = document.getText();
  const lineStart = document.offsetAt({ line, character: 0 });
  if (line > 0) {
    const previousStart = document.offsetAt({ line: line - 1, character: 0 });
    const previous = text.slice(previousStart, lineStart).replace(/\r?\n$/, '');
    const match = (marker === '#' ? HASH_LINE_DIRECTIVE : LINE_DIRECTIVE).exec(previous);
    if (match) {
      const listStart = match.index + match[0].length;
      let listEnd = match[1] === '/*' ? previous.indexOf('*/', listStart) : previous.length;
      if (listEnd < 0) listEnd = previous.length;
      const merged = appendToRuleList(previous, listStart, listEnd, ruleId);
      if (merged !== undefined) return { start: previousStart + merged, end: previousStart + merged, newText: `, ${ruleId}` };
    }
  }
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  return { start: lineStart, end: lineStart, newText: `${indent}${marker} cors-lint-disable-next-line ${ruleId}${eolOf(text)}` };
}

/** `# cors-lint-disable <rule>` as the first line of a YAML, TOML or `_headers` file. */
function hashFileEdit(text: string, ruleId: string): TextEdit {
  return { start: 0, end: 0, newText: `# cors-lint-disable ${ruleId}${eolOf(text)}` };
}

/**
 * `/* cors-lint-disable <rule> *\/` at the top of the file (after a shebang), or `, <rule>` appended
 * to a file directive among the file's leading comments.
 */
export function disableFileEdit(text: string, ruleId: string): TextEdit {
  let offset = 0;
  if (text.startsWith('#!')) {
    const newline = text.indexOf('\n');
    offset = newline < 0 ? text.length : newline + 1;
  }
  const insertAt = offset;
  for (;;) {
    while (offset < text.length && /\s/.test(text[offset])) offset++;
    if (text.startsWith('//', offset)) {
      const newline = text.indexOf('\n', offset);
      offset = newline < 0 ? text.length : newline + 1;
    } else if (text.startsWith('/*', offset)) {
      const close = text.indexOf('*/', offset + 2);
      if (close < 0) break;
      const comment = text.slice(offset, close);
      const match = FILE_DIRECTIVE.exec(comment);
      if (match) {
        const merged = appendToRuleList(comment, match[0].length, comment.length, ruleId);
        if (merged !== undefined) return { start: offset + merged, end: offset + merged, newText: `, ${ruleId}` };
      }
      offset = close + 2;
    } else {
      break;
    }
  }
  const eol = eolOf(text);
  if (insertAt > 0 && !text.slice(0, insertAt).endsWith('\n')) {
    return { start: insertAt, end: insertAt, newText: `${eol}/* cors-lint-disable ${ruleId} */` };
  }
  return { start: insertAt, end: insertAt, newText: `/* cors-lint-disable ${ruleId} */${eol}` };
}

/**
 * Where to insert `, <rule>` in the directive rule list `text[listStart, listEnd)` (which may end with
 * ` -- reason`): right after the last rule id. Undefined for a list without ids (it already covers
 * every rule) or one that names the rule already.
 */
function appendToRuleList(text: string, listStart: number, listEnd: number, ruleId: string): number | undefined {
  let list = text.slice(listStart, listEnd);
  const reason = list.indexOf('--');
  if (reason >= 0) list = list.slice(0, reason);
  const ids = [...list.matchAll(RULE_ID)];
  if (ids.length === 0 || ids.some((id) => id[0] === ruleId)) return undefined;
  const last = ids[ids.length - 1];
  return listStart + (last.index ?? 0) + last[0].length;
}
