// Checks across the platform file and the handler code behind it (DESIGN §13), through the project host.
// Each follows what the platform documents about who sets the CORS headers of the actual response:
//
// - REST APIs with the Lambda-proxy integration (serverless.yml `http` events, SAM `Api` events): the
//   `cors`/`Cors` setting only adds the OPTIONS method, and the function's response must carry
//   Access-Control-Allow-Origin itself. https://www.serverless.com/framework/docs/providers/aws/events/apigateway#enabling-cors,
//   https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html
//   So: '*' in the preflight while the handler allows credentials (wildcard-with-credentials), and a
//   handler that provably never returns the header (missing-preflight: the other half of the exchange).
// - HTTP APIs with CORS configured (serverless.yml `provider.httpApi.cors`): API Gateway adds the headers
//   to every response and "ignores CORS headers returned from your backend integration"
//   (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html): a handler that sets
//   the header too is a duplicate whose value never reaches the browser (duplicate-origin-header).
// - Vercel: headers from vercel.json "will be overridden by headers defined in Function responses"
//   (https://vercel.com/docs/cdn-cache): vercel.json and an `api/` function both setting the header for
//   the same path is a duplicate, and the browser gets the function's value (duplicate-origin-header).
//
// Netlify (`_headers`, `[[headers]]`) and Cloudflare Pages do not apply their headers to function
// responses, and Firebase Hosting does not document what its headers do to a rewritten function's
// response, so nothing is checked across layers there. Without a host, or when the handler's file or
// export cannot be found or its responses cannot be seen, nothing is reported.
import ts from 'typescript';
import { forEachDescendant } from '../parse';
import type { ProjectHost } from '../host';
import type { AnalysisResult, CorsLintConfig, Policy, RelatedLocation, TextRange } from '../types';
import type { PlatformChecker } from './checks';
import type { HandlerRef, HeaderRule, PlatformCors } from './model';

/** Analyses a code file (analyzeFile for code, passed in so this module does not import analyze.ts). */
export type AnalyzeCode = (text: string, fileName: string, config: CorsLintConfig, host: ProjectHost) => AnalysisResult;

const ACAO = 'access-control-allow-origin';
/** The keys of a Lambda-proxy result that hold its headers. */
const HEADER_KEYS = /^['"]?(headers|multiValueHeaders)['"]?$/;

export interface HandlerCode {
  file: string;
  text: string;
  sourceFile: ts.SourceFile;
  /** The exported value: a function, or whatever expression is exported under the handler's name. */
  node: ts.Node;
  /** The exported value's range in `text`. */
  range: TextRange;
  policies: Policy[];
}

/**
 * The code behind one platform file: finds handlers and other modules through the host, analyses each
 * module once, and records the files read (the platform file's analysis depends on them).
 */
export class HandlerLookup {
  readonly dependencies = new Set<string>();
  private readonly modules = new Map<string, { file: string; text: string; sourceFile: ts.SourceFile; policies: Policy[] } | undefined>();

  constructor(
    private readonly configFile: string,
    private readonly config: CorsLintConfig,
    private readonly host: ProjectHost,
    private readonly analyzeCode: AnalyzeCode,
  ) {}

  /** A module by its path relative to the platform file (`./src/items`), with any source extension the host resolves. */
  module(specifier: string): { file: string; text: string; sourceFile: ts.SourceFile; policies: Policy[] } | undefined {
    if (this.modules.has(specifier)) return this.modules.get(specifier);
    const file = this.host.resolveModule(specifier, this.configFile);
    const text = file ? this.host.readFile(file) : undefined;
    let found;
    if (file && text !== undefined) {
      this.dependencies.add(file);
      found = { file, text, sourceFile: ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true), policies: this.analyzeCode(text, file, this.config, this.host).policies };
    }
    this.modules.set(specifier, found);
    return found;
  }

  /**
   * The handler `src/items.update` of serverless.yml (or SAM's `app.lambdaHandler` in its `CodeUri`):
   * the module `src/items` next to the config file, its export `update`.
   */
  handler(ref: HandlerRef): HandlerCode | undefined {
    const dot = ref.handler.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const folder = ref.codeUri ? `${ref.codeUri.replace(/^\.\//, '').replace(/\/+$/, '')}/` : '';
    const module = this.module(`./${folder}${ref.handler.slice(0, dot).replace(/^\.\//, '')}`);
    const node = module && exportedValue(module.sourceFile, ref.handler.slice(dot + 1));
    if (!module || !node) return undefined;
    const range = { start: node.getStart(module.sourceFile), end: node.end };
    return { ...module, node, range, policies: module.policies.filter((p) => p.start >= range.start && p.end <= range.end) };
  }

  /** A file name as messages show it: relative to the platform file's folder when it is below it. */
  display(file: string): string {
    const folder = this.configFile.slice(0, Math.max(this.configFile.lastIndexOf('/'), this.configFile.lastIndexOf('\\')) + 1);
    return folder && file.startsWith(folder) ? file.slice(folder.length).replace(/\\/g, '/') : file;
  }
}

