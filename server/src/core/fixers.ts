// Builders for the text edits rules offer as fixes. Generated code follows the file's indentation and
// quote style and uses the configured allowedOrigins when there are some (DESIGN §6).
import ts from 'typescript';
import type { RuleContext } from './context';
import type { HeaderWrite } from './facts/model';
import { exclusive, variesByOrigin } from './responses';
import type { Fix, FixKind, TextEdit } from './types';
import { forEachDescendant } from './parse';
import { skipOuter } from './values';
import { OriginRead, requestOriginRead } from './request-origin';

/** Shown in generated allowlists when the config has no allowedOrigins. */
export const EXAMPLE_ORIGIN = 'https://app.example.com';
export const ALLOWLIST_NAME = 'allowedOrigins';
/** Marks the placeholder origin in inserted code, so it cannot ship unnoticed. */
export const PLACEHOLDER_COMMENT = '// placeholder: replace with the origins you trust';

export class FixBuilder {
  private quoteChar: string | undefined;

  constructor(private readonly context: RuleContext) {}

  private get sf(): ts.SourceFile {
    return this.context.sourceFile;
  }

  fix(title: string, kind: FixKind, edits: (TextEdit | undefined)[]): Fix | undefined {
    const real = edits.filter((e): e is TextEdit => e !== undefined);
    return real.length === edits.length && real.length > 0 ? { title, kind, edits: real } : undefined;
  }

  /** The file's string quote: whichever of ' and " its string literals use more. */
  quote(text: string): string {
    if (!this.quoteChar) {
      const source = this.sf.text;
      let single = 0;
      let double = 0;
      forEachDescendant(this.sf, (node) => {
        if (ts.isStringLiteral(node)) {
          if (source[node.getStart(this.sf)] === '"') double++;
          else single++;
        }
        return single + double < 50 ? undefined : 'stop';
      });
      this.quoteChar = double > single ? '"' : "'";
    }
    return stringLiteral(text, this.quoteChar);
  }

  /** A string literal's replacement text in the literal's own quote style. */
  requote(literal: ts.Node, text: string): string {
    const q = literal.getText(this.sf)[0];
    return q === "'" || q === '"' || q === '`' ? stringLiteral(text, q) : this.quote(text);
  }

  indentOf(node: ts.Node): string {
    const start = node.getStart(this.sf);
    const lineStart = this.sf.text.lastIndexOf('\n', start - 1) + 1;
    return /^[ \t]*/.exec(this.sf.text.slice(lineStart, start))![0];
  }

  /** One indentation step as the file uses it (two spaces by default). */
  indentUnit(): string {
    const m = /\n([ \t]+)\S/.exec(this.sf.text);
    if (!m) return '  ';
    return m[1].startsWith('\t') ? '\t' : m[1].length >= 4 && m[1].length % 4 === 0 ? '    ' : '  ';
  }

  replace(node: ts.Node, newText: string): TextEdit {
    // A node of another module (a value imported from it): the edit names that file (issue 12, item 6).
    const sf = node.getSourceFile();
    if (sf && sf !== this.sf) return { start: node.getStart(sf), end: node.end, newText, file: sf.fileName };
    return { start: node.getStart(this.sf), end: node.end, newText };
  }

  insertAfter(node: ts.Node, newText: string): TextEdit {
    return { start: node.end, end: node.end, newText };
  }

  insertBefore(node: ts.Node, newText: string): TextEdit {
    const start = node.getStart(this.sf);
    return { start, end: start, newText };
  }

