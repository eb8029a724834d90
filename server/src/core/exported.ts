// CORS options and origin lists written in one module and applied elsewhere (issue 12, items 6 and 7).
// A value defect is reported where the value is written: an exported options object (an `origin` key and
// another CORS option, or typed as CORS options), or an exported binding that an importing module applies
// as CORS options or as the origin option, is analysed here as CORS options of the library that applies
// it, and its findings point to where it is applied.
import ts from 'typescript';
import { Application, appliedIn, applicationsOf } from './composition';
import type { MiddlewareCollector } from './facts/middleware';
import type { CorsConfig } from './facts/model';
import { ExportTarget, ModuleRecord, ProjectScope, exportTable, relatedLocation } from './modules';
import { mayContainCors } from './prefilter';
import type { Finding } from './types';
import { ValueEvaluator, findProperty, propertyNameText, skipOuter } from './values';

const CORS_OPTION_KEYS = new Set([
  'credentials', 'methods', 'allowedHeaders', 'exposedHeaders', 'maxAge', 'preflightContinue', 'optionsSuccessStatus',
  'allowMethods', 'allowHeaders', 'exposeHeaders', 'allowCredentials', 'origins', 'strictPreflight', 'hideOptionsRoute',
]);
const CORS_OPTIONS_TYPE = /\b(CorsOptions|CorsOptionsDelegate|CorsConfig|FastifyCorsOptions|CORSOptions|CorsConfiguration)\b/;

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
    const expr = expressionOf(target, sourceFile);
    if (!expr) continue;
    const applied = applications.filter((a) => a.name === name);
    const object = evaluator.resolveObjectLiteral(expr);
    const asOptions = applied.filter((a) => a.role === 'options');
    if (object && !used.has(object) && !done.has(object) && (asOptions.length > 0 || looksLikeCorsOptions(object) || typedAsCorsOptions(target, sourceFile))) {
      done.add(object);
      const library = asOptions[0]?.library ?? 'cors';
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
  return library.startsWith('hapi') ? 'hapi' : library === 'NestJS enableCors' ? 'cors' : library;
}

function expressionOf(target: ExportTarget, sourceFile: ts.SourceFile): ts.Expression | undefined {
  if (target.kind === 'expression') return target.expr;
  if (target.kind !== 'local') return undefined;
  for (const statement of sourceFile.statements) {
    // `export function checkOrigin(origin, cb) { … }` applied as `origin: checkOrigin`: its name resolves to it.
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === target.name && statement.body) return statement.name;
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === target.name && d.initializer) return d.name;
  }
  return undefined;
}

function looksLikeCorsOptions(object: ts.ObjectLiteralExpression): boolean {
  const keys = object.properties.map((p) => (p.name ? propertyNameText(p.name) : undefined));
  return (findProperty(object, 'origin') !== undefined || keys.includes('origin')) && keys.some((k) => k !== undefined && CORS_OPTION_KEYS.has(k));
}

function typedAsCorsOptions(target: ExportTarget, sourceFile: ts.SourceFile): boolean {
  if (target.kind !== 'local') return false;
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || d.name.text !== target.name) continue;
      if (d.type && CORS_OPTIONS_TYPE.test(d.type.getText(sourceFile))) return true;
      const init = d.initializer && skipOuter(d.initializer);
      const satisfies = d.initializer && ts.isSatisfiesExpression(d.initializer) ? d.initializer.type.getText(sourceFile) : '';
      if (init && CORS_OPTIONS_TYPE.test(satisfies)) return true;
    }
  }
  return false;
}

/**
 * Will the module that holds `node` report it itself (item 6)? Yes when the node sits in an export of
 * that module which the analysed file applies as CORS options or origin, or in an exported object that
 * looks like CORS options (item 7): its analysis makes a config of it. Otherwise the finding stays here.
 */
export function reportedWhereWritten(scope: ProjectScope, node: ts.Node): boolean {
  const foreign = scope.model.recordOf(node.getSourceFile());
  // A module the text prefilter skips is never analysed: its values are reported where they are used.
  if (!foreign || !mayContainCors(foreign.text)) return false;
  const inside = (container: ts.Node | undefined) => container !== undefined && node.pos >= container.pos && node.end <= container.end;
  const here = scope.model.record(scope.sourceFile.fileName);
  for (const a of here ? appliedIn(here) : []) {
    if (scope.model.resolve(a.specifier, here!.file) !== foreign.file) continue;
    const target = foreign.exports.get(a.name);
    if (target && inside(declarationOf(target, foreign))) return true;
  }
  for (const target of foreign.exports.values()) {
    const declared = declarationOf(target, foreign);
    const init = declared && (ts.isVariableDeclaration(declared) ? declared.initializer : (declared as ts.Expression));
    const object = init && skipOuter(init);
    if (object && ts.isObjectLiteralExpression(object) && looksLikeCorsOptions(object) && inside(object)) return true;
  }
  return false;
}

function declarationOf(target: ExportTarget, record: ModuleRecord): ts.Node | undefined {
  if (target.kind === 'expression') return target.expr;
  if (target.kind !== 'local') return undefined;
  for (const statement of record.sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === target.name && statement.body) return statement;
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === target.name) return d;
  }
  return undefined;
}
