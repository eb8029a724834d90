// The single AST walk: every node is visited once and handed to the adapters that care about its
// kind. Adapters only collect candidates and the scope index during the walk; values are evaluated
// afterwards, when every binding and call site is known.
import ts from 'typescript';
import { configRouteOf, coveringRoutes } from '../platform/config-routes';
import { readsCredentials } from '../credential-reads';
import { GuardClassifier, CheckResult } from '../guards';
import { addExportedOptions } from '../exported';
import type { ProjectScope } from '../modules';
import { setParent } from '../parse';
import { ScopeIndex, ValueEvaluator, propertyNameText, skipOuter } from '../values';
import { ACAO, HEADER_CALL_METHODS, HeaderWriteCollector, RawWrite, mayBeHeaderObject } from './headers';
import { visitConfigFile } from './config-files';
import { visitH3Call, visitRouteRuleCors } from './h3';
import { MIDDLEWARE_CALL_METHODS, MiddlewareCollector } from './middleware';
import type { CorsFacts, Handler, HeaderWrite, OriginCheck, OriginLiteral, ResponseGroup } from './model';
import { ROUTE_CALL_METHODS, RouteCollector, mayBeRouteObject, statusesIn } from './routes';

export interface FactsBundle extends CorsFacts {
  evaluator: ValueEvaluator;
  guards: GuardClassifier;
  /** Variables named for origins holding a list of origin strings or patterns (`const allowedOrigins = [/…/]`). */
  originLists: ts.VariableDeclaration[];
}

