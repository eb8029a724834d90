// Effect's `HttpMiddleware.cors(options)` (and `HttpApiBuilder.middlewareCors(options)`, which applies it),
// read from Effect-TS/effect packages/platform/src/internal/httpMiddleware.ts at @effect/platform 0.97.1
// (arrays read the same since 0.58.4; predicates from 0.91.1):
//   allowedOrigins default [] (before 0.91.1 ['*']) → Access-Control-Allow-Origin: *;
//   exactly one entry → that entry is sent for every request (with Vary: Origin), so ['*'] sends '*';
//   more entries → the request Origin is echoed when the list includes it exactly (a '*' among them is
//   compared as text), or a predicate `(origin) => boolean` decides;
//   credentials default false; `credentials: true` adds Access-Control-Allow-Credentials: true to whatever
//   origin is sent; OPTIONS is answered (204) by the middleware.
import ts from 'typescript';
import type { MiddlewareCollector } from './middleware';
import type { CorsConfig } from './model';

export const EFFECT_SEMANTICS = 'Effect';
const EFFECT_CORS = /^@effect\/platform(\/HttpMiddleware#cors|#HttpMiddleware\.cors|\/HttpApiBuilder#middlewareCors|#HttpApiBuilder\.middlewareCors)$/;

/** `HttpMiddleware.cors(options?)`, `HttpApiBuilder.middlewareCors(options?)`. */
export function visitEffectCall(collector: MiddlewareCollector, call: ts.CallExpression, callee: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(callee) || (callee.name.text !== 'cors' && callee.name.text !== 'middlewareCors')) return false;
  if (![...collector.imports].some((m) => m.startsWith('@effect/platform'))) return false;
  const namespace = collector.moduleOf(callee.expression);
  if (!namespace) return false;
  // `import { HttpMiddleware } from '@effect/platform'` → '@effect/platform#HttpMiddleware';
  // `import * as HttpMiddleware from '@effect/platform/HttpMiddleware'` → '@effect/platform/HttpMiddleware'.
  const key = namespace.includes('#') ? `${namespace}.${callee.name.text}` : `${namespace}#${callee.name.text}`;
  if (!EFFECT_CORS.test(key)) return false;
  const name = callee.name.text === 'cors' ? 'Effect HttpMiddleware.cors' : 'Effect HttpApiBuilder.middlewareCors';
  collector.add(name, EFFECT_SEMANTICS, call, call.arguments[0], `${name} with no allowedOrigins sends *`);
  return true;
}

/** Effect's `allowedOrigins`: false when the generic reader handles it (a predicate). */
export function readEffectOrigin(collector: MiddlewareCollector, config: CorsConfig, e: ts.Expression): boolean {
  const array = collector.evaluator.resolveArrayLiteral(e);
  if (!array) {
    if (ts.isIdentifier(e) && e.text === 'undefined') {
      config.origin = 'any';
      config.defaultNote = `${config.library} with no allowedOrigins sends *`;
      return true;
    }
    return false;
  }
  const entries = collector.literalEntries(array);
  if (!entries) {
    config.origin = 'unknown';
    return true;
  }
  if (entries.length === 0) {
    config.origin = 'any';
    config.defaultNote = `${config.library} with an empty allowedOrigins sends *`;
    return true;
  }
  // One entry is sent as the header value itself: '*' means any origin.
  if (entries.length === 1 && entries[0].text === '*') {
    config.origin = 'any';
    config.entries = entries;
    return true;
  }
  for (const entry of entries) {
    if (entry.text === '*') entry.neverMatches = `${config.library} compares a list of several allowedOrigins with the request Origin as text, so '*' matches no origin (only ['*'] alone sends *)`;
  }
  config.origin = 'list';
  config.entries = entries;
  return true;
}