/** `exports.x = …`, `module.exports.x = …`, `export function x`, `export const x = …`: the exported value. */
function exportedValue(sourceFile: ts.SourceFile, name: string): ts.Node | undefined {
  for (const statement of sourceFile.statements) {
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exported && ts.isFunctionDeclaration(statement) && statement.name?.text === name) return statement;
    if (exported && ts.isVariableStatement(statement)) {
      const declaration = statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name);
      if (declaration?.initializer) return declaration.initializer;
    }
    if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = statement.expression.left.getText(sourceFile).replace(/\s/g, '');
      if (target === `exports.${name}` || target === `module.exports.${name}`) return statement.expression.right;
    }
  }
  return undefined;
}

/** How a message names a function: `src/items.update`, or `ShopFunction (hello-world/app.lambdaHandler)` for SAM. */
function handlerLabel(ref: HandlerRef): string {
  return ref.codeUri === undefined ? ref.handler : `${ref.name} (${ref.codeUri.replace(/\/+$/, '')}/${ref.handler})`;
}

function listOf(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** A REST API answering preflights with '*' (and no credentials) while its Lambda-proxy handler allows credentials. */
export function checkHandlerCredentials(cors: PlatformCors, lookup: HandlerLookup, checker: PlatformChecker): void {
  if (cors.actualResponse !== 'handler' || !cors.handlers || cors.origin !== 'any' || cors.credentials === true) return;
  for (const ref of cors.handlers) {
    const code = lookup.handler(ref);
    const credentialed = code?.policies.find((p) => p.credentials === true);
    if (!code || !credentialed) continue;
    const range = cors.entries.find((e) => e.text?.trim() === '*') ?? cors.originRange;
    const remedy = cors.platform === 'aws-sam' ? `Allow one origin (AllowOrigin: "'https://…'") and set AllowCredentials: true.` : 'List the allowed origins and set allowCredentials: true.';
    // As in code, '*' with credentials is wildcard-with-credentials rather than permissive-wildcard.
    checker.withdraw('permissive-wildcard', range);
    checker.report({
      ruleId: 'wildcard-with-credentials',
      start: range.start,
      end: range.end,
      message: `${cors.library} answers preflight requests with Access-Control-Allow-Origin '*' and no credentials, but the handler ${handlerLabel(ref)} allows credentials: browsers reject every credentialed request that needs a preflight. ${remedy}`,
      related: [{ file: code.file, start: credentialed.start, end: credentialed.end, message: 'The handler allows credentials here.' }],
    });
    return;
  }
}

/**
 * REST API CORS with the Lambda-proxy integration whose handlers provably never return
 * Access-Control-Allow-Origin: the preflight passes, and the browser then blocks the actual response.
 */
export function checkActualResponseHeader(cors: PlatformCors, lookup: HandlerLookup, checker: PlatformChecker): void {
  if (cors.actualResponse !== 'handler' || !cors.handlers) return;
  const missing: { ref: HandlerRef; code: HandlerCode; responses: ts.ObjectLiteralExpression[] }[] = [];
  for (const ref of cors.handlers) {
    const code = lookup.handler(ref);
    const responses = code && responsesWithoutOrigin(code);
    if (code && responses) missing.push({ ref, code, responses });
  }
  if (missing.length === 0) return;
  const names = listOf(missing.map((m) => `the handler ${handlerLabel(m.ref)}`));
  checker.report({
    ruleId: 'missing-preflight',
    ...cors.keyRange,
    message: `${cors.library} only answers the preflight: with the Lambda-proxy integration the actual response is what ${names} returns, and it never sets Access-Control-Allow-Origin, so browsers block the actual response of every cross-origin request to ${cors.route}. Return Access-Control-Allow-Origin from the handler too.`,
    related: missing.flatMap((m) =>
      m.responses.map((r): RelatedLocation => ({ file: m.code.file, start: r.getStart(m.code.sourceFile), end: r.end, message: 'Returned without Access-Control-Allow-Origin.' })),
    ),
  });
}

/** HTTP API CORS configured while handlers behind it set Access-Control-Allow-Origin too: theirs is ignored. */
export function checkIgnoredHandlerHeaders(cors: PlatformCors, lookup: HandlerLookup, checker: PlatformChecker): void {
  if (cors.actualResponse !== 'platform' || !cors.handlers) return;
  const duplicates: { ref: HandlerRef; code: HandlerCode; writes: Policy[] }[] = [];
  for (const ref of cors.handlers) {
    const code = lookup.handler(ref);
    if (code && code.policies.length > 0) duplicates.push({ ref, code, writes: code.policies });
  }
  if (duplicates.length === 0) return;
  const names = listOf(duplicates.map((d) => handlerLabel(d.ref)));
  checker.report({
    ruleId: 'duplicate-origin-header',
    ...cors.keyRange,
    message: `${cors.library} is configured, so API Gateway adds the CORS headers to every response and ignores those the function returns: the Access-Control-Allow-Origin set by ${names} never reaches the browser, which gets the origins configured here instead. Keep one of them.`,
    related: duplicates.flatMap((d) =>
      d.writes.map((w): RelatedLocation => ({ file: d.code.file, start: w.start, end: w.end, message: 'Ignored by API Gateway: this value is never sent.' })),
    ),
  });
}

/**
 * vercel.json headers for an exact `/api/…` path whose function (`api/….ts`) sets Access-Control-Allow-Origin
 * too: Vercel lets the function's header override vercel.json's for the same route.
 */
export function checkVercelFunctionHeaders(rules: HeaderRule[], lookup: HandlerLookup, checker: PlatformChecker): void {
  for (const rule of rules) {
    // Only a literal path names one function; patterns (`/api/(.*)`, `/api/:id`) would need the folder's listing.
    if (rule.platform !== 'vercel' || !/^\/api\/[\w.\-/]+$/.test(rule.pattern)) continue;
    const header = rule.headers.find((h) => h.name === ACAO);
    if (!header) continue;
    const module = lookup.module(`.${rule.pattern.replace(/\/+$/, '')}`);
    if (!module || module.policies.length === 0) continue;
    const file = lookup.display(module.file);
    if (!/^api\//.test(file)) continue;
    checker.report({
      ruleId: 'duplicate-origin-header',
      ...header.value,
      message: `vercel.json adds Access-Control-Allow-Origin to ${rule.pattern}, and the function ${file} sets it too: Vercel lets a function's headers override vercel.json's for the same route, so the browser gets the function's value and this one is never sent where the function sets it. Keep one of them.`,
      related: module.policies.map((p): RelatedLocation => ({ file: module.file, start: p.start, end: p.end, message: "The function's value, which the browser gets." })),
    });
  }
}

/**
 * The objects a Lambda-proxy handler returns, when every way it answers is visible and none carries
 * Access-Control-Allow-Origin: the module never names the header and uses no CORS library, the exported
 * value is a function without a callback parameter, and each return is an object literal whose headers are
 * written in place (or in a local constant used for nothing else). Undefined when any of that is not so.
 */
function responsesWithoutOrigin(code: HandlerCode): ts.ObjectLiteralExpression[] | undefined {
  // The header named anywhere in the module's code (a constant, a helper, a mutation) may reach a response.
  if (code.policies.length > 0 || namesHeader(code.sourceFile)) return undefined;
  const fn = skipOuter(code.node);
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isFunctionDeclaration(fn)) || !fn.body) return undefined;
  // A third parameter is the callback (`callback(null, response)`): responses that are not returned.
  if (fn.parameters.length > 2) return undefined;
  const returned: (ts.Expression | undefined)[] = [];
  let sendsOtherwise = false;
  if (ts.isBlock(fn.body)) {
    forEachDescendant(fn.body, (node) => {
      if (ts.isFunctionLike(node) || ts.isClassLike(node)) return 'skip';
      if (ts.isReturnStatement(node)) returned.push(node.expression);
      // context.succeed(response) / context.done(null, response): the legacy way to answer.
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && /^(succeed|done|fail)$/.test(node.expression.name.text)) sendsOtherwise = true;
      return undefined;
    });
  } else {
    returned.push(fn.body);
  }
  if (sendsOtherwise || returned.length === 0) return undefined;
  const responses: ts.ObjectLiteralExpression[] = [];
  for (const expression of returned) {
    const response = expression && skipOuter(expression);
    if (!response || !ts.isObjectLiteralExpression(response) || !plainWithoutOrigin(response, code.sourceFile, true)) return undefined;
    responses.push(response);
  }
  return responses;
}

