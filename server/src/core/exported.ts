// CORS options and origin lists written in one module and applied elsewhere (issue 12, items 6 and 7).
// A value defect is reported where the value is written: an exported options object (an `origin` key and
// another CORS option, or typed as CORS options), or an exported binding that an importing module applies
// as CORS options or as the origin option, is analysed here as CORS options of the library that applies
// it, and its findings point to where it is applied.
import ts from 'typescript';
import { Application, applicationsOf } from './composition';
import type { MiddlewareCollector } from './facts/middleware';
import type { CorsConfig } from './facts/model';
import { ExportTarget, ModuleRecord, ProjectScope, exportTable, relatedLocation } from './modules';
import { forEachDescendant } from './parse';
import { mayContainCors } from './prefilter';
import type { Finding } from './types';
import { ValueEvaluator, findProperty, propertyNameText, skipOuter } from './values';

const CORS_OPTION_KEYS = new Set([
  'credentials', 'methods', 'allowedHeaders', 'exposedHeaders', 'maxAge', 'preflightContinue', 'optionsSuccessStatus',
  'allowMethods', 'allowHeaders', 'exposeHeaders', 'allowCredentials', 'origins', 'strictPreflight', 'hideOptionsRoute',
]);
const CORS_OPTIONS_TYPE = /^(CorsOptions|CorsConfig|FastifyCorsOptions|CORSOptions|CorsConfiguration)$/;

/** Configs made here from exported values, with the places that apply them (none: never applied in the project). */
const exportedConfigs = new WeakMap<CorsConfig, Application[]>();

/** Where an exported config is applied (empty: never applied in the project); undefined for other configs. */
export function applicationsFor(config: CorsConfig): Application[] | undefined {
  return exportedConfigs.get(config);
}

/** True for options analysed only for their value defects: they do not run on this file's responses. */
export function isExportedOnly(config: CorsConfig): boolean {
  return exportedConfigs.has(config);
}

export function addExportedOptions(sourceFile: ts.SourceFile, middleware: MiddlewareCollector, evaluator: ValueEvaluator, project: ProjectScope | undefined): void {
  const { exports } = exportTable(sourceFile);
  if (exports.size === 0) return;
  const used = new Set<ts.Node>(middleware.configs.flatMap((c) => (c.options ? [c.options] : [])));
  const applications = project ? applicationsOf({ project, sourceFile }) : [];
  const done = new Set<ts.Node>();
  for (const [name, target] of exports) {
    const applied = applications.filter((a) => a.name === name);
    const asOptions = applied.filter((a) => a.role === 'options');
    // `let corsOptions; if (isDev) corsOptions = { origin: '*' }; else corsOptions = { … }; module.exports =
    // corsOptions`: each object the binding is given is options of its own, under the branch's condition.
    const branches = assignedObjects(target, sourceFile);
    if (branches) {
      for (const object of branches) {
        if (used.has(object) || done.has(object) || !(asOptions.length > 0 || isOptionsObject(target, object, sourceFile))) continue;
        done.add(object);
        const library = asOptions[0]?.library ?? (looksLikeCorsOptions(object) ? undefined : typedCorsLibrary(target, object, sourceFile)) ?? 'cors';
        const config = middleware.add(library, semanticsOf(library), object, object, `${library} options without origin allow any origin`);
        if (config) exportedConfigs.set(config, asOptions);
      }
      continue;
    }
    const expr = expressionOf(target, sourceFile);
    if (!expr) continue;
    const object = evaluator.resolveObjectLiteral(expr);
    const typed = object && asOptions.length === 0 && !looksLikeCorsOptions(object) ? typedCorsLibrary(target, expr, sourceFile) : undefined;
    // Typed options never applied here and without `origin` hold no origin to check: the default of the
    // library that will apply them (perhaps merged with an origin elsewhere) is not known to be used.
    const typedWithOrigin = typed !== undefined && object !== undefined && hasOriginKey(object);
    if (object && !used.has(object) && !done.has(object) && (asOptions.length > 0 || looksLikeCorsOptions(object) || typedWithOrigin)) {
      done.add(object);
      const library = asOptions[0]?.library ?? typed ?? 'cors';
      const config = middleware.add(library, semanticsOf(library), object, object, `${library} options without origin allow any origin`);
      if (config) exportedConfigs.set(config, asOptions);
      continue;
    }
    const asOrigin = applied.filter((a) => a.role === 'origin');
    if (asOrigin.length > 0 && !done.has(expr)) {
      done.add(expr);
      const library = asOrigin[0].library;
      const declared = target.kind === 'local' && ts.isIdentifier(expr) && (ts.isVariableDeclaration(expr.parent) || ts.isFunctionDeclaration(expr.parent)) ? expr.parent : expr;
      const config: CorsConfig = {
        library, node: declared, originNode: declared, origin: 'unknown', entries: [], credentials: 'unknown', answersPreflight: true,
      };
      middleware.readOrigin(config, expr, semanticsOf(library));
      middleware.configs.push(config);
      exportedConfigs.set(config, asOrigin);
    }
  }
}

