// Checks written in one module and applied in another (issue 14, item 3): an exported predicate such as
// `export function isAllowedOrigin(o)` that an importer calls in a CORS origin callback
// (`cors({ origin: (o, cb) => cb(null, isAllowedOrigin(o)) })`) or in the condition before an
// Access-Control-Allow-Origin write. The verdict is computed for the use (the check as the importer
// applies it, through the project model), reported where the check is written, with related information
// to where it is applied, and raised when the applying side allows credentials.
import ts from 'typescript';
import type { RuleContext } from '../context';
import { collectFacts, isRegExpExpression, type FactsBundle } from '../facts';
import { ACAO } from '../facts/headers';
import type { CorsConfig } from '../facts/model';
import { ProjectScope, exportTable, type ModuleRecord } from '../modules';
import { mayContainCors } from '../prefilter';
import { configHasCredentials, credentialsWrite } from '../responses';
import { skipOuter } from '../values';
import type { OriginCheckSummary } from '../types';
import { displayPathOf, importersOfFile } from '../host';
import { describeAcceptance, judge, judgeCheckAround, type Verdict } from './verdict';

/** How many importers are read for uses (as composition.ts reads them for mounts). */
const MAX_IMPORTERS = 32;

/** One application of an exported check in another module. */
export interface CheckUse {
  /** The exported function, in the analysed file's tree. */
  fn: ts.SignatureDeclaration;
  /** The call in the importer (in its module record's tree). */
  call: ts.CallExpression;
  /** The check as the importer applies it. */
  verdict: Verdict;
  /** The CORS library whose origin option calls it; undefined for a condition before a header write. */
  library?: string;
  /** The applying middleware or response allows credentials. */
  credentials: boolean;
}

const usesByContext = new WeakMap<RuleContext, CheckUse[]>();

/** The uses of the analysed file's exported functions as origin checks in the modules that import it. */
export function checkUsesOf(context: RuleContext): CheckUse[] {
  let found = usesByContext.get(context);
  if (!found) {
    found = findUses(context);
    usesByContext.set(context, found);
  }
  return found;
}

function findUses(context: RuleContext): CheckUse[] {
  const project = context.project;
  // A module the text prefilter skips is never analysed on its own: its checks are reported at their uses
  // (reportedWhereCheckIsWritten), also when a caller analyses it without the prefilter.
  if (!project || !mayContainCors(context.sourceFile.text)) return [];
  const file = context.sourceFile.fileName;
  const exported = exportedFunctions(context.sourceFile);
  if (exported.size === 0) return [];
  // Cheap text tests before any parse: the importer has CORS code and calls one of the exported names.
  // Most importers fail them, and then neither they nor this module are parsed as records.
  const importers = (importersOfFile(project.model.host, file) ?? []).slice(0, MAX_IMPORTERS).filter((importer) => {
    if (importer === file) return false;
    const text = project.text(importer);
    return text !== undefined && mayContainCors(text) && [...exported.keys()].some((name) => name === 'default' || text.includes(`${name}(`));
  });
  if (importers.length === 0) return [];
  // The importers' evaluators reach this module through its record: the same text, another tree.
  const self = project.record(file);
  if (!self || self.text !== context.sourceFile.text) return [];
  const selfFunctions = exportedFunctions(self.sourceFile);
  const localOf = new Map<ts.Node, ts.SignatureDeclaration>();
  for (const [name, fn] of selfFunctions) {
    const local = exported.get(name);
    if (local && local.pos === fn.pos && local.end === fn.end) localOf.set(fn, local);
  }
  const uses: CheckUse[] = [];
  for (const importer of importers) {
    const record = project.record(importer);
    if (!record) continue;
    for (const use of usesIn(record, project, localOf)) uses.push(use);
  }
  return uses;
}

/**
 * The exported allowlists named for origins that their module never reads (a config module for a server
 * elsewhere), holding patterns: judged as an origin list (strings compared exactly, RegExps tested), as
 * `cors` would.
 */
export function unappliedOriginLists(context: RuleContext): { list: ts.VariableDeclaration; verdict: Verdict }[] {
  const { facts, sourceFile } = context;
  const out: { list: ts.VariableDeclaration; verdict: Verdict }[] = [];
  for (const list of facts.originLists) {
    const array = list.initializer && skipOuter(list.initializer);
    if (!array || !ts.isArrayLiteralExpression(array) || !array.elements.some((e) => isRegExpExpression(e as ts.Expression))) continue;
    if (!isExportedUnused(list, sourceFile) || facts.configs.some((c) => c.node.pos <= list.pos && list.end <= c.node.end)) continue;
    if (array.elements.some((e) => ts.isSpreadElement(e))) continue;
    out.push({ list, verdict: judge(facts.guards.compiler.membershipWithPatterns([...array.elements], array)) });
  }
  return out;
}

