import ts from 'typescript';
import type { RuleContext } from '../context';
import { compositionOf } from '../composition';
import { isExportedOnly } from '../exported';
import { ACAH, ACAM, ACAO } from '../facts/headers';
import type { CorsFacts, HeaderWrite, OptionsAnswer, Route } from '../facts/model';
import { SIMPLE_METHODS } from '../facts/routes';
import { isHttpMiddleware } from '../libraries';
import { forEachDescendant } from '../parse';
import { exclusive, originWrites } from '../responses';
import { configuredOriginProblem } from '../origins';
import type { Fix, TextEdit } from '../types';
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
    for (const route of facts.routes) {
      if (SIMPLE_METHODS.has(route.method) || route.method === 'OPTIONS' || route.method === 'ALL') continue;
      const answers = facts.optionsAnswers.filter((a) => !a.path || !route.path || a.path === route.path || CATCH_ALL.test(a.path));
      // An OPTIONS answer that visibly writes no CORS header does not answer the preflight; the fix adds
      // the headers to it (never a second handler for the path).
      const bare = answers.filter((a) => answersWithoutCors(a, facts));
      if (answers.length > bare.length) continue;
      context.at(route.node);
      // The route's own policy (its handler's ACAO write), never another route's value.
      const own = origin.find((w) => route.handler !== undefined && route.handler.pos <= w.node.pos && w.node.end <= route.handler.end);
      // One OPTIONS answer per path, whatever the number of methods: every route of the path offers the
      // same edit (inserted before the path's first route) listing all of the path's methods.
      const samePath = facts.routes.filter((r) => r.path === route.path && !['ALL', 'OPTIONS', 'HEAD'].includes(r.method) && sameShape(r, route));
      const anchor = samePath.find((r) => !SIMPLE_METHODS.has(r.method)) ?? route;
      const methods = [...new Set(['GET', 'POST', ...samePath.map((r) => r.method)])];
      context.report({
        node: route.node,
        message: `${route.method}${route.path ? ` ${route.path}` : ''} needs a CORS preflight, but nothing answers OPTIONS with Access-Control-Allow-Origin, -Methods and -Headers and a 2xx status, so browsers block cross-origin ${route.method} requests.`,
        related: [{ node: (own ?? origin[0]).node, message: 'CORS headers are written by hand here.' }],
        fixes: [bare.length > 0 ? mergeIntoAnswer(context, bare.find((a) => a.path === route.path) ?? bare[0], own, methods) : optionsHandlerFix(context, anchor, own ?? origin[0], own, methods)],
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

/** Routes declared the same way on the same receiver (`app.put`/`app.delete`, or two exported handlers). */
function sameShape(a: Route, b: Route): boolean {
  const receiver = (r: Route) => ts.isIdentifier(r.node) && ts.isPropertyAccessExpression(r.node.parent) ? r.node.parent.expression.getText() : r.node.parent?.kind;
  return receiver(a) === receiver(b);
}

/**
 * An OPTIONS answer in the route's own style: a sibling route, an exported OPTIONS, or a method branch.
 * `shape` is the write whose API the answer imitates; `policy` the route's own ACAO write, whose value
 * the answer repeats when it is a valid origin, else the configured allowlist (or the placeholder).
 */
function optionsHandlerFix(context: RuleContext, route: Route, shape: HeaderWrite, policy: HeaderWrite | undefined, methods: string[]) {
  const originWrite = shape;
  const { fixer } = context;
  const unit = fixer.indentUnit();
  const sc = fixer.semicolon();
  const imports = context.facts.imports;
  const has = (re: RegExp) => [...imports].some((m) => re.test(m));
  const edits: (TextEdit | undefined)[] = [];

  const done = (title: string): Fix | undefined => fixer.fix(`${title}${fixer.placeholderNote(edits)}`, 'suggestion', edits);
  const policyValue = preflightOrigin(context, policy, edits);
  let dynamic = false;
  const originValue = (requestOrigin: string) => {
    const value = policyValue(requestOrigin);
    dynamic = value.dynamic;
    return value.text;
  };
  const headerLines = (origin: string, indent: string) => preflightHeaders(context, origin, methods, dynamic).map(([k, v]) => `${indent}${k}: ${v},`).join('\n');

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
      handler = `(ctx) => {\n${i1}ctx.set({\n${headerLines(originValue("ctx.get('Origin')"), i2)}\n${i1}})${sc}\n${i1}ctx.status = 204${sc}\n${indent}}`;
    } else if (has(/^hono/)) {
      handler = `(c) =>\n${i1}c.body(null, 204, {\n${headerLines(originValue("c.req.header('Origin')"), i2)}\n${i1}})`;
    } else if (has(/^fastify$/)) {
      handler = `(request, reply) => {\n${i1}reply.headers({\n${headerLines(originValue('request.headers.origin'), i2)}\n${i1}}).code(204).send()${sc}\n${indent}}`;
    } else {
      const method = has(/^restify$/) ? 'opts' : 'options';
      const send = has(/^restify$/) ? 'res.send(204)' : 'res.sendStatus(204)';
      const setter = has(/^restify$/) ? 'res.set' : 'res.set';
      handler = `(req, res) => {\n${i1}${setter}({\n${headerLines(originValue('req.headers.origin'), i2)}\n${i1}})${sc}\n${i1}${send}${sc}\n${indent}}`;
      edits.push(fixer.insertBeforeStatement(statement, `${receiver}.${method}(${pathArg}${handler})${sc}\n${indent}`));
      return done(`Answer preflight requests: add ${receiver}.${method}(…) with 204 and the CORS headers`);
    }
    edits.push(fixer.insertBeforeStatement(statement, `${receiver}.options(${pathArg}${handler})${sc}\n${indent}`));
    return done(`Answer preflight requests: add ${receiver}.options(…) with 204 and the CORS headers`);
  }
  // export function PUT → export async function OPTIONS at the end of the file.
  if (ts.isIdentifier(node) && (ts.isFunctionDeclaration(node.parent) || ts.isVariableDeclaration(node.parent))) {
    const origin = originValue("request.headers.get('Origin')");
    const usesRequest = origin.includes('request');
    const text = context.text;
    const fn = `\nexport async function OPTIONS(${usesRequest ? 'request' : ''}) {\n${unit}return new Response(null, {\n${unit}${unit}status: 204,\n${unit}${unit}headers: {\n${headerLines(origin, unit.repeat(3))}\n${unit}${unit}},\n${unit}})${sc}\n}\n`;
    edits.push({ start: text.length, end: text.length, newText: (text.endsWith('\n') ? '' : '\n') + fn });
    return done('Answer preflight requests: export an OPTIONS handler with 204 and the CORS headers');
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
      branch = `if (${methodExpr} === 'OPTIONS') {\n${i1}return {\n${i2}statusCode: 204,\n${i2}headers: {\n${headerLines(originValue(`${p}.headers?.origin`), i2 + unit)}\n${i2}},\n${i1}}${sc}\n${indent}}`;
    } else if (res && !/Response|headers/i.test(originWrite.api)) {
      branch = `if (${methodExpr} === 'OPTIONS') {\n${i1}${res}.writeHead(204, {\n${headerLines(originValue(`${p}.headers.origin`), i2)}\n${i1}})${sc}\n${i1}return ${res}.end()${sc}\n${indent}}`;
    } else {
      branch = `if (${methodExpr} === 'OPTIONS') {\n${i1}return new Response(null, {\n${i2}status: 204,\n${i2}headers: {\n${headerLines(originValue(`${p}.headers.get('Origin')`), i2 + unit)}\n${i2}},\n${i1}})${sc}\n${indent}}`;
    }
    edits.push(first ? fixer.insertBeforeStatement(first, `${branch}\n${indent}`) : { start: body.end - 1, end: body.end - 1, newText: `\n${indent}${branch}\n` });
    return done('Answer preflight requests: add an OPTIONS branch with 204 and the CORS headers');
  }
  return undefined;
}

