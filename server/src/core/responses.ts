// Questions rules ask about header writes: do two writes land on the same response, is credentials
// mode on for it, does it vary by Origin. Framework-free: they only look at facts and control flow.
import ts from 'typescript';
import { dominatingConditions, exits } from './guards';
import { ORIGIN_READ } from './request-origin';
import type { FactsBundle } from './facts';
import { ACAC, ACAO } from './facts/headers';
import type { CorsConfig, HeaderWrite } from './facts/model';
import type { AbstractValue, Variant } from './values';

export function isTrueValue(value: AbstractValue): boolean {
  return value.variants.length > 0 && value.variants.every((v) => (v.kind === 'boolean' && v.value) || (v.kind === 'literal' && v.text.trim().toLowerCase() === 'true'));
}

/** Can both writes happen while producing one response? False when they sit in exclusive branches. */
export function coexist(a: HeaderWrite, b: HeaderWrite): boolean {
  if (a.group !== b.group) return false;
  // next.config headers(): the entries of one `headers` list are one response.
  if (a.api === 'headers() entry' && b.api === 'headers() entry') return true;
  if (a.container && b.container) return a.container === b.container;
  if (a.api === 'headers() entry' || b.api === 'headers() entry') return false;
  // The exact test walks both nodes' ancestors, and rules compare writes pairwise: on generated code
  // with thousands of writes in one handler (a 2,000-branch else-if chain) that is cubic. Past a
  // realistic size the statement list a write sits in decides instead, which is linear to compute.
  const large = largeGroupIndex(a.group);
  if (large) return large.listOf.get(a) === large.listOf.get(b);
  return !exclusive(a.node, b.node);
}

/** More writes than this in one response group use the approximate coexist test. */
const EXACT_COEXIST_LIMIT = 128;

/** A large group's writes by the statement list they sit in (built once per group, i.e. per analysis). */
interface LargeGroupIndex {
  listOf: Map<HeaderWrite, ts.Node>;
  byList: Map<ts.Node, HeaderWrite[]>;
}
const largeGroups = new WeakMap<HeaderWrite['group'], LargeGroupIndex>();

function largeGroupIndex(group: HeaderWrite['group']): LargeGroupIndex | undefined {
  if (group.writes.length <= EXACT_COEXIST_LIMIT) return undefined;
  let index = largeGroups.get(group);
  if (!index) {
    index = { listOf: new Map(), byList: new Map() };
    for (const w of group.writes) {
      const list = statementListOf(w.node);
      index.listOf.set(w, list);
      const same = index.byList.get(list);
      if (same) same.push(w);
      else index.byList.set(list, [w]);
    }
    largeGroups.set(group, index);
  }
  return index;
}

/**
 * The writes of `write`'s group that may coexist with it (a superset; callers still ask coexist()).
 * In a large group only the writes in the same statement list can, so rules that compare writes
 * pairwise stay linear on generated code.
 */
export function sameResponseCandidates(write: HeaderWrite): readonly HeaderWrite[] {
  const large = largeGroupIndex(write.group);
  if (!large || write.api === 'headers() entry') return write.group.writes;
  return large.byList.get(large.listOf.get(write)!) ?? [];
}

/**
 * Where a write runs: its nearest enclosing statement list (block, case clause, file), or the branch it
 * forms on its own (an if or loop body without braces, a ?: arm). Two writes with the same one run
 * together unless an exit sits between them.
 */
function statementListOf(node: ts.Node): ts.Node {
  let n: ts.Node = node;
  while (n.parent && !isStatementList(n.parent) && !isBranching(n.parent)) n = n.parent;
  return n.parent && isStatementList(n.parent) ? n.parent : n;
}

const isStatementList = (n: ts.Node) => ts.isBlock(n) || ts.isSourceFile(n) || ts.isCaseClause(n) || ts.isDefaultClause(n);
const isBranching = (n: ts.Node) => ts.isIfStatement(n) || ts.isIterationStatement(n, false) || ts.isConditionalExpression(n);

