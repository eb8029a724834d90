// h3 (Nuxt 3 / Nitro 2 server routes) and Nitro route rules, read from
//   h3 v1.15.11 src/utils/cors/utils.ts + handler.ts: handleCors / appendCorsHeaders options default to
//     origin '*', credentials false; a falsy origin or '*' sends '*'; another string is sent as is; an
//     array is an allowlist of exact strings and RegExps ('*' in it is compared as text and matches
//     nothing); a function `(origin) => boolean`; credentials send Access-Control-Allow-Credentials: true
//     next to whatever origin (so '*' with credentials is rejected by browsers); handleCors answers the
//     preflight (204), appendCorsHeaders does not.
//   h3 v1 src/utils/response.ts: setResponseHeader / setHeader / appendResponseHeader / appendHeader
//     (event, name, value) and setResponseHeaders(event, { … }) (an object literal, read by headers.ts).
//   nitro v2.13.4 src/config/resolvers/route-rules.ts: a route rule's `cors: true` adds
//     access-control-allow-origin/-methods/-headers '*' under the rule's own `headers`, which win.
// Nuxt auto-imports the h3 utilities in server/, so an undeclared `handleCors` is h3's.
import ts from 'typescript';
import { propertyNameText, skipOuter } from '../values';
import { ACAO, type HeaderWriteCollector } from './headers';
import type { MiddlewareCollector } from './middleware';
import type { OriginEntry, CorsConfig } from './model';

export const H3_SEMANTICS = 'h3';
const CORS_UTILITIES = new Set(['handleCors', 'appendCorsHeaders']);
// A Map, not an object: `name in {…}` would also find `toString` and the other names of Object.prototype.
const HEADER_UTILITIES = new Map<string, 'set' | 'append'>([['setResponseHeader', 'set'], ['setHeader', 'set'], ['appendResponseHeader', 'append'], ['appendHeader', 'append']]);

/** handleCors(event, options), appendCorsHeaders(event, options), setResponseHeader(event, name, value)… */
export function visitH3Call(call: ts.CallExpression, headers: HeaderWriteCollector, middleware: MiddlewareCollector): void {
  const callee = skipOuter(call.expression);
  if (!ts.isIdentifier(callee)) return;
  const name = callee.text;
  const cors = CORS_UTILITIES.has(name);
  const mode = HEADER_UTILITIES.get(name);
  // Every call of a plain name comes here (thousands in a bundle): the name decides before the scopes are looked up.
  if (!cors && !mode) return;
  if (!fromH3(callee, middleware)) return;
  if (cors && call.arguments.length >= 1) {
    const config = middleware.add(`h3 ${name}`, H3_SEMANTICS, call, call.arguments[1], `h3 ${name} with no origin option sends *`);
    if (config) config.answersPreflight = name === 'handleCors';
    return;
  }
  if (mode && call.arguments.length === 3) headers.addWrite(call, call.arguments[1], call.arguments[2], name, mode);
}

