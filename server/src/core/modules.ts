// The cross-file model (DESIGN §11, issue 12): what other modules export, read through the ProjectHost.
// A module is parsed once per (file, text) and kept as a record: its export table and the scope index
// the value evaluator needs to follow helpers and `let` assignments inside it. Records belong to the
// host's model and live for one batch of analyses (host.registerModuleCache: the host drops them when
// the batch ends, keeping only open documents'), so a config module imported by 20 open files is parsed
// once per batch, not 20 times, and a long-lived server keeps no syntax tree of an unopened file. Within
// a batch, and for hosts that never end one, records are bounded (MAX_RECORDS, least recently used dropped).
import ts from 'typescript';
import { displayPathOf } from './host';
import type { ProjectHost } from './host';
import { parseSource } from './parse';
import type { ReportDescriptor } from './context';
import { reportedWhereWritten } from './exported';
import type { RelatedLocation } from './types';
import type { ScopeIndex } from './values';
import { skipOuter, propertyNameText } from './values';

/** How many import hops a value may be followed through (a re-export chain counts each hop). */
export const MAX_MODULE_HOPS = 8;
/** Module records kept per host (least recently used dropped first). */
const MAX_RECORDS = 256;

/** What an exported name stands for inside its module. */
export type ExportTarget =
  /** A top-level binding of the module (`export const x`, `export { a as b }`, `module.exports = { a }`). */
  | { kind: 'local'; name: string }
  /** An expression (`export default expr`, `exports.x = expr`, a property of `module.exports = { … }`). */
  | { kind: 'expression'; expr: ts.Expression }
  /** `export { a as b } from './m'`, `export * as ns from './m'` (name '*'). */
  | { kind: 'reexport'; specifier: string; name: string };

export interface ModuleRecord {
  file: string;
  text: string;
  sourceFile: ts.SourceFile;
  exports: Map<string, ExportTarget>;
  /** `export * from './m'` specifiers, in order. */
  starExports: string[];
  /** True when the module assigns `module.exports` (its `default` is what `require()` returns). */
  cjsValue: boolean;
  /** Calls by name and identifier assignments, for the evaluator (helpers and `let` inside this module). */
  index: ScopeIndex;
}

/** Where a value was imported from: the module and exported name, for provenance in messages and hovers. */
export interface ImportSite {
  file: string;
  name: string;
}

const models = new WeakMap<ProjectHost, ProjectModel>();

/** The model of a host: its module records, kept for the host's current batch of analyses. */
export function projectModelFor(host: ProjectHost): ProjectModel {
  let model = models.get(host);
  if (!model) {
    model = new ProjectModel(host);
    models.set(host, model);
  }
  return model;
}

/** Source files of records, to find a foreign node's record (weak: a dropped record's tree goes with it). */
const byFile = new WeakMap<ts.SourceFile, ModuleRecord>();

export class ProjectModel {
  private readonly records = new Map<string, ModuleRecord>();
  private readonly byFile = byFile;

  constructor(readonly host: ProjectHost) {
    try {
      host.registerModuleCache?.((keep) => this.release(keep));
    } catch {
      // A host that cannot take it: records stay bounded by MAX_RECORDS.
    }
  }

  /** Drops the records of files `keep` does not name (a batch ended); returns how many were dropped. */
  release(keep: (file: string) => boolean): number {
    let dropped = 0;
    for (const file of [...this.records.keys()]) {
      if (keep(file)) continue;
      this.records.delete(file);
      dropped++;
    }
    return dropped;
  }

  /** The text of `file` (a dependency of the analysis, as record's), or undefined when it cannot be read. */
  text(file: string, deps?: Set<string>): string | undefined {
    deps?.add(file);
    try {
      return this.host.readFile(file);
    } catch {
      return undefined;
    }
  }

  /** The record of `file` for its current text (parsed once per text), or undefined when it cannot be read. */
  record(file: string, deps?: Set<string>): ModuleRecord | undefined {
    const text = this.text(file, deps);
    if (text === undefined) return undefined;
    const cached = this.records.get(file);
    if (cached && cached.text === text) {
      // Most recently used last.
      this.records.delete(file);
      this.records.set(file, cached);
      return cached;
    }
    const record = buildRecord(file, text);
    this.records.delete(file);
    this.records.set(file, record);
    this.byFile.set(record.sourceFile, record);
    while (this.records.size > MAX_RECORDS) this.records.delete(this.records.keys().next().value as string);
    return record;
  }

  recordOf(sourceFile: ts.SourceFile): ModuleRecord | undefined {
    return this.byFile.get(sourceFile);
  }

  resolve(specifier: string, fromFile: string): string | undefined {
    try {
      return this.host.resolveModule(specifier, fromFile);
    } catch {
      return undefined;
    }
  }
}