/** Findings inside an exported config point to where it is applied (related information in the applying file). */
export function relateApplications(findings: Finding[], configs: CorsConfig[], sourceFile: ts.SourceFile): void {
  for (const config of configs) {
    const applied = exportedConfigs.get(config);
    if (!applied || applied.length === 0) continue;
    const start = config.node.getStart(sourceFile);
    for (const finding of findings) {
      if (finding.start < start || finding.end > config.node.end) continue;
      for (const a of applied.slice(0, 4)) finding.related.push(relatedLocation({ node: a.node, message: `Applied here (${a.library}${a.credentials ? ', credentials: true' : ''}).` }, sourceFile));
    }
  }
}

function semanticsOf(library: string): string {
  return library.startsWith('hapi') ? 'hapi' : library.startsWith('NestJS') ? 'cors' : library;
}

function expressionOf(target: ExportTarget, sourceFile: ts.SourceFile): ts.Expression | undefined {
  if (target.kind === 'expression') return target.expr;
  if (target.kind !== 'local') return undefined;
  // `export function checkOrigin(origin, cb) { … }` applied as `origin: checkOrigin`: its name resolves to it.
  const fn = localFunction(target.name, sourceFile);
  if (fn) return fn.name;
  const declaration = localDeclaration(target.name, sourceFile);
  return declaration?.initializer ? (declaration.name as ts.Identifier) : undefined;
}

function looksLikeCorsOptions(object: ts.ObjectLiteralExpression): boolean {
  const keys = object.properties.map((p) => (p.name ? propertyNameText(p.name) : undefined));
  return hasOriginKey(object) && keys.some((k) => k !== undefined && CORS_OPTION_KEYS.has(k));
}

/** Exported options as their own module's analysis reads them, for an export not applied in the project. */
function isOptionsObject(target: ExportTarget, object: ts.ObjectLiteralExpression, sourceFile: ts.SourceFile): boolean {
  return looksLikeCorsOptions(object) || (hasOriginKey(object) && typedCorsLibrary(target, object, sourceFile) !== undefined);
}

/**
 * The object literals a top-level `let`/`var` export is given when it is assigned after its declaration
 * (its initializer and every `name = { … }` outside functions); undefined for any other export.
 */
function assignedObjects(target: ExportTarget, sourceFile: ts.SourceFile): ts.ObjectLiteralExpression[] | undefined {
  if (target.kind !== 'local') return undefined;
  const declaration = localDeclaration(target.name, sourceFile);
  if (!declaration || (declaration.parent.flags & ts.NodeFlags.Const) !== 0) return undefined;
  const assigned: ts.Expression[] = [];
  forEachDescendant(sourceFile, (node) => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return 'skip';
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left) && node.left.text === target.name) assigned.push(node.right);
    return undefined;
  });
  if (assigned.length === 0) return undefined;
  const values = declaration.initializer ? [declaration.initializer, ...assigned] : assigned;
  const objects = values.map((v) => skipOuter(v));
  // Only when every value is written as an object here: anything else is read as before (the evaluator).
  return objects.every(ts.isObjectLiteralExpression) ? objects : undefined;
}