/** Origin literals are at most this long (a 253-character host plus scheme and port, many times over). */
const MAX_ORIGIN_LITERAL_LENGTH = 4096;
/** allowlist.includes(origin), set.has(origin), list.indexOf(origin) */
const ALLOWLIST_METHODS = ['includes', 'has', 'indexOf'];
const CHECK_METHODS = new Set(['endsWith', 'startsWith', 'includes', 'indexOf', 'lastIndexOf', 'test', 'exec', 'match', 'search', 'some', 'find', 'findIndex']);
const REQUEST_PARAM = /^(req|request|ctx|context|c|event|evt|e|r|_req|_request|_event|incoming|httpRequest)$/;
const FRAMEWORK_IMPORTS: [RegExp, string][] = [
  [/^express$/, 'express'], [/^(koa|@koa\/router|koa-router)$/, 'koa'], [/^fastify$/, 'fastify'], [/^hono(\/|$)/, 'hono'],
  [/^(@hapi\/hapi|hapi)$/, 'hapi'], [/^restify$/, 'restify'], [/^@nestjs\//, 'NestJS'], [/^next(\/|$)/, 'Next.js'],
  [/^@sveltejs\/kit/, 'SvelteKit'], [/^(aws-lambda|@types\/aws-lambda|@netlify\/functions|@vercel\/node)$/, 'serverless'],
  [/^(node:)?http2$/, 'node:http2'], [/^(node:)?https?$/, 'node:http'], [/^h3$/, 'h3'],
];

export function collectFacts(sourceFile: ts.SourceFile, project?: ProjectScope): FactsBundle {
  const host = project?.model.host;
  const index: ScopeIndex = { callsByName: new Map(), assignmentsByName: new Map() };
  const evaluator = new ValueEvaluator(sourceFile, index, project);
  const guards = new GuardClassifier(evaluator);
  const imports = new Set<string>();

  // The walk, one top-level statement at a time. After an incremental reparse (ts.updateSourceFile)
  // unchanged statements are the same node objects, so their candidates are reused: a keystroke walks
  // only the statement it changed.
  for (const statement of sourceFile.statements) setParent(statement, sourceFile);
  setParent(sourceFile.endOfFileToken, sourceFile);
  const parts = sourceFile.statements.map(candidatesOf);
  const {
    headerCalls, middlewareCalls, routeCalls, checkCalls, varyCalls: varyCandidates, objects, pairs, decorators, comparisons, caseClauses,
    corsProperties, declarations: arrayDeclarations, newExpressions,
  } = concatCandidates(parts);
  for (const p of parts) {
    for (const m of p.imports) imports.add(m);
    for (const call of p.namedCalls) push(index.callsByName, (skipOuter(call.expression) as ts.Identifier).text, call);
    for (const assignment of p.assignments) push(index.assignmentsByName, (assignment.left as ts.Identifier).text, assignment);
  }
  const routes = new RouteCollector();
  for (const statement of sourceFile.statements) routes.visitStatement(statement);

  // Adapters, now that the scope index is complete.
  const headerCollector = new HeaderWriteCollector(evaluator);
  const middleware = new MiddlewareCollector(evaluator, guards, imports, host, sourceFile.fileName);
  // Each adapter sees only the calls whose callee shape it can use (sorted out once per statement).
  for (const call of headerCalls) headerCollector.visitCall(call);
  for (const call of middlewareCalls) middleware.visitCall(call);
  for (const call of middlewareCalls) visitH3Call(call, headerCollector, middleware);
  for (const expr of newExpressions) middleware.visitNew(expr);
  visitConfigFile(sourceFile, middleware);
  for (const call of routeCalls) routes.visitCall(call);
  const varyCalls: ts.Node[] = varyCandidates.filter(isVaryCall);
  for (const object of objects) {
    headerCollector.visitObject(object);
    routes.visitObject(object);
  }
  for (const pair of pairs) headerCollector.visitPair(pair);
  for (const decorator of decorators) headerCollector.visitDecorator(decorator);
  for (const prop of corsProperties) middleware.visitCorsProperty(prop);
  for (const prop of corsProperties) visitRouteRuleCors(prop, headerCollector);
  // Options written here and applied elsewhere, or never applied in the project (exported.ts).
  addExportedOptions(sourceFile, middleware, evaluator, project);
  for (const comparison of comparisons) routes.visitMethodComparison(comparison);
  for (const clause of caseClauses) routes.visitMethodComparison(clause);
  for (const answer of routes.optionsAnswers) answer.statuses = statusesIn(answer.scope);

  const framework = frameworkOf(imports);
  const { writes, groups } = groupWrites(headerCollector.writes, sourceFile, framework);
  // A Vary header alone does not make a file CORS code (and must not defeat the text prefilter).
  const originLists = arrayDeclarations.filter(namesOriginList);
  const relevant = writes.some((w) => w.name !== 'vary') || middleware.configs.length > 0 || originLists.length > 0;
  const checks = relevant ? findWeakChecks(checkCalls, comparisons, guards) : [];
  const originLiterals = relevant ? findOriginLiterals(writes, middleware, comparisons, caseClauses, checkCalls, arrayDeclarations, guards, evaluator) : [];

  return {
    writes, groups, configs: middleware.configs, routes: routes.routes, optionsAnswers: routes.optionsAnswers,
    checks, originLiterals, varyCalls, imports, evaluator, guards, originLists,
  };
}

/** The nodes of one top-level statement that adapters look at. */
interface Candidates {
  /** Calls sorted by who can use them: `x.setHeader(…)`…, cors(…)/`x.register(…)`…, `app.get(…)`…, `x.endsWith(…)`/`list.includes(…)`…, `*vary*(…)`. */
  headerCalls: ts.CallExpression[];
  middlewareCalls: ts.CallExpression[];
  routeCalls: ts.CallExpression[];
  checkCalls: ts.CallExpression[];
  varyCalls: ts.CallExpression[];
  namedCalls: ts.CallExpression[];
  imports: string[];
  objects: ts.ObjectLiteralExpression[];
  pairs: ts.ArrayLiteralExpression[];
  decorators: ts.Decorator[];
  comparisons: ts.BinaryExpression[];
  assignments: ts.BinaryExpression[];
  caseClauses: ts.CaseClause[];
  corsProperties: ts.PropertyAssignment[];
  declarations: ts.VariableDeclaration[];
  /** `new X(…)` of a name: plugin objects that configure CORS (oRPC's `new CORSPlugin(…)`). */
  newExpressions: ts.NewExpression[];
}

const candidateCache = new WeakMap<ts.Statement, Candidates>();

/** The file's candidates: every statement's lists joined (a plain loop; flatMap is slower on every keystroke). */
function concatCandidates(parts: Candidates[]): Candidates {
  const all = emptyCandidates();
  const keys = Object.keys(all) as (keyof Candidates)[];
  for (const part of parts) {
    for (const key of keys) {
      const from = part[key] as unknown[];
      if (from.length === 0) continue;
      const to = all[key] as unknown[];
      for (let i = 0; i < from.length; i++) to.push(from[i]);
    }
  }
  return all;
}

function emptyCandidates(): Candidates {
  return {
    headerCalls: [], middlewareCalls: [], routeCalls: [], checkCalls: [], varyCalls: [], namedCalls: [], imports: [], objects: [], pairs: [],
    decorators: [], comparisons: [], assignments: [], caseClauses: [], corsProperties: [], declarations: [], newExpressions: [],
  };
}

/**
 * The method names of `x.method(…)` calls each adapter can use. Other calls (res.json, Date.now — most
 * calls in a file) are sorted out once, when their statement is walked, so a keystroke does not look at
 * them again. Calls of a plain name or an expression go to the middleware adapter (an imported `cors`
 * may have any name). An adapter that looks at new method names adds them to its list.
 */
const HEADER_METHODS = new Set(HEADER_CALL_METHODS);
const MIDDLEWARE_METHODS = new Set(MIDDLEWARE_CALL_METHODS);
const ROUTE_METHOD_NAMES = new Set(ROUTE_CALL_METHODS);
const ORIGIN_CHECK_METHODS = new Set([...CHECK_METHODS, ...ALLOWLIST_METHODS]);

function sortCall(call: ts.CallExpression, callee: ts.Expression, c: Candidates): void {
  if (callee.kind !== PROPERTY_ACCESS) {
    c.middlewareCalls.push(call);
    if (callee.kind === IDENTIFIER && /vary/i.test((callee as ts.Identifier).text)) c.varyCalls.push(call);
    return;
  }
  const method = (callee as ts.PropertyAccessExpression).name.text;
  if (HEADER_METHODS.has(method)) c.headerCalls.push(call);
  if (MIDDLEWARE_METHODS.has(method)) c.middlewareCalls.push(call);
  if (ROUTE_METHOD_NAMES.has(method)) c.routeCalls.push(call);
  if (ORIGIN_CHECK_METHODS.has(method)) c.checkCalls.push(call);
  if (/vary/i.test(method)) c.varyCalls.push(call);
}

// The walk visits every node of a file, so the kinds it compares with are read once, by the first walk
// (walkActions): each `ts.SyntaxKind.X` is a getter call on TypeScript's namespace object, and a read at the
// top level would make every bundle that reaches this module load TypeScript at start-up (the CLI loads
// the engine only when a file passes the prefilter, project/engine.ts).
let FIRST_NODE = 0;
let IDENTIFIER = 0;
let PROPERTY_ACCESS = 0;
let IMPORT_KEYWORD = 0;
let EQUALS = 0;
let FIRST_COMPARISON = 0;
let LAST_COMPARISON = 0;

/** What the walk does with a node, by kind (walkActions). Most kinds are Descend: only their children matter. */
const enum Walk { Descend, Call, New, Import, Object, Array, Decorator, Binary, Case, Property, Declaration }
let WALK_ACTION: Uint8Array | undefined;

function walkActions(): Uint8Array {
  if (WALK_ACTION) return WALK_ACTION;
  const K = ts.SyntaxKind;
  FIRST_NODE = K.FirstNode;
  IDENTIFIER = K.Identifier;
  PROPERTY_ACCESS = K.PropertyAccessExpression;
  IMPORT_KEYWORD = K.ImportKeyword;
  EQUALS = K.EqualsToken;
  FIRST_COMPARISON = K.LessThanToken;
  LAST_COMPARISON = K.ExclamationEqualsEqualsToken;
  const actions = new Uint8Array(K.Count);
  actions[K.CallExpression] = Walk.Call;
  actions[K.NewExpression] = Walk.New;
  actions[K.ImportDeclaration] = Walk.Import;
  actions[K.ObjectLiteralExpression] = Walk.Object;
  actions[K.ArrayLiteralExpression] = Walk.Array;
  actions[K.Decorator] = Walk.Decorator;
  actions[K.BinaryExpression] = Walk.Binary;
  actions[K.CaseClause] = Walk.Case;
  actions[K.PropertyAssignment] = Walk.Property;
  actions[K.VariableDeclaration] = Walk.Declaration;
  return (WALK_ACTION = actions);
}

function candidatesOf(statement: ts.Statement): Candidates {
  const cached = candidateCache.get(statement);
  if (cached) return cached;
  const actions = walkActions();
  const c = emptyCandidates();
  // Iterative, so 10,000-deep nesting (minified bundles, generated code) cannot overflow the stack.
  // Pre-order: a node's children go onto the stack last-first, so every list comes out in document
  // order (which rules and reports rely on) with no sort afterwards. Tokens, identifiers and literals
  // (kinds before FirstNode) have no children and no action: they never go onto the stack.
  const pending: ts.Node[] = [statement];
  // analyzeFile's tree comes without parent pointers (parse.ts parseSourceForFactWalk): they are set here,
  // each child's before it is visited.
  let parent: ts.Node = statement;
  const collect = (child: ts.Node) => {
    setParent(child, parent);
    if (child.kind >= FIRST_NODE) pending.push(child);
  };
  while (pending.length > 0) {
    const node = pending.pop()!;
    switch (actions[node.kind]) {
      case Walk.Call: {
        const call = node as ts.CallExpression;
        const callee = skipOuter(call.expression);
        sortCall(call, callee, c);
        const first = call.arguments[0];
        if (callee.kind === IDENTIFIER) {
          c.namedCalls.push(call);
          if ((callee as ts.Identifier).text === 'require' && first && ts.isStringLiteralLike(first)) c.imports.push(first.text);
        } else if (callee.kind === IMPORT_KEYWORD && first && ts.isStringLiteralLike(first)) {
          // import('@fastify/cors'): a dynamic import names a library as `import` and `require` do.
          c.imports.push(first.text);
        }
        break;
      }
      case Walk.New: {
        // Only classes named like a CORS plugin: `new Date()`, `new Map()`… are sorted out here.
        const callee = skipOuter((node as ts.NewExpression).expression);
        const name = callee.kind === IDENTIFIER ? (callee as ts.Identifier).text : callee.kind === PROPERTY_ACCESS ? (callee as ts.PropertyAccessExpression).name.text : '';
        if (/cors/i.test(name)) c.newExpressions.push(node as ts.NewExpression);
        break;
      }
      case Walk.Import: {
        const spec = (node as ts.ImportDeclaration).moduleSpecifier;
        if (ts.isStringLiteral(spec)) c.imports.push(spec.text);
        break;
      }
      case Walk.Object:
        if (mayBeHeaderObject(node as ts.ObjectLiteralExpression) || mayBeRouteObject(node as ts.ObjectLiteralExpression)) c.objects.push(node as ts.ObjectLiteralExpression);
        break;
      case Walk.Array: {
        const array = node as ts.ArrayLiteralExpression;
        if (array.elements.length === 2 && array.parent && ts.isArrayLiteralExpression(array.parent)) c.pairs.push(array);
        break;
      }
      case Walk.Decorator:
        c.decorators.push(node as ts.Decorator);
        break;
      case Walk.Binary: {
        const binary = node as ts.BinaryExpression;
        const op = binary.operatorToken.kind;
        if (op === EQUALS && binary.left.kind === IDENTIFIER) c.assignments.push(binary);
        else if (op >= FIRST_COMPARISON && op <= LAST_COMPARISON) c.comparisons.push(binary);
        break;
      }
      case Walk.Case:
        c.caseClauses.push(node as ts.CaseClause);
        break;
      case Walk.Property:
        if (propertyNameText((node as ts.PropertyAssignment).name) === 'cors') c.corsProperties.push(node as ts.PropertyAssignment);
        break;
      case Walk.Declaration: {
        const d = node as ts.VariableDeclaration;
        if (d.initializer && d.name.kind === IDENTIFIER) c.declarations.push(d);
        break;
      }
    }
    const firstChild = pending.length;
    parent = node;
    node.forEachChild(collect);
    // forEachChild goes first to last: reverse this node's children in place so the first is popped next.
    for (let i = firstChild, j = pending.length - 1; i < j; i++, j--) {
      const t = pending[i];
      pending[i] = pending[j];
      pending[j] = t;
    }
  }
  candidateCache.set(statement, c);
  return c;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** res.vary('Origin'), vary(res, 'Origin'), reply.vary(…) */
function isVaryCall(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  if (!/vary/i.test(name)) return false;
  // addOriginToVaryHeader(reply), varyOnOrigin(res)
  if (/origin/i.test(name)) return true;
  return call.arguments.some((a) => {
    const e = skipOuter(a);
    return ts.isStringLiteralLike(e) && /(^|,|\s)origin(\s|,|$)/i.test(e.text);
  });
}

function frameworkOf(imports: Set<string>): string | undefined {
  for (const [re, name] of FRAMEWORK_IMPORTS) if ([...imports].some((m) => re.test(m))) return name;
  return undefined;
}

/**
 * The nearest function around a node. `memo` (one per analysis) remembers the answer for every node
 * passed on the way up, so thousands of writes in one deeply nested function cost one walk, not one each.
 */
function enclosingFunction(node: ts.Node, memo?: Map<ts.Node, ts.SignatureDeclaration | undefined>): ts.SignatureDeclaration | undefined {
  const passed: ts.Node[] = [];
  let found: ts.SignatureDeclaration | undefined;
  for (let n = node.parent; n; n = n.parent) {
    if (memo?.has(n)) {
      found = memo.get(n);
      break;
    }
    if (ts.isFunctionLike(n) && 'body' in n) {
      found = n as ts.SignatureDeclaration;
      break;
    }
    passed.push(n);
  }
  // A node's answer is the function strictly above it; for the nodes passed, that is `found`.
  if (memo) for (const n of passed) memo.set(n, found);
  return found;
}

function groupWrites(raw: RawWrite[], sourceFile: ts.SourceFile, framework: string | undefined): { writes: HeaderWrite[]; groups: ResponseGroup[] } {
  const groups = new Map<ts.Node, ResponseGroup>();
  const writes: HeaderWrite[] = [];
  const functions = new Map<ts.Node, ts.SignatureDeclaration | undefined>();
  for (const r of raw) {
    let key: ts.Node;
    let fn: ts.SignatureDeclaration | undefined;
    if (r.api === 'headers() entry') key = r.groupNode;
    else {
      fn = ts.isFunctionLike(r.groupNode) ? (r.groupNode as ts.SignatureDeclaration) : enclosingFunction(r.groupNode, functions);
      key = fn ?? (ts.isCallExpression(r.groupNode) ? sourceFile : r.groupNode);
    }
    let group = groups.get(key);
    if (!group) {
      group = { id: groups.size, node: key, handler: fn ? handlerOf(fn, r, sourceFile) : undefined, writes: [] };
      groups.set(key, group);
    }
    const write: HeaderWrite = { ...r, group, framework: framework ?? frameworkFromApi(r) };
    delete (write as Partial<RawWrite>).groupNode;
    group.writes.push(write);
    writes.push(write);
  }
  // next.config headers() entries and Nitro route rules apply by path pattern, several to one response.
  const all = [...groups.values()];
  for (const group of all) {
    group.configRoute = configRouteOf(group.node);
    if (group.configRoute?.family === 'Nitro routeRules') for (const w of group.writes) if (w.framework === 'custom') w.framework = 'Nitro routeRules';
  }
  for (const group of all) {
    const covering = coveringRoutes(group, all);
    if (covering.length > 0) group.covering = covering;
  }
  return { writes, groups: all };
}

function frameworkFromApi(write: RawWrite): string {
  if (write.api === 'function result headers') return 'AWS Lambda / serverless';
  if (write.api === 'headers() entry') return 'next.config headers()';
  if (write.api === '@Header') return 'NestJS';
  if (write.api === 'routeRules cors' || /^(set|append)(Response)?Headers?(\(\))?$/.test(write.api)) return write.api === 'routeRules cors' ? 'Nitro routeRules' : 'h3';
  if (/^(res|response)\.(setHeader|appendHeader|writeHead)$/.test(write.api) || write.api === 'writeHead') return 'node:http';
  if (/Response|Headers|headers\.(set|append)/.test(write.api)) return 'Fetch API';
  if (/^ctx\./.test(write.api)) return 'koa';
  if (/^reply\./.test(write.api)) return 'fastify';
  if (/^c\.(header|res)/.test(write.api)) return 'hono';
  return 'custom';
}

/** The request handler around a write: the nearest function whose first parameter looks like a request. */
function handlerOf(fn: ts.SignatureDeclaration, write: RawWrite, sourceFile: ts.SourceFile): Handler {
  let handler = fn;
  for (let f: ts.SignatureDeclaration | undefined = fn; f; f = enclosingFunction(f)) {
    const first = f.parameters[0]?.name;
    if (first && ts.isIdentifier(first) && REQUEST_PARAM.test(first.text)) { handler = f; break; }
    if (first && ts.isObjectBindingPattern(first)) { handler = f; break; }
  }
  const first = handler.parameters[0]?.name;
  const requestParam = first && ts.isIdentifier(first) ? first.text : undefined;
  const receiver = write.receiver ?? '';
  let style: Handler['style'] = 'unknown';
  if (write.api === 'function result headers') style = 'lambda';
  else if (/^(ctx|context)\b/.test(receiver)) style = 'koa';
  else if (/^c\b/.test(receiver) && /header|set/.test(write.method ?? '')) style = 'hono';
  else if (/^reply\b/.test(receiver)) style = 'fastify';
  else if (/^h\.response/.test(receiver)) style = 'hapi';
  else if (/^(res|response|resp)\b/.test(receiver) && write.method !== 'set' || /^res\b/.test(receiver)) style = 'node';
  else if (/headers$/i.test(receiver) || /Response|Headers|headers object/.test(write.api)) style = 'fetch';
  if (style === 'koa' && requestParam !== receiver.split('.')[0]) style = 'koa';
  const body = 'body' in handler ? (handler.body as ts.Node | undefined) : undefined;
  return { node: handler, requestParam, style, readsCredentials: body !== undefined && readsCredentials(body, sourceFile) };
}

/** Weak origin checks anywhere in a CORS-relevant file; a weak leaf ANDed with an exact check is not weak. */
function findWeakChecks(calls: ts.CallExpression[], comparisons: ts.BinaryExpression[], guards: GuardClassifier): OriginCheck[] {
  const checks: OriginCheck[] = [];
  const seen = new Set<ts.Node>();
  const consider = (node: ts.Expression, result: CheckResult | undefined) => {
    // Weak checks, and checks the evaluator found accept any subdomain (reported at info level).
    const subdomains = result?.verdict?.kind === 'subdomains';
    if (!result || (result.strength !== 'weak' && !subdomains) || !result.weakNode || seen.has(result.weakNode)) return;
    if (strengthenedByConjunction(node, guards)) return;
    seen.add(result.weakNode);
    checks.push({ node: result.weakNode, strength: subdomains ? 'exact' : 'weak', weakness: result.weakness, verdict: result.verdict });
  };
  for (const call of calls) {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !CHECK_METHODS.has(callee.name.text)) continue;
    const method = callee.name.text;
    // indexOf is judged with its comparison (below) when it has one.
    if ((method === 'indexOf' || method === 'lastIndexOf') && call.parent && ts.isBinaryExpression(call.parent)) continue;
    // Only calls on the origin can be origin checks: decide that cheaply before classifying.
    const subject = method === 'test' || method === 'exec' ? call.arguments[0] : method === 'some' || method === 'find' || method === 'findIndex' ? undefined : callee.expression;
    // `'https://a.com https://b.com'.includes(origin)`: a joined string searched for the origin.
    const joinedString = method === 'includes' && call.arguments[0] !== undefined && guards.isOriginish(call.arguments[0]);
    if (subject ? !guards.isOriginish(subject) && !joinedString : !callbackMentionsOrigin(call.arguments[0])) continue;
    consider(call, guards.classify(call, true));
  }
  for (const comparison of comparisons) {
    const l = skipOuter(comparison.left);
    const r = skipOuter(comparison.right);
    const index = [l, r].find((x): x is ts.CallExpression => ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && /^(indexOf|lastIndexOf|search)$/.test(x.expression.name.text));
    // `origin.indexOf('a.com') !== -1`, and `'https://a.com,https://b.com'.indexOf(origin) !== -1` (a joined string).
    if (!index || !(guards.isOriginish((index.expression as ts.PropertyAccessExpression).expression) || (index.arguments[0] && guards.isOriginish(index.arguments[0])))) continue;
    const result = guards.classify(comparison, true) ?? guards.classify(comparison, false);
    consider(comparison, result?.strength === 'weak' ? result : guards.classify(comparison, false));
  }
  return checks;
}

/** `list.some((o) => origin.endsWith(o))`, `list.find(matchesOrigin)`: the callback names the origin. */
function callbackMentionsOrigin(arg: ts.Expression | undefined): boolean {
  const fn = arg && skipOuter(arg);
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isIdentifier(fn) || ts.isPropertyAccessExpression(fn))) return false;
  return /origin/i.test(fn.getText());
}