  /** Removes a statement; when it is alone on its line(s), the line goes too. */
  removeStatement(statement: ts.Node): TextEdit {
    const text = this.sf.text;
    let start = statement.getStart(this.sf);
    let end = statement.end;
    // The body of an if/else/loop without braces: deleting it would make the next statement the body
    // (`if (ok) res.setHeader(…);\nnext();` → `if (ok) next();`). An empty block keeps the structure.
    const parent = statement.parent;
    if (parent && (ts.isIfStatement(parent) || ts.isIterationStatement(parent, false) || ts.isLabeledStatement(parent) || ts.isWithStatement(parent))) {
      return { start, end, newText: '{}' };
    }
    let lineStart = text.lastIndexOf('\n', start - 1) + 1;
    // A comment after the statement on its line describes it: it goes with it.
    end = this.endOfTrailingComments(statement);
    const newline = text.indexOf('\n', end);
    const lineEnd = newline < 0 ? text.length : newline;
    if (text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '') {
      // So do the comment lines directly above it when they are its own: it ends its paragraph (a blank
      // line, the block's end or another comment follows), so they describe no other statement; and a
      // cors-lint directive for the next line always describes this one.
      const comments = this.leadingCommentLines(statement);
      if (comments && (this.endsParagraph(lineEnd) || /^\s*\/\/\s*cors-lint-disable-next-line\b/.test(text.slice(comments, start)))) {
        lineStart = text.lastIndexOf('\n', comments - 1) + 1;
      }
      start = lineStart;
      end = newline < 0 ? lineEnd : newline + 1;
      // A paragraph removed after a blank line or a block's opening line leaves no doubled blank line.
      const previous = text.slice(text.lastIndexOf('\n', Math.max(start - 2, 0)) + 1, Math.max(start - 1, 0)).trim();
      const blank = /^[ \t]*\r?\n/.exec(text.slice(end));
      if (blank && (start === 0 || previous === '' || /[{([]$/.test(previous))) end += blank[0].length;
    }
    return { start, end, newText: '' };
  }

  /**
   * The start of the comment lines directly above a statement (each on its own line, no blank line
   * between them and the statement), or undefined when there are none. A comment at the end of the
   * previous statement's line is that statement's.
   */
  leadingCommentLines(statement: ts.Node): number | undefined {
    const text = this.sf.text;
    const ranges = ts.getLeadingCommentRanges(text, statement.pos) ?? [];
    let start: number | undefined;
    let next = statement.getStart(this.sf);
    for (let i = ranges.length - 1; i >= 0; i--) {
      const range = ranges[i];
      const between = text.slice(range.end, next);
      if (/\n[ \t]*\r?\n/.test(between) || !/^[ \t]*$/.test(text.slice(text.lastIndexOf('\n', range.pos - 1) + 1, range.pos))) break;
      if (range.kind === ts.SyntaxKind.SingleLineCommentTrivia && !between.includes('\n')) break;
      start = range.pos;
      next = range.pos;
    }
    return start;
  }

  /** Does the line that ends at `lineEnd` end a paragraph (the next line is blank, closes a block, is a comment, or there is none)? */
  private endsParagraph(lineEnd: number): boolean {
    const text = this.sf.text;
    if (lineEnd >= text.length) return true;
    const nextEnd = text.indexOf('\n', lineEnd + 1);
    const nextLine = text.slice(lineEnd + 1, nextEnd < 0 ? text.length : nextEnd).trim();
    return nextLine === '' || /^[})\]]/.test(nextLine) || /^(\/\/|\/\*)/.test(nextLine);
  }

  /**
   * Inserts `newText` (whole lines, ending with the statement's indentation) before a statement, above
   * the comment lines that describe it, so an inserted line never separates a comment from its code.
   */
  insertBeforeStatement(statement: ts.Node, newText: string): TextEdit {
    const start = this.leadingCommentLines(statement) ?? statement.getStart(this.sf);
    return { start, end: start, newText };
  }

  /** The end of the comments that follow a node on its own line (`write(); // why`), else the node's end. */
  endOfTrailingComments(node: ts.Node): number {
    const text = this.sf.text;
    let end = node.end;
    for (const range of ts.getTrailingCommentRanges(text, node.end) ?? []) {
      if (text.slice(end, range.pos).includes('\n') || text.slice(range.pos, range.end).includes('\n')) break;
      end = range.end;
    }
    return end;
  }

  /**
   * The statement terminator of inserted code: ';' in files that use them; none in files that do not,
   * unless the next statement starts with a character that would continue the inserted one (ASI).
   */
  terminatorBefore(next: ts.Node | undefined): string {
    if (this.semicolon() === ';') return ';';
    const first = next ? this.sf.text[next.getStart(this.sf)] : undefined;
    return first !== undefined && '([`+-/'.includes(first) ? ';' : '';
  }

