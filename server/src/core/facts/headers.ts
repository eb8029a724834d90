// Header writes in every shape the supported frameworks use, normalised to HeaderWrite:
//   call style    res.setHeader / res.set / res.header / res.append / res.appendHeader (Node, Express,
//                 restify), ctx.set / ctx.append / ctx.response.set (Koa), reply.header / reply.raw.setHeader
//                 (Fastify), h.response(x).header (hapi), c.header / c.res.headers.set (Hono),
//                 headers.set / headers.append (Fetch API)
//   object style  { 'Access-Control-Allow-Origin': v } in res.set({…}), writeHead(s, {…}), stream.respond({…}),
//                 reply.headers({…}), new Response(b, { headers }), Response.json(x, { headers }),
//                 new Headers({…}), NextResponse.*({ headers }), Lambda/Netlify/Vercel results
//                 { statusCode, headers, multiValueHeaders }
//   key/value     { key: 'Access-Control-Allow-Origin', value: v } (next.config headers(), vercel.json-like)
//   pairs         [['Access-Control-Allow-Origin', v]] (Headers init, writeHead arrays) and flat writeHead arrays
//   decorators    @Header('Access-Control-Allow-Origin', v) (NestJS)
import ts from 'typescript';
import { ValueEvaluator, propertyNameText, skipOuter, literalTexts } from '../values';
import type { HeaderWrite, WriteMode } from './model';

export const ACAO = 'access-control-allow-origin';
export const ACAC = 'access-control-allow-credentials';
export const ACAM = 'access-control-allow-methods';
export const ACAH = 'access-control-allow-headers';

/** Node's http2.constants names for the CORS headers. */
const HTTP2_CONSTANT = /^HTTP2_HEADER_(ACCESS_CONTROL_[A-Z_]+|VARY)$/;

const SET_METHODS = new Set(['setHeader', 'set', 'header']);
const APPEND_METHODS = new Set(['append', 'appendHeader']);
/** Method names of every call visitCall can turn into a header write. */
export const HEADER_CALL_METHODS: readonly string[] = ['writeHead', ...SET_METHODS, ...APPEND_METHODS];

/** Client-side request helpers: headers passed to them are request headers, not a CORS policy. */
const CLIENT_CALLS = /^(fetch|axios|got|ky|request|superagent|\$http|ofetch|\$fetch|useFetch|http\.request|https\.request|\$\.ajax|jQuery\.ajax|\$\.(get|post)|wx\.request|uni\.request)$|^(axios|ky|got|this\.http|this\.\$http|http|api|client|instance)\.(get|post|put|patch|delete|request|create)$/;

export function isCorsHeaderName(name: string): boolean {
  const lower = name.toLowerCase();
  // Response headers only: Access-Control-Request-* are sent by clients (preflights, supertest).
  return /^access-control-(allow-|expose-headers$|max-age$)/.test(lower) || lower === 'vary';
}

export type RawWrite = Omit<HeaderWrite, 'group' | 'framework'> & { groupNode: ts.Node };

export class HeaderWriteCollector {
  readonly writes: RawWrite[] = [];

  constructor(private readonly evaluator: ValueEvaluator) {}

  /** Resolves a header-name expression to a lower-cased CORS header name, or undefined. */
  headerName(expr: ts.Expression | ts.PropertyName): string | undefined {
    if (ts.isIdentifier(expr) || ts.isPropertyAccessExpression(expr)) {
      const last = ts.isIdentifier(expr) ? expr.text : expr.name.text;
      const constant = HTTP2_CONSTANT.exec(last);
      if (constant) return constant[1].toLowerCase().replace(/_/g, '-');
    }
    let text: string | undefined;
    if (ts.isComputedPropertyName(expr)) return this.headerName(expr.expression);
    if (ts.isIdentifier(expr) && ts.isPropertyName(expr) && expr.parent && (ts.isPropertyAssignment(expr.parent) || ts.isShorthandPropertyAssignment(expr.parent)) && expr.parent.name === expr) {
      text = expr.text;
    } else if (ts.isStringLiteralLike(expr) || ts.isNumericLiteral(expr)) {
      text = expr.text;
    } else if (ts.isExpression(expr as ts.Node)) {
      const texts = literalTexts(this.evaluator.evaluate(expr as ts.Expression));
      text = texts.length === 1 ? texts[0] : undefined;
    }
    return text !== undefined && isCorsHeaderName(text) ? text.toLowerCase() : undefined;
  }

