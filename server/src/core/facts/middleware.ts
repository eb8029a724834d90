// CORS middleware and CORS option objects, with each library's documented semantics and defaults:
//   cors (Express/Connect)   origin default '*'; true reflects; string fixed; array/RegExp list; function;
//                            falsy disables. Also used by NestJS enableCors / create({ cors }), Socket.IO
//                            `cors:`, Apollo Server `cors:`.
//   @fastify/cors            like cors; an array containing '*' allows any origin.
//   @koa/cors                credentials: true reflects the request origin in every version; without an
//                            origin option v4 and earlier reflect, v5+ send '*'.
//   hono/cors                origin default '*'; string, array, or (origin, c) => string | null.
//   @middy/http-cors         origin default '*', `origins` list; credentials with '*' echo the request origin.
//   hapi route/server `cors` origin default ['*'] (the matching request origin is echoed).
//   restify-cors-middleware  `origins` list; '*' allows any.
import ts from 'typescript';
import { forEachDescendant } from '../parse';
import { GuardClassifier, CheckResult, dominatingConditions } from '../guards';
import { ValueEvaluator, findProperty, propertyNameText, skipOuter, returnStatements } from '../values';
import type { ProjectHost } from '../host';
import type { CorsConfig, OriginEntry, OriginOptionKind } from './model';
import { readElysiaOrigin, ELYSIA_SEMANTICS, applyElysiaVersion } from './elysia';
import { readWhatwgOrigin, WHATWG_SEMANTICS, visitGraphqlCall, isYogaFile } from './graphql';
import { visitFirebaseCall } from './firebase';
import { ADONIS_SEMANTICS, STRAPI_SEMANTICS, visitAdonisCall } from './config-files';
import { H3_SEMANTICS, readH3Origin } from './h3';
import { allInRange, packageVersionOf, upgradeEdit } from './versions';
import { MICRO_SEMANTICS, readMicroOrigin } from './micro-cors';
import { ORPC_SEMANTICS, readOrpcOrigin, visitOrpcNew } from './orpc';
import { EFFECT_SEMANTICS, readEffectOrigin, visitEffectCall } from './effect';

const LIBRARIES: Record<string, string> = {
  cors: 'cors',
  '@fastify/cors': '@fastify/cors',
  'fastify-cors': '@fastify/cors',
  '@koa/cors': '@koa/cors',
  'koa2-cors': 'koa2-cors',
  'kcors': '@koa/cors',
  'hono/cors': 'hono/cors',
  '@middy/http-cors': '@middy/http-cors',
  'middy/middlewares': '@middy/http-cors',
  'restify-cors-middleware': 'restify-cors-middleware',
  'restify-cors-middleware2': 'restify-cors-middleware',
  '@elysiajs/cors': '@elysiajs/cors',
  '@tinyhttp/cors': '@tinyhttp/cors',
  'micro-cors': 'micro-cors',
};

/** Libraries whose options object takes a `cors:` key (value: true or cors-package options). */
/**
 * Method names of the property-access calls visitCall can recognise (app.enableCors, fastify.register,
 * cors.default(), mod.cors()); calls of a plain name or of an expression may be any library.
 */
export const MIDDLEWARE_CALL_METHODS: readonly string[] = ['enableCors', 'register', 'default', 'cors', 'onRequest', 'onCall', 'middlewareCors'];