/** Does any string, template or name in the module's code (not its comments) mention Access-Control-Allow-Origin? */
function namesHeader(sourceFile: ts.SourceFile): boolean {
  if (!sourceFile.text.toLowerCase().includes(ACAO)) return false;
  let named = false;
  forEachDescendant(sourceFile, (node) => {
    if ((ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isIdentifier(node)) && node.text.toLowerCase().includes(ACAO)) {
      named = true;
      return 'stop';
    }
    return undefined;
  });
  return named;
}

/** Parentheses, `await`, `as`, `satisfies` and `!` around an expression. */
function skipOuter(node: ts.Node): ts.Node {
  let current = node;
  while (ts.isParenthesizedExpression(current) || ts.isAwaitExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isNonNullExpression(current)) {
    current = current.expression;
  }
  return current;
}

/**
 * An object literal with no spread and no computed key, none of whose keys is Access-Control-Allow-Origin;
 * for a response (`top`), its `headers` / `multiValueHeaders` are such an object too.
 */
function plainWithoutOrigin(object: ts.ObjectLiteralExpression, sourceFile: ts.SourceFile, top: boolean): boolean {
  for (const property of object.properties) {
    if (!(ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) || ts.isComputedPropertyName(property.name)) return false;
    const key = ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) || ts.isNumericLiteral(property.name) ? property.name.text : undefined;
    if (key === undefined || key.toLowerCase() === ACAO) return false;
    if (!top || (key !== 'headers' && key !== 'multiValueHeaders')) continue;
    const value = ts.isShorthandPropertyAssignment(property) ? property.name : skipOuter(property.initializer);
    const headers = ts.isObjectLiteralExpression(value) ? value : ts.isIdentifier(value) ? localObject(value, sourceFile) : undefined;
    if (!headers || !plainWithoutOrigin(headers, sourceFile, false)) return false;
  }
  return true;
}

