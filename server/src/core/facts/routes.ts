// Routes and OPTIONS answers, for the preflight rule:
//   app.put(path, …h) / router.delete / app.route(p).patch(h) (Express, koa-router, Fastify, Hono, restify `del`/`opts`)
//   fastify.route({ method, url, handler }), server.route({ method, path, handler }) (hapi)
//   export function PUT / export const DELETE = … (Next.js route handlers, SvelteKit +server)
//   req.method === 'PUT', switch (request.method) { case 'DELETE': … } (Node http, Fetch workers)
import ts from 'typescript';
import { forEachDescendant } from '../parse';
import { propertyNameText, skipOuter, findProperty } from '../values';
import type { OptionsAnswer, Route } from './model';

const ROUTE_METHODS: Record<string, string> = {
  get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', del: 'DELETE',
  options: 'OPTIONS', opts: 'OPTIONS', all: 'ALL', head: 'HEAD',
};
/** Method names of the calls visitCall can turn into routes (app.get, router.route('/x').put…). */
export const ROUTE_CALL_METHODS: readonly string[] = Object.keys(ROUTE_METHODS);

/** The cheap syntactic test visitObject starts with: a route object has a `method` key. */
export function mayBeRouteObject(object: ts.ObjectLiteralExpression): boolean {
  return findProperty(object, 'method') !== undefined;
}

const EXPORTED_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']);
export const SIMPLE_METHODS = new Set(['GET', 'HEAD', 'POST']);

export class RouteCollector {
  readonly routes: Route[] = [];
  readonly optionsAnswers: OptionsAnswer[] = [];

  visitCall(call: ts.CallExpression): void {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return;
    const method = ROUTE_METHODS[callee.name.text];
    if (!method) return;
    const args = call.arguments;
    let path: string | undefined;
    let handlerArgs: readonly ts.Expression[];
    const receiver = skipOuter(callee.expression);
    if (ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression) && receiver.expression.name.text === 'route') {
      path = pathText(receiver.arguments[0]);
      handlerArgs = args;
    } else {
      if (!args[0] || !isPathLike(args[0])) return;
      path = pathText(args[0]);
      handlerArgs = args.slice(1);
    }
    if (handlerArgs.length === 0 || !handlerArgs.some(isHandlerLike)) return;
    const handler = handlerArgs[handlerArgs.length - 1];
    this.add(method, path, callee.name, handler);
  }

  /** `{ method: 'PUT', url|path: '/x', handler }` (Fastify / hapi route objects). */
  visitObject(object: ts.ObjectLiteralExpression): void {
    const method = findProperty(object, 'method');
    const path = findProperty(object, 'url') ?? findProperty(object, 'path');
    if (!method || !path) return;
    const handler = findProperty(object, 'handler') ?? findProperty(object, 'options') ?? findProperty(object, 'config');
    if (!handler) return;
    const m = skipOuter(method);
    const names = ts.isStringLiteralLike(m) ? [m] : ts.isArrayLiteralExpression(m) ? m.elements.filter(ts.isStringLiteralLike) : [];
    for (const name of names) this.add(name.text.toUpperCase() === '*' ? 'ALL' : name.text.toUpperCase(), pathText(path), name, handler);
  }

  /** `export function PUT() {}` / `export const DELETE = …` */
  visitStatement(statement: ts.Statement): void {
    if (!ts.isFunctionDeclaration(statement) && !ts.isVariableStatement(statement)) return;
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) return;
    if (ts.isFunctionDeclaration(statement) && statement.name && EXPORTED_METHODS.has(statement.name.text)) {
      this.add(statement.name.text, undefined, statement.name, statement);
    } else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && EXPORTED_METHODS.has(d.name.text)) this.add(d.name.text, undefined, d.name, d.initializer ?? d);
      }
    }
  }

  /** `req.method === 'PUT'` and `case 'DELETE':` on a `.method` switch. */
  visitMethodComparison(node: ts.BinaryExpression | ts.CaseClause): void {
    let literal: ts.Expression | undefined;
    let scope: ts.Node | undefined;
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op !== ts.SyntaxKind.EqualsEqualsEqualsToken && op !== ts.SyntaxKind.EqualsEqualsToken) return;
      const left = skipOuter(node.left);
      const right = skipOuter(node.right);
      if (isMethodRead(left) && ts.isStringLiteralLike(right)) literal = right;
      else if (isMethodRead(right) && ts.isStringLiteralLike(left)) literal = left;
      else return;
      scope = branchOf(node);
    } else {
      const sw = node.parent.parent;
      if (!ts.isSwitchStatement(sw) || !isMethodRead(skipOuter(sw.expression))) return;
      literal = skipOuter(node.expression);
      scope = node;
    }
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    const method = literal.text.toUpperCase();
    if (!EXPORTED_METHODS.has(method)) return;
    this.add(method, undefined, literal, scope);
  }

  private add(method: string, path: string | undefined, node: ts.Node, handler: ts.Node | undefined): void {
    this.routes.push({ method, path, node, handler });
    if (method === 'OPTIONS') this.optionsAnswers.push({ node, path, statuses: [], scope: handler });
  }
}

