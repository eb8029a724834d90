// Platform semantics on the JS side (DESIGN §13): header sets in framework configuration that apply to a
// path pattern, the way vercel.json and netlify.toml rules do — next.config `headers()` entries and Nitro
// `routeRules` (nuxt.config, nitro.config). Every entry whose pattern matches a request's path applies:
//
// - Next.js: "If two headers match the same path and set the same header key, the last header key will
//   override the first." https://nextjs.org/docs/app/api-reference/config/next-config-js/headers
//   ("Header Overriding Behavior"). An entry with `has` / `missing` applies only to some requests.
// - Nitro: the rules of a path are merged, the most specific first (`defu({}, ...matchAll(path).reverse())`,
//   nitro v2.12.9 src/runtime/internal/route-rules.ts:90), header by header.
//
// So Access-Control-Allow-Credentials: true set for `/**` reaches the `'*'` of a `/api/**` rule, as with
// merged `_headers` rules. Patterns are compared conservatively (same pattern, or a catch-all suffix
// whose prefix the other pattern starts with); anything else is not known to overlap.
import ts from 'typescript';

export type ConfigRouteFamily = 'next.config headers()' | 'Nitro routeRules';

export interface ConfigRoute {
  family: ConfigRouteFamily;
  /** The path pattern as written: `/api/:path*`, `/api/**`. */
  pattern: string;
  /** The entry or rule object (its position orders next.config entries). */
  node: ts.Node;
  /** next.config `has` / `missing`: the entry applies to some requests only. */
  conditional: boolean;
}

/**
 * The configuration route a response group belongs to: the `headers: [...]` list of a next.config
 * `headers()` entry, or a Nitro route rule (its `headers` object, or the rule itself for `cors: true`).
 */
export function configRouteOf(groupNode: ts.Node): ConfigRoute | undefined {
  // next.config: { source: '/api/:path*', headers: [ { key, value } ] }
  if (ts.isArrayLiteralExpression(groupNode) && ts.isPropertyAssignment(groupNode.parent) && nameOf(groupNode.parent.name) === 'headers') {
    const entry = groupNode.parent.parent;
    const source = ts.isObjectLiteralExpression(entry) ? stringProperty(entry, 'source') : undefined;
    if (!source || !ts.isObjectLiteralExpression(entry)) return undefined;
    const conditional = entry.properties.some((p) => p.name !== undefined && ['has', 'missing'].includes(nameOf(p.name) ?? ''));
    return { family: 'next.config headers()', pattern: source, node: entry, conditional };
  }
  // Nitro: routeRules: { '/api/**': { cors: true, headers: { … } } }
  let rule: ts.Node = groupNode;
  if (ts.isObjectLiteralExpression(groupNode) && ts.isPropertyAssignment(groupNode.parent) && nameOf(groupNode.parent.name) === 'headers') rule = groupNode.parent.parent;
  const routeProp = rule.parent;
  const rules = routeProp?.parent;
  if (!ts.isObjectLiteralExpression(rule) || !routeProp || !ts.isPropertyAssignment(routeProp) || !rules || !ts.isObjectLiteralExpression(rules)) return undefined;
  if (!ts.isPropertyAssignment(rules.parent) || nameOf(rules.parent.name) !== 'routeRules') return undefined;
  const pattern = nameOf(routeProp.name);
  return pattern === undefined ? undefined : { family: 'Nitro routeRules', pattern, node: rule, conditional: false };
}

/**
 * The other routes of the same configuration that also apply to every path `route` matches, and whose
 * headers therefore reach the same responses.
 */
export function coveringRoutes<T extends { configRoute?: ConfigRoute }>(group: T, all: readonly T[]): T[] {
  const own = group.configRoute;
  if (!own) return [];
  return all.filter((other) => {
    const route = other.configRoute;
    return other !== group && route !== undefined && route.family === own.family && !route.conditional && patternCovers(route, own.pattern);
  });
}

/** Does every path `narrow` matches also match `wide`? Only the shapes that are certain. */
function patternCovers(wide: ConfigRoute, narrow: string): boolean {
  if (wide.pattern === narrow) return true;
  // Nitro (radix3): `/api/**`; Next.js (path-to-regexp): `/api/:path*`, `/api/(.*)`, `/api/:path(.*)`.
  const catchAll = wide.family === 'Nitro routeRules' ? /^(.*)\/\*\*$/.exec(wide.pattern) : /^(.*)\/(?::\w+\*|\(\.\*\)|:\w+\(\.\*\))$/.exec(wide.pattern);
  if (!catchAll || /[*:(]/.test(catchAll[1])) return false;
  return narrow.startsWith(`${catchAll[1]}/`);
}

function nameOf(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

function stringProperty(object: ts.ObjectLiteralExpression, key: string): string | undefined {
  const prop = object.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && nameOf(p.name) === key);
  return prop && ts.isStringLiteralLike(prop.initializer) ? prop.initializer.text : undefined;
}
