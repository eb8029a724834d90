// Framework configuration files that grant CORS by their exports:
//   AdonisJS  @adonisjs/cors v2.2.1 src/define_config.ts: defineConfig defaults `origin: true` and
//             `credentials: true` (the generated config/cors.ts stub sets both); src/cors_middleware.ts
//             #computeResponseOrigin: true echoes the Origin, '*' echoes it when credentials are on,
//             arrays and comma-separated strings are compared exactly, `enabled: false` switches it off.
//             AdonisJS 5 apps export the same options as a `CorsConfig` object from config/cors.ts.
//   Strapi    packages/core/core/src/middlewares/cors.ts (strapi/strapi 578cd34, v5): defaults origin '*'
//             and credentials true, handed to @koa/cors, which echoes the Origin for '*' with credentials;
//             arrays and comma-separated strings are compared exactly. Enabled by 'strapi::cors' in
//             config/middlewares.(js|ts).
//   Sails     lib/hooks/cors/index.js (v1): `security.cors` with `allRoutes: true`; `allowOrigins: '*'` with
//             `allowCredentials: true` refuses to lift unless `allowAnyOriginWithCredentialsUnsafe: true`,
//             which makes it echo every Origin; otherwise an array of exact origins.
import ts from 'typescript';
import { propertyNameText, skipOuter } from '../values';
import type { MiddlewareCollector } from './middleware';

export const ADONIS_SEMANTICS = 'adonis';
export const STRAPI_SEMANTICS = 'strapi';

/** defineConfig({...}) from '@adonisjs/cors': true when handled. */
export function visitAdonisCall(collector: MiddlewareCollector, call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression);
  if (!ts.isIdentifier(callee) || callee.text !== 'defineConfig') return false;
  if ((collector.moduleOf(callee) ?? '') !== '@adonisjs/cors#defineConfig') return false;
  addAdonis(collector, call, call.arguments[0], true);
  return true;
}

function addAdonis(collector: MiddlewareCollector, node: ts.Node, options: ts.Expression | undefined, v6Defaults: boolean): void {
  const object = options && collector.evaluator.resolveObjectLiteral(options);
  const enabled = object?.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'enabled');
  if (enabled && skipOuter(enabled.initializer).kind === ts.SyntaxKind.FalseKeyword) return;
  const config = collector.add('@adonisjs/cors', ADONIS_SEMANTICS, node, options, '@adonisjs/cors defineConfig defaults to `origin: true`, which echoes the request Origin');
  if (!config) return;
  if (v6Defaults && !config.credentialsNode && config.credentials !== 'unknown') collector.credentialsByDefault(config);
  if (config.originNode && !config.originFunction && config.origin === 'reflect') config.reflectNote = '@adonisjs/cors `origin: true` echoes the request Origin';
  if (config.origin === 'any' && config.credentials === true) config.reflectNote = "@adonisjs/cors echoes the request Origin for origin '*' when credentials are on";
}

/** The exports of framework configuration files, found by their path. */
export function visitConfigFile(sourceFile: ts.SourceFile, collector: MiddlewareCollector): void {
  const path = sourceFile.fileName.replace(/\\/g, '/');
  if (/(^|\/)config\/(env\/[^/]+\/)?middlewares\.[cm]?[jt]s$/.test(path)) visitStrapiMiddlewares(sourceFile, collector);
  else if (/(^|\/)config\/(env\/[^/]+\/)?security\.[cm]?[jt]s$/.test(path) || /(^|\/)config\/env\/[^/]+\.[cm]?js$/.test(path)) visitSailsSecurity(sourceFile, collector);
  else if (/(^|\/)config\/cors\.[cm]?[jt]s$/.test(path) && [...collector.imports].some((m) => m === '@ioc:Adonis/Core/Cors')) visitAdonis5Cors(sourceFile, collector);
}

/** The exported value: `module.exports = x`, `export default x`, or what `export default ({ env }) => x` returns. */
function exportedValues(sourceFile: ts.SourceFile): ts.Expression[] {
  const out: ts.Expression[] = [];
  for (const statement of sourceFile.statements) {
    let value: ts.Expression | undefined;
    if (ts.isExportAssignment(statement)) value = statement.expression;
    else if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
      && /^(module\.exports|exports)(\.\w+)?$/.test(statement.expression.left.getText(sourceFile))) value = statement.expression.right;
    if (!value) continue;
    const e = skipOuter(value);
    if ((ts.isArrowFunction(e) || ts.isFunctionExpression(e)) && e.body) {
      if (!ts.isBlock(e.body)) out.push(e.body);
      else for (const s of e.body.statements) if (ts.isReturnStatement(s) && s.expression) out.push(s.expression);
    } else out.push(value);
  }
  return out;
}