/**
 * The object literal a `const` of this file holds, when that constant is declared once and is only ever
 * used as a response's `headers` (so nothing adds to it on the way).
 */
function localObject(name: ts.Identifier, sourceFile: ts.SourceFile): ts.ObjectLiteralExpression | undefined {
  let declaration: ts.VariableDeclaration | undefined;
  let declarations = 0;
  let otherUses = 0;
  forEachDescendant(sourceFile, (node) => {
    if (!ts.isIdentifier(node) || node.text !== name.text) return undefined;
    const parent = node.parent;
    // `event.headers`, `{ headers: … }`: a property of the same name, not this constant.
    if ((ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node)) return undefined;
    if (ts.isVariableDeclaration(parent) && parent.name === node) {
      declarations++;
      declaration = parent;
    } else if (!((ts.isPropertyAssignment(parent) && parent.initializer === node && HEADER_KEYS.test(parent.name.getText(sourceFile))) || (ts.isShorthandPropertyAssignment(parent) && HEADER_KEYS.test(node.text)))) {
      otherUses++;
    }
    return undefined;
  });
  const list = declaration?.parent;
  if (declarations !== 1 || otherUses > 0 || !list || !ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return undefined;
  const initializer = declaration!.initializer && skipOuter(declaration!.initializer);
  return initializer && ts.isObjectLiteralExpression(initializer) ? initializer : undefined;
}
