import ts from 'typescript';

export function scriptKindFor(fileName: string): ts.ScriptKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.ts') || lower.endsWith('.mts') || lower.endsWith('.cts')) return ts.ScriptKind.TS;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (lower.endsWith('.json')) return ts.ScriptKind.JSON;
  // .js/.mjs/.cjs: JSX is legal in plain .js files in many code bases (React servers, Next.js).
  return ts.ScriptKind.JSX;
}

export function parseSource(text: string, fileName: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindFor(fileName));
}

/** Number of syntax errors; a fix must not add any. */
export function syntaxErrorCount(sourceFile: ts.SourceFile): number {
  return (sourceFile as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0;
}

/**
 * Re-parses `newText` reusing the unchanged parts of `previous` (ts.updateSourceFile). The change range
 * is the span between the longest common prefix and suffix of the old and new text, so callers need not
 * track individual edits.
 */
export function reparseIncrementally(previous: ts.SourceFile, newText: string): ts.SourceFile {
  const oldText = previous.text;
  if (oldText === newText) return previous;
  const max = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  ) suffix++;
  const span = ts.createTextSpan(prefix, oldText.length - suffix - prefix);
  const change = ts.createTextChangeRange(span, newText.length - suffix - prefix);
  return ts.updateSourceFile(previous, newText, change);
}