  visitCall(call: ts.CallExpression): void {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return;
    const method = callee.name.text;
    const args = call.arguments;
    if (method === 'writeHead') {
      const headers = args[args.length - 1];
      if (headers && ts.isArrayLiteralExpression(skipOuter(headers))) this.visitFlatArray(skipOuter(headers) as ts.ArrayLiteralExpression, call);
      return;
    }
    if (!SET_METHODS.has(method) && !APPEND_METHODS.has(method)) return;
    if (args.length < 2) return;
    if (method === 'set' && isMapLike(callee.expression)) return;
    const name = this.headerName(args[0]);
    if (!name) return;
    let mode: WriteMode = APPEND_METHODS.has(method) ? 'append' : 'set';
    // Hono: c.header(name, value, { append: true })
    const options = args[2] && skipOuter(args[2]);
    if (options && ts.isObjectLiteralExpression(options) && options.properties.some((p) => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'append' && p.initializer.kind === ts.SyntaxKind.TrueKeyword)) {
      mode = 'append';
    }
    const statement = ts.isExpressionStatement(call.parent) ? call.parent : undefined;
    this.writes.push({
      name,
      valueNode: args[1],
      value: this.evaluator.evaluate(args[1]),
      api: `${apiReceiver(callee.expression)}.${method}`,
      mode,
      node: call,
      statement,
      receiver: callee.expression.getText(),
      method,
      groupNode: call,
    });
  }

  /** A function-style write, `setResponseHeader(event, name, value)` (h3): the statement is removable, no sibling call is generated. */
  addWrite(call: ts.CallExpression, nameExpr: ts.Expression, valueExpr: ts.Expression, api: string, mode: WriteMode): void {
    const name = this.headerName(nameExpr);
    if (!name) return;
    const statement = ts.isExpressionStatement(call.parent) ? call.parent : undefined;
    this.writes.push({ name, valueNode: valueExpr, value: this.evaluator.evaluate(valueExpr), api, mode, node: call, statement, groupNode: call });
  }

  /** A header a configuration implies (Nitro `cors: true` adds Access-Control-Allow-Origin: *), placed at the option's value. */
  addImpliedWrite(prop: ts.PropertyAssignment, name: string, text: string, api: string, groupNode: ts.Node): void {
    this.writes.push({ name, valueNode: prop.initializer, value: { variants: [{ kind: 'literal', text }] }, implied: true, api, mode: 'init', node: prop, groupNode });
  }