/** An h3 utility's name, imported from h3 or Nitro, or auto-imported (undeclared). */
function fromH3(callee: ts.Identifier, middleware: MiddlewareCollector): boolean {
  const module = middleware.moduleOf(callee);
  if (module) return /^(h3|nitropack\/runtime|#imports)(#|$)/.test(module);
  // Nuxt/Nitro auto-imports: an undeclared name in a file that declares no other source for it.
  return !middleware.evaluator.resolve(callee);
}

/** h3's `origin`: false when the generic reader handles it (a function). */
export function readH3Origin(middleware: MiddlewareCollector, config: CorsConfig, e: ts.Expression): boolean {
  if (middleware.evaluator.resolveFunction(e)) return false;
  const array = middleware.evaluator.resolveArrayLiteral(e);
  if (array) {
    const entries: OriginEntry[] = [];
    for (const element of array.elements) {
      if (ts.isSpreadElement(element) || ts.isOmittedExpression(element)) {
        config.origin = 'unknown';
        return true;
      }
      const regex = middleware.guards.regexSource(element);
      if (regex) {
        entries.push({ node: regex.node ?? element, text: regex.source, isRegExp: true });
        continue;
      }
      for (const v of middleware.evaluator.evaluate(element).variants) {
        if (v.kind !== 'literal') {
          config.origin = 'unknown';
          return true;
        }
        const entry: OriginEntry = { node: v.node ?? element, text: v.text, isRegExp: false };
        if (v.text === '*') entry.neverMatches = "h3 compares the entries of an origin array with the request Origin exactly, so '*' matches no origin (only a plain '*' string allows any origin)";
        entries.push(entry);
      }
    }
    config.origin = 'list';
    config.entries = entries;
    return true;
  }
  const value = middleware.evaluator.evaluate(e);
  // `origin: true` is neither '*' nor a string, array or function: isCorsOriginAllowed calls it and throws
  // (h3 v1.15 src/utils/cors/utils.ts), so it grants nothing a rule could describe.
  if (value.variants.some((v) => v.kind === 'boolean' && v.value)) {
    config.origin = 'unknown';
    return true;
  }
  if (value.variants.length === 0 || value.variants.some((v) => v.kind !== 'literal' && v.kind !== 'boolean' && !(v.kind === 'unknown' && isFalsyNode(e)))) return false;
  // A falsy origin or '*' sends '*' (createOriginHeaders: `!originOption || originOption === "*"`).
  if (isFalsyNode(e) || value.variants.every((v) => (v.kind === 'literal' && (v.text === '*' || v.text === '')) || (v.kind === 'boolean' && !v.value))) {
    config.origin = 'any';
    const star = value.variants.find((v) => v.kind === 'literal' && v.text === '*');
    if (star && star.kind === 'literal') config.entries = [{ node: star.node ?? e, text: '*', isRegExp: false }];
    else config.defaultNote = 'h3 sends * for a falsy origin';
    return true;
  }
  if (value.variants.every((v) => v.kind === 'literal')) {
    config.origin = 'list';
    config.entries = value.variants.map((v) => ({ node: (v.kind === 'literal' && v.node) || e, text: v.kind === 'literal' ? v.text : '', isRegExp: false }));
    return true;
  }
  return false;
}

function isFalsyNode(e: ts.Expression): boolean {
  return e.kind === ts.SyntaxKind.NullKeyword || e.kind === ts.SyntaxKind.FalseKeyword || (ts.isIdentifier(e) && e.text === 'undefined');
}

/**
 * A Nitro route rule's `cors: true` (in nuxt.config `routeRules`, `nitro.routeRules`, nitro.config): the
 * Access-Control-Allow-Origin: * it adds, as a header write in the rule's `headers` group, unless those
 * headers set their own.
 */
export function visitRouteRuleCors(prop: ts.PropertyAssignment, headers: HeaderWriteCollector): void {
  if (propertyNameText(prop.name) !== 'cors' || skipOuter(prop.initializer).kind !== ts.SyntaxKind.TrueKeyword) return;
  const rule = prop.parent;
  const routeProp = rule.parent;
  if (!ts.isObjectLiteralExpression(rule) || !ts.isPropertyAssignment(routeProp)) return;
  const rules = routeProp.parent;
  const rulesProp = rules.parent;
  if (!ts.isObjectLiteralExpression(rules) || !ts.isPropertyAssignment(rulesProp) || propertyNameText(rulesProp.name) !== 'routeRules') return;
  const headersProp = rule.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'headers');
  const headerObject = headersProp && skipOuter(headersProp.initializer);
  const group = headerObject && ts.isObjectLiteralExpression(headerObject) ? headerObject : rule;
  if (group !== rule && headers.writes.some((w) => w.name === ACAO && w.groupNode === group)) return;
  headers.addImpliedWrite(prop, ACAO, '*', 'routeRules cors', group);
}