  /** Removes one element of a comma-separated list (object properties, array elements, arguments). */
  removeListElement(element: ts.Node, list: ts.NodeArray<ts.Node>): TextEdit {
    const i = list.indexOf(element);
    const text = this.sf.text;
    if (list.length === 1) {
      const start = element.getStart(this.sf);
      const end = element.end + (text[element.end] === ',' ? 1 : 0);
      // `{ a: 1 }` → `{}`: the padding inside the brackets goes too when it is all on one line.
      let after = end;
      while (text[after] === ' ' || text[after] === '\t') after++;
      if (!text.slice(list.pos, start).includes('\n') && /[}\])]/.test(text[after] ?? '')) return { start: list.pos, end: after, newText: '' };
      return { start, end, newText: '' };
    }
    if (i < list.length - 1) return { start: element.getStart(this.sf), end: list[i + 1].getStart(this.sf), newText: '' };
    return { start: list[i - 1].end, end: element.end, newText: '' };
  }

  /** Adds `name: value` beside an existing header write on the same response, in the write's own style. */
  addSiblingHeader(write: HeaderWrite, name: string, value: string, everyResponse = name.toLowerCase() === 'vary'): TextEdit | undefined {
    if (write.container && ts.isPropertyAssignment(write.node) || write.container && ts.isShorthandPropertyAssignment(write.node)) {
      const multiline = this.sf.text.slice(write.container.getStart(this.sf), write.node.getStart(this.sf)).includes('\n');
      const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : this.quote(name);
      return this.insertBefore(write.node, `${key}: ${this.quote(value)},${multiline ? '\n' + this.indentOf(write.node) : ' '}`);
    }
    if (write.api === 'headers() entry' && write.container) {
      return this.insertBefore(write.container, `{ key: ${this.quote(name)}, value: ${this.quote(value)} },\n${this.indentOf(write.container)}`);
    }
    if (write.api === '@Header') {
      const decorator = write.node.parent;
      return this.insertBeforeStatement(decorator, `@Header(${this.quote(name)}, ${this.quote(value)})\n${this.indentOf(decorator)}`);
    }
    if (write.api === 'header tuple') {
      return this.insertBefore(write.node, `[${this.quote(name)}, ${this.quote(value)}], `);
    }
    const call = this.siblingCall(write, name, value);
    if (call) {
      if (write.statement) {
        // A header every response needs (Vary) must not sit inside the branch that allows the origin.
        const outer = everyResponse ? outermostConditional(write.statement) : undefined;
        if (outer) return followsIncompleteStatement(outer) ? undefined : this.insertBeforeStatement(outer, `${call}${this.terminatorBefore(outer)}\n${this.indentOf(outer)}`);
        // After the write's trailing comment, which stays on the write's line.
        const at = this.endOfTrailingComments(write.statement);
        return { start: at, end: at, newText: `\n${this.indentOf(write.statement)}${call}${this.terminatorBefore(nextStatement(write.statement))}` };
      }
      // A chained write (`h.response(x).header(…)`, `res.set(…).json(…)`): chain one more.
      if (write.method && ['header', 'set'].includes(write.method) && ts.isCallExpression(write.node)) {
        return this.insertAfter(write.node, `.${write.method}(${this.quote(name)}, ${this.quote(value)})`);
      }
    }
    return undefined;
  }

  /**
   * The same write call for another header: `res.setHeader(name, value)` for method-style writes, and
   * `setResponseHeader(event, name, value)` for h3's function style (name and value its last arguments).
   */
  private siblingCall(write: HeaderWrite, name: string, value: string): string | undefined {
    const args = `${this.quote(name)}, ${this.quote(value)}`;
    if (write.receiver && write.method) return `${write.receiver}.${write.method}(${args})`;
    const node = write.node;
    if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.arguments.length < 2) return undefined;
    if (node.arguments[node.arguments.length - 1] !== write.valueNode) return undefined;
    const leading = node.arguments.slice(0, -2).map((a) => a.getText(this.sf));
    return `${node.expression.text}(${[...leading, args].join(', ')})`;
  }

  /** Removes a header write: its statement, its property, its tuple or its decorator. */
  removeWrite(write: HeaderWrite): TextEdit | undefined {
    if (write.statement) return this.removeStatement(write.statement);
    // A next.config `{ key, value }` entry goes whole: Next refuses an entry without its value at start-up.
    if (write.api === 'headers() entry') {
      return write.container && ts.isArrayLiteralExpression(write.container.parent) ? this.removeLine(write.container, write.container.parent.elements) : undefined;
    }
    if (write.container && (ts.isPropertyAssignment(write.node) || ts.isShorthandPropertyAssignment(write.node))) {
      return this.removeLine(write.node, write.container.properties);
    }
    if (write.api === 'header tuple' && ts.isArrayLiteralExpression(write.node.parent)) return this.removeListElement(write.node, write.node.parent.elements);
    if (write.api === '@Header') return this.removeStatement(write.node.parent);
    return undefined;
  }

  /** Removes a list element together with its line when it sits alone on it. */
  removeLine(element: ts.Node, list: ts.NodeArray<ts.Node>): TextEdit {
    const text = this.sf.text;
    const start = element.getStart(this.sf);
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    let end = element.end;
    if (text[end] === ',') end++;
    const newline = text.indexOf('\n', end);
    if (text.slice(lineStart, start).trim() === '' && newline >= 0 && text.slice(end, newline).trim() === '') {
      return { start: lineStart, end: newline + 1, newText: '' };
    }
    return this.removeListElement(element, list);
  }

  /** How the handler around a write reads the request's Origin (request-origin.ts), if it can be written. */
  requestOrigin(write: HeaderWrite): OriginRead | undefined {
    return requestOriginRead(write, this.sf, this.context.facts.imports);
  }

  /** Origins for a generated allowlist: the configured ones, else the given ones, else the placeholder. */
  allowlist(preferred: string[] = []): { origins: string[]; example: boolean } {
    if (this.context.config.allowedOrigins.length > 0) return { origins: this.context.config.allowedOrigins, example: false };
    if (preferred.length > 0) return { origins: preferred, example: false };
    return { origins: [EXAMPLE_ORIGIN], example: true };
  }

  /**
   * `allowedOrigins.includes(o) ? o : allowedOrigins[0]` plus, when the file has no `allowedOrigins`
   * yet, its declaration after the imports. Returns the value text and the declaration edit; a
   * declaration of the placeholder origin carries a comment that tells the user to replace it.
   */
  allowlistExpression(originExpr: string, origins: string[], example = origins.length === 1 && origins[0] === EXAMPLE_ORIGIN): { value: string; declaration?: TextEdit } {
    const isTs = /\.(ts|tsx|mts|cts)$/i.test(this.sf.fileName);
    const simple = /^[\w$.?()'"[\]-]+$/.test(originExpr) ? originExpr : `(${originExpr})`;
    const value = isTs
      ? `${ALLOWLIST_NAME}.find((allowed) => allowed === ${simple}) ?? ${ALLOWLIST_NAME}[0]`
      : `${ALLOWLIST_NAME}.includes(${simple}) ? ${simple} : ${ALLOWLIST_NAME}[0]`;
    if (this.declaresTopLevel(ALLOWLIST_NAME)) return { value };
    return { value, declaration: this.allowlistDeclaration(origins, example) };
  }

  /** `const allowedOrigins = […];` after the imports, in the file's quote and semicolon style. */
  allowlistDeclaration(origins: string[], example = origins.length === 1 && origins[0] === EXAMPLE_ORIGIN): TextEdit {
    const list = `[${origins.map((o) => this.quote(o)).join(', ')}]`;
    return this.insertTopLevel(`const ${ALLOWLIST_NAME} = ${list}${this.semicolon()}${example ? ` ${PLACEHOLDER_COMMENT}` : ''}`);
  }

  /** The title suffix of a fix whose edits declare the placeholder origin (and only then). */
  placeholderNote(edits: readonly (TextEdit | undefined)[]): string {
    return edits.some((e) => e?.newText.includes(PLACEHOLDER_COMMENT)) ? ` (inserts the placeholder ${EXAMPLE_ORIGIN}: replace it)` : '';
  }

  /**
   * The `Vary: Origin` a response whose ACAO now depends on the request needs, unless every response
   * of the write has it: Origin appended to a Vary on the same response, or a sibling write.
   */
  varyFor(write: HeaderWrite): TextEdit | undefined {
    if (variesByOrigin(write, this.context.facts)) return undefined;
    const existing = write.group.writes.find((w) => w.name === 'vary' && w.valueNode && ts.isStringLiteralLike(w.valueNode) && !exclusive(w.node, write.node) && !/\borigin\b/i.test(w.valueNode.text));
    if (existing?.valueNode && ts.isStringLiteralLike(existing.valueNode) && existing.statement && !outermostConditional(existing.statement)) {
      return this.replace(existing.valueNode, this.requote(existing.valueNode, `${existing.valueNode.text}, Origin`));
    }
    return this.addSiblingHeader(write, 'Vary', 'Origin');
  }

  /**
   * Replace a write's value by the request origin when it is on the allowlist (plus the list's
   * declaration and `Vary: Origin` where missing). The title says when the placeholder is inserted.
   */
  allowlistWriteFix(write: HeaderWrite, title: string, preferred: string[] = []): Fix | undefined {
    const read = this.requestOrigin(write);
    if (!read || !write.valueNode || write.implied) return undefined;
    const { origins, example } = this.allowlist(preferred);
    const { value, declaration } = this.allowlistExpression(read.text, origins, example);
    const edits = [this.replace(write.valueNode, value), declaration, this.varyFor(write), ...read.edits];
    return this.fix(`${title}${this.placeholderNote(edits)}`, 'suggestion', edits.filter((e): e is TextEdit => e !== undefined));
  }

  /**
   * Where no request can be read (next.config `headers()`, a NestJS `@Header`, a module-level headers
   * object): one fixed origin instead of `*`, the configured one or the marked placeholder.
   */
  fixedOriginFix(write: HeaderWrite): Fix | undefined {
    if (!write.valueNode || write.implied) return undefined;
    const configured = this.context.config.allowedOrigins[0];
    if (configured) return this.fix(`Allow only ${configured}`, 'suggestion', [this.replace(write.valueNode, this.quote(configured))]);
    const placeholder = this.replace(write.valueNode, `${this.quote(EXAMPLE_ORIGIN)} /* placeholder: replace with the origin you trust */`);
    return this.fix(`Allow only one origin (inserts the placeholder ${EXAMPLE_ORIGIN}: replace it)`, 'suggestion', [placeholder]);
  }

  /**
   * The other answer to an informational `*`: the data is public. A directive with the reason records
   * the decision (the policy is unchanged) so reviewers and the audit see it was deliberate.
   */
  keepPublicFix(node: ts.Node, ruleId: string): Fix | undefined {
    const start = node.getStart(this.sf);
    const lineStart = this.sf.text.lastIndexOf('\n', start - 1) + 1;
    const indent = /^[ \t]*/.exec(this.sf.text.slice(lineStart))![0];
    const eol = this.sf.text.includes('\r\n') ? '\r\n' : '\n';
    return this.fix('Keep it public (record that this data is meant for every site)', 'suggestion', [
      { start: lineStart, end: lineStart, newText: `${indent}// cors-lint-disable-next-line ${ruleId} -- public data, readable by every site${eol}` },
    ]);
  }

  /** ';' when the file ends its statements with one (most do), '' for files written without. */
  semicolon(): string {
    if (this.semi === undefined) {
      let withSemi = 0;
      let without = 0;
      // Statements that end with one or not, at any depth (a file of function declarations shows its
      // style in their bodies); the first hundred tell.
      forEachDescendant(this.sf, (node) => {
        if (ts.isExpressionStatement(node) || ts.isVariableStatement(node) || ts.isImportDeclaration(node) || ts.isReturnStatement(node) || ts.isThrowStatement(node) || ts.isExportAssignment(node)) {
          if (this.sf.text[node.end - 1] === ';') withSemi++;
          else without++;
        }
        return withSemi + without < 100 ? undefined : 'stop';
      });
      this.semi = without > withSemi ? '' : ';';
    }
    return this.semi;
  }

  private semi: string | undefined;

  private readonly topLevel = new Map<string, boolean>();

  declaresTopLevel(name: string): boolean {
    const known = this.topLevel.get(name);
    if (known !== undefined) return known;
    const found = this.sf.statements.some((s) => ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name));
    this.topLevel.set(name, found);
    return found;
  }

  /** Inserts a top-level statement after the imports/requires (or 'use strict'). */
  insertTopLevel(statement: string): TextEdit {
    let anchor: ts.Statement | undefined;
    for (const s of this.sf.statements) {
      const isImport = ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s)
        || (ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression))
        || (ts.isVariableStatement(s) && s.declarationList.declarations.every((d) => d.initializer && /^(require\(|await import\()/.test(skipOuter(d.initializer).getText(this.sf))));
      if (isImport) anchor = s;
      else break;
    }
    if (anchor) {
      // After the last import's trailing comment, which stays on the import's line.
      const end = this.endOfTrailingComments(anchor);
      const blankFollows = /^[ \t]*\r?\n[ \t]*\r?\n/.test(this.sf.text.slice(end));
      return { start: end, end, newText: `\n\n${statement}${blankFollows ? '' : '\n'}` };
    }
    const first = this.sf.statements[0];
    // Above the comment lines that describe the first statement, unless they are the file's pragmas
    // (`// @ts-check`, `/* eslint-env node */`), which must stay first.
    const comments = first ? this.leadingCommentLines(first) : undefined;
    const pragma = comments !== undefined && /@ts-|eslint|@flow|jshint|\bglobal\b|@jsx/.test(this.sf.text.slice(comments, first!.getStart(this.sf)));
    const at = first ? (comments !== undefined && !pragma ? comments : first.getStart(this.sf)) : this.sf.text.length;
    return { start: at, end: at, newText: `${statement}\n\n` };
  }
}