function buildRecord(file: string, text: string): ModuleRecord {
  const sourceFile = parseSource(text, file);
  const { exports, starExports, cjsValue } = exportTable(sourceFile);
  const index: ScopeIndex = { callsByName: new Map(), assignmentsByName: new Map() };
  // The scope index of the module: helper call sites and assignments by name (as facts/ does for the analysed file).
  const pending: ts.Node[] = [sourceFile];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (ts.isCallExpression(node) && ts.isIdentifier(skipOuter(node.expression))) push(index.callsByName, (skipOuter(node.expression) as ts.Identifier).text, node);
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left)) push(index.assignmentsByName, node.left.text, node);
    node.forEachChild((child) => {
      pending.push(child);
    });
  }
  return { file, text, sourceFile, exports, starExports, cjsValue, index };
}

/** What a module exports (ESM and CommonJS forms), read from its top-level statements. */
export function exportTable(sourceFile: ts.SourceFile): { exports: Map<string, ExportTarget>; starExports: string[]; cjsValue: boolean } {
  const exports = new Map<string, ExportTarget>();
  const starExports: string[] = [];
  let cjsValue = false;
  const set = (name: string, target: ExportTarget) => {
    if (!exports.has(name)) exports.set(name, target);
  };
  const exportObject = (object: ts.ObjectLiteralExpression) => {
    for (const prop of object.properties) {
      if (ts.isShorthandPropertyAssignment(prop)) set(prop.name.text, { kind: 'local', name: prop.name.text });
      else if (ts.isPropertyAssignment(prop)) {
        const key = propertyNameText(prop.name);
        if (key !== undefined) set(key, { kind: 'expression', expr: prop.initializer });
      }
    }
  };
  const hasExport = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const hasDefault = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);

  for (const statement of sourceFile.statements) {
    if (ts.isVariableStatement(statement) && hasExport(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) set(d.name.text, { kind: 'local', name: d.name.text });
        else for (const el of d.name.elements) if (!ts.isOmittedExpression(el) && ts.isIdentifier(el.name)) set(el.name.text, { kind: 'local', name: el.name.text });
      }
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && hasExport(statement)) {
      if (hasDefault(statement)) {
        if (statement.name) set('default', { kind: 'local', name: statement.name.text });
      } else if (statement.name) set(statement.name.text, { kind: 'local', name: statement.name.text });
    } else if (ts.isExportAssignment(statement)) {
      // `export default expr` (and TypeScript's `export = expr`, the CommonJS module value).
      set('default', ts.isIdentifier(skipOuter(statement.expression)) ? { kind: 'local', name: (skipOuter(statement.expression) as ts.Identifier).text } : { kind: 'expression', expr: statement.expression });
    } else if (ts.isExportDeclaration(statement)) {
      const specifier = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
      const clause = statement.exportClause;
      if (!clause) {
        if (specifier) starExports.push(specifier);
      } else if (ts.isNamespaceExport(clause)) {
        if (specifier) set(clause.name.text, { kind: 'reexport', specifier, name: '*' });
      } else {
        for (const el of clause.elements) {
          const local = (el.propertyName ?? el.name).text;
          set(el.name.text, specifier ? { kind: 'reexport', specifier, name: local } : { kind: 'local', name: local });
        }
      }
    } else if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      // CommonJS: module.exports = …, exports.x = …, module.exports.x = …
      const { left, right } = statement.expression;
      const target = cjsTarget(left);
      if (target === 'module') {
        const value = skipOuter(right);
        if (ts.isObjectLiteralExpression(value)) exportObject(value);
        // The module value itself: what `require()` returns and what a default import gets.
        cjsValue = true;
        exports.set('default', ts.isIdentifier(value) ? { kind: 'local', name: value.text } : { kind: 'expression', expr: right });
      } else if (target) set(target, { kind: 'expression', expr: right });
    }
  }

  return { exports, starExports, cjsValue };
}