/**
 * The Allow-Origin value of a preflight answer, in a scope where `requestOrigin` reads the request's
 * Origin: the route's own value when it is a valid origin, `*` or an env value, else the request origin
 * when it is on the configured allowlist (or the placeholder's), declaring the list where needed.
 */
function preflightOrigin(context: RuleContext, policy: HeaderWrite | undefined, edits: (TextEdit | undefined)[]) {
  const { fixer } = context;
  return (requestOrigin: string): { text: string; dynamic: boolean } => {
    const variants = policy?.value.variants ?? [];
    const only = variants.length === 1 ? variants[0] : undefined;
    if (only?.kind === 'literal' && (only.text === '*' || configuredOriginProblem(only.text) === undefined)) return { text: policy!.valueNode!.getText(), dynamic: false };
    const env = variants.length > 0 && variants.every((v) => v.kind === 'env') ? policy?.valueNode?.getText() : undefined;
    if (env) return { text: env, dynamic: false };
    const { origins } = fixer.allowlist();
    const { value, declaration } = fixer.allowlistExpression(requestOrigin, origins);
    if (declaration && !edits.some((e) => e?.newText === declaration.newText)) edits.push(declaration);
    return { text: value, dynamic: true };
  };
}

/**
 * The headers a preflight answer sends, as [name, value] source texts in the file's quote style; the
 * name as an object key (`Vary` bare, as people write it) or, with `asArgument`, as a string argument.
 */
