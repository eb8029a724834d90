// App composition (issue 12, item 4): a route module learns what the app that mounts it registered
// before it. The importers of the analysed module (host.importersOf) are read as module records; in each,
// the calls that mount one of its bindings (`app.use('/x', router)`, `app.register(import('./r'))`,
// `registerRoutes(app)`) are matched with the CORS middleware and the OPTIONS answers registered on the
// same app earlier. What cannot be resolved is 'unknown', and the rules that need it stay silent.
import ts from 'typescript';
import type { RuleContext } from './context';
import { collectFacts } from './facts';
import type { CorsConfig, HeaderWrite, OptionsAnswer } from './facts/model';
import { isExportedOnly } from './exported';
import { displayPathOf, importersOfFile } from './host';
import { mayReexport } from './imports';
import { isHttpMiddleware } from './libraries';
import { mayContainCors } from './prefilter';
import { MAX_MODULE_HOPS, ModuleRecord, ProjectModel, ProjectScope, requiredSpecifier } from './modules';
import { skipOuter } from './values';

/** How the app around a module handles CORS. */
export type Composition =
  /** The module creates its own app, or there is no project: the file decides alone. */
  | { state: 'local' }
  /** Mounted on an app with CORS middleware (or a catch-all OPTIONS answer) registered before it. */
  | { state: 'covered'; by: MountedPolicy }
  /** Every mount was resolved, and none of those apps answers CORS. */
  | { state: 'not-covered' }
  /** The module's routes are mounted by something the engine cannot see. */
  | { state: 'unknown' };

export interface MountedPolicy {
  /** The app file and the node (in that file's record) of the middleware call or OPTIONS answer. */
  file: string;
  node: ts.Node;
  /** The CORS middleware, when it is one (else an OPTIONS answer written by hand). */
  config?: CorsConfig;
}

/** What a module does to the apps it has: mounts of imported bindings, CORS registered per app. */
interface AppSummary {
  mounts: { specifier: string; receiver: string; pos: number }[];
  /** Imported bindings used as CORS options or as the origin option (`cors(corsOptions)`, `origin: allowed`). */
  applied: Application[];
  middleware: { receiver: string | undefined; pos: number; config?: CorsConfig; answer?: OptionsAnswer; node: ts.Node }[];
  /** Receivers that are apps this module creates (`express()`, `new Hono()`…). */
  localApps: Set<string>;
}