/** True when control cannot reach both nodes in one run (different branches, or one branch exits first). */
export function exclusive(a: ts.Node, b: ts.Node): boolean {
  const ancestorsA = ancestors(a);
  const setA = new Set(ancestorsA);
  let lca: ts.Node | undefined;
  for (let n: ts.Node | undefined = b; n; n = n.parent) if (setA.has(n)) { lca = n; break; }
  if (!lca) return false;
  const childTowards = (node: ts.Node) => {
    let child = node;
    while (child.parent && child.parent !== lca) child = child.parent;
    return child;
  };
  const ca = childTowards(a);
  const cb = childTowards(b);
  if (ts.isIfStatement(lca) || ts.isConditionalExpression(lca)) {
    const cond = ts.isIfStatement(lca) ? lca.expression : lca.condition;
    return ca !== cond && cb !== cond && ca !== cb;
  }
  if (ts.isCaseBlock(lca)) return ca !== cb;
  if (ts.isBlock(lca) || ts.isSourceFile(lca) || ts.isCaseClause(lca) || ts.isDefaultClause(lca)) {
    const [first, firstNode] = lca.statements.indexOf(ca as ts.Statement) < lca.statements.indexOf(cb as ts.Statement) ? [ca, a] : [cb, b];
    // The earlier write's branch leaves before the later one runs: `if (x) { write; return; } write;`
    return branchExitsAfter(firstNode, first);
  }
  return false;
}

function ancestors(node: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  for (let n: ts.Node | undefined = node; n; n = n.parent) out.push(n);
  return out;
}

/** Does the code path containing `node` (inside `top`) end with an exit after `node`? */
function branchExitsAfter(node: ts.Node, top: ts.Node): boolean {
  let child = node;
  for (let parent = node.parent; parent && child !== top; child = parent, parent = parent.parent) {
    if (ts.isBlock(parent) || ts.isCaseClause(parent)) {
      const rest = parent.statements.slice(parent.statements.indexOf(child as ts.Statement) + 1);
      if (rest.some(exits)) return true;
    }
    if (ts.isReturnStatement(parent)) return true;
  }
  return ts.isReturnStatement(top) || (ts.isStatement(top) && exits(top));
}

/**
 * Does `later` run on every path that runs `earlier`, after it and before the handler can leave?
 * Only then does it always replace `earlier`'s value (`res.setHeader` twice), so removing `earlier`
 * changes no response. A later write under an `if`, a loop, a `try`, a `?:`/`&&`, or after a statement
 * that may return or throw overwrites on some paths only (DESIGN §6: a safe fix is proven, not assumed).
 */
export function alwaysOverwrites(earlier: HeaderWrite, later: HeaderWrite): boolean {
  const laterStatement = later.statement;
  if (!laterStatement || !earlier.statement) return false;
  // The statement list `later` sits in unconditionally (plain nested blocks are transparent).
  let unconditional: ts.Node = laterStatement;
  while (ts.isBlock(unconditional.parent) && ts.isBlock(unconditional.parent.parent)) unconditional = unconditional.parent;
  const list = unconditional.parent;
  if (!list || !(ts.isBlock(list) || ts.isSourceFile(list) || ts.isCaseClause(list) || ts.isDefaultClause(list))) return false;
  // `earlier` must sit inside an earlier statement of that same list, in the same function.
  let top: ts.Node = earlier.statement;
  while (top.parent && top.parent !== list) {
    if (ts.isFunctionLike(top.parent)) return false;
    top = top.parent;
  }
  if (top.parent !== list) return false;
  const statements = list.statements as ts.NodeArray<ts.Statement>;
  const from = statements.indexOf(top as ts.Statement);
  const to = statements.indexOf(unconditional as ts.Statement);
  if (from < 0 || to <= from) return false;
  // Nothing between them (nor the rest of `earlier`'s own statement) may leave the function.
  if (mayLeaveAfter(earlier.statement, top)) return false;
  return !statements.slice(from + 1, to).some(mayLeave);
}

