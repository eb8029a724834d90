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
  const { declaration } = fixer.allowlistExpression('origin', origins);
  const koa = config.library === '@koa/cors';
  const value = koa
    ? `(ctx) => (${ALLOWLIST_NAME}.includes(ctx.get('Origin')) ? ctx.get('Origin') : ${ALLOWLIST_NAME}[0])`
    : ALLOWLIST_NAME;
  const key = config.library === '@middy/http-cors' ? 'origins' : 'origin';
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
  } else if (ts.isCallExpression(config.node) && config.node.arguments.length === 0) {
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
  return fixer.fix(`Allow only the origins in ${ALLOWLIST_NAME}${example ? ` (replace the example ${origins[0]})` : ''}`, 'suggestion', [edit, declaration]);
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
  if (node && ts.isPropertyAssignment(node)) return fixer.fix(title, 'suggestion', [fixer.replace(node.initializer, 'false')]);
  if (node) return undefined;
  if (config.options) {
    const first = config.options.properties[0];
    return fixer.fix(title, 'suggestion', [first ? fixer.insertBefore(first, 'credentials: false, ') : fixer.replace(config.options, '{ credentials: false }')]);
  }
  const host = config.optionsHost;
  if (host?.object && !host.valueIsOrigin) {
    const first = host.object.properties[0];
    const option = `${host.key}: { credentials: false }`;
    return fixer.fix(title, 'suggestion', [first ? fixer.insertBefore(first, `${option}, `) : fixer.replace(host.object, `{ ${option} }`)]);
  }
  if (ts.isCallExpression(config.node) && config.node.arguments.length === 0) {
    const call = config.node;
    return fixer.fix(title, 'suggestion', [{ start: call.end - 1, end: call.end - 1, newText: '{ credentials: false }' }]);
  }
  if (ts.isStringLiteralLike(config.node)) {
    return fixer.fix(title, 'suggestion', [fixer.replace(config.node, `{ name: ${config.node.getText()}, config: { credentials: false } }`)]);
  }
  if (ts.isPropertyAssignment(config.node) && config.node.initializer.kind === ts.SyntaxKind.TrueKeyword) {
    return fixer.fix(title, 'suggestion', [fixer.replace(config.node.initializer, '{ credentials: false }')]);
  }
  return undefined;
}

/** Libraries whose `credentials` default is true (removing `credentials: true` would change nothing). */
function isDefaultOnLibrary(config: CorsConfig): boolean {
  return /^(GraphQL Yoga|@whatwg-node|@elysiajs\/cors|@adonisjs\/cors|Strapi)/.test(config.library);
}

/** The advice of a message, led by the upgrade when the installed version has a known advisory. */
export function withAdvisory(config: CorsConfig, advice: string): string {
  const a = config.advisory;
  return a ? `Upgrade ${a.packageName} to ${a.fixedIn} or later (${a.id}), and ${advice.charAt(0).toLowerCase()}${advice.slice(1)}` : advice;
}