/** The statement after `statement` in its block, if any. */
function nextStatement(statement: ts.Statement): ts.Statement | undefined {
  const parent = statement.parent;
  if (!parent || !('statements' in parent)) return undefined;
  const statements = (parent as ts.Block).statements;
  return statements[statements.indexOf(statement) + 1];
}

/**
 * Does the statement come right after a half-typed `const`/`let` with no declaration? TypeScript
 * parses that without a syntax error, but text inserted before the statement would become the
 * declaration (`const s.setHeader(…)`), so no statement is inserted there.
 */
function followsIncompleteStatement(statement: ts.Statement): boolean {
  const parent = statement.parent;
  if (!parent || !('statements' in parent)) return false;
  const statements = (parent as ts.Block).statements;
  const previous = statements[statements.indexOf(statement) - 1];
  return previous !== undefined && ts.isVariableStatement(previous) && previous.declarationList.declarations.length === 0;
}

/** The outermost if-statement around a statement within its function, if any. */
function outermostConditional(statement: ts.Statement): ts.Statement | undefined {
  let outer: ts.Statement | undefined;
  for (let n: ts.Node | undefined = statement.parent; n && !ts.isFunctionLike(n) && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isIfStatement(n)) outer = n;
  }
  return outer;
}

/**
 * `text` as a JavaScript string literal in quote `q` (' " or `): backslashes, the quote, line
 * terminators, other control characters and, in a template, `${` are escaped, so any text (an origin
 * from a config file, a header value from a half-typed line) yields one valid literal.
 */
export function stringLiteral(text: string, q: string): string {
  let body = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = text.charCodeAt(i);
    if (ch === '\\' || ch === q) body += `\\${ch}`;
    else if (ch === '\n') body += '\\n';
    else if (ch === '\r') body += '\\r';
    else if (ch === '\t') body += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) body += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (q === '`' && ch === '$' && text[i + 1] === '{') body += '\\$';
    else body += ch;
  }
  return q + body + q;
}
