// oRPC's CORS plugin, read from unnoq/orpc packages/server/src/plugins/cors.ts (the same matching from
// @orpc/server 1.0.0 to 1.13.14, eaadb5f):
//   defaults `origin: origin => origin` (every request Origin is echoed), credentials undefined (off);
//   the origin option's value (or what its function returns) is a string or an array: one that contains '*'
//   sends '*', otherwise the request Origin is echoed when the array includes it exactly, with
//   `Vary: origin`; `credentials: true` adds Access-Control-Allow-Credentials: true to whatever was sent;
//   OPTIONS is answered (204) by the plugin, and the response gets the same origin headers.
// Used as `new CORSPlugin(options)` in a handler's `plugins` (`@orpc/server/plugins`).
import ts from 'typescript';
import { skipOuter } from '../values';
import type { MiddlewareCollector } from './middleware';
import type { CorsConfig } from './model';

export const ORPC_SEMANTICS = 'oRPC';
const ORPC_MODULE = /^@orpc\/server(\/plugins)?#CORSPlugin$/;

/** `new CORSPlugin(options?)` from @orpc/server/plugins. */
export function visitOrpcNew(collector: MiddlewareCollector, expr: ts.NewExpression): void {
  const callee = skipOuter(expr.expression);
  if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return;
  if (![...collector.imports].some((m) => m.startsWith('@orpc/server'))) return;
  const module = ts.isIdentifier(callee) ? collector.moduleOf(callee) : `${collector.moduleOf(callee.expression) ?? ''}#${callee.name.text}`;
  if (!module || !ORPC_MODULE.test(module)) return;
  collector.add('oRPC CORSPlugin', ORPC_SEMANTICS, expr, expr.arguments?.[0], 'oRPC CORSPlugin with no origin option echoes the request Origin');
}

/** oRPC's `origin`: false when the generic reader handles it (functions, single strings, request data). */
export function readOrpcOrigin(collector: MiddlewareCollector, config: CorsConfig, e: ts.Expression): boolean {
  const array = collector.evaluator.resolveArrayLiteral(e);
  if (!array) return false;
  const entries = collector.literalEntries(array);
  if (!entries) {
    config.origin = 'unknown';
    return true;
  }
  // `allowedOriginArr.includes('*')` sends '*' whatever else the array holds.
  const star = entries.find((x) => x.text === '*');
  config.origin = star ? 'any' : 'list';
  config.entries = star ? [star] : entries;
  return true;
}