function strengthenedByConjunction(node: ts.Node, guards: GuardClassifier): boolean {
  let child: ts.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isParenthesizedExpression(parent) || (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken)) continue;
    if (!ts.isBinaryExpression(parent)) return false;
    const op = parent.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
      const other = parent.left === child ? parent.right : parent.left;
      if (guards.classify(other, true)?.strength === 'exact') return true;
    } else if (op !== ts.SyntaxKind.BarBarToken) return false;
  }
  return false;
}

const ORIGIN_LIKE = /^(https?:\/\/|null$|\*$)/i;
const ALLOWLIST_NAME = /origin|allow|whitelist|trusted|cors/i;

/** String literals the program treats as origins: header values, allowlists, comparisons, middleware lists. */
function findOriginLiterals(
  writes: HeaderWrite[], middleware: MiddlewareCollector, comparisons: ts.BinaryExpression[], caseClauses: ts.CaseClause[],
  calls: ts.CallExpression[], declarations: ts.VariableDeclaration[], guards: GuardClassifier, evaluator: ValueEvaluator,
): OriginLiteral[] {
  const out = new Map<ts.Node, OriginLiteral>();
  const add = (node: ts.Node | undefined, context: OriginLiteral['context']) => {
    if (!node || !ts.isStringLiteralLike(node) || out.has(node)) return;
    // Longer than any list of origins anyone writes: a data blob, and the origin rules' regular
    // expressions must never see megabytes of it.
    if (node.text.length > MAX_ORIGIN_LITERAL_LENGTH) return;
    out.set(node, { node, text: node.text, context });
  };
  for (const w of writes) {
    if (w.name !== ACAO) continue;
    for (const v of w.value.variants) {
      if (v.kind !== 'literal') continue;
      if (v.node) add(v.node, 'header');
      // Text built from parts (`https://${host}/`, 'https://' + host + '/'): judged at the value.
      else if (w.valueNode && !out.has(w.valueNode) && w.value.variants.length === 1) out.set(w.valueNode, { node: w.valueNode, text: v.text, context: 'header' });
    }
  }
  for (const c of middleware.configs) for (const e of c.entries) if (!e.isRegExp && !e.hostOnly && !e.neverMatches) add(e.node, 'middleware');
  for (const b of comparisons) {
    const op = b.operatorToken.kind;
    if (![ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(op)) continue;
    const l = skipOuter(b.left);
    const r = skipOuter(b.right);
    const negated = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    const literal = ts.isStringLiteralLike(r) && guards.isOriginish(l) && !isHostExpression(l) ? r
      : ts.isStringLiteralLike(l) && guards.isOriginish(r) && !isHostExpression(r) ? l : undefined;
    if (literal && !deniesOnMatch(b, negated)) add(literal, 'comparison');
  }
  for (const clause of caseClauses) {
    const sw = clause.parent.parent;
    if (ts.isSwitchStatement(sw) && guards.isOriginish(sw.expression)) add(skipOuter(clause.expression), 'comparison');
  }
  const addArray = (array: ts.ArrayLiteralExpression | undefined) => {
    if (!array) return;
    for (const element of array.elements) {
      const e = ts.isSpreadElement(element) ? undefined : skipOuter(element);
      if (e && ts.isStringLiteralLike(e)) add(e, 'allowlist');
    }
  };
  for (const call of calls) {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !ALLOWLIST_METHODS.includes(callee.name.text)) continue;
    const arg = call.arguments[0];
    if (arg && guards.isOriginish(arg) && !isHostExpression(arg)) addArray(evaluator.resolveArrayLiteral(callee.expression));
  }
  for (const d of declarations) {
    if (!ts.isIdentifier(d.name) || !ALLOWLIST_NAME.test(d.name.text)) continue;
    const array = evaluator.resolveArrayLiteral(d.initializer!);
    if (!array || array !== skipOuter(d.initializer!) && !ts.isNewExpression(skipOuter(d.initializer!))) continue;
    const strings = array.elements.filter((e): e is ts.StringLiteral => ts.isStringLiteralLike(e));
    if (strings.length > 0 && strings.every((s) => ORIGIN_LIKE.test(s.text)) && strings.some((s) => s.text.includes('://'))) addArray(array);
  }
  return [...out.values()];
}