/** 'module' for `module.exports`, the name for `exports.x` / `module.exports.x`, else undefined. */
function cjsTarget(left: ts.Expression): string | undefined {
  const l = skipOuter(left);
  if (!ts.isPropertyAccessExpression(l)) return undefined;
  const object = skipOuter(l.expression);
  if (ts.isIdentifier(object) && object.text === 'module' && l.name.text === 'exports') return 'module';
  if (ts.isIdentifier(object) && object.text === 'exports') return l.name.text;
  if (ts.isPropertyAccessExpression(object) && ts.isIdentifier(object.expression) && object.expression.text === 'module' && object.name.text === 'exports') return l.name.text;
  return undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The project as one analysis sees it: the shared model, the files this analysis read (its
 * dependencies), and for each other module reached, the node of the analysed file through which it was
 * reached (a finding about a value written elsewhere is shown there, with the value's place as related
 * information).
 */
export class ProjectScope {
  readonly dependencies = new Set<string>();
  /** For declarations of other modules reached, the node (of the analysed file, or one nearer) that reached them. */
  private readonly entries = new Map<ts.Node, ts.Node>();

  constructor(
    readonly model: ProjectModel,
    readonly sourceFile: ts.SourceFile,
  ) {}

  private readonly resolved = new Map<string, string | undefined>();
  private readonly records = new Map<string, ModuleRecord | undefined>();

  /** host.resolveModule, asked once per (specifier, file) in one analysis. */
  resolve(specifier: string, fromFile: string): string | undefined {
    const key = `${fromFile}\0${specifier}`;
    if (!this.resolved.has(key)) this.resolved.set(key, this.model.resolve(specifier, fromFile));
    return this.resolved.get(key);
  }

  /** The text of `file` (a dependency of this analysis): for cheap tests before its record is asked for. */
  text(file: string): string | undefined {
    const record = this.records.get(file);
    return record ? record.text : this.model.text(file, this.dependencies);
  }

  /** The module record of `file`, its text read once per analysis (a dependency of this analysis). */
  record(file: string): ModuleRecord | undefined {
    if (!this.records.has(file)) this.records.set(file, this.model.record(file, this.dependencies));
    return this.records.get(file);
  }

  noteEntry(declaration: ts.Node, at: ts.Node): void {
    if (declaration.getSourceFile() === this.sourceFile || this.entries.has(declaration)) return;
    this.entries.set(declaration, at);
  }

  /** The node of the analysed file standing for `node` (itself when it is in the analysed file). */
  entryOf(node: ts.Node, hops = 0): ts.Node | undefined {
    if (node.getSourceFile() === this.sourceFile) return node;
    if (hops > MAX_MODULE_HOPS) return undefined;
    for (let n: ts.Node | undefined = node; n; n = n.parent) {
      const at = this.entries.get(n);
      if (at) return this.entryOf(at, hops + 1);
    }
    return undefined;
  }

  isForeign(node: ts.Node): boolean {
    return node.getSourceFile() !== this.sourceFile;
  }
}

/** The module specifier of `require('x')` / `import('x')`, when the call is one. */
export function requiredSpecifier(expr: ts.Expression): string | undefined {
  const e = skipOuter(expr);
  if (!ts.isCallExpression(e) || e.arguments.length !== 1) return undefined;
  const arg = e.arguments[0];
  if (!ts.isStringLiteralLike(arg)) return undefined;
  if (ts.isIdentifier(e.expression) && e.expression.text === 'require') return arg.text;
  if (e.expression.kind === ts.SyntaxKind.ImportKeyword) return arg.text;
  return undefined;
}

/**
 * A report about a node of another module, placed in the analysed file (issue 12, item 6): at the node
 * through which the analysis reached that module (the import's use), with related information to where
 * the value is written. Fixes stay only when every edit names its file. A node the analysis cannot
 * place is not reported (`node` undefined).
 */
export function placeInFile(scope: ProjectScope, descriptor: ReportDescriptor): ReportDescriptor & { node: ts.Node | undefined } {
  const node = descriptor.node;
  if (!scope.isForeign(node)) return descriptor;
  const entry = scope.entryOf(node);
  const sf = node.getSourceFile();
  // Everything about it is written in that other module, whose own analysis reports it where it is
  // written (exported.ts): not again here.
  const elsewhere = (descriptor.related ?? []).every((r) => r.node.getSourceFile() === sf) && reportedWhereWritten(scope, node);
  if (!entry || elsewhere) return { ...descriptor, node: undefined as unknown as ts.Node };
  const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  return {
    ...descriptor,
    node: entry,
    message: `${descriptor.message} (The value is written in ${displayPathOf(scope.model.host, sf.fileName)}:${line}.)`,
    related: [{ node, message: 'The value is written here.' }, ...(descriptor.related ?? [])],
    // Edits of another file are offered as a quick fix, never applied by fix-all or --fix on this file.
    fixes: (descriptor.fixes ?? []).flatMap((f) => (f && f.edits.every((e) => e.file !== undefined) ? [{ ...f, kind: 'suggestion' as const }] : [])),
  };
}

/** A related location; in another file its offsets are into that file's text. */
export function relatedLocation(r: { node: ts.Node; message: string }, sourceFile: ts.SourceFile): RelatedLocation {
  const sf = r.node.getSourceFile();
  if (sf === sourceFile || !sf) return { start: r.node.getStart(sourceFile), end: r.node.end, message: r.message };
  return { start: r.node.getStart(sf), end: r.node.end, message: r.message, file: sf.fileName };
}