/** Can control leave the function (or the loop/switch around it) inside this statement? */
function mayLeave(statement: ts.Node): boolean {
  let found = false;
  forEachLeave(statement, () => { found = true; });
  return found;
}

function forEachLeave(node: ts.Node, found: () => void): void {
  if (ts.isReturnStatement(node) || ts.isThrowStatement(node) || ts.isBreakStatement(node) || ts.isContinueStatement(node)) {
    found();
    return;
  }
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
  // A call may throw too, but then no response with these headers is sent either.
  ts.forEachChild(node, (child) => forEachLeave(child, found));
}

/** Inside `top`, can control leave after `node` (a return/throw later in one of its enclosing blocks)? */
function mayLeaveAfter(node: ts.Node, top: ts.Node): boolean {
  for (let child = node, parent = node.parent; child !== top && parent; child = parent, parent = parent.parent) {
    if (ts.isBlock(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) {
      const rest = parent.statements.slice(parent.statements.indexOf(child as ts.Statement) + 1);
      if (rest.some(mayLeave)) return true;
    }
  }
  return false;
}

/**
 * The `Access-Control-Allow-Credentials: true` write on the same response, if any: in the write's own
 * group, or (next.config headers(), Nitro routeRules) in an entry for a wider path pattern that applies
 * to the same requests (platform/config-routes.ts).
 */
export function credentialsWrite(write: HeaderWrite): HeaderWrite | undefined {
  return sameResponseCandidates(write).find((w) => w.name === ACAC && isTrueValue(w.value) && coexist(w, write)) ?? credentialsFromCoveringRoutes(write);
}

function credentialsFromCoveringRoutes(write: HeaderWrite): HeaderWrite | undefined {
  const { covering, configRoute, writes } = write.group;
  // The entry's own Access-Control-Allow-Credentials (any value) decides for its paths.
  if (!covering || !configRoute || writes.some((w) => w.name === ACAC)) return undefined;
  const credentials = covering.flatMap((g) => g.writes.filter((w) => w.name === ACAC));
  if (credentials.length === 0 || !credentials.every((w) => isTrueValue(w.value))) return undefined;
  // next.config: the last entry wins a header, so a later entry's Access-Control-Allow-Origin replaces this one.
  const replaced = configRoute.family === 'next.config headers()' && covering.some((g) => g.configRoute!.node.pos > configRoute.node.pos && g.writes.some((w) => w.name === ACAO));
  return replaced ? undefined : credentials[0];
}

/** Does this response send Vary with Origin (or does the file add it through res.vary / vary())? */
export function hasVaryOrigin(facts: FactsBundle): boolean {
  const varies = (w: HeaderWrite) => w.name === 'vary' && w.value.variants.some((v) => v.kind !== 'literal' || /(^|,|\s)(origin|\*)(\s|,|$)/i.test(v.text));
  // A Vary with Origin written anywhere in the file (the same response, or a global middleware) is
  // given the benefit of the doubt.
  if (facts.writes.some(varies)) return true;
  return facts.varyCalls.length > 0;
}

/** A Vary write that names Origin (or `*`, which varies by everything). */
export function isVaryOriginWrite(w: HeaderWrite): boolean {
  return w.name === 'vary' && w.value.variants.some((v) => v.kind !== 'literal' || /(^|,|\s)(origin|\*)(\s|,|$)/i.test(v.text));
}

/**
 * Does every response this ACAO write is on carry `Vary: Origin`? A Vary on the same response counts
 * when it runs on every path the write does (not only inside the branch that allows the origin); a
 * Vary in another handler does not; one in middleware every request passes (`app.use`) does.
 */
export function variesByOrigin(write: HeaderWrite, facts: FactsBundle): boolean {
  for (const w of facts.writes) {
    if (!isVaryOriginWrite(w)) continue;
    if (w.group === write.group ? covers(w.node, write.node) : isMiddleware(w.group.handler?.node ?? w.group.node)) return true;
  }
  for (const call of facts.varyCalls) {
    if (isInside(call, write.group.node) ? covers(call, write.node) : isMiddleware(enclosingFunctionOf(call))) return true;
  }
  return false;
}

/** Does `a` run on every path through the handler that runs `b`? (Every branch `a` sits in also holds `b`.) */
function covers(a: ts.Node, b: ts.Node): boolean {
  if (exclusive(a, b)) return false;
  for (let child = a, parent = a.parent; parent && !ts.isFunctionLike(child) && !ts.isSourceFile(parent); child = parent, parent = parent.parent) {
    const branch = ts.isIfStatement(parent) ? child !== parent.expression
      : ts.isConditionalExpression(parent) ? child !== parent.condition
        : ts.isBinaryExpression(parent) ? child === parent.right && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(parent.operatorToken.kind)
          : ts.isIterationStatement(parent, false) || ts.isCatchClause(parent) || (ts.isTryStatement(parent) && child === parent.tryBlock);
    if (branch && !isInside(b, child)) return false;
    // A case clause is the branch: `b` must run in the same clause (falling through from earlier ones is fine).
    if ((ts.isCaseClause(parent) || ts.isDefaultClause(parent)) && !isInside(b, parent)) return false;
    if (ts.isFunctionLike(parent)) break;
  }
  return true;
}

function isInside(node: ts.Node, container: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) if (n === container) return true;
  return false;
}