const MOUNT_METHODS = new Set(['use', 'register', 'route', 'mount', 'addRoutes', 'plugin']);
const APP_FACTORY = /^(new\s+)?(express|fastify|Fastify|connect|polka|Koa|Hono|Elysia|Router|restify\.createServer|createApp|h3\.createApp|NestFactory\.create)\b(?!\.Router)/;
const ROUTER_FACTORY = /(\bRouter\s*\(|\bexpress\.Router\s*\(|new\s+(KoaRouter|Router)\b)/;

const summaries = new WeakMap<ModuleRecord, AppSummary>();
const compositions = new WeakMap<RuleContext, Composition>();

/** The composition of the analysed file, computed once per analysis. */
export function compositionOf(context: RuleContext): Composition {
  let found = compositions.get(context);
  if (!found) {
    found = compute(context);
    compositions.set(context, found);
  }
  return found;
}

function compute(context: RuleContext): Composition {
  const project = context.project;
  if (!project || !isMounted(context)) return { state: 'local' };
  return compositionOfFile(project.model, context.sourceFile.fileName, 0, project.dependencies);
}

/** Do the file's routes hang on something it does not create (a Router, a parameter, an import)? */
function isMounted(context: RuleContext): boolean {
  const { facts, facts: { evaluator } } = context;
  let mounted = false;
  for (const route of facts.routes) {
    const access = route.node.parent;
    if (!ts.isPropertyAccessExpression(access)) continue;
    let receiver = skipOuter(access.expression);
    // app.route('/x').put(…)
    while (ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression)) receiver = skipOuter(receiver.expression.expression);
    if (!ts.isIdentifier(receiver)) continue;
    const decl = evaluator.resolve(receiver);
    if (!decl) continue;
    if (decl.kind === 'parameter') mounted = true;
    else if (decl.kind === 'variable' && decl.declaration.initializer) {
      const init = decl.declaration.initializer.getText();
      if (ROUTER_FACTORY.test(init)) mounted = true;
      else if (APP_FACTORY.test(init)) return false;
    }
  }
  return mounted;
}

function compositionOfFile(model: ProjectModel, file: string, hops: number, deps: Set<string>): Composition {
  if (hops > MAX_MODULE_HOPS / 2) return { state: 'unknown' };
  const importers = importersOfFile(model.host, file);
  if (!importers || importers.length === 0) return { state: 'unknown' };
  let sawMount = false;
  let allResolved = true;
  for (const importer of importers.slice(0, 32)) {
    if (importer === file) continue;
    const record = model.record(importer, deps);
    if (!record) {
      allResolved = false;
      continue;
    }
    const summary = summaryOf(record);
    for (const mount of summary.mounts) {
      if (model.resolve(mount.specifier, importer) !== file) continue;
      sawMount = true;
      const before = summary.middleware.find((m) => m.pos < mount.pos && (m.receiver === undefined || m.receiver === mount.receiver));
      if (before) return { state: 'covered', by: { file: importer, node: before.node, config: before.config } };
      if (summary.localApps.has(mount.receiver)) continue;
      // Mounted on a router or an app parameter of the importer: ask who mounts the importer.
      const outer = compositionOfFile(model, importer, hops + 1, deps);
      if (outer.state === 'covered') return outer;
      if (outer.state === 'unknown') allResolved = false;
    }
  }
  return sawMount && allResolved ? { state: 'not-covered' } : { state: 'unknown' };
}

function summaryOf(record: ModuleRecord): AppSummary {
  const cached = summaries.get(record);
  if (cached) return cached;
  const sf = record.sourceFile;
  const summary: AppSummary = { mounts: [], applied: [], middleware: [], localApps: new Set() };
  const facts = collectFacts(sf);
  for (const config of facts.configs) {
    if (!isHttpMiddleware(config) || config.origin === 'disabled' || isExportedOnly(config)) continue;
    summary.middleware.push({ receiver: receiverOf(config.node), pos: config.node.getStart(sf), config, node: config.node });
  }
  for (const answer of facts.optionsAnswers) {
    const catchAll = !answer.path || /^(\*|\/\*|\(\.\*\)|\/\(\.\*\)|\/\*.*|\/\{\*\w*\}|\/:\w+\*)$/.test(answer.path);
    const ok = answer.statuses.length === 0 || answer.statuses.some((s) => s >= 200 && s < 300);
    if (catchAll && ok) summary.middleware.push({ receiver: receiverOf(answer.node), pos: answer.node.getStart(sf), answer, node: answer.node });
  }
  const imported = new Map<string, string>();
  /** Local name → the name the module exports it under. */
  const importedName = new Map<string, string>();
  // Bindings first (a call may come before the `require` it uses in the walk), then the calls.
  const nodes: ts.Node[] = [];
  const pending: ts.Node[] = [sf];
  while (pending.length > 0) {
    const node = pending.pop()!;
    nodes.push(node);
    node.forEachChild((child) => {
      pending.push(child);
    });
  }
  for (const node of nodes) {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.importClause) {
      const spec = node.moduleSpecifier.text;
      const clause = node.importClause;
      if (clause.name) {
        imported.set(clause.name.text, spec);
        importedName.set(clause.name.text, 'default');
      }
      const named = clause.namedBindings;
      if (named && ts.isNamespaceImport(named)) imported.set(named.name.text, spec);
      if (named && ts.isNamedImports(named)) {
        for (const el of named.elements) {
          imported.set(el.name.text, spec);
          importedName.set(el.name.text, (el.propertyName ?? el.name).text);
        }
      }
    } else if (ts.isVariableDeclaration(node) && node.initializer) {
      const spec = requiredSpecifier(node.initializer);
      if (spec !== undefined) {
        if (ts.isIdentifier(node.name)) {
          imported.set(node.name.text, spec);
          importedName.set(node.name.text, 'default');
        } else {
          for (const el of node.name.elements) {
            if (ts.isOmittedExpression(el) || !ts.isIdentifier(el.name)) continue;
            imported.set(el.name.text, spec);
            const key = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
            importedName.set(el.name.text, key);
          }
        }
      } else if (ts.isIdentifier(node.name) && APP_FACTORY.test(node.initializer.getText(sf)) && !ROUTER_FACTORY.test(node.initializer.getText(sf))) {
        summary.localApps.add(node.name.text);
      }
    }
  }
  for (const node of nodes) {
    if (ts.isCallExpression(node)) {
      const callee = skipOuter(node.expression);
      const pos = node.getStart(sf);
      if (ts.isPropertyAccessExpression(callee) && MOUNT_METHODS.has(callee.name.text)) {
        const receiver = callee.expression.getText(sf);
        for (const arg of node.arguments) {
          const spec = specifierOf(arg, imported);
          if (spec !== undefined) summary.mounts.push({ specifier: spec, receiver, pos });
        }
      } else if (ts.isIdentifier(callee) && imported.has(callee.text)) {
        // registerRoutes(app): a function of the module, given the app.
        const app = node.arguments.find((a) => ts.isIdentifier(skipOuter(a)));
        if (app) summary.mounts.push({ specifier: imported.get(callee.text)!, receiver: skipOuter(app).getText(sf), pos });
      }
    }
  }
  for (const config of facts.configs) {
    const call = ts.isCallExpression(config.node) ? config.node : undefined;
    const optionsArg = call && (ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'register' ? call.arguments[1] : call.arguments[0]);
    const origin = config.originNode && ts.isPropertyAssignment(config.originNode) ? config.originNode.initializer
      : config.originNode && ts.isShorthandPropertyAssignment(config.originNode) ? config.originNode.name : undefined;
    for (const [expr, role] of [[optionsArg, 'options'], [origin, 'origin']] as const) {
      const e = expr && skipOuter(expr);
      if (!e || !ts.isIdentifier(e) || !importedName.has(e.text)) continue;
      summary.applied.push({ specifier: imported.get(e.text)!, name: importedName.get(e.text)!, role, library: config.library, file: record.file, node: e, credentials: config.credentials === true });
    }
  }
  summaries.set(record, summary);
  return summary;
}

