// micro-cors, read from possibilities/micro-cors src/index.js at v0.1.1 (the latest release; HEAD 3ed1e01
// only adds an early return for finished responses):
//   const { origin = '*', allowCredentials = true, allowMethods, allowHeaders, … } = options
//   res.setHeader('Access-Control-Allow-Origin', origin)
//   if (allowCredentials) res.setHeader('Access-Control-Allow-Credentials', 'true')
// so the origin option is sent as the header value for every request (no matching, no Vary), '*' by
// default, and credentials are on unless `allowCredentials` is falsy: `microCors()` sends '*' with
// credentials, which browsers reject. On OPTIONS it adds the methods/headers and still calls the handler.
// `cors(handler)` wraps a handler; the call that configures is `microCors(options)`.
import ts from 'typescript';
import type { MiddlewareCollector } from './middleware';
import type { CorsConfig } from './model';

export const MICRO_SEMANTICS = 'micro-cors';

/** micro-cors's `origin`; false when the generic reader handles it (strings, request data, env values). */
export function readMicroOrigin(collector: MiddlewareCollector, config: CorsConfig, e: ts.Expression): boolean {
  // An explicit `undefined` takes the destructuring default '*'.
  if (ts.isIdentifier(e) && e.text === 'undefined') {
    config.origin = 'any';
    config.defaultNote = "micro-cors sends its default origin '*' for an undefined origin";
    return true;
  }
  // res.setHeader(name, array) sends one header line per entry: a one-entry array is that origin; several
  // are several Access-Control-Allow-Origin headers, which browsers reject (multiple-origins; the policy is
  // unknown to every other rule).
  const array = collector.evaluator.resolveArrayLiteral(e);
  if (array) {
    const only = array.elements.length === 1 && !ts.isSpreadElement(array.elements[0]) && !ts.isOmittedExpression(array.elements[0]) ? array.elements[0] : undefined;
    if (only) return readMicroOrigin(collector, config, only) || (collector.readOrigin(config, only, MICRO_SEMANTICS), true);
    config.origin = 'unknown';
    const origins = collector.literalEntries(array)?.map((entry) => entry.text);
    if (origins && origins.length > 1) config.originArray = { node: array, origins };
    return true;
  }
  // Functions, booleans and RegExps are not called or matched: Node writes (or rejects) them as text.
  if (collector.evaluator.resolveFunction(e) || collector.guards.regexSource(e) || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword) {
    config.origin = 'unknown';
    return true;
  }
  // Request data written as the origin (a wrapper built per request): echoed unless an allowlist check guards it.
  const request = collector.evaluator.evaluate(e).variants.filter((v) => v.kind === 'request');
  if (request.length > 0) {
    const unchecked = request.some((v) => v.kind === 'request' && collector.guards.guardOf(v, e).strength === 'none');
    config.origin = unchecked ? 'reflect' : 'unknown';
    if (unchecked) config.reflectNote = 'micro-cors writes its origin option as the header, and here that is the request Origin';
    return true;
  }
  return false;
}