function enclosingFunctionOf(node: ts.Node): ts.Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return n;
  return undefined;
}

/** A function every request passes through: registered with `use`/`all`/`addHook`, or taking `next`. */
function isMiddleware(fn: ts.Node | undefined): boolean {
  if (!fn || !ts.isFunctionLike(fn)) return false;
  if (fn.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === 'next')) return true;
  const call = fn.parent;
  return ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && /^(use|all|addHook)$/.test(call.expression.name.text);
}

/** Does the value depend on the request (reflection, checked reflection, a branch on the origin)? */
export function dependsOnRequest(write: HeaderWrite): boolean {
  const variants = write.value.variants;
  if (variants.some((v) => v.kind === 'request')) return true;
  // A ternary/if between literals decided by the request (`allowed ? origin-literal : other`).
  const literals = new Set(variants.filter((v) => v.kind === 'literal').map((v) => (v as { text: string }).text));
  if (literals.size > 1 && write.valueNode !== undefined && mentionsRequest(write.valueNode)) return true;
  // An expression that reads the Origin header picks its value by it (`list.find((o) => o === origin) ?? list[0]`).
  if (write.valueNode !== undefined && ORIGIN_READ.test(write.valueNode.getText())) return true;
  // A lookup keyed by the origin variable (`allowed.find((o) => o === origin) ?? allowed[0]`).
  if (write.valueNode !== undefined && /\.(find|includes|indexOf|has|some|test)\(/.test(write.valueNode.getText()) && mentionsRequest(write.valueNode)) return true;
  // A fallback write in the branch that refuses the origin (`if (allowed.has(o)) … else set(allowed[0])`):
  // which of the two responses is sent depends on the Origin, so a cache must key on it.
  return dominatingConditions(write.node, write.group.handler?.node).some((c) => /\borigin\b/i.test(c.expr.getText()));
}

function mentionsRequest(node: ts.Node): boolean {
  return /\b(origin|req|request|ctx|event|headers)\b/i.test(node.getText());
}

export function originWrites(facts: FactsBundle): HeaderWrite[] {
  return facts.writes.filter((w) => w.name === ACAO);
}

/** Middleware credentials as a boolean for severity decisions. */
export function configHasCredentials(config: CorsConfig): boolean {
  return config.credentials === true;
}

export function requestVariants(value: AbstractValue): Extract<Variant, { kind: 'request' }>[] {
  return value.variants.filter((v): v is Extract<Variant, { kind: 'request' }> => v.kind === 'request');
}
