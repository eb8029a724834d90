import ts from 'typescript';
import type { RuleContext } from '../context';
import { compositionOf } from '../composition';
import { isExportedOnly } from '../exported';
import { ACAM } from '../facts/headers';
import type { HeaderWrite, Route } from '../facts/model';
import { SIMPLE_METHODS } from '../facts/routes';
import { isHttpMiddleware } from '../libraries';
import { forEachDescendant } from '../parse';
import { originWrites } from '../responses';
import type { TextEdit } from '../types';
import type { Rule } from './rule';

/** OPTIONS paths that answer every route. */
const CATCH_ALL = /^(\*|\/\*|\(\.\*\)|\/\(\.\*\)|\/\*.*|\/\{\*\w*\}|\/:\w+\*|\/\(\.\*\)\*?)$/;

export const missingPreflight: Rule = {
  meta: {
    id: 'missing-preflight',
    description: 'Hand-written CORS on routes that need a preflight, with no OPTIONS answer carrying the CORS headers with a 2xx status.',
    defaultSeverity: 'warning',
    cwe: ['CWE-942'],
    fixKinds: ['suggestion'],
  },
  check(context) {
    const { facts } = context;
    // CORS middleware answers preflight requests itself.
    if (facts.configs.some((c) => isHttpMiddleware(c) && c.origin !== 'disabled' && !isExportedOnly(c))) return;
    // Mounted on an app whose middleware answers preflights, or mounted by something unresolved (composition.ts).
    if (['covered', 'unknown'].includes(compositionOf(context).state)) return;
    const origin = originWrites(facts);
    if (origin.length === 0) return;

    for (const answer of facts.optionsAnswers) {
      if (answer.statuses.length === 0 || answer.statuses.some((s) => s >= 200 && s < 300)) continue;
      context.at(answer.node);
      const status = findStatusLiteral(answer.scope, answer.statuses[0]);
      context.report({
        node: status ?? answer.node,
        message: `OPTIONS is answered with status ${answer.statuses[0]}; a preflight needs a 2xx status (usually 204), or the browser blocks the real request.`,
        fixes: status ? [context.fixer.fix('Answer the preflight with 204 No Content', 'suggestion', [context.fixer.replace(status, '204')])] : [],
      });
    }

    // A response that states the allowed methods is the author answering preflights (Express and Koa
    // answer OPTIONS automatically; a Node handler that writes ACAM for every request does too).
    if (facts.writes.some((w) => w.name === ACAM)) return;
    const methods = [...new Set(['GET', 'POST', ...facts.routes.map((r) => r.method).filter((m) => !['ALL', 'OPTIONS', 'HEAD'].includes(m))])];
    for (const route of facts.routes) {
      if (SIMPLE_METHODS.has(route.method) || route.method === 'OPTIONS' || route.method === 'ALL') continue;
      const covered = facts.optionsAnswers.some((a) => !a.path || !route.path || a.path === route.path || CATCH_ALL.test(a.path));
      if (covered) continue;
      context.at(route.node);
      context.report({
        node: route.node,
        message: `${route.method}${route.path ? ` ${route.path}` : ''} needs a CORS preflight, but nothing answers OPTIONS with Access-Control-Allow-Origin, -Methods and -Headers and a 2xx status, so browsers block cross-origin ${route.method} requests.`,
        related: [{ node: origin[0].node, message: 'CORS headers are written by hand here.' }],
        fixes: [optionsHandlerFix(context, route, origin[0], methods)],
      });
    }
  },
};

function findStatusLiteral(scope: ts.Node | undefined, status: number): ts.NumericLiteral | undefined {
  let found: ts.NumericLiteral | undefined;
  if (scope) {
    forEachDescendant(scope, (node) => {
      if (!ts.isNumericLiteral(node) || Number(node.text) !== status) return undefined;
      found = node;
      return 'stop';
    });
  }
  return found;
}

