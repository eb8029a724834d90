// Builders for the text edits rules offer as fixes. Generated code follows the file's indentation and
// quote style and uses the configured allowedOrigins when there are some (DESIGN §6).
import ts from 'typescript';
import type { RuleContext } from './context';
import type { HeaderWrite } from './facts/model';
import type { Fix, FixKind, TextEdit } from './types';
import { forEachDescendant } from './parse';
import { skipOuter } from './values';

/** Shown in generated allowlists when the config has no allowedOrigins. */
export const EXAMPLE_ORIGIN = 'https://app.example.com';
export const ALLOWLIST_NAME = 'allowedOrigins';

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
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const newline = text.indexOf('\n', end);
    const lineEnd = newline < 0 ? text.length : newline;
    if (text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '') {
      start = lineStart;
      end = newline < 0 ? lineEnd : newline + 1;
    }
    return { start, end, newText: '' };
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
      return this.insertBefore(decorator, `@Header(${this.quote(name)}, ${this.quote(value)})\n${this.indentOf(decorator)}`);
    }
    if (write.api === 'header tuple') {
      return this.insertBefore(write.node, `[${this.quote(name)}, ${this.quote(value)}], `);
    }
    if (write.receiver && write.method) {
      const call = `${write.receiver}.${write.method}(${this.quote(name)}, ${this.quote(value)})`;
      if (write.statement) {
        // A header every response needs (Vary) must not sit inside the branch that allows the origin.
        const outer = everyResponse ? outermostConditional(write.statement) : undefined;
        if (outer) return followsIncompleteStatement(outer) ? undefined : this.insertBefore(outer, `${call};\n${this.indentOf(outer)}`);
        return this.insertAfter(write.statement, `\n${this.indentOf(write.statement)}${call};`);
      }
      // A chained write (`h.response(x).header(…)`, `res.set(…).json(…)`): chain one more.
      if (['header', 'set'].includes(write.method) && ts.isCallExpression(write.node)) {
        return this.insertAfter(write.node, `.${write.method}(${this.quote(name)}, ${this.quote(value)})`);
      }
    }
    return undefined;
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

  /** The expression that reads the request's Origin in the handler around a write, if one can be written. */
  requestOrigin(write: HeaderWrite): string | undefined {
    // Reuse what the code already reads.
    for (const v of write.value.variants) if (v.kind === 'request' && v.source === 'origin' && ts.isExpression(v.node)) return v.node.getText(this.sf);
    const handler = write.group.handler;
    const p = handler?.requestParam;
    const root = write.receiver?.split('.')[0];
    switch (handler?.style) {
      case 'koa': return root ? `${root}.get('Origin')` : undefined;
      case 'hono': return root ? `${root}.req.header('Origin')` : undefined;
      case 'fetch': return p ? `${p}.headers.get('Origin')` : undefined;
      case 'lambda': return p ? `${p}.headers?.origin` : undefined;
      case 'node':
      case 'fastify':
      case 'hapi': return p ? `${p}.headers.origin` : undefined;
      default: return undefined;
    }
  }

  /** Origins for a generated allowlist: the configured ones, else the given ones, else an example. */
  allowlist(preferred: string[] = []): { origins: string[]; example: boolean } {
    if (this.context.config.allowedOrigins.length > 0) return { origins: this.context.config.allowedOrigins, example: false };
    if (preferred.length > 0) return { origins: preferred, example: false };
    return { origins: [EXAMPLE_ORIGIN], example: true };
  }

  /**
   * `allowedOrigins.includes(o) ? o : allowedOrigins[0]` plus, when the file has no `allowedOrigins`
   * yet, its declaration after the imports. Returns the value text and the declaration edit.
   */
  allowlistExpression(originExpr: string, origins: string[]): { value: string; declaration?: TextEdit } {
    const isTs = /\.(ts|tsx|mts|cts)$/i.test(this.sf.fileName);
    const simple = /^[\w$.?()'"[\]-]+$/.test(originExpr) ? originExpr : `(${originExpr})`;
    const value = isTs
      ? `${ALLOWLIST_NAME}.find((allowed) => allowed === ${simple}) ?? ${ALLOWLIST_NAME}[0]`
      : `${ALLOWLIST_NAME}.includes(${simple}) ? ${simple} : ${ALLOWLIST_NAME}[0]`;
    if (this.declaresTopLevel(ALLOWLIST_NAME)) return { value };
    const list = `[${origins.map((o) => this.quote(o)).join(', ')}]`;
    return { value, declaration: this.insertTopLevel(`const ${ALLOWLIST_NAME} = ${list};`) };
  }

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
      const blankFollows = /^[ \t]*\r?\n[ \t]*\r?\n/.test(this.sf.text.slice(anchor.end));
      return { start: anchor.end, end: anchor.end, newText: `\n\n${statement}${blankFollows ? '' : '\n'}` };
    }
    const first = this.sf.statements[0];
    const at = first ? first.getStart(this.sf) : this.sf.text.length;
    return { start: at, end: at, newText: `${statement}\n\n` };
  }
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