function hasOriginKey(object: ts.ObjectLiteralExpression): boolean {
  return findProperty(object, 'origin') !== undefined || object.properties.some((p) => p.name !== undefined && propertyNameText(p.name) === 'origin');
}

/**
 * The library whose CORS options type an export is declared with, or undefined: a type annotation
 * (`const o: CorsOptions`), `as` / `satisfies`, or a JSDoc `@type` in JavaScript; the type by its name
 * (through `import { CorsOptions as O }`, `cors.CorsOptions`, `import('cors').CorsOptions`, `Partial<…>`).
 * The names are the libraries' own: @types/cors `CorsOptions`, @fastify/cors types/index.d.ts
 * `FastifyCorsOptions`, NestJS common/interfaces/external/cors-options.interface.ts `CorsOptions`.
 */
function typedCorsLibrary(target: ExportTarget, expr: ts.Expression, sourceFile: ts.SourceFile): string | undefined {
  const declaration = localDeclaration(target.kind === 'local' ? target.name : ts.isIdentifier(skipOuter(expr)) ? (skipOuter(expr) as ts.Identifier).text : undefined, sourceFile);
  const types: ts.TypeNode[] = [];
  const assertions = (e: ts.Expression | undefined) => {
    for (let x = e; x && (ts.isAsExpression(x) || ts.isSatisfiesExpression(x) || ts.isParenthesizedExpression(x) || ts.isTypeAssertionExpression(x)); x = x.expression) {
      if (!ts.isParenthesizedExpression(x)) types.push(x.type);
    }
  };
  if (declaration) {
    if (declaration.type) types.push(declaration.type);
    const jsDoc = ts.getJSDocType(declaration);
    if (jsDoc) types.push(jsDoc);
    assertions(declaration.initializer);
  } else {
    assertions(expr);
    // `/** @type {import('cors').CorsOptions} */ module.exports = { … }`
    const assignment = expr.parent && ts.isBinaryExpression(expr.parent) && expr.parent.right === expr ? expr.parent.parent : undefined;
    const jsDoc = assignment && ts.isExpressionStatement(assignment) ? ts.getJSDocTags(assignment).find(ts.isJSDocTypeTag)?.typeExpression.type : undefined;
    if (jsDoc) types.push(jsDoc);
  }
  for (const type of types) {
    const library = corsOptionsTypeLibrary(type, sourceFile, 0);
    if (library) return library;
  }
  return undefined;
}

/** A top-level `const name = …` of the module. */
/** A top-level `function name() { … }` with a body. */
function localFunction(name: string | undefined, sourceFile: ts.SourceFile): (ts.FunctionDeclaration & { name: ts.Identifier }) | undefined {
  if (name === undefined) return undefined;
  return sourceFile.statements.find((s): s is ts.FunctionDeclaration & { name: ts.Identifier } => ts.isFunctionDeclaration(s) && s.name?.text === name && s.body !== undefined);
}

function localDeclaration(name: string | undefined, sourceFile: ts.SourceFile): ts.VariableDeclaration | undefined {
  if (name === undefined) return undefined;
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name) return d;
  }
  return undefined;
}

