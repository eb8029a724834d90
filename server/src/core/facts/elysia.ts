// @elysiajs/cors, read from elysiajs/elysia-cors src/index.ts at 1.2.0, 1.3.0, 1.3.1 and 1.4.2:
//   - defaults `origin = true` and `credentials = true`: with no options every request Origin is echoed
//     (`request.headers.get('Origin') || '*'`) together with Access-Control-Allow-Credentials: true;
//   - `origin: false` sends no Access-Control-Allow-Origin; '*' (alone or in an array) sends '*' — with the
//     default credentials, a response browsers reject;
//   - a string with a scheme is compared with the Origin exactly; a string without one is compared with
//     the Origin's host, whatever the scheme (1.3.1+: `from.slice(indexOf('://') + 3) === origin`), and
//     before 1.3.1 as a substring of the Origin (`from.includes(origin)`);
//   - RegExp entries are tested on the whole Origin; a function `(request) => boolean` allows on `true`;
//   - OPTIONS is answered (204) unless `preflight: false`.
import ts from 'typescript';
import type { MiddlewareCollector } from './middleware';
import type { CorsConfig, OriginEntry } from './model';
import { allInRange, packageVersionOf } from './versions';

export const ELYSIA_SEMANTICS = '@elysiajs/cors';

/** @elysiajs/cors's `origin`; false when the generic reader handles it (functions, a single RegExp). */
export function readElysiaOrigin(collector: MiddlewareCollector, config: CorsConfig, e: ts.Expression): boolean {
  if (e.kind === ts.SyntaxKind.TrueKeyword) {
    config.origin = 'reflect';
    config.reflectNote = '@elysiajs/cors `origin: true` echoes the request Origin';
    return true;
  }
  if (e.kind === ts.SyntaxKind.FalseKeyword) {
    config.origin = 'disabled';
    return true;
  }
  if (collector.evaluator.resolveFunction(e) || collector.guards.regexSource(e)) return false;
  const array = collector.evaluator.resolveArrayLiteral(e);
  const elements: ts.Expression[] = array ? [...array.elements] : [e];
  const entries: OriginEntry[] = [];
  for (const element of elements) {
    if (ts.isSpreadElement(element) || ts.isOmittedExpression(element)) return unknown(config);
    const regex = collector.guards.regexSource(element);
    if (regex) {
      entries.push({ node: regex.node ?? element, text: regex.source, isRegExp: true });
      continue;
    }
    if (collector.evaluator.resolveFunction(element)) return unknown(config);
    const value = collector.evaluator.evaluate(element);
    for (const v of value.variants) {
      if (v.kind !== 'literal') return unknown(config);
      entries.push({ node: v.node ?? element, text: v.text, isRegExp: false, hostOnly: !v.text.includes('://') && v.text !== '*' });
    }
  }
  config.entries = entries;
  const star = entries.find((x) => !x.isRegExp && x.text === '*');
  config.origin = star ? 'any' : entries.length === 0 ? 'disabled' : 'list';
  if (star) config.entries = [star];
  return true;
}

function unknown(config: CorsConfig): true {
  config.origin = 'unknown';
  return true;
}

/** Before 1.3.1 an origin without a scheme was matched as a substring of the request Origin. */
export function applyElysiaVersion(collector: MiddlewareCollector, config: CorsConfig): void {
  const hostOnly = config.entries.find((x) => x.hostOnly);
  if (!hostOnly || config.weakCheck) return;
  const declared = packageVersionOf(collector.host, '@elysiajs/cors', collector.fileName);
  if (allInRange(declared, [0, 0, 0], [1, 3, 1]) !== true) return;
  const quote = hostOnly.node.getText().startsWith('"') ? '"' : "'";
  config.weakCheck = {
    node: hostOnly.node,
    strength: 'weak',
    weakness: `@elysiajs/cors ${declared!.version} matches '${hostOnly.text}' anywhere in the request Origin, so https://${hostOnly.text}.attacker.example passes (fixed in 1.3.1, which compares the host exactly)`,
    replacement: `${quote}https://${hostOnly.text}${quote}`,
  };
  collector.offerUpgrade(config, '@elysiajs/cors', '1.3.1');
}
