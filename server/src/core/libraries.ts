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
  const { declaration } = fixer.allowlistExpression('origin', origins);
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
  return fixer.fix(`Allow only the origins in ${ALLOWLIST_NAME}${example ? ` (replace the example ${origins[0]})` : ''}`, 'suggestion', [edit, declaration]);
}
