import ts from 'typescript';

export function scriptKindFor(fileName: string): ts.ScriptKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.ts') || lower.endsWith('.mts') || lower.endsWith('.cts')) return ts.ScriptKind.TS;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  // .js/.mjs/.cjs and anything else: JSX is legal in plain .js files in many code bases (React servers,
  // Next.js). Never ScriptKind.JSON: the engine reads code, and TypeScript's token-level APIs assert on
  // JSON trees.
  return ts.ScriptKind.JSX;
}

export function parseSource(text: string, fileName: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindFor(fileName));
}

/**
 * A parse without parent pointers, for analyzeFile alone: its fact walk (facts/index.ts collectFacts)
 * visits every node before anything reads `parent`, and sets them on the way (setParentsOf). TypeScript's
 * own pass for them is a second walk of the whole tree, a third of the parse of a bundle. Every other
 * caller wants parseSource.
 */
export function parseSourceForFactWalk(text: string, fileName: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, scriptKindFor(fileName));
}

type Parented = { parent: ts.Node };

/**
 * What TypeScript's parent pass (setParentNodes) does for one child: its parent, and the parents inside
 * its JSDoc comments (forEachChild does not visit them; exported.ts reads JSDoc types). The fact walk
 * calls it for every child of every node it visits.
 */
export function setParent(child: ts.Node, parent: ts.Node): void {
  (child as unknown as Parented).parent = parent;
  const docs = (child as { jsDoc?: ts.Node[] }).jsDoc;
  if (docs) for (const doc of docs) setParentsWithin(doc, child);
}

/** `root`'s parent, and every parent in its subtree (a JSDoc comment: small, shallow). */
function setParentsWithin(root: ts.Node, parent: ts.Node): void {
  (root as unknown as Parented).parent = parent;
  const pending: ts.Node[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    node.forEachChild((child) => {
      (child as unknown as Parented).parent = node;
      pending.push(child);
    });
  }
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

/** What a `forEachDescendant` visitor returns: `'skip'` leaves out the node's children, `'stop'` ends the walk. */
export type WalkControl = void | 'skip' | 'stop';

/**
 * Visits `root` and its descendants in document order (pre-order) without recursion, so 10,000-deep
 * nesting in generated code or half-typed text cannot overflow the stack. Every walk in the engine
 * goes through here or an equivalent explicit stack.
 */
export function forEachDescendant(root: ts.Node, visit: (node: ts.Node) => WalkControl): void {
  const pending: ts.Node[] = [root];
  const children: ts.Node[] = [];
  const collect = (child: ts.Node) => {
    children.push(child);
  };
  while (pending.length > 0) {
    const node = pending.pop()!;
    const control = visit(node);
    if (control === 'stop') return;
    if (control === 'skip') continue;
    node.forEachChild(collect);
    // Reversed onto the stack, so the first child is visited next.
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]);
    children.length = 0;
  }
}