function corsOptionsTypeLibrary(type: ts.TypeNode, sourceFile: ts.SourceFile, depth: number): string | undefined {
  if (depth > 3) return undefined;
  if (ts.isParenthesizedTypeNode(type)) return corsOptionsTypeLibrary(type.type, sourceFile, depth + 1);
  let name: string;
  let module: string | undefined;
  if (ts.isTypeReferenceNode(type)) {
    const typeName = type.typeName;
    if (ts.isIdentifier(typeName)) {
      // Partial<CorsOptions>, Readonly<CorsOptions>
      if (/^(Partial|Readonly|Required)$/.test(typeName.text) && type.typeArguments?.length === 1) return corsOptionsTypeLibrary(type.typeArguments[0], sourceFile, depth + 1);
      const imported = importOf(typeName.text, sourceFile);
      name = imported?.name ?? typeName.text;
      module = imported?.module;
    } else {
      name = typeName.right.text;
      let left: ts.EntityName = typeName.left;
      while (ts.isQualifiedName(left)) left = left.left;
      module = importOf(left.text, sourceFile)?.module;
    }
  } else if (ts.isImportTypeNode(type) && type.qualifier) {
    name = ts.isIdentifier(type.qualifier) ? type.qualifier.text : type.qualifier.right.text;
    const argument = ts.isLiteralTypeNode(type.argument) && ts.isStringLiteral(type.argument.literal) ? type.argument.literal.text : undefined;
    module = argument;
  } else {
    return undefined;
  }
  if (module !== undefined) {
    if (/^@nestjs\//.test(module) && name === 'CorsOptions') return 'NestJS';
    if ((module === '@fastify/cors' || module === 'fastify-cors') && name === 'FastifyCorsOptions') return '@fastify/cors';
    if (module === 'cors' && name === 'CorsOptions') return 'cors';
  }
  // A type of the project itself (declared here, a global, or imported from a project path) named as CORS
  // options are; another package's type of that name may mean something else (its own defaults).
  const ownType = module === undefined || /^(\.|\/|#|@\/|~\/)/.test(module);
  return ownType && CORS_OPTIONS_TYPE.test(name) ? (name === 'FastifyCorsOptions' ? '@fastify/cors' : 'cors') : undefined;
}

/** The module and exported name a local name is imported as (`import { A as name } from 'm'`, `import name from 'm'`, `import * as name`). */
function importOf(local: string, sourceFile: ts.SourceFile): { module: string; name: string } | undefined {
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !statement.importClause) continue;
    const module = statement.moduleSpecifier.text;
    const clause = statement.importClause;
    if (clause.name?.text === local) return { module, name: 'default' };
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings) && bindings.name.text === local) return { module, name: '*' };
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) if (el.name.text === local) return { module, name: (el.propertyName ?? el.name).text };
    }
  }
  return undefined;
}

/**
 * Will the module that holds `node` report it itself (item 6)? Yes when the node sits in an export that
 * the module's own analysis makes CORS options of (addExportedOptions): one that its importers apply as
 * options or origin (directly or through re-exports), an exported object that looks like CORS options,
 * or one declared with a CORS options type and holding an origin. Otherwise the finding stays here.
 */
export function reportedWhereWritten(scope: ProjectScope, node: ts.Node): boolean {
  const foreign = scope.model.recordOf(node.getSourceFile());
  // A module the text prefilter skips is never analysed: its values are reported where they are used.
  if (!foreign || !mayContainCors(foreign.text)) return false;
  const inside = (container: ts.Node | undefined) => container !== undefined && node.pos >= container.pos && node.end <= container.end;
  let applied: Application[] | undefined;
  for (const [name, target] of foreign.exports) {
    const branches = assignedObjects(target, foreign.sourceFile);
    const branch = branches?.find(inside);
    if (branches && !branch) continue;
    const declared = branch ?? declarationOf(target, foreign);
    if (!inside(declared)) continue;
    applied ??= applicationsOf({ project: scope, sourceFile: foreign.sourceFile });
    if (applied.some((a) => a.name === name && (!branch || a.role === 'options'))) return true;
    if (branch) {
      if (isOptionsObject(target, branch, foreign.sourceFile)) return true;
      continue;
    }
    const init = declared && (ts.isVariableDeclaration(declared) ? declared.initializer : (declared as ts.Expression));
    const object = init && skipOuter(init);
    if (!object || !ts.isObjectLiteralExpression(object)) continue;
    if (looksLikeCorsOptions(object)) return true;
    const expr = expressionOf(target, foreign.sourceFile);
    if (expr && hasOriginKey(object) && typedCorsLibrary(target, expr, foreign.sourceFile) !== undefined) return true;
  }
  return false;
}

function declarationOf(target: ExportTarget, record: ModuleRecord): ts.Node | undefined {
  if (target.kind === 'expression') return target.expr;
  if (target.kind !== 'local') return undefined;
  return localFunction(target.name, record.sourceFile) ?? localDeclaration(target.name, record.sourceFile);
}