/** An OPTIONS answer in the route's own style: a sibling route, an exported OPTIONS, or a method branch. */
function optionsHandlerFix(context: RuleContext, route: Route, originWrite: HeaderWrite, methods: string[]) {
  const { fixer } = context;
  const unit = fixer.indentUnit();
  const imports = context.facts.imports;
  const has = (re: RegExp) => [...imports].some((m) => re.test(m));
  const edits: (TextEdit | undefined)[] = [];

  /** The Allow-Origin value text in a scope where the request is `requestExpr`. */
  const originValue = (requestOrigin: string) => {
    const literal = originWrite.value.variants.length === 1 && originWrite.value.variants[0].kind === 'literal' ? originWrite.valueNode : undefined;
    if (literal) return literal.getText();
    const env = originWrite.value.variants.every((v) => v.kind === 'env') ? originWrite.valueNode?.getText() : undefined;
    if (env) return env;
    const { origins } = fixer.allowlist();
    const { value, declaration } = fixer.allowlistExpression(requestOrigin, origins);
    edits.push(declaration);
    return value;
  };
  const headerLines = (origin: string, indent: string) => [
    `${indent}${fixer.quote('Access-Control-Allow-Origin')}: ${origin},`,
    `${indent}${fixer.quote('Access-Control-Allow-Methods')}: ${fixer.quote(methods.join(', '))},`,
    `${indent}${fixer.quote('Access-Control-Allow-Headers')}: ${fixer.quote('Content-Type, Authorization')},`,
    ...(originWrite.value.variants.some((v) => v.kind !== 'literal' && v.kind !== 'env') ? [`${indent}Vary: ${fixer.quote('Origin')},`] : []),
  ].join('\n');

  const node = route.node;
  // app.put(path, h) → app.options(path, …) before it.
  if (ts.isIdentifier(node) && ts.isPropertyAccessExpression(node.parent) && ts.isCallExpression(node.parent.parent)) {
    const call = node.parent.parent;
    const statement = call.parent;
    if (!ts.isExpressionStatement(statement)) return undefined;
    const receiverNode = node.parent.expression;
    const receiver = receiverNode.getText();
    // app.route('/x').put(h): the path is on the receiver, so the OPTIONS handler takes none.
    const onRoute = ts.isCallExpression(receiverNode) && ts.isPropertyAccessExpression(receiverNode.expression) && receiverNode.expression.name.text === 'route';
    const pathArg = onRoute ? '' : `${call.arguments[0] && route.path !== undefined ? call.arguments[0].getText() : fixer.quote('*')}, `;
    const indent = fixer.indentOf(statement);
    const i1 = indent + unit;
    const i2 = i1 + unit;
    let handler: string;
    if (has(/^(koa|@koa\/router|koa-router)$/)) {
      handler = `(ctx) => {\n${i1}ctx.set({\n${headerLines(originValue("ctx.get('Origin')"), i2)}\n${i1}});\n${i1}ctx.status = 204;\n${indent}}`;
    } else if (has(/^hono/)) {
      handler = `(c) =>\n${i1}c.body(null, 204, {\n${headerLines(originValue("c.req.header('Origin')"), i2)}\n${i1}})`;
    } else if (has(/^fastify$/)) {
      handler = `(request, reply) => {\n${i1}reply.headers({\n${headerLines(originValue('request.headers.origin'), i2)}\n${i1}}).code(204).send();\n${indent}}`;
    } else {
      const method = has(/^restify$/) ? 'opts' : 'options';
      const send = has(/^restify$/) ? 'res.send(204)' : 'res.sendStatus(204)';
      const setter = has(/^restify$/) ? 'res.set' : 'res.set';
      handler = `(req, res) => {\n${i1}${setter}({\n${headerLines(originValue('req.headers.origin'), i2)}\n${i1}});\n${i1}${send};\n${indent}}`;
      edits.push(fixer.insertBefore(statement, `${receiver}.${method}(${pathArg}${handler});\n${indent}`));
      return fixer.fix(`Answer preflight requests: add ${receiver}.${method}(…) with 204 and the CORS headers`, 'suggestion', edits);
    }
    edits.push(fixer.insertBefore(statement, `${receiver}.options(${pathArg}${handler});\n${indent}`));
    return fixer.fix(`Answer preflight requests: add ${receiver}.options(…) with 204 and the CORS headers`, 'suggestion', edits);
  }
  // export function PUT → export async function OPTIONS at the end of the file.
  if (ts.isIdentifier(node) && (ts.isFunctionDeclaration(node.parent) || ts.isVariableDeclaration(node.parent))) {
    const origin = originValue("request.headers.get('Origin')");
    const usesRequest = origin.includes('request');
    const text = context.text;
    const fn = `\nexport async function OPTIONS(${usesRequest ? 'request' : ''}) {\n${unit}return new Response(null, {\n${unit}${unit}status: 204,\n${unit}${unit}headers: {\n${headerLines(origin, unit.repeat(3))}\n${unit}${unit}},\n${unit}});\n}\n`;
    edits.push({ start: text.length, end: text.length, newText: (text.endsWith('\n') ? '' : '\n') + fn });
    return fixer.fix('Answer preflight requests: export an OPTIONS handler with 204 and the CORS headers', 'suggestion', edits);
  }
  // if (req.method === 'PUT') … → an OPTIONS branch at the top of the handler.
  if (ts.isStringLiteralLike(node)) {
    let fn: ts.Node | undefined = node.parent;
    while (fn && !(ts.isFunctionLike(fn) && 'body' in fn && fn.body && ts.isBlock(fn.body as ts.Node))) fn = fn.parent;
    if (!fn) return undefined;
    const f = fn as ts.FunctionLikeDeclaration;
    const body = f.body as ts.Block;
    const p = f.parameters[0] && ts.isIdentifier(f.parameters[0].name) ? f.parameters[0].name.text : undefined;
    if (!p) return undefined;
    const first = body.statements[0];
    const indent = first ? fixer.indentOf(first) : fixer.indentOf(f) + unit;
    const i1 = indent + unit;
    const i2 = i1 + unit;
    const res = f.parameters[1] && ts.isIdentifier(f.parameters[1].name) ? f.parameters[1].name.text : undefined;
    const methodExpr = /httpMethod/.test(node.parent.getText()) ? `${p}.httpMethod` : `${p}.method`;
    let branch: string;
    if (originWrite.api === 'function result headers') {
      branch = `if (${methodExpr} === 'OPTIONS') {\n${i1}return {\n${i2}statusCode: 204,\n${i2}headers: {\n${headerLines(originValue(`${p}.headers?.origin`), i2 + unit)}\n${i2}},\n${i1}};\n${indent}}`;
    } else if (res && !/Response|headers/i.test(originWrite.api)) {
      branch = `if (${methodExpr} === 'OPTIONS') {\n${i1}${res}.writeHead(204, {\n${headerLines(originValue(`${p}.headers.origin`), i2)}\n${i1}});\n${i1}return ${res}.end();\n${indent}}`;
    } else {
      branch = `if (${methodExpr} === 'OPTIONS') {\n${i1}return new Response(null, {\n${i2}status: 204,\n${i2}headers: {\n${headerLines(originValue(`${p}.headers.get('Origin')`), i2 + unit)}\n${i2}},\n${i1}});\n${indent}}`;
    }
    edits.push(first ? fixer.insertBefore(first, `${branch}\n${indent}`) : { start: body.end - 1, end: body.end - 1, newText: `\n${indent}${branch}\n` });
    return fixer.fix('Answer preflight requests: add an OPTIONS branch with 204 and the CORS headers', 'suggestion', edits);
  }
  return undefined;
}