/** The names the text prefilter also knows (prefilter.ts). */
const ORIGIN_LIST_NAME = /origins$|whitelist|allowlist/i;

/**
 * `const allowedOrigins = ['https://…']`, `= [/\.example\.com$/]`: a variable named for origins holding origin
 * strings or patterns (checked even with no CORS call in the file).
 */
function namesOriginList(d: ts.VariableDeclaration): boolean {
  if (!ts.isIdentifier(d.name) || !ORIGIN_LIST_NAME.test(d.name.text) || d.initializer === undefined) return false;
  const array = skipOuter(d.initializer);
  return ts.isArrayLiteralExpression(array) && d.initializer.end - d.initializer.pos < 20_000
    && (/['"`]https?:\/\//.test(d.initializer.getText()) || array.elements.some((e) => isRegExpExpression(e as ts.Expression)));
}

/** `/…/`, `new RegExp('…')`, `RegExp('…')` */
export function isRegExpExpression(expr: ts.Expression): boolean {
  const e = skipOuter(expr);
  if (ts.isRegularExpressionLiteral(e)) return true;
  return (ts.isNewExpression(e) || ts.isCallExpression(e)) && ts.isIdentifier(e.expression) && e.expression.text === 'RegExp';
}

const DENIAL = /\b4\d\d\b|\bthrow\b|return\s+false\b|new Error\b|\breject|\bdeny|\bforbidden|\bblock/i;

/**
 * Is this comparison a blocklist (`if (origin === 'http://evil.com') return res.sendStatus(403)`)?
 * Then its operand is refused, not trusted.
 */
function deniesOnMatch(comparison: ts.BinaryExpression, negated: boolean): boolean {
  let child: ts.Node = comparison;
  let positive = !negated;
  for (let parent = comparison.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) positive = !positive;
    else if (ts.isIfStatement(parent) && parent.expression === child) {
      const branch = positive ? parent.thenStatement : parent.elseStatement;
      return branch !== undefined && DENIAL.test(branch.getText());
    } else if (ts.isConditionalExpression(parent) && parent.condition === child) {
      const branch = positive ? parent.whenTrue : parent.whenFalse;
      return DENIAL.test(branch.getText());
    } else if (!ts.isParenthesizedExpression(parent) && !(ts.isBinaryExpression(parent) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(parent.operatorToken.kind))) {
      return false;
    }
  }
  return false;
}

/** `new URL(origin).hostname`, `host`, `originHost`: compared with host names, not origins. */
function isHostExpression(expr: ts.Expression): boolean {
  const e = skipOuter(expr);
  if (ts.isPropertyAccessExpression(e) && /^(hostname|host)$/.test(e.name.text)) return true;
  return ts.isIdentifier(e) && /host|domain/i.test(e.text);
}