function preflightHeaders(context: RuleContext, origin: string, methods: string[], dynamic: boolean, asArgument = false): [string, string][] {
  const q = (text: string) => context.fixer.quote(text);
  return [
    [q('Access-Control-Allow-Origin'), origin],
    [q('Access-Control-Allow-Methods'), q(methods.join(', '))],
    [q('Access-Control-Allow-Headers'), q('Content-Type, Authorization')],
    ...(dynamic ? [[asArgument ? q('Vary') : 'Vary', q('Origin')] as [string, string]] : []),
  ];
}

const CORS_HEADERS = new Set([ACAO, ACAM, ACAH]);

/**
 * Does this OPTIONS answer visibly send no CORS header? Only an answer whose whole code is in view
 * counts: an inline handler or a method branch, with no CORS header written in it (nor, for a branch,
 * before it on the same path), no helper it hands the request or response to (`setCors(res)`, `next()`),
 * and no headers object it does not spell out. Anything else may send them: it is left alone.
 */
function answersWithoutCors(answer: OptionsAnswer, facts: CorsFacts): boolean {
  const scope = answer.scope;
  if (!scope) return false;
  const inFunction = ts.isFunctionLike(scope) ? scope : enclosingFunction(scope);
  if (!inFunction || !('body' in inFunction) || !inFunction.body) return false;
  if (!ts.isFunctionLike(scope) && !isBranch(scope)) return false;
  // A CORS write in the answer, or one in its function that can run before the branch answers.
  // (`exclusive` asks about a node inside the branch, so the branch's own exit counts.)
  const statements = ts.isBlock(scope) || ts.isCaseClause(scope) ? scope.statements : undefined;
  const lead = statements ? statements[0] : scope;
  const probe = lead?.getChildren()[0] ?? lead ?? scope;
  const reaches = (w: HeaderWrite) => inFunction.pos <= w.node.pos && w.node.end <= inFunction.end && (inFunction === scope || !exclusive(w.node, probe));
  if (facts.writes.some((w) => CORS_HEADERS.has(w.name) && reaches(w))) return false;
  let opaque = false;
  forEachDescendant(scope, (node) => {
    if (ts.isCallExpression(node) && (ts.isIdentifier(skipParens(node.expression)) || node.arguments.some((a) => ts.isIdentifier(a) || ts.isSpreadElement(a)))) opaque = true;
    else if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && /^headers$/i.test(node.name.getText()) && !(ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.initializer))) opaque = true;
    else if (ts.isSpreadAssignment(node)) opaque = true;
    return opaque ? 'stop' : undefined;
  });
  return !opaque;
}

function skipParens(e: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(e) ? skipParens(e.expression) : e;
}

function isBranch(node: ts.Node): boolean {
  return ts.isStatement(node) || ts.isCaseClause(node);
}

function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return n;
  return undefined;
}

/**
 * Adds the CORS headers to the OPTIONS answer the path already has (issue 11 item 6): a statement
 * setting them at the top of the handler or branch, in the handler's framework, or a `headers` init on
 * the `new Response(…)` it returns. The value is the route's own policy or the configured allowlist.
 */