/**
 * A top-level variable the module exports and never reads itself: its use, if any, is in another module
 * (`export const allowedOrigins = […]`, `module.exports = { allowedOrigins }`).
 */
function isExportedUnused(d: ts.VariableDeclaration, sourceFile: ts.SourceFile): boolean {
  const statement = d.parent.parent;
  if (!ts.isIdentifier(d.name) || !ts.isVariableStatement(statement) || statement.parent !== sourceFile) return false;
  const name = d.name.text;
  const exported = [...exportTable(sourceFile).exports.values()].some((t) => t.kind === 'local' && t.name === name || t.kind === 'expression' && ts.isIdentifier(skipOuter(t.expr)) && (skipOuter(t.expr) as ts.Identifier).text === name);
  if (!exported) return false;
  let read = false;
  const visit = (node: ts.Node): void => {
    if (read) return;
    if (ts.isIdentifier(node) && node.text === name && node !== d.name && !isPropertyName(node) && !isExportOnly(node)) read = true;
    else node.forEachChild(visit);
  };
  sourceFile.forEachChild(visit);
  return !read;
}

/** `a.x`, `{ x: 1 }`: a property called x, not the variable. */
function isPropertyName(id: ts.Identifier): boolean {
  const parent = id.parent;
  return (ts.isPropertyAccessExpression(parent) && parent.name === id) || (ts.isPropertyAssignment(parent) && parent.name === id);
}

/** `export { x }`, `module.exports = { x }`, `exports.x = x`: naming a binding for export, not using it. */
function isExportOnly(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (ts.isExportSpecifier(parent) || ts.isExportAssignment(parent)) return true;
  let statement: ts.Node = id;
  while (statement.parent && !ts.isSourceFile(statement.parent)) statement = statement.parent;
  if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression) || statement.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const left = statement.expression.left.getText();
  return /^(module\.)?exports\b/.test(left) && id.pos >= statement.expression.right.pos;
}

/**
 * What each exported check accepts as its importers apply it (for the hover in the module that writes it,
 * which grants no policy itself). A check whose uses cannot be judged says nothing.
 */
export function checkSummaries(context: RuleContext): OriginCheckSummary[] {
  const uses = checkUsesOf(context);
  const host = context.project?.model.host;
  const summaries: OriginCheckSummary[] = [];
  for (const fn of new Set(uses.map((u) => u.fn))) {
    const ofFn = uses.filter((u) => u.fn === fn);
    const accepts = [...new Set(ofFn.flatMap((u) => describeAcceptance(u.verdict) ?? []))];
    if (accepts.length === 0) continue;
    const appliedIn = ofFn.map((u) => {
      const sf = u.call.getSourceFile();
      const line = sf.getLineAndCharacterOfPosition(u.call.getStart(sf)).line + 1;
      return `${displayPathOf(host, sf.fileName)}:${line}${u.library ? ` (${u.library})` : ''}`;
    });
    summaries.push({ start: fn.getStart(context.sourceFile), end: fn.end, accepts, appliedIn: [...new Set(appliedIn)] });
  }
  for (const { list, verdict } of unappliedOriginLists(context)) {
    const accepts = describeAcceptance(verdict);
    if (accepts) summaries.push({ start: list.getStart(context.sourceFile), end: list.end, accepts: [accepts], appliedIn: [] });
  }
  return summaries;
}

/** The calls in one importer of the analysed file's exported functions, judged as the importer applies them. */
function usesIn(record: ModuleRecord, project: ProjectScope, localOf: Map<ts.Node, ts.SignatureDeclaration>): CheckUse[] {
  const scope = new ProjectScope(project.model, record.sourceFile);
  const facts = collectFacts(record.sourceFile, scope);
  const uses: CheckUse[] = [];
  const pending: ts.Node[] = [record.sourceFile];
  while (pending.length > 0) {
    const node = pending.pop()!;
    node.forEachChild((child) => {
      pending.push(child);
    });
    if (!ts.isCallExpression(node) || node.arguments.length === 0) continue;
    const callee = skipOuter(node.expression);
    if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) continue;
    const fn = facts.evaluator.resolveFunction(callee);
    const local = fn && localOf.get(fn);
    if (!local) continue;
    const use = applicationOf(node, facts);
    if (use) uses.push({ fn: local, call: node, ...use });
  }
  for (const dependency of scope.dependencies) project.dependencies.add(dependency);
  return uses;
}