  /** `@Header('Access-Control-Allow-Origin', '*')` on a NestJS controller method. */
  visitDecorator(decorator: ts.Decorator): void {
    const call = decorator.expression;
    if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== 'Header' || call.arguments.length < 2) return;
    const name = this.headerName(call.arguments[0]);
    if (!name) return;
    this.writes.push({
      name, valueNode: call.arguments[1], value: this.evaluator.evaluate(call.arguments[1]),
      api: '@Header', mode: 'set', node: call, groupNode: decorator.parent,
    });
  }

  visitObject(object: ts.ObjectLiteralExpression): void {
    // Cheap test first: most object literals have no CORS header key (nor a `key:` entry).
    if (!mayBeHeaderObject(object)) return;
    if (isClientRequestHeaders(object) || isResponseBody(object)) return;
    // { key: 'Access-Control-Allow-Origin', value: '*' }
    const key = object.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'key');
    const value = object.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'value');
    if (key && value) {
      const name = this.headerName(key.initializer);
      if (name) {
        const list = object.parent && ts.isArrayLiteralExpression(object.parent) ? object.parent : object;
        this.writes.push({ name, valueNode: value.initializer, value: this.evaluator.evaluate(value.initializer), api: 'headers() entry', mode: 'init', node: value, container: object, groupNode: list });
      }
      return;
    }
    for (const prop of object.properties) {
      if (!ts.isPropertyAssignment(prop) && !ts.isShorthandPropertyAssignment(prop)) continue;
      const name = this.headerName(prop.name);
      if (!name) continue;
      let valueNode: ts.Expression = ts.isPropertyAssignment(prop) ? prop.initializer : prop.name;
      let evaluated = this.evaluator.evaluate(valueNode);
      // multiValueHeaders: { 'Access-Control-Allow-Origin': ['*'] } is one header per element.
      const multi = isMultiValueHeaders(object);
      if (multi) {
        const only = evaluated.variants.length === 1 ? evaluated.variants[0] : undefined;
        if (only?.kind === 'list' && only.items.length === 1) {
          evaluated = { variants: [only.items[0]] };
          const array = skipOuter(valueNode);
          if (ts.isArrayLiteralExpression(array) && array.elements[0]) valueNode = array.elements[0];
        }
      }
      this.writes.push({
        name, valueNode, value: evaluated, api: objectApi(object), mode: 'init', node: prop, container: object,
        groupNode: object,
      });
    }
  }

  /** `[['Access-Control-Allow-Origin', '*'], …]` (Headers init / writeHead tuples). */
  visitPair(pair: ts.ArrayLiteralExpression): void {
    if (pair.elements.length !== 2 || !pair.parent || !ts.isArrayLiteralExpression(pair.parent)) return;
    const [nameNode, valueNode] = pair.elements;
    if (ts.isSpreadElement(nameNode) || ts.isSpreadElement(valueNode)) return;
    const name = this.headerName(nameNode);
    if (!name) return;
    this.writes.push({ name, valueNode, value: this.evaluator.evaluate(valueNode), api: 'header tuple', mode: 'init', node: pair, groupNode: pair.parent });
  }

  /** Node's flat writeHead array form: [name, value, name, value…]. */
  private visitFlatArray(array: ts.ArrayLiteralExpression, call: ts.CallExpression): void {
    const elements = array.elements;
    if (elements.some((e) => ts.isArrayLiteralExpression(e))) return; // tuples are handled by visitPair
    for (let i = 0; i + 1 < elements.length; i += 2) {
      const nameNode = elements[i];
      const valueNode = elements[i + 1];
      if (ts.isSpreadElement(nameNode) || ts.isSpreadElement(valueNode)) return;
      const name = this.headerName(nameNode);
      if (name) this.writes.push({ name, valueNode, value: this.evaluator.evaluate(valueNode), api: 'writeHead', mode: 'init', node: nameNode, groupNode: call });
    }
  }
}

/** The cheap syntactic test visitObject starts with: only these objects can hold header writes. */
export function mayBeHeaderObject(object: ts.ObjectLiteralExpression): boolean {
  return object.properties.some(mayNameHeader);
}

/** Could this property's name be a CORS header (or the `key` of a `{ key, value }` entry)? */
function mayNameHeader(prop: ts.ObjectLiteralElementLike): boolean {
  const name = prop.name;
  if (!name) return false;
  if (ts.isComputedPropertyName(name)) return true;
  const text = ts.isIdentifier(name) || ts.isStringLiteralLike(name) ? name.text : '';
  return text === 'key' || isCorsHeaderName(text);
}

function apiReceiver(receiver: ts.Expression): string {
  const text = receiver.getText();
  if (text.length <= 24 && /^[\w.$]+$/.test(text)) return text;
  if (ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression)) return `….${receiver.expression.name.text}()`;
  return '…';
}

function isMapLike(receiver: ts.Expression): boolean {
  // cache.set('Access-Control-…', x) on a Map is not a header write; Map receivers are rarely named like responses.
  const text = receiver.getText();
  return /(^|\.)(map|cache|store|storage|localStorage|sessionStorage|searchParams|params|query|cookies)$/i.test(text);
}

function isMultiValueHeaders(object: ts.ObjectLiteralExpression): boolean {
  const parent = object.parent;
  return !!parent && ts.isPropertyAssignment(parent) && propertyNameText(parent.name) === 'multiValueHeaders';
}

/** A short name for the API an object literal is given to. */
function objectApi(object: ts.ObjectLiteralExpression): string {
  let node: ts.Node = object;
  if (node.parent && ts.isPropertyAssignment(node.parent)) {
    const key = propertyNameText(node.parent.name);
    const owner = node.parent.parent;
    if ((key === 'headers' || key === 'multiValueHeaders') && ts.isObjectLiteralExpression(owner)) {
      if (owner.properties.some((p) => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'statusCode')) return 'function result headers';
      node = owner;
    }
  }
  const parent = node.parent;
  if (parent && (ts.isCallExpression(parent) || ts.isNewExpression(parent))) {
    const callee = parent.expression.getText();
    if (callee.length <= 30) return ts.isNewExpression(parent) ? `new ${callee}` : `${callee}()`;
  }
  return 'headers object';
}