/** The code that runs when a method comparison holds: the if-branch or the ternary's true side. */
function branchOf(node: ts.Node): ts.Node | undefined {
  let child: ts.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && parent.expression === child) return parent.thenStatement;
    if (ts.isConditionalExpression(parent) && parent.condition === child) return parent.whenTrue;
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && parent.left === child) return parent.right;
    if (!ts.isParenthesizedExpression(parent) && !ts.isBinaryExpression(parent)) return undefined;
  }
  return undefined;
}

function isMethodRead(expr: ts.Expression): boolean {
  if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) && expr.expression.name.text === 'toUpperCase') {
    return isMethodRead(skipOuter(expr.expression.expression));
  }
  return (ts.isPropertyAccessExpression(expr) && (expr.name.text === 'method' || expr.name.text === 'httpMethod'))
    || (ts.isIdentifier(expr) && /^(method|httpMethod)$/.test(expr.text));
}

function isPathLike(expr: ts.Expression): boolean {
  const e = skipOuter(expr);
  return ts.isStringLiteralLike(e) || ts.isTemplateExpression(e) || ts.isRegularExpressionLiteral(e)
    || (ts.isArrayLiteralExpression(e) && e.elements.every((x) => ts.isStringLiteralLike(x) || ts.isRegularExpressionLiteral(x)));
}

function isHandlerLike(expr: ts.Expression): boolean {
  const e = skipOuter(expr);
  return ts.isFunctionLike(e) || ts.isIdentifier(e) || ts.isCallExpression(e) || ts.isPropertyAccessExpression(e) || ts.isArrayLiteralExpression(e) || ts.isObjectLiteralExpression(e);
}

function pathText(expr: ts.Expression | undefined): string | undefined {
  if (!expr) return undefined;
  const e = skipOuter(expr);
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isRegularExpressionLiteral(e)) return e.text;
  return undefined;
}

/** Status codes an OPTIONS answer uses: res.status(204), sendStatus, writeHead, reply.code, ctx.status =, { status: 204 }, statusCode. */
export function statusesIn(scope: ts.Node | undefined): number[] {
  if (!scope) return [];
  const out: number[] = [];
  const numberOf = (e: ts.Expression | undefined) => {
    const x = e && skipOuter(e);
    return x && ts.isNumericLiteral(x) ? Number(x.text) : undefined;
  };
  forEachDescendant(scope, (node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const m = node.expression.name.text;
      if (['status', 'sendStatus', 'writeHead', 'code', 'statusCode'].includes(m)) {
        const n = numberOf(node.arguments[0]);
        if (n !== undefined) out.push(n);
      }
      if (['body', 'text', 'json', 'newResponse'].includes(m)) {
        const n = numberOf(node.arguments[1]);
        if (n !== undefined) out.push(n);
      }
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)
      && (node.left.name.text === 'status' || node.left.name.text === 'statusCode')) {
      const n = numberOf(node.right);
      if (n !== undefined) out.push(n);
    }
    if (ts.isPropertyAssignment(node) && ['status', 'statusCode'].includes(propertyNameText(node.name) ?? '')) {
      const n = numberOf(node.initializer);
      if (n !== undefined) out.push(n);
    }
  });
  return out;
}