/** How a call of a check is applied: in a CORS origin option's function, or in the condition of a header write. */
function applicationOf(call: ts.CallExpression, facts: FactsBundle): Omit<CheckUse, 'fn' | 'call'> | undefined {
  const config = facts.configs.find((c) => c.originFunction && within(call, c.originFunction));
  if (config) {
    // Given the callback's origin parameter (`(o, cb) => cb(null, isAllowedOrigin(o))`) or the request's origin.
    const params = new Set(config.originFunction!.parameters.flatMap((p) => (ts.isIdentifier(p.name) ? [p.name.text] : [])));
    const given = call.arguments.some((a) => {
      const e = skipOuter(a);
      return (ts.isIdentifier(e) && params.has(e.text)) || facts.guards.isOriginish(a);
    });
    return given ? { verdict: judgeOriginFunction(config, facts), library: config.library, credentials: configHasCredentials(config) } : undefined;
  }
  if (!call.arguments.some((a) => facts.guards.isOriginish(a))) return undefined;
  // A condition in a function that writes Access-Control-Allow-Origin: the write it guards.
  const fn = enclosingFunction(call);
  const writes = fn ? facts.writes.filter((w) => w.name === ACAO && within(w.node, fn) && w.node.pos > call.end) : [];
  if (writes.length === 0) return undefined;
  const verdict = judgeCheckAround(call, facts.evaluator, (e) => facts.guards.isOriginish(e));
  return { verdict, credentials: writes.some((w) => credentialsWrite(w) !== undefined) };
}

/** An origin option's function as a whole (`(origin, callback) => …`, `(ctx) => …` for @koa/cors). */
export function judgeOriginFunction(config: CorsConfig, facts: FactsBundle): Verdict {
  const fn = config.originFunction!;
  const first = fn.parameters[0];
  const readsContext = first && ts.isIdentifier(first.name) && /^(ctx|c|context|req|request|event)$/.test(first.name.text);
  const read = () => judge(facts.guards.compiler.originFunction(fn, readsContext ? -1 : 0, 1));
  return config.originFactoryCall ? facts.evaluator.withFactoryCall(config.originFactoryCall, read) : read();
}

/** Exported functions of a module by exported name: declarations, and consts holding a function. */
function exportedFunctions(sourceFile: ts.SourceFile): Map<string, ts.SignatureDeclaration> {
  const out = new Map<string, ts.SignatureDeclaration>();
  const locals = new Map<string, ts.SignatureDeclaration>();
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) locals.set(statement.name.text, statement);
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        const init = d.initializer && skipOuter(d.initializer);
        if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) locals.set(d.name.text, init);
      }
    }
  }
  for (const [name, target] of exportTable(sourceFile).exports) {
    if (target.kind === 'local') {
      const fn = locals.get(target.name);
      if (fn) out.set(name, fn);
    } else if (target.kind === 'expression') {
      const e = skipOuter(target.expr);
      if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) out.set(name, e);
      else if (ts.isIdentifier(e) && locals.has(e.text)) out.set(name, locals.get(e.text)!);
    }
  }
  return out;
}

/**
 * Will the module holding `node` (not the analysed file) report it where it is written? Yes when `node`
 * lies in a function that module exports, and the analysed file reached it by a call that applies it as
 * an origin check: that module's analysis finds the same use (checkUsesOf) and reports it there. The
 * text prefilter must let that module through, or nobody would.
 */
export function reportedWhereCheckIsWritten(node: ts.Node, scope: ProjectScope, facts: FactsBundle): boolean {
  const sf = node.getSourceFile();
  if (sf === scope.sourceFile || !mayContainCors(sf.text)) return false;
  if (![...exportedFunctions(sf).values()].some((fn) => within(node, fn))) return false;
  const entry = scope.entryOf(node);
  // `isAllowedOrigin(o)`, `config.isAllowedOrigin(o)`
  let call = entry?.parent;
  if (call && ts.isPropertyAccessExpression(call) && call.name === entry) call = call.parent;
  return !!call && ts.isCallExpression(call) && within(entry!, call.expression) && applicationOf(call, facts) !== undefined;
}

function within(node: ts.Node, container: ts.Node): boolean {
  return node.getSourceFile() === container.getSourceFile() && node.pos >= container.pos && node.end <= container.end;
}

function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return n;
  return undefined;
}
