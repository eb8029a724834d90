// GraphQL Yoga and @whatwg-node/server's useCORS plugin (Yoga hands its `cors` option to it), read from
// @whatwg-node/server 0.9.x–0.10.x packages/server/src/plugins/useCors.ts and graphql-yoga 3.x–5.x
// packages/graphql-yoga/src/server.ts (`options?.cors !== false && useCORS(options?.cors)`):
//   - no `cors` option, `cors: true` or an object: useCORS applies; `cors: false` switches it off;
//   - `origin` undefined/null, '' or [] or one that contains '*' (a string's `includes`, so
//     'https://*.a.com' too) echoes the request Origin, with Vary: Origin;
//   - a string is sent as is; an array of one origin sends that origin; longer arrays echo a listed
//     Origin and send 'null' for any other;
//   - Access-Control-Allow-Credentials: true unless `credentials: false` (the origin is never '*');
//   - OPTIONS is answered with 204.
import ts from 'typescript';
import { skipOuter } from '../values';
import type { MiddlewareCollector } from './middleware';
import type { CorsConfig, OriginEntry } from './model';

export const WHATWG_SEMANTICS = 'whatwg-node useCORS';
const YOGA_MODULE = /^(graphql-yoga|@graphql-yoga\/)/;

export function isYogaFile(imports: Set<string>): boolean {
  for (const m of imports) if (YOGA_MODULE.test(m)) return true;
  return false;
}

/** createYoga({ … }) and useCORS(options): true when the call was one of them. */
export function visitGraphqlCall(collector: MiddlewareCollector, call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression);
  if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return false;
  const name = ts.isIdentifier(callee) ? callee.text : callee.name.text;
  if (name !== 'createYoga' && name !== 'useCORS') return false;
  const module = collector.moduleOf(callee) ?? '';
  const [specifier] = module.split('#');
  if (name === 'useCORS') {
    if (specifier !== '@whatwg-node/server' && !YOGA_MODULE.test(specifier)) return false;
    const option = call.arguments[0] && skipOuter(call.arguments[0]);
    if (option && option.kind === ts.SyntaxKind.FalseKeyword) return true;
    const options = option && option.kind !== ts.SyntaxKind.TrueKeyword ? option : undefined;
    collector.add('@whatwg-node/server useCORS', WHATWG_SEMANTICS, call, options, 'useCORS with no origin option echoes the request Origin');
    return true;
  }
  if (!YOGA_MODULE.test(specifier) && !(ts.isIdentifier(callee) && !module && isYogaFile(collector.imports))) return false;
  const settings = call.arguments[0] && collector.evaluator.resolveObjectLiteral(call.arguments[0]);
  if (!settings) return call.arguments.length === 0 ? addYogaDefault(collector, callee, undefined) : true;
  const cors = settings.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'cors');
  if (!cors) return addYogaDefault(collector, callee, settings);
  if (!ts.isPropertyAssignment(cors)) return true; // shorthand/method: read through the value below when resolvable
  const value = skipOuter(cors.initializer);
  if (value.kind === ts.SyntaxKind.FalseKeyword) return true;
  if (value.kind === ts.SyntaxKind.TrueKeyword) {
    collector.add('GraphQL Yoga', WHATWG_SEMANTICS, cors, undefined, 'GraphQL Yoga `cors: true` echoes the request Origin');
    return true;
  }
  collector.add('GraphQL Yoga', WHATWG_SEMANTICS, cors, cors.initializer, 'GraphQL Yoga cors option without origin echoes the request Origin');
  return true;
}

function addYogaDefault(collector: MiddlewareCollector, callee: ts.Expression, settings: ts.ObjectLiteralExpression | undefined): true {
  const config = collector.add('GraphQL Yoga', WHATWG_SEMANTICS, callee, undefined, 'GraphQL Yoga with no cors option echoes the request Origin');
  if (config && settings) config.optionsHost = { object: settings, key: 'cors' };
  return true;
}

/** useCORS's `origin` (a string or a string array). False when the value is not one useCORS reads. */
export function readWhatwgOrigin(collector: MiddlewareCollector, config: CorsConfig, e: ts.Expression): boolean {
  if (e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined')) {
    reflect(config, 'useCORS echoes the request Origin when origin is not set');
    return true;
  }
  const array = collector.evaluator.resolveArrayLiteral(e);
  if (array) {
    const entries: OriginEntry[] = [];
    for (const element of array.elements) {
      if (ts.isSpreadElement(element) || ts.isOmittedExpression(element)) return unknown(config);
      const value = collector.evaluator.evaluate(element);
      for (const v of value.variants) {
        if (v.kind !== 'literal') return unknown(config);
        entries.push({ node: v.node ?? element, text: v.text, isRegExp: false });
      }
    }
    if (entries.length === 0) reflect(config, 'useCORS echoes the request Origin for an empty origin list');
    else if (entries.some((x) => x.text.includes('*'))) reflect(config, "useCORS echoes the request Origin when the origin list contains '*'");
    else {
      config.origin = 'list';
      config.entries = entries;
    }
    return true;
  }
  const value = collector.evaluator.evaluate(e);
  const literals = value.variants.filter((v) => v.kind === 'literal');
  if (literals.length === 0 || literals.length !== value.variants.length) return unknown(config);
  for (const v of literals) {
    if (v.kind !== 'literal') continue;
    if (v.text === '' || v.text.includes('*')) {
      reflect(config, v.text === '' ? 'useCORS echoes the request Origin for an empty origin' : `useCORS echoes the request Origin for '${v.text}' (any origin containing '*')`);
      return true;
    }
  }
  config.origin = 'list';
  config.entries = literals.map((v) => ({ node: (v.kind === 'literal' && v.node) || e, text: v.kind === 'literal' ? v.text : '', isRegExp: false }));
  return true;
}

function reflect(config: CorsConfig, note: string): void {
  config.origin = 'reflect';
  config.reflectNote = note;
}

function unknown(config: CorsConfig): true {
  config.origin = 'unknown';
  return true;
}