const CORS_OPTION_HOSTS: [RegExp, string][] = [
  [/^@nestjs\//, 'NestJS'],
  [/^socket\.io$/, 'Socket.IO'],
  [/^(apollo-server|@apollo\/server)/, 'Apollo Server'],
  [/^(@hapi\/hapi|hapi)$/, 'hapi'],
];

/** Modules whose exports this collector recognises by call beyond LIBRARIES: nextjs-cors and Deno's cors ports. */
const CALL_LIBRARY_MODULE = /^nextjs-cors$|deno\.land\/x\/cors|@tajpouria\/cors/;

export class MiddlewareCollector {
  readonly configs: CorsConfig[] = [];
  private readonly seen = new Set<ts.Node>();
  private importsLibrary: boolean | undefined;

  constructor(
    readonly evaluator: ValueEvaluator,
    readonly guards: GuardClassifier,
    readonly imports: Set<string>,
    /** The project, for the installed library versions (see versions.ts); absent = current versions. */
    readonly host?: ProjectHost,
    readonly fileName = '',
  ) {}

  /** The module an expression was imported or required from. */
  moduleOf(expr: ts.Expression, depth = 0): string | undefined {
    expr = skipOuter(expr);
    if (depth > 5) return undefined;
    if (ts.isCallExpression(expr) && ts.isIdentifier(expr.expression) && expr.expression.text === 'require' && expr.arguments[0] && ts.isStringLiteralLike(expr.arguments[0])) {
      return expr.arguments[0].text;
    }
    // `app.register(import('@fastify/cors'), options)`: Fastify's register takes the promise of the module
    // and uses its default export (fastify/avvio), as the @fastify/cors README shows.
    if (ts.isCallExpression(expr) && expr.expression.kind === ts.SyntaxKind.ImportKeyword && expr.arguments[0] && ts.isStringLiteralLike(expr.arguments[0])) {
      return expr.arguments[0].text;
    }
    if (ts.isPropertyAccessExpression(expr) && (expr.name.text === 'default' || expr.name.text === 'cors')) {
      const inner = this.moduleOf(expr.expression, depth + 1);
      if (inner) return inner;
    }
    if (ts.isIdentifier(expr)) {
      const decl = this.evaluator.resolve(expr);
      if (decl?.kind === 'import') return decl.name === 'default' || decl.name === '*' || decl.name === 'cors' || decl.name === 'Server' ? decl.module : `${decl.module}#${decl.name}`;
      if (decl?.kind === 'variable' && decl.declaration.initializer) return this.moduleOf(decl.declaration.initializer, depth + 1);
    }
    return undefined;
  }

  visitCall(call: ts.CallExpression): void {
    if (visitGraphqlCall(this, call) || visitFirebaseCall(this, call) || visitAdonisCall(this, call)) return;
    const callee = skipOuter(call.expression);
    if (visitEffectCall(this, call, callee)) return;
    // app.enableCors(options?) — NestJS, cors-package semantics.
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'enableCors') {
      this.add('NestJS enableCors', 'cors', call, call.arguments[0], 'app.enableCors() with no options allows any origin');
      return;
    }
    // moduleOf follows only imports and requires: in a file that imports no CORS library it finds none,
    // and generated bundles make thousands of calls whose callee it would resolve for nothing.
    this.importsLibrary ??= [...this.imports].some((m) => Object.prototype.hasOwnProperty.call(LIBRARIES, m) || CALL_LIBRARY_MODULE.test(m));
    // fastify.register(cors, options)
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'register' && call.arguments[0]) {
      const module = this.importsLibrary ? this.moduleOf(call.arguments[0]) : undefined;
      const library = module && LIBRARIES[module];
      if (library) this.add(library, library, call, call.arguments[1], `${library} with no origin option allows any origin`);
      return;
    }
    // cors(options), require('cors')(options); a `cors` the file never declares (a snippet, a global)
    // is taken to be the cors package.
    const module = (this.importsLibrary ? this.moduleOf(callee) : undefined) ?? (ts.isIdentifier(callee) && callee.text === 'cors' && !this.evaluator.resolve(callee) ? 'cors' : undefined);
    const library = module && LIBRARIES[module];
    if (library === 'micro-cors') {
      this.add(library, MICRO_SEMANTICS, call, call.arguments[0], "micro-cors with no origin option sends '*'");
      return;
    }
    if (library === '@elysiajs/cors') {
      this.add(library, ELYSIA_SEMANTICS, call, call.arguments[0], '@elysiajs/cors with no origin option echoes the request Origin');
      return;
    }
    if (library) {
      this.add(library, library, call, call.arguments[0], `${library}() with no origin option allows any origin`);
      return;
    }
    // nextjs-cors (src/index.ts): NextCors(req, res, options) runs the cors package with `options`.
    if (module === 'nextjs-cors') {
      this.add('nextjs-cors', 'cors', call, call.arguments[2], 'NextCors with no origin option allows any origin (cors package default)');
      return;
    }
    // Deno: oakCors/opineCors/abcCors/mithCors/attainCors from deno.land/x/cors or jsr:@tajpouria/cors, a port of
    // the cors package (tajpouria/cors cors.ts: origin '*' by default, true echoes, lists compared exactly).
    const deno = module && /(deno\.land\/x\/cors(@[^/]*)?\/mod\.ts|@tajpouria\/cors[^#]*)#(oak|opine|abc|mith|attain)Cors$/.exec(module);
    if (deno) {
      this.add(`${deno[3]}Cors`, 'cors', call, call.arguments[0], `${deno[3]}Cors() with no origin option allows any origin`);
      return;
    }
    // require('socket.io')(server, { cors }) is handled through the `cors:` property.
  }

  /** `new CORSPlugin(options)` (oRPC). */
  visitNew(expr: ts.NewExpression): void {
    visitOrpcNew(this, expr);
  }

  /** `{ cors: true | {...} }` in the options of NestJS, Socket.IO, Apollo, hapi… */
  visitCorsProperty(prop: ts.PropertyAssignment): void {
    if (propertyNameText(prop.name) !== 'cors') return;
    if (isYogaFile(this.imports)) return; // createYoga({ cors }) is read with the call (graphql.ts)
    const host = [...this.imports].map((m) => CORS_OPTION_HOSTS.find(([re]) => re.test(m))?.[1]).find(Boolean);
    if (!host) return;
    const value = skipOuter(prop.initializer);
    if (value.kind === ts.SyntaxKind.FalseKeyword) return;
    const semantics = host === 'hapi' ? 'hapi' : 'cors';
    if (value.kind === ts.SyntaxKind.TrueKeyword) {
      this.add(`${host} cors: true`, semantics, prop, undefined, `${host} \`cors: true\` allows any origin`);
      return;
    }
    const object = this.evaluator.resolveObjectLiteral(value);
    if (object) this.add(`${host} cors option`, semantics, prop, object, `${host} cors option without origin allows any origin`);
  }

  add(library: string, semantics: string, node: ts.Node, optionsExpr: ts.Expression | undefined, defaultNote: string): CorsConfig | undefined {
    if (this.seen.has(node)) return undefined;
    this.seen.add(node);
    const options = optionsExpr ? this.evaluator.resolveObjectLiteral(optionsExpr) : undefined;
    const config: CorsConfig = {
      library, node, options, origin: 'default', entries: [], credentials: false, answersPreflight: true, defaultNote,
    };
    // Libraries whose options have other names, or whose origin option is one header value.
    if (semantics === EFFECT_SEMANTICS) config.optionKeys = { origin: 'allowedOrigins' };
    if (semantics === MICRO_SEMANTICS) {
      config.optionKeys = { credentials: 'allowCredentials' };
      config.singleOrigin = true;
    }
    if (optionsExpr && !options) {
      const fn = this.evaluator.resolveFunction(optionsExpr);
      // cors(delegate): options computed per request; look for the object handed to the callback.
      config.origin = 'unknown';
      config.credentials = 'unknown';
      if (fn) {
        const inner = findObjectLiterals(fn).find((o) => findProperty(o, 'origin') !== undefined);
        if (inner) {
          config.options = inner;
          this.readOptions(config, inner, semantics);
        }
      }
      this.configs.push(config);
      return config;
    }
    if (options) this.readOptions(config, options, semantics);
    else if (semantics === WHATWG_SEMANTICS || semantics === ELYSIA_SEMANTICS || semantics === MICRO_SEMANTICS) this.credentialsByDefault(config);
    if (config.origin === 'default') this.applyDefault(config, semantics);
    this.applyVersion(config);
    if (config.advisory) this.offerUpgrade(config, config.advisory.packageName, config.advisory.fixedIn);
    this.configs.push(config);
    return config;
  }

  /** The package.json edit that raises the library to its first fixed version (versions.ts). */
  offerUpgrade(config: CorsConfig, packageName: string, fixedIn: string): void {
    const edit = upgradeEdit(this.host, packageName, fixedIn, this.fileName);
    if (edit) config.upgrade = { packageName, fixedIn, edit };
  }

  private readOptions(config: CorsConfig, options: ts.ObjectLiteralExpression, semantics: string): void {
    const prop = (name: string) => this.optionProperty(options, name);
    const valueOf = (p: ts.PropertyAssignment | ts.ShorthandPropertyAssignment) => (ts.isPropertyAssignment(p) ? p.initializer : p.name);
    // `origin(origin, callback) { … }` written as a method.
    const originMethod = options.properties.find((p): p is ts.MethodDeclaration => ts.isMethodDeclaration(p) && propertyNameText(p.name) === 'origin');

    const credentials = prop(config.optionKeys?.credentials ?? 'credentials');
    if (credentials) {
      const v = this.evaluator.evaluate(valueOf(credentials));
      const booleans = v.variants.map((x) => (x.kind === 'boolean' ? x.value : x.kind === 'literal' ? x.text === 'true' : undefined));
      config.credentials = booleans.every((b) => b === true) ? true : booleans.every((b) => b === false) ? false : 'unknown';
      config.credentialsNode = credentials;
    } else if (semantics === WHATWG_SEMANTICS || semantics === ELYSIA_SEMANTICS || semantics === MICRO_SEMANTICS) {
      // useCORS, @elysiajs/cors and micro-cors send Access-Control-Allow-Credentials: true unless told not to.
      this.credentialsByDefault(config);
    }
    config.methods = this.stringList(prop('methods') ?? prop('allowMethods') ?? prop('allowedMethods'));
    config.allowedHeaders = this.stringList(prop('allowedHeaders') ?? prop('allowHeaders') ?? prop('headers'));
    if (semantics === 'hapi' && config.allowedHeaders === undefined) config.allowedHeaders = undefined;

    if (originMethod) {
      config.originNode = originMethod;
      config.originFunction = originMethod;
      // What it accepts is judged by the origin-check evaluator where it is needed (rules, inventory).
      config.origin = this.classifyOriginFunction(originMethod).kind;
      return;
    }
    const origin = prop(config.optionKeys?.origin ?? 'origin') ?? prop('origins');
    if (!origin) return;
    config.originNode = origin;
    this.readOrigin(config, valueOf(origin), semantics);
  }

  /**
   * The property `name` of an options object as the library receives it: the last one written wins, and a
   * spread (`{ ...corsOptions, origin }`, options from a config module) gives the properties of the object
   * it spreads when that object is known.
   */
  private optionProperty(options: ts.ObjectLiteralExpression, name: string, depth = 0): ts.PropertyAssignment | ts.ShorthandPropertyAssignment | undefined {
    for (let i = options.properties.length - 1; i >= 0; i--) {
      const p = options.properties[i];
      if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && propertyNameText(p.name) === name) return p;
      if (ts.isSpreadAssignment(p) && depth < 3) {
        const spread = this.evaluator.resolveObjectLiteral(p.expression);
        const found = spread && this.optionProperty(spread, name, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  }

  readOrigin(config: CorsConfig, expr: ts.Expression, semantics: string): void {
    const e = skipOuter(expr);
    if (semantics === WHATWG_SEMANTICS && readWhatwgOrigin(this, config, e)) return;
    if (semantics === ELYSIA_SEMANTICS && readElysiaOrigin(this, config, e)) return;
    if (semantics === H3_SEMANTICS && readH3Origin(this, config, e)) return;
    if (semantics === '@tinyhttp/cors' && readTinyhttpOrigin(this, config, e)) return;
    if (semantics === MICRO_SEMANTICS && readMicroOrigin(this, config, e)) return;
    if (semantics === ORPC_SEMANTICS && readOrpcOrigin(this, config, e)) return;
    if (semantics === EFFECT_SEMANTICS && readEffectOrigin(this, config, e)) return;
    const fn = this.evaluator.resolveFunction(e);
    if (fn) {
      config.originFunction = fn;
      if (ts.isCallExpression(e)) config.originFactoryCall = e;
      config.origin = this.classifyOriginFunction(fn).kind;
      return;
    }
    const regex = this.guards.regexSource(e);
    if (regex) {
      config.origin = 'list';
      config.entries = [{ node: regex.node ?? e, text: regex.source, isRegExp: true }];
      return;
    }
    const array = this.evaluator.resolveArrayLiteral(e);
    if (array) {
      const entries: OriginEntry[] = [];
      let unknownEntry = false;
      for (const element of array.elements) {
        if (ts.isSpreadElement(element) || ts.isOmittedExpression(element)) { unknownEntry = true; continue; }
        const r = this.guards.regexSource(element);
        if (r) { entries.push({ node: r.node ?? element, text: r.source, isRegExp: true }); continue; }
        const value = this.evaluator.evaluate(element);
        for (const v of value.variants) {
          if (v.kind === 'literal') entries.push({ node: v.node ?? element, text: v.text, isRegExp: false });
          else unknownEntry = true;
        }
      }
      config.entries = entries;
      // @fastify/cors, hapi and restify treat '*' in a list as "any origin"; cors and hono/cors compare it
      // as text, so it matches nothing (cors 2.8.5 lib/index.js isOriginAllowed; hono 4.x
      // src/middleware/cors/index.ts `optsOrigin.includes(origin)`).
      const starMeansAny = config.library === '@fastify/cors' || /^(hapi|restify)/.test(config.library);
      const star = starMeansAny && entries.find((x) => !x.isRegExp && x.text === '*');
      if (!starMeansAny && semantics !== 'hapi') {
        for (const entry of entries) {
          if (!entry.isRegExp && entry.text === '*') entry.neverMatches = `${config.library} compares the entries of an origin list with the request Origin as text, so '*' matches no origin (only a plain '*' string allows any origin)`;
        }
      }
      config.origin = star ? 'any' : entries.length === 0 && unknownEntry ? 'unknown' : 'list';
      return;
    }
    // A falsy origin (false, null, undefined, '') switches CORS off in every supported library.
    if (e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined')) {
      config.origin = 'disabled';
      return;
    }
    const value = this.evaluator.evaluate(e);
    const kinds = new Set<OriginOptionKind>();
    for (const v of value.variants) {
      if (v.kind === 'boolean') kinds.add(v.value ? (semantics === 'hapi' ? 'unknown' : 'reflect') : 'disabled');
      else if (v.kind === 'literal') {
        if (v.text === '*') {
          kinds.add('any');
          config.entries.push({ node: v.node ?? e, text: '*', isRegExp: false });
        } else if (v.text === '' || v.text === 'false') kinds.add('disabled');
        else if ((semantics === ADONIS_SEMANTICS || semantics === STRAPI_SEMANTICS) && v.text.includes(',')) {
          // 'https://a.com,https://b.com' is split and each origin compared exactly.
          kinds.add('list');
          for (const text of v.text.split(',').map((t) => t.trim()).filter(Boolean)) config.entries.push({ node: v.node ?? e, text, isRegExp: false, hostOnly: true });
        }
        else if (v.text === 'ignore' && semantics === 'hapi') kinds.add('any');
        else {
          kinds.add('list');
          config.entries.push({ node: v.node ?? e, text: v.text, isRegExp: false });
        }
      } else if (v.kind === 'request') kinds.add('reflect');
      else kinds.add('unknown');
    }
    // The most permissive possibility decides.
    for (const k of ['reflect', 'any', 'unknown', 'list', 'disabled'] as OriginOptionKind[]) {
      if (kinds.has(k)) { config.origin = k; return; }
    }
    config.origin = 'unknown';
  }

  /** The entries of an origin array of plain strings; undefined when one is a spread or not a known string. */
  literalEntries(array: ts.ArrayLiteralExpression): OriginEntry[] | undefined {
    const entries: OriginEntry[] = [];
    for (const element of array.elements) {
      if (ts.isSpreadElement(element) || ts.isOmittedExpression(element)) return undefined;
      for (const v of this.evaluator.evaluate(element).variants) {
        if (v.kind !== 'literal') return undefined;
        entries.push({ node: v.node ?? element, text: v.text, isRegExp: false });
      }
    }
    return entries;
  }

  /** Credentials that the library sends unless the options switch them off. */
  credentialsByDefault(config: CorsConfig): void {
    config.credentials = true;
    config.credentialsByDefault = true;
  }

  private applyDefault(config: CorsConfig, semantics: string): void {
    if (config.library === '@koa/cors') {
      // @koa/cors 5.0.0 index.js: `origin = options.origin || '*'`, and `credentials && origin === '*'`
      // echoes the request Origin; 4.x and earlier: `origin = options.origin || requestOrigin`.
      if (config.credentials === true) {
        config.origin = 'reflect';
        config.defaultNote = '@koa/cors with credentials: true echoes the request Origin';
        return;
      }
      const declared = packageVersionOf(this.host, '@koa/cors', this.fileName);
      if (allInRange(declared, [0, 0, 0], [5, 0, 0]) === true) {
        config.origin = 'reflect';
        config.defaultNote = `@koa/cors ${declared!.version} without an origin option echoes the request Origin`;
        config.advisory = { id: 'CVE-2023-49803', fixedIn: '5.0.0', packageName: '@koa/cors' };
        return;
      }
      config.origin = 'any';
      config.defaultNote = '@koa/cors without an origin option sends * (5.0.0 and later)';
      return;
    }
    if (semantics === WHATWG_SEMANTICS || semantics === ELYSIA_SEMANTICS || semantics === ADONIS_SEMANTICS || semantics === ORPC_SEMANTICS) {
      config.origin = 'reflect';
      config.reflectNote = config.defaultNote;
      return;
    }
    if (config.library === '@middy/http-cors' && config.credentials === true) {
      config.origin = 'reflect';
      config.defaultNote = '@middy/http-cors with credentials and the default origin echoes the request Origin';
      return;
    }
    config.origin = 'any';
    void semantics;
  }

  /** Behaviour that depends on the installed version of the library (see versions.ts). */
  private applyVersion(config: CorsConfig): void {
    if (config.library === 'hono/cors' && config.origin === 'any' && config.credentials === true) {
      // hono 4.12.9–4.12.24 src/middleware/cors/index.ts: `if (opts.credentials) return (origin) => origin || null`
      // for origin '*' (CVE-2026-54290); 4.12.25 sends '*' again, which browsers reject with credentials.
      const declared = packageVersionOf(this.host, 'hono', this.fileName);
      if (allInRange(declared, [4, 12, 9], [4, 12, 25]) === true) {
        config.origin = 'reflect';
        config.reflectNote = `hono ${declared!.version} (hono/cors) echoes any request Origin when credentials: true is combined with origin '*'`;
        config.advisory = { id: 'CVE-2026-54290', fixedIn: '4.12.25', packageName: 'hono' };
      }
    }
    if (config.library === '@elysiajs/cors') applyElysiaVersion(this, config);
  }

  private stringList(p: ts.PropertyAssignment | ts.ShorthandPropertyAssignment | undefined): string[] | undefined {
    if (!p) return undefined;
    const value = this.evaluator.evaluate(ts.isPropertyAssignment(p) ? p.initializer : p.name);
    const out: string[] = [];
    for (const v of value.variants) {
      if (v.kind === 'literal') out.push(...v.text.split(',').map((s) => s.trim()).filter(Boolean));
      else if (v.kind === 'list') out.push(...v.items.flatMap((i) => (i.kind === 'literal' ? [i.text] : [])));
      else return undefined;
    }
    return out;
  }

  /**
   * An origin callback: cors-style `(origin, cb) => cb(null, allow)`, or one returning the origin to allow /
   * a boolean (hono, @fastify/cors, @koa/cors `(ctx) => …`). The weakest way to "allow" decides between
   * reflecting every origin and a list; how strict the list is, the origin-check evaluator judges.
   */
  classifyOriginFunction(fn: ts.SignatureDeclaration): { kind: OriginOptionKind } {
    const body = 'body' in fn ? (fn.body as ts.Node | undefined) : undefined;
    if (!body) return { kind: 'unknown' };
    const originParam = fn.parameters[0] && ts.isIdentifier(fn.parameters[0].name) ? fn.parameters[0].name.text : undefined;
    const callbackParam = fn.parameters[1] && ts.isIdentifier(fn.parameters[1].name) ? fn.parameters[1].name.text : undefined;
    const allowPoints: ts.Expression[] = [];
    forEachDescendant(body, (node) => {
      if (ts.isCallExpression(node) && callbackParam && ts.isIdentifier(node.expression) && node.expression.text === callbackParam) {
        const allow = node.arguments[1];
        if (allow && isAllowValue(allow, originParam)) allowPoints.push(allow);
      }
      return node !== body && ts.isFunctionLike(node) ? 'skip' : undefined;
    });
    const returns = ts.isBlock(body) ? returnStatements(body).flatMap((r) => (r.expression ? [r.expression] : [])) : [body as ts.Expression];
    for (const r of returns) allowPoints.push(...allowingLeaves(r, originParam));
    if (allowPoints.length === 0) return { kind: 'disabled' };

    let weakest: CheckResult | undefined;
    let fixedOnly = true;
    this.guards.withOriginName(originParam, () => {
      for (const point of allowPoints) {
        const p = skipOuter(point);
        let result: CheckResult | undefined;
        if (ts.isStringLiteralLike(p)) continue; // a fixed origin string
        fixedOnly = false;
        const value = this.evaluator.evaluate(p);
        const request = value.variants.find((v) => v.kind === 'request');
        if (request && request.kind === 'request') result = this.guards.guardOf(request, p);
        else if (p.kind === ts.SyntaxKind.TrueKeyword || (ts.isIdentifier(p) && p.text === originParam)) {
          for (const c of dominatingConditions(p, fn)) {
            const r = c.switchCase ? (this.guards.isOriginish(c.expr) ? { strength: 'exact' as const } : undefined) : this.guards.classify(c.expr, c.positive);
            if (r && !r.neutral && (!result || rank(r) > rank(result))) result = r;
          }
        } else {
          result = this.guards.classify(p, true) ?? { strength: 'unknown' };
        }
        result = result && !result.neutral ? result : { strength: 'none' };
        if (!weakest || rank(result) < rank(weakest)) weakest = result;
      }
    });
    if (fixedOnly || !weakest) return { kind: 'list' };
    return weakest.strength === 'none' ? { kind: 'reflect' } : { kind: 'list' };
  }

}

/**
 * @tinyhttp/cors (packages/cors/src/index.ts): `origin: true` sends '*'; an array that contains '*' echoes
 * every request Origin (`origin.indexOf('*') !== -1`). Other shapes read like the cors package.
 */
function readTinyhttpOrigin(collector: MiddlewareCollector, config: CorsConfig, e: ts.Expression): boolean {
  if (e.kind === ts.SyntaxKind.TrueKeyword) {
    config.origin = 'any';
    config.defaultNote = '@tinyhttp/cors `origin: true` sends *';
    return true;
  }
  const array = collector.evaluator.resolveArrayLiteral(e);
  const star = array?.elements.find((x) => ts.isStringLiteralLike(skipOuter(x)) && (skipOuter(x) as ts.StringLiteral).text === '*');
  if (!star) return false;
  config.origin = 'reflect';
  config.reflectNote = "@tinyhttp/cors echoes the request Origin for an origin list that contains '*'";
  return true;
}

function rank(r: CheckResult): number {
  return { none: 0, weak: 1, unknown: 2, exact: 3 }[r.strength];
}

/** cb(null, true), cb(null, origin), cb(null, { origin: true }) allow; false/undefined deny. */
function isAllowValue(expr: ts.Expression, originParam: string | undefined): boolean {
  const e = skipOuter(expr);
  if (e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword) return false;
  if (ts.isIdentifier(e) && e.text === 'undefined') return false;
  if (ts.isObjectLiteralExpression(e)) {
    const origin = findProperty(e, 'origin');
    return !!origin && isAllowValue(origin, originParam);
  }
  return true;
}

/** The sub-expressions of a returned value that allow an origin (`cond ? origin : null` → origin). */
function allowingLeaves(expr: ts.Expression, originParam: string | undefined): ts.Expression[] {
  const e = skipOuter(expr);
  if (ts.isConditionalExpression(e)) return [...allowingLeaves(e.whenTrue, originParam), ...allowingLeaves(e.whenFalse, originParam)];
  if (e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword) return [];
  if (ts.isIdentifier(e) && e.text === 'undefined') return [];
  if (ts.isStringLiteralLike(e) && e.text === '') return [];
  return [e];
}

function findObjectLiterals(fn: ts.SignatureDeclaration): ts.ObjectLiteralExpression[] {
  const out: ts.ObjectLiteralExpression[] = [];
  if ('body' in fn && fn.body) {
    forEachDescendant(fn.body as ts.Node, (node) => {
      if (ts.isObjectLiteralExpression(node)) out.push(node);
    });
  }
  return out;
}