/** An exported binding of some module, applied in another as CORS options or as the origin option. */
export interface Application {
  specifier: string;
  name: string;
  role: 'options' | 'origin';
  library: string;
  /** The applying file, and the node there (in its record) that applies the binding. */
  file: string;
  node: ts.Node;
  /** The applying options set `credentials: true` (an origin list or function applied there is then judged with credentials). */
  credentials: boolean;
}

/**
 * Where the analysed file's exports are applied as CORS options or origins, in the files that import it,
 * and through modules that re-export them (`export * from './cors'`, `export { a as b } from './cors'`):
 * each application names the export of the analysed file.
 */
export function applicationsOf(context: RuleContext | { project?: RuleContext['project']; sourceFile: ts.SourceFile }): Application[] {
  const project = context.project;
  if (!project) return [];
  return applicationsOfFile(project, context.sourceFile.fileName, 0, new Set());
}

function applicationsOfFile(project: ProjectScope, file: string, hops: number, seen: Set<string>): Application[] {
  if (hops > MAX_MODULE_HOPS || seen.has(file)) return [];
  seen.add(file);
  const importers = importersOfFile(project.model.host, file);
  const out: Application[] = [];
  for (const importer of (importers ?? []).slice(0, 32)) {
    if (importer === file) continue;
    // Cheap text tests before a parse: only CORS middleware applies a binding (and a module with CORS
    // middleware passes the prefilter, whose contract that is), and only `export {…} from` / `export *
    // from` passes one on. Most importers of a module (routes importing a logger) do neither.
    const text = project.model.text(importer, project.dependencies);
    if (text === undefined || (!mayContainCors(text) && !mayReexport(text))) continue;
    const record = project.model.record(importer, project.dependencies);
    if (!record) continue;
    for (const a of summaryOf(record).applied) if (project.model.resolve(a.specifier, importer) === file) out.push(a);
    const reexported = reexportedNames(project, record, file);
    if (!reexported) continue;
    for (const a of applicationsOfFile(project, importer, hops + 1, seen)) {
      const name = reexported(a.name);
      if (name !== undefined) out.push({ ...a, name });
    }
  }
  return out;
}