/** Headers of an outgoing client request (`fetch(url, { headers: {...} })`): not a CORS policy. */
const ASSERTION_CALL = /(^|\.)(assert|expect|deepStrictEqual|deepEqual|strictEqual|equal|equals|notEqual|same|strictSame|match|toEqual|toStrictEqual|toMatchObject|toMatchInlineSnapshot|toHaveProperty|toBe|toContain|include|includes|contains|has|satisfy|deepInclude|containSubset|is|like|notStrictEqual|partialDeepStrictEqual)$/;

/** An expected value in a test assertion (`t.assert.deepStrictEqual(headers, {...})`), not a response. */
function isAssertionArgument(object: ts.ObjectLiteralExpression): boolean {
  for (let n: ts.Node = object; n.parent; n = n.parent) {
    const parent = n.parent;
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(n as ts.Expression)) {
      return ASSERTION_CALL.test(parent.expression.getText());
    }
    if (!ts.isObjectLiteralExpression(parent) && !ts.isPropertyAssignment(parent) && !ts.isArrayLiteralExpression(parent) && !ts.isParenthesizedExpression(parent)) return false;
  }
  return false;
}

/** Calls whose first argument is a response body: `res.json(x)`, `Response.json(x, init)`, `reply.send(x)`. */
const BODY_CALL = /(^|\.)(json|send|jsonp|end|write)$/;

/**
 * An object that is (part of) a response body, not response headers: `JSON.stringify({ headers })`,
 * `body: { headers }`, `res.json({ headers })`, `new Response(JSON.stringify(…))`, `ctx.body = { headers }`.
 * A body's `headers` key is data the client reads, and sends nothing.
 */
function isResponseBody(object: ts.ObjectLiteralExpression): boolean {
  for (let n: ts.Node = object; n.parent; n = n.parent) {
    const parent = n.parent;
    if (ts.isPropertyAssignment(parent)) {
      if (parent.initializer === n && propertyNameText(parent.name) === 'body') return true;
      continue;
    }
    if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
      const index = parent.arguments?.indexOf(n as ts.Expression) ?? -1;
      if (index < 0) return false;
      const callee = parent.expression.getText();
      if (callee === 'JSON.stringify') return true;
      if (index === 0 && (ts.isNewExpression(parent) ? /^(Response|NextResponse)$/.test(callee) : BODY_CALL.test(callee))) return true;
      return false;
    }
    if (ts.isBinaryExpression(parent)) {
      return parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === n && /(^|\.)body$/.test(parent.left.getText());
    }
    if (!ts.isObjectLiteralExpression(parent) && !ts.isArrayLiteralExpression(parent) && !ts.isParenthesizedExpression(parent)
      && !ts.isSpreadAssignment(parent) && !ts.isSpreadElement(parent) && !ts.isAsExpression(parent) && !ts.isSatisfiesExpression(parent)) return false;
  }
  return false;
}

function isClientRequestHeaders(object: ts.ObjectLiteralExpression): boolean {
  if (isAssertionArgument(object)) return true;
  let node: ts.Node = object;
  if (node.parent && ts.isPropertyAssignment(node.parent) && propertyNameText(node.parent.name) === 'headers') node = node.parent.parent;
  const parent = node.parent;
  if (parent && (ts.isCallExpression(parent) || ts.isNewExpression(parent))) {
    const callee = parent.expression.getText();
    if (CLIENT_CALLS.test(callee) || callee === 'Request') return true;
  }
  // axios.defaults.headers = {...}, xhr.setRequestHeader
  if (parent && ts.isBinaryExpression(parent) && /defaults\.headers/.test(parent.left.getText())) return true;
  // A request init: `{ method, headers, body }`, `{ mode: 'cors', credentials: 'include', headers }`.
  if (node !== object && ts.isObjectLiteralExpression(node)) {
    const keys = new Set(node.properties.map((p) => (p.name ? propertyNameText(p.name) : undefined)));
    const responseLike = keys.has('status') || keys.has('statusCode') || keys.has('statusText');
    if (!responseLike && (keys.has('mode') || keys.has('credentials') || keys.has('method') || keys.has('url') || keys.has('baseURL'))) return true;
  }
  return false;
}
