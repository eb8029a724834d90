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
  return config.library === '@koa/cors' || config.library === '@middy/http-cors' || config.library.startsWith('hapi') || config.library === '@adonisjs/cors';
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
  // A library that sends its origin option as the header value (micro-cors) takes one trusted origin.
  const declaration = config.singleOrigin || fixer.declaresTopLevel(ALLOWLIST_NAME) ? undefined : fixer.allowlistDeclaration(origins, example);
  const koa = config.library === '@koa/cors';
  const value = config.singleOrigin
    ? `${fixer.quote(origins[0])}${example ? ' /* placeholder: replace with the origin you trust */' : ''}`
    : koa
      ? `(ctx) => (${ALLOWLIST_NAME}.includes(ctx.get('Origin')) ? ctx.get('Origin') : ${ALLOWLIST_NAME}[0])`
      : ALLOWLIST_NAME;
  const key = config.optionKeys?.origin ?? (config.library === '@middy/http-cors' ? 'origins' : 'origin');
  let edit: TextEdit | undefined;
  const host = config.optionsHost;
  if (host && !config.originNode) {
    const option = `${host.key}: ${host.valueIsOrigin ? value : `{ ${key}: ${value} }`}`;
    const first = host.object?.properties[0];
    edit = first ? fixer.insertBefore(first, `${option}, `) : host.object ? fixer.replace(host.object, `{ ${option} }`) : host.before ? fixer.insertBefore(host.before, `{ ${option} }, `) : undefined;
  } else if (config.originNode && ts.isPropertyAssignment(config.originNode)) {
    edit = fixer.replace(config.originNode.initializer, value);
  } else if (config.originNode && ts.isShorthandPropertyAssignment(config.originNode)) {
    edit = fixer.replace(config.originNode, `${key}: ${value}`);
  } else if (config.options) {
    const first = config.options.properties[0];
    edit = first ? fixer.insertBefore(first, `${key}: ${value}, `) : fixer.replace(config.options, `{ ${key}: ${value} }`);
  } else if ((ts.isCallExpression(config.node) || ts.isNewExpression(config.node)) && config.node.arguments?.length === 0) {
    const call = config.node;
    edit = { start: call.end - 1, end: call.end - 1, newText: `{ ${key}: ${value} }` };
  } else if (ts.isCallExpression(config.node) && ts.isPropertyAccessExpression(config.node.expression) && config.node.expression.name.text === 'register' && config.node.arguments.length === 1) {
    edit = fixer.insertAfter(config.node.arguments[0], `, { ${key}: ${value} }`);
  } else if (ts.isPropertyAssignment(config.node)) {
    edit = fixer.replace(config.node.initializer, `{ ${key}: ${value} }`);
  } else if (ts.isStringLiteralLike(config.node)) {
    // 'strapi::cors' in config/middlewares: the object form takes options.
    edit = fixer.replace(config.node, `{ name: ${config.node.getText()}, config: { ${key}: ${value} } }`);
  }
  if (!edit) return undefined;
  if (config.singleOrigin) return fixer.fix(example ? `Allow only one origin (inserts the placeholder ${origins[0]}: replace it)` : `Allow only ${origins[0]}`, 'suggestion', [edit]);
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

/**
 * For a library that sends credentials unless told otherwise (Yoga, Elysia): the edit that turns them off
 * — `credentials: true` becomes `false`, or `credentials: false` is added — never a removal, which would
 * leave the default on.
 */
export function disableDefaultCredentials(config: CorsConfig, fixer: FixBuilder): Fix | undefined {
  if (config.credentials === false) return undefined;
  if (!config.credentialsByDefault && !(config.credentialsNode && isDefaultOnLibrary(config))) return undefined;
  const title = `Turn credentials off (${config.library} sends them by default)`;
  const node = config.credentialsNode;
  const off = `${config.optionKeys?.credentials ?? 'credentials'}: false`;
  if (node && ts.isPropertyAssignment(node)) return fixer.fix(title, 'suggestion', [fixer.replace(node.initializer, 'false')]);
  if (node) return undefined;
  if (config.options) {
    const first = config.options.properties[0];
    return fixer.fix(title, 'suggestion', [first ? fixer.insertBefore(first, `${off}, `) : fixer.replace(config.options, `{ ${off} }`)]);
  }
  const host = config.optionsHost;
  if (host?.object && !host.valueIsOrigin) {
    const first = host.object.properties[0];
    const option = `${host.key}: { ${off} }`;
    return fixer.fix(title, 'suggestion', [first ? fixer.insertBefore(first, `${option}, `) : fixer.replace(host.object, `{ ${option} }`)]);
  }
  if ((ts.isCallExpression(config.node) || ts.isNewExpression(config.node)) && config.node.arguments?.length === 0) {
    const call = config.node;
    return fixer.fix(title, 'suggestion', [{ start: call.end - 1, end: call.end - 1, newText: `{ ${off} }` }]);
  }
  if (ts.isStringLiteralLike(config.node)) {
    return fixer.fix(title, 'suggestion', [fixer.replace(config.node, `{ name: ${config.node.getText()}, config: { ${off} } }`)]);
  }
  if (ts.isPropertyAssignment(config.node) && config.node.initializer.kind === ts.SyntaxKind.TrueKeyword) {
    return fixer.fix(title, 'suggestion', [fixer.replace(config.node.initializer, `{ ${off} }`)]);
  }
  return undefined;
}

/** Libraries whose `credentials` default is true (removing `credentials: true` would change nothing). */
function isDefaultOnLibrary(config: CorsConfig): boolean {
  return /^(GraphQL Yoga|@whatwg-node|@elysiajs\/cors|@adonisjs\/cors|Strapi|micro-cors)/.test(config.library);
}

/**
 * For a library version with a known problem: raise it in the package.json that declares it (an edit of
 * that file, so never applied by fix-all or `--fix`, which take safe fixes only).
 */
export function upgradeFix(config: CorsConfig, fixer: FixBuilder): Fix | undefined {
  const upgrade = config.upgrade;
  return upgrade && fixer.fix(`Upgrade ${upgrade.packageName} to ${upgrade.fixedIn} in package.json`, 'suggestion', [upgrade.edit]);
}

/** The advice of a message, led by the upgrade when the installed version has a known advisory. */
export function withAdvisory(config: CorsConfig, advice: string): string {
  const a = config.advisory;
  return a ? `Upgrade ${a.packageName} to ${a.fixedIn} or later (${a.id}), and ${advice.charAt(0).toLowerCase()}${advice.slice(1)}` : advice;
}
