// Small facts about CORS libraries that several rules need.
import ts from 'typescript';
import type { CorsConfig } from './facts/model';
import { ALLOWLIST_NAME, FixBuilder } from './fixers';
import type { Fix, TextEdit } from './types';

/**
 * Libraries that answer "any origin + credentials" by echoing the request's Origin rather than sending
 * '*' (so the browser accepts it, and any site can read credentialed responses).
 */
export function reflectsWithCredentials(config: CorsConfig): boolean {
  return config.library === '@koa/cors' || config.library === '@middy/http-cors' || config.library.startsWith('hapi');
}

/** HTTP middleware that writes Access-Control-Allow-Origin on the app's own responses. */
export function isHttpMiddleware(config: CorsConfig): boolean {
  return !/^(Socket\.IO|Apollo Server|GraphQL Yoga)/.test(config.library);
}

/**
 * Edits that make a middleware config allow only `allowedOrigins` (declared after the imports when the
 * file has no such list), in the form the library accepts.
 */
export function restrictConfigToAllowlist(config: CorsConfig, fixer: FixBuilder): Fix | undefined {
  const { origins, example } = fixer.allowlist();
  const declaration = fixer.declaresTopLevel(ALLOWLIST_NAME) ? undefined : fixer.allowlistDeclaration(origins, example);
  const koa = config.library === '@koa/cors';
  const value = koa
    ? `(ctx) => (${ALLOWLIST_NAME}.includes(ctx.get('Origin')) ? ctx.get('Origin') : ${ALLOWLIST_NAME}[0])`
    : ALLOWLIST_NAME;
  const key = config.library === '@middy/http-cors' ? 'origins' : 'origin';
  let edit: TextEdit | undefined;
  if (config.originNode && ts.isPropertyAssignment(config.originNode)) {
    edit = fixer.replace(config.originNode.initializer, value);
  } else if (config.originNode && ts.isShorthandPropertyAssignment(config.originNode)) {
    edit = fixer.replace(config.originNode, `${key}: ${value}`);
  } else if (config.options) {
    const first = config.options.properties[0];
    edit = first ? fixer.insertBefore(first, `${key}: ${value}, `) : fixer.replace(config.options, `{ ${key}: ${value} }`);
  } else if (ts.isCallExpression(config.node) && config.node.arguments.length === 0) {
    const call = config.node;
    edit = { start: call.end - 1, end: call.end - 1, newText: `{ ${key}: ${value} }` };
  } else if (ts.isCallExpression(config.node) && ts.isPropertyAccessExpression(config.node.expression) && config.node.expression.name.text === 'register' && config.node.arguments.length === 1) {
    edit = fixer.insertAfter(config.node.arguments[0], `, { ${key}: ${value} }`);
  } else if (ts.isPropertyAssignment(config.node)) {
    edit = fixer.replace(config.node.initializer, `{ ${key}: ${value} }`);
  }
  if (!edit) return undefined;
  return fixer.fix(`Allow only the origins in ${ALLOWLIST_NAME}${fixer.placeholderNote([declaration])}`, 'suggestion', [edit, declaration].filter((e): e is TextEdit => e !== undefined));
}

/** Libraries whose `origin` option takes RegExp entries (the `cors` package and those built on it, @fastify/cors). */
const TAKES_REGEXP = /^(cors|@fastify\/cors|NestJS|Socket\.IO|Apollo Server|GraphQL Yoga)/;

/**
 * Replaces a wildcard origin entry (`'https://*.a.com'`) by a subdomain pattern in the form the library
 * accepts: a RegExp entry where the library takes one; for hono/cors (which compares array entries with
 * `===` and whose types reject a RegExp) and @koa/cors (a string or a function), an origin function
 * that accepts the pattern and the other listed origins. Undefined for libraries with wildcard support
 * of their own or whose form is not known.
 */
export function subdomainPatternEdit(config: CorsConfig, entry: ts.Node, regex: string, fixer: FixBuilder): TextEdit | undefined {
  if (TAKES_REGEXP.test(config.library)) return fixer.replace(entry, regex);
  const option = config.originNode && ts.isPropertyAssignment(config.originNode) ? config.originNode.initializer : undefined;
  if (!option) return undefined;
  const others = ts.isArrayLiteralExpression(option) ? option.elements.filter((e) => e !== entry).map((e) => e.getText()) : [];
  const test = (origin: string) => `${regex}.test(${origin})${others.length > 0 ? ` || [${others.join(', ')}].includes(${origin})` : ''}`;
  if (config.library === 'hono/cors') return fixer.replace(option, `(origin) => (${test('origin')} ? origin : null)`);
  if (config.library === '@koa/cors') return fixer.replace(option, `(ctx) => (${test("ctx.get('Origin')")} ? ctx.get('Origin') : '')`);
  return undefined;
}