function visitStrapiMiddlewares(sourceFile: ts.SourceFile, collector: MiddlewareCollector): void {
  for (const value of exportedValues(sourceFile)) {
    const list = collector.evaluator.resolveArrayLiteral(value);
    if (!list) continue;
    for (const element of list.elements) {
      const e = skipOuter(element);
      if (ts.isStringLiteralLike(e) && e.text === 'strapi::cors') {
        const config = collector.add('Strapi strapi::cors', STRAPI_SEMANTICS, e, undefined, "strapi::cors defaults to origin '*' with credentials, which @koa/cors answers by echoing the request Origin");
        if (config) strapiDefaults(collector, config);
      } else if (ts.isObjectLiteralExpression(e)) {
        const name = e.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'name');
        if (!name || !ts.isStringLiteralLike(skipOuter(name.initializer)) || (skipOuter(name.initializer) as ts.StringLiteral).text !== 'strapi::cors') continue;
        const options = e.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'config');
        const config = collector.add('Strapi strapi::cors', STRAPI_SEMANTICS, e, options?.initializer ?? undefined, "strapi::cors defaults to origin '*' with credentials, which @koa/cors answers by echoing the request Origin");
        if (config) strapiDefaults(collector, config);
      }
    }
  }
}

/** Strapi's defaults (origin '*', credentials true) and @koa/cors's answer to '*' with credentials. */
function strapiDefaults(collector: MiddlewareCollector, config: import('./model').CorsConfig): void {
  if (!config.credentialsNode) collector.credentialsByDefault(config);
  if (config.origin === 'default') config.origin = 'any';
  if (config.origin === 'any' && config.credentials === true) {
    config.origin = 'reflect';
    config.reflectNote = config.originNode
      ? "strapi::cors hands origin '*' with credentials to @koa/cors, which echoes the request Origin"
      : "strapi::cors defaults to origin '*' with credentials, which @koa/cors answers by echoing the request Origin";
  }
}

function visitSailsSecurity(sourceFile: ts.SourceFile, collector: MiddlewareCollector): void {
  for (const value of exportedValues(sourceFile)) {
    const root = collector.evaluator.resolveObjectLiteral(value);
    if (!root) continue;
    // module.exports.security = { cors } or module.exports = { security: { cors } } (config/env/production.js)
    const security = sourceFile.statements.some((s) => ts.isExpressionStatement(s) && /\.security$/.test((s.expression as ts.BinaryExpression).left?.getText(sourceFile) ?? ''))
      ? root
      : objectProp(collector, root, 'security');
    const cors = security && objectProp(collector, security, 'cors');
    if (!cors) continue;
    const allRoutes = cors.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'allRoutes');
    if (!allRoutes || skipOuter(allRoutes.initializer).kind !== ts.SyntaxKind.TrueKeyword) continue;
    const config = collector.add('Sails security.cors', 'cors', cors, undefined, "Sails security.cors defaults to allowOrigins '*'");
    if (!config) continue;
    const origins = cors.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'allowOrigins');
    const credentials = cors.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'allowCredentials');
    const unsafe = cors.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'allowAnyOriginWithCredentialsUnsafe');
    config.options = cors;
    if (origins) {
      config.originNode = origins;
      config.entries = [];
      collector.readOrigin(config, origins.initializer, 'cors');
    }
    if (credentials && skipOuter(credentials.initializer).kind === ts.SyntaxKind.TrueKeyword) {
      config.credentials = true;
      config.credentialsNode = credentials;
    }
    if (config.origin === 'any' && config.credentials === true && !(unsafe && skipOuter(unsafe.initializer).kind === ts.SyntaxKind.TrueKeyword)) {
      // Sails refuses to lift with this configuration: nothing is ever served with it.
      collector.configs.splice(collector.configs.indexOf(config), 1);
      continue;
    }
    if (config.origin === 'any' && config.credentials === true) {
      config.origin = 'reflect';
      config.reflectNote = "Sails `allowAnyOriginWithCredentialsUnsafe: true` with allowOrigins '*' echoes the request Origin";
    }
  }
}

function visitAdonis5Cors(sourceFile: ts.SourceFile, collector: MiddlewareCollector): void {
  for (const value of exportedValues(sourceFile)) {
    const object = collector.evaluator.resolveObjectLiteral(value);
    if (object) addAdonis(collector, object, object, false);
  }
}

function objectProp(collector: MiddlewareCollector, object: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralExpression | undefined {
  const prop = object.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === name);
  return prop ? collector.evaluator.resolveObjectLiteral(prop.initializer) : undefined;
}