function mergeIntoAnswer(context: RuleContext, answer: OptionsAnswer, policy: HeaderWrite | undefined, methods: string[]): Fix | undefined {
  const { fixer } = context;
  const scope = answer.scope!;
  const fn = (ts.isFunctionLike(scope) ? scope : enclosingFunction(scope)) as ts.FunctionLikeDeclaration;
  const params = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : undefined));
  const [first, second] = params;
  const imports = [...context.facts.imports];
  const has = (re: RegExp) => imports.some((m) => re.test(m));
  const edits: (TextEdit | undefined)[] = [];
  const value = preflightOrigin(context, policy, edits);
  const title = `Answer preflight requests: add the CORS headers to the OPTIONS ${ts.isFunctionLike(scope) ? 'handler' : 'branch'}`;
  const done = (): Fix | undefined => fixer.fix(`${title}${fixer.placeholderNote(edits)}`, 'suggestion', edits);

  // A Fetch answer: `new Response(null, { status: 204 })` gets its headers.
  const responses: ts.NewExpression[] = [];
  forEachDescendant(scope, (node) => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Response') responses.push(node);
  });
  if (responses.length > 0) {
    const response = responses[0];
    if (responses.length > 1 || !response.arguments || response.arguments.length === 0) return undefined;
    // The Fetch Request: the parameter, a Pages function's `context.request`, a destructured `{ request }`
    // (SvelteKit, Astro), or a `request` parameter the fix adds to `OPTIONS()`.
    const binding = fn.parameters[0] && ts.isObjectBindingPattern(fn.parameters[0].name)
      ? fn.parameters[0].name.elements.find((e) => ts.isIdentifier(e.name) && (e.propertyName?.getText(context.sourceFile) ?? e.name.text) === 'request')
      : undefined;
    let read: string;
    if (first) read = /^(context|ctx)$/.test(first) ? `${first}.request.headers.get('Origin')` : `${first}.headers.get('Origin')`;
    else if (binding && ts.isIdentifier(binding.name)) read = `${binding.name.text}.headers.get('Origin')`;
    else if (fn.parameters.length === 0) read = `request.headers.get('Origin')`;
    else return undefined;
    const origin = value(read);
    if (origin.dynamic && fn.parameters.length === 0) {
      const open = fn.getChildren(context.sourceFile).find((c) => c.kind === ts.SyntaxKind.OpenParenToken);
      if (!open) return undefined;
      edits.push({ start: open.end, end: open.end, newText: /\.(ts|tsx|mts|cts)$/i.test(context.sourceFile.fileName) ? 'request: Request' : 'request' });
    }
    const pairs = preflightHeaders(context, origin.text, methods, origin.dynamic).map(([k, v]) => `${k}: ${v}`).join(', ');
    const init = response.arguments[1];
    if (!init) edits.push(fixer.insertAfter(response.arguments[0], `, { headers: { ${pairs} } }`));
    else if (ts.isObjectLiteralExpression(init)) {
      const headers = init.properties.find((p) => p.name?.getText() === 'headers');
      if (headers && ts.isPropertyAssignment(headers) && ts.isObjectLiteralExpression(headers.initializer)) {
        const props = headers.initializer.properties;
        edits.push(props.length > 0 ? fixer.insertBefore(props[0], `${pairs}, `) : fixer.replace(headers.initializer, `{ ${pairs} }`));
      } else if (headers) return undefined;
      else if (init.properties.length > 0) edits.push(fixer.insertAfter(init.properties[init.properties.length - 1], `, headers: { ${pairs} }`));
      else edits.push(fixer.replace(init, `{ headers: { ${pairs} } }`));
    } else return undefined;
    return done();
  }

  // A handler or branch with the request and response (or context) objects: a statement that sets them.
  let read: string;
  let statements: (pairs: [string, string][], indent: string) => string[];
  let asArgument = false;
  const unit = fixer.indentUnit();
  const objectCall = (call: string) => (pairs: [string, string][], indent: string) => [`${call}({\n${pairs.map(([k, v]) => `${indent}${unit}${k}: ${v},`).join('\n')}\n${indent}})`];
  if (has(/^(koa|@koa\/router|koa-router)$/) && first) {
    read = `${first}.get('Origin')`;
    statements = objectCall(`${first}.set`);
  } else if (has(/^hono(\/|$)/) && first) {
    read = `${first}.req.header('Origin')`;
    statements = (pairs) => pairs.map(([k, v]) => `${first}.header(${k}, ${v})`);
    asArgument = true;
  } else if (first && second) {
    read = `${first}.headers.origin`;
    statements = has(/^fastify$/) ? objectCall(`${second}.headers`) : has(/^(express|restify)$/) ? objectCall(`${second}.set`) : (pairs) => pairs.map(([k, v]) => `${second}.setHeader(${k}, ${v})`);
    asArgument = !has(/^(fastify|express|restify)$/);
  } else return undefined;
  const origin = value(read);
  const pairs = preflightHeaders(context, origin.text, methods, origin.dynamic, asArgument);
  const semi = fixer.semicolon();
  const body = ts.isFunctionLike(scope) ? fn.body! : scope;
  if (ts.isBlock(body) || ts.isCaseClause(body)) {
    const list = ts.isBlock(body) ? body.statements : body.statements;
    const firstStatement = list[0];
    if (!firstStatement) return undefined;
    const indent = fixer.indentOf(firstStatement);
    const lines = statements(pairs, indent);
    edits.push(fixer.insertBeforeStatement(firstStatement, lines.map((line, i) => `${line}${i < lines.length - 1 ? fixer.semicolon() : fixer.terminatorBefore(firstStatement)}\n${indent}`).join('')));
    return done();
  }
  // `(req, res) => res.sendStatus(204)` / `if (…) return res.end()`: the body becomes a block.
  const outerIndent = fixer.indentOf(ts.isFunctionLike(scope) ? fn : scope.parent);
  const indent = outerIndent + unit;
  const lines = statements(pairs, indent).map((line) => `${indent}${line}${semi}`);
  if (ts.isExpression(body)) {
    const expr = ts.isParenthesizedExpression(body) ? body.expression : body;
    edits.push(fixer.replace(body, `{\n${lines.join('\n')}\n${indent}return ${expr.getText(context.sourceFile)}${semi}\n${outerIndent}}`));
    return done();
  }
  edits.push(fixer.replace(body, `{\n${lines.join('\n')}\n${indent}${body.getText(context.sourceFile)}\n${outerIndent}}`));
  return done();
}