/** How `record` re-exports names of `file`: its exported name → the name in `file`; undefined when it re-exports none. */
function reexportedNames(project: ProjectScope, record: ModuleRecord, file: string): ((name: string) => string | undefined) | undefined {
  const named = new Map<string, string>();
  for (const [name, target] of record.exports) {
    if (target.kind === 'reexport' && target.name !== '*' && project.resolve(target.specifier, record.file) === file) named.set(name, target.name);
  }
  // `export *` passes every name on but `default`, unless the module exports that name itself.
  const star = record.starExports.some((specifier) => project.resolve(specifier, record.file) === file);
  if (named.size === 0 && !star) return undefined;
  return (name) => named.get(name) ?? (star && name !== 'default' && !record.exports.has(name) ? name : undefined);
}

/** The module a mounted argument comes from: an imported binding, `require('./r')`, `import('./r')`, `x.default`, `router.routes()`. */
function specifierOf(arg: ts.Expression, imported: Map<string, string>, depth = 0): string | undefined {
  const e = skipOuter(arg);
  if (depth > 3) return undefined;
  if (ts.isIdentifier(e)) return imported.get(e.text);
  const required = requiredSpecifier(e);
  if (required !== undefined) return required;
  if (ts.isPropertyAccessExpression(e)) return specifierOf(e.expression, imported, depth + 1);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) return specifierOf(e.expression.expression, imported, depth + 1);
  return undefined;
}

/** The app a registration is made on: `app` for `app.use(cors())`, `app.options('*', …)`. */
function receiverOf(node: ts.Node): string | undefined {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && /^(use|register|options|all|route|addHook|enableCors)$/.test(n.expression.name.text)) {
      return n.expression.expression.getText();
    }
  }
  return undefined;
}

/**
 * duplicate-origin-header across files: the app that mounts this module runs CORS middleware, and a
 * route here writes Access-Control-Allow-Origin by hand as well. Reported at the write, with related
 * information to the middleware in the app's file.
 */
export function reportMountedDuplicates(context: RuleContext, writes: HeaderWrite[]): void {
  if (writes.length === 0) return;
  const composed = compositionOf(context);
  if (composed.state !== 'covered' || !composed.by.config) return;
  const { config, node, file } = composed.by;
  const sf = node.getSourceFile();
  const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  for (const write of writes) {
    context.at(write.node);
    context.report({
      node: write.valueNode ?? write.node,
      message: `Access-Control-Allow-Origin is written by hand although ${config.library} (${displayPathOf(context.project?.model.host, file)}:${line}), registered on the app that mounts this module, already sets it; the two disagree or the header is sent twice, which browsers reject. Let the middleware own CORS.`,
      related: [{ node, message: 'CORS middleware registered on the mounting app here.' }],
      fixes: [context.fixer.fix('Remove the manual Access-Control-Allow-Origin write', 'suggestion', [context.fixer.removeWrite(write)])],
    });
  }
}
