// Classifies checks on the request's Origin (DESIGN §3, "Guards"): which conditions dominate a grant,
// and how strong each is: exact, weak (an attacker's origin passes), unknown (a check we cannot see
// into: given the benefit of the doubt), or none. Every check on the origin's text (regexes, string
// methods, helpers, list callbacks) is judged by the origin-check evaluator (origin-checks/, one way to
// judge a check); what is decided here is structure: membership, equality, negation, `&&`/`||`,
// early returns and which expressions hold the origin.
import ts from 'typescript';
import { ValueEvaluator, Variant, returnStatements, skipOuter, requestRead } from './values';
import { OriginPredicateCompiler } from './origin-checks/predicate';
import { describeBypass, judge, type Verdict } from './origin-checks/verdict';

export type Strength = 'none' | 'weak' | 'unknown' | 'exact';
const RANK: Record<Strength, number> = { none: 0, weak: 1, unknown: 2, exact: 3 };

export interface CheckResult {
  strength: Strength;
  /** The weakest leaf that made the result weak, for reporting. */
  weakNode?: ts.Node;
  /** What passes a weak check, as the evaluator found it ("https://evilexample.com passes (suffix match)"). */
  weakness?: string;
  /** Truthiness/emptiness tests: neither a check nor a reason to distrust an OR with a real check. */
  neutral?: boolean;
  /** The evaluator's verdict on this check (origin-checks/): the accepted attacker origin, or a proof. */
  verdict?: Verdict;
}

const NEUTRAL: CheckResult = { strength: 'none', neutral: true };
/** A check on the origin's text whose strength only the evaluator can tell (refine): unknown until it does. */
const UNREAD: CheckResult = { strength: 'unknown' };

function strongest(a: CheckResult | undefined, b: CheckResult | undefined): CheckResult | undefined {
  if (!a || a.neutral) return b ?? a;
  if (!b || b.neutral) return a;
  return RANK[b.strength] > RANK[a.strength] ? b : a;
}

function weakest(a: CheckResult | undefined, b: CheckResult | undefined): CheckResult | undefined {
  if (!a || a.neutral) return b && !b.neutral ? b : a && b ? NEUTRAL : a ?? b;
  if (!b || b.neutral) return a;
  return RANK[b.strength] < RANK[a.strength] ? b : a;
}

const ORIGIN_NAME = /origin/i;
const NOT_ORIGIN_NAME = /origins$|allow|whitelist|list|trusted|valid|cors|options|config|set$|map$/i;

export class GuardClassifier {
  /** Whether an identifier's value is the request Origin (independent of originNames, so cacheable). */
  private readonly identifierCache = new Map<ts.Identifier, boolean>();
  /** Extra identifiers that stand for the origin (parameters of helper predicates being followed). */
  private readonly originNames: Set<string>[] = [];

  private compilerInstance?: OriginPredicateCompiler;
  private readonly refined = new Map<ts.Node, CheckResult>();
  private readonly refinedNegated = new Map<ts.Node, CheckResult>();

  constructor(private readonly evaluator: ValueEvaluator) {}

  /** The predicate compiler for this file; the origin is what isOriginish says (callback parameters included). */
  get compiler(): OriginPredicateCompiler {
    return (this.compilerInstance ??= new OriginPredicateCompiler(this.evaluator, (e) => this.isOriginish(e)));
  }

  /**
   * A leaf check judged by the evaluator against the battery (origin-checks/): its verdict replaces the
   * pattern-based `fallback` whenever the leaf can be read. `negate`: the check accepts when `node` is false.
   */
  private refine(node: ts.Expression, fallback: CheckResult, negate = false): CheckResult {
    const cache = negate ? this.refinedNegated : this.refined;
    const cached = cache.get(node);
    if (cached) return cached;
    const predicate = this.compiler.condition(node);
    const verdict = judge(negate ? { kind: 'not', item: predicate } : predicate);
    let result: CheckResult;
    if (verdict.kind === 'unknown') result = fallback.strength === 'weak' ? { strength: 'unknown' } : fallback;
    else if (verdict.kind === 'exact') result = { strength: 'exact', verdict };
    else {
      // Report where the weakness is written: the regex, or the whole comparison/call.
      const weakNode = verdict.atom?.regex?.node ?? fallback.weakNode ?? node;
      result = { strength: verdict.kind === 'weak' ? 'weak' : 'exact', weakNode, weakness: describeBypass(verdict), verdict };
    }
    cache.set(node, result);
    return result;
  }

  /** Runs `fn` with `name` also standing for the origin (a callback's origin parameter). */
  withOriginName<T>(name: string | undefined, fn: () => T): T {
    if (name) this.originNames.push(new Set([name]));
    try {
      return fn();
    } finally {
      if (name) this.originNames.pop();
    }
  }

  /** Does this expression denote the request's Origin (or a part of it such as its hostname)? */
  isOriginish(expr: ts.Expression, depth = 0): boolean {
    expr = skipOuter(expr);
    if (depth > 6) return false;
    if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) && expr.arguments.length === 0
      && ['toLowerCase', 'trim', 'toString', 'toLocaleLowerCase'].includes(expr.expression.name.text)) {
      return this.isOriginish(expr.expression.expression, depth + 1);
    }
    if (ts.isPropertyAccessExpression(expr) && ['hostname', 'host', 'origin'].includes(expr.name.text)) {
      const object = skipOuter(expr.expression);
      if (ts.isNewExpression(object) && ts.isIdentifier(object.expression) && object.expression.text === 'URL' && object.arguments?.[0]) {
        return this.isOriginish(object.arguments[0], depth + 1);
      }
    }
    if (requestRead(expr) === 'origin') return true;
    if (ts.isIdentifier(expr)) {
      if (this.originNames.some((names) => names.has(expr.text))) return true;
      if (ORIGIN_NAME.test(expr.text) && !NOT_ORIGIN_NAME.test(expr.text)) return true;
      let holds = this.identifierCache.get(expr);
      if (holds === undefined) {
        holds = this.evaluator.evaluate(expr, depth + 6).variants.some((v) => v.kind === 'request' && v.source === 'origin');
        this.identifierCache.set(expr, holds);
      }
      return holds;
    }
    return false;
  }

  /**
   * The strongest check on the origin that dominates every node of a request value's flow path
   * (the read, each variable hop, the sink).
   */
  guardOf(variant: Extract<Variant, { kind: 'request' }>, sink: ts.Node): CheckResult {
    let best: CheckResult = { strength: 'none' };
    const seen = new Set<ts.Node>();
    for (const start of [...variant.path, sink]) {
      for (const condition of dominatingConditions(start)) {
        if (seen.has(condition.expr)) continue;
        seen.add(condition.expr);
        const result = condition.switchCase
          ? (this.isOriginish(condition.expr) ? { strength: 'exact' as const } : undefined)
          : this.classify(condition.expr, condition.positive);
        if (result && !result.neutral && RANK[result.strength] > RANK[best.strength]) best = result;
      }
    }
    return best;
  }

  /** Classifies a condition under which code runs (`positive` = the condition holds). undefined = not about the origin. */
  classify(expr: ts.Expression, positive: boolean, depth = 0): CheckResult | undefined {
    expr = skipOuter(expr);
    if (depth > 8) return { strength: 'unknown' };
    if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.ExclamationToken) {
      return this.classify(expr.operand, !positive, depth + 1);
    }
    if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.TildeToken) {
      return this.classify(expr.operand, positive, depth + 1);
    }
    if (ts.isBinaryExpression(expr)) return this.classifyBinary(expr, positive, depth);
    if (ts.isCallExpression(expr)) return this.classifyCall(expr, positive, depth);
    // `if (!origin) return cb(null, true)`: no Origin header (same-origin or non-browser) has nothing to leak.
    if (this.isOriginish(expr)) return positive ? NEUTRAL : { strength: 'exact' };
    if (ts.isIdentifier(expr)) {
      // `const ok = allowed.includes(origin); if (ok) …`
      const decl = this.evaluator.resolve(expr);
      if (decl?.kind === 'variable' && !decl.binding && decl.declaration.initializer && decl.isConst) {
        return this.classify(decl.declaration.initializer, positive, depth + 1);
      }
    }
    return this.mentionsOrigin(expr) ? { strength: 'unknown' } : undefined;
  }

  private mentionsOrigin(node: ts.Node): boolean {
    // Iterative: conditions can be nested thousands deep in generated code.
    const pending: ts.Node[] = [node];
    while (pending.length > 0) {
      const n = pending.pop()!;
      if ((ts.isIdentifier(n) || ts.isPropertyAccessExpression(n) || ts.isCallExpression(n)) && this.isOriginish(n)) return true;
      n.forEachChild((child) => {
        pending.push(child);
      });
    }
    return false;
  }

  private classifyBinary(expr: ts.BinaryExpression, positive: boolean, depth: number): CheckResult | undefined {
    const op = expr.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) {
      const left = this.classify(expr.left, positive, depth + 1);
      const right = this.classify(expr.right, positive, depth + 1);
      const conjunction = (op === ts.SyntaxKind.AmpersandAmpersandToken) === positive;
      return conjunction ? strongest(left, right) : weakest(left, right);
    }
    const equality = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
    const inequality = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    const relational = [ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken, ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken].includes(op);
    if (equality || inequality || relational) {
      const indexResult = this.classifyIndexComparison(expr, positive, depth);
      if (indexResult) return indexResult;
      if (relational) return this.mentionsOrigin(expr) ? { strength: 'unknown' } : undefined;
      const holds = equality === positive;
      for (const [side, other] of [[expr.left, expr.right], [expr.right, expr.left]] as const) {
        const s = skipOuter(side);
        const o = skipOuter(other);
        if (ts.isTypeOfExpression(s) && this.isOriginish(s.expression)) {
          return ts.isStringLiteralLike(o) && o.text === 'undefined' && holds ? { strength: 'exact' } : NEUTRAL;
        }
        if (!this.isOriginish(s)) continue;
        if (o.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(o) && o.text === 'undefined') || (ts.isStringLiteralLike(o) && o.text === '')) {
          return holds ? { strength: 'exact' } : NEUTRAL;
        }
        return holds ? { strength: 'exact' } : { strength: 'none' };
      }
      // `allowed[origin] === true`, `map.get(origin) !== undefined`
      return this.mentionsOrigin(expr) ? (holds ? { strength: 'unknown' } : { strength: 'none' }) : undefined;
    }
    if (op === ts.SyntaxKind.InKeyword && this.isOriginish(expr.left)) return positive ? { strength: 'exact' } : { strength: 'none' };
    return this.mentionsOrigin(expr) ? { strength: 'unknown' } : undefined;
  }

  /** `list.indexOf(origin) !== -1` (membership) and `origin.indexOf('a.com') > -1` (substring). */
  private classifyIndexComparison(expr: ts.BinaryExpression, positive: boolean, depth: number): CheckResult | undefined {
    const left = skipOuter(expr.left);
    const right = skipOuter(expr.right);
    const call = isIndexCall(left) ? left : isIndexCall(right) ? right : undefined;
    if (!call) return undefined;
    const bound = call === left ? right : left;
    const n = numericValue(bound);
    if (n === undefined) return undefined;
    const op = expr.operatorToken.kind;
    // Normalise to "found" (index >= 0) or "not found".
    const callOnLeft = call === left;
    let found: boolean | undefined;
    if (op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) found = n === -1 ? true : undefined;
    else if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken) found = n === -1 ? false : n === 0 ? true : undefined;
    else if (op === ts.SyntaxKind.GreaterThanToken) found = callOnLeft ? n >= -1 : undefined;
    else if (op === ts.SyntaxKind.GreaterThanEqualsToken) found = callOnLeft ? n >= 0 : undefined;
    else if (op === ts.SyntaxKind.LessThanToken) found = callOnLeft && n <= 0 ? false : undefined;
    if (found === undefined) return this.mentionsOrigin(expr) ? { strength: 'unknown' } : undefined;
    const leaf = this.classifyCall(call, true, depth + 1);
    if (!leaf) return undefined;
    if (found !== positive) return { strength: 'none' };
    // `list.indexOf(origin) !== -1` (membership) or `origin.indexOf('a.com') > -1` (a substring test): judged whole.
    return leaf.neutral ? leaf : this.refine(expr, { ...leaf, weakNode: expr }, !found);
  }

  private classifyCall(call: ts.CallExpression, positive: boolean, depth: number): CheckResult | undefined {
    const callee = skipOuter(call.expression);
    const args = call.arguments;
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      const receiver = callee.expression;
      const arg0 = args[0];
      const when = (result: CheckResult): CheckResult => (positive ? result : { strength: 'none' });
      switch (method) {
        case 'includes':
        case 'has':
        case 'hasOwnProperty':
        case 'get':
        case 'indexOf':
        case 'lastIndexOf':
          // A list or Set holds exact origins; a string that joins several is a substring test (refine decides).
          if (arg0 && this.isOriginish(arg0)) return when(this.refine(call, { strength: 'exact' }));
          if (arg0 && this.isOriginish(receiver) && (method === 'includes' || method === 'indexOf' || method === 'lastIndexOf')) {
            const needle = this.literalOf(arg0);
            // `origin.includes('*')` asks whether a configured pattern has a wildcard: not a domain check.
            if (needle !== undefined && !/[a-z0-9-]\.[a-z]|:\/\/|localhost/i.test(needle)) return { strength: 'unknown' };
            // indexOf is judged with its comparison (classifyIndexComparison).
            return when(method === 'includes' ? this.refine(call, UNREAD) : UNREAD);
          }
          break;
        case 'endsWith':
        case 'startsWith':
          if (arg0 && this.isOriginish(receiver)) return when(this.refine(call, UNREAD));
          break;
        case 'test':
        case 'exec':
          if (arg0 && this.isOriginish(arg0)) return when(this.refine(call, UNREAD));
          break;
        case 'match':
        case 'search':
          // A string given to match/search is compiled with new RegExp: refine reads it as a regex.
          if (arg0 && this.isOriginish(receiver)) return when(this.refine(call, UNREAD));
          break;
        case 'some':
        case 'find':
        case 'findIndex':
        case 'every':
        case 'filter':
          if (arg0) {
            const result = this.classifyPredicateOverList(arg0, depth);
            if (result) return when(this.refine(call, result));
          }
          break;
        case 'hasOwn':
          if (args[1] && this.isOriginish(args[1])) return when({ strength: 'exact' });
          break;
      }
    }
    // A predicate declared in this file: look inside it with its parameter standing for the origin.
    const originArg = args.findIndex((a) => this.isOriginish(a));
    if (originArg >= 0) {
      const fn = this.evaluator.resolveFunction(callee);
      const inner = fn && this.classifyPredicate(fn, originArg, depth);
      if (!positive) return inner ? { strength: 'none' } : { strength: 'unknown' };
      // The helper judged as a predicate (followed into its module through the project): the verdict
      // says what it accepts (a proven list for the inventory, or the bypass).
      return fn ? this.refine(call, inner ?? { strength: 'unknown' }) : { strength: 'unknown' };
    }
    return this.mentionsOrigin(call) ? { strength: 'unknown' } : undefined;
  }

  /** `function isAllowed(o) { return list.includes(o) }` → exact. */
  private classifyPredicate(fn: ts.SignatureDeclaration, paramIndex: number, depth: number): CheckResult | undefined {
    const param = fn.parameters[paramIndex];
    if (!param || !ts.isIdentifier(param.name) || !('body' in fn) || !fn.body) return undefined;
    this.originNames.push(new Set([param.name.text]));
    try {
      const body = fn.body as ts.Node;
      if (!ts.isBlock(body)) return this.classify(body as ts.Expression, true, depth + 1);
      let result: CheckResult | undefined;
      for (const ret of returnStatements(body)) {
        if (!ret.expression) continue;
        const e = skipOuter(ret.expression);
        if (e.kind === ts.SyntaxKind.FalseKeyword) continue;
        if (e.kind === ts.SyntaxKind.TrueKeyword) {
          // `if (cond) return true;`: the conditions dominating this return.
          let branch: CheckResult | undefined;
          for (const c of dominatingConditions(ret, fn)) {
            branch = strongest(branch, c.switchCase ? (this.isOriginish(c.expr) ? { strength: 'exact' } : undefined) : this.classify(c.expr, c.positive, depth + 1));
          }
          result = weakest(result, branch ?? { strength: 'none' });
          continue;
        }
        result = weakest(result, this.classify(e, true, depth + 1));
      }
      return result && !result.neutral ? result : undefined;
    } finally {
      this.originNames.pop();
    }
  }

  /** `allowed.some((a) => origin.endsWith(a))`, `patterns.some((re) => re.test(origin))`. */
  private classifyPredicateOverList(callback: ts.Expression, depth: number): CheckResult | undefined {
    const fn = this.evaluator.resolveFunction(callback);
    if (!fn || fn.parameters.length === 0 || !('body' in fn) || !fn.body) return undefined;
    const element = fn.parameters[0].name;
    if (!ts.isIdentifier(element)) return undefined;
    const body = fn.body as ts.Node;
    const expr = ts.isBlock(body) ? returnStatements(body)[0]?.expression : (body as ts.Expression);
    if (!expr) return undefined;
    const e = skipOuter(expr);
    // `allowed.some((a) => origin.endsWith(a))`: the evaluator judges it with each element (refine, by the caller).
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.arguments[0]) {
      const method = e.expression.name.text;
      const receiver = e.expression.expression;
      const arg = e.arguments[0];
      if ((method === 'test' || method === 'exec') && this.isOriginish(arg)) return UNREAD;
      if (['endsWith', 'startsWith', 'includes', 'match', 'search'].includes(method) && this.isOriginish(receiver)) return UNREAD;
    }
    this.originNames.push(new Set());
    try {
      const inner = this.classify(e, true, depth + 1);
      return inner && !inner.neutral ? inner : { strength: 'unknown' };
    } finally {
      this.originNames.pop();
    }
  }

  private literalOf(expr: ts.Expression): string | undefined {
    const value = this.evaluator.evaluate(expr);
    return value.variants.length === 1 && value.variants[0].kind === 'literal' ? value.variants[0].text : undefined;
  }

  regexSource(expr: ts.Expression): { source: string; flags: string; node?: ts.Node } | undefined {
    expr = skipOuter(expr);
    if (ts.isRegularExpressionLiteral(expr)) {
      const text = expr.text;
      const slash = text.lastIndexOf('/');
      return { source: text.slice(1, slash), flags: text.slice(slash + 1), node: expr };
    }
    if (ts.isNewExpression(expr) || ts.isCallExpression(expr)) {
      if (ts.isIdentifier(expr.expression) && expr.expression.text === 'RegExp' && expr.arguments?.[0]) {
        const source = this.literalOf(expr.arguments[0]);
        const flags = expr.arguments[1] ? this.literalOf(expr.arguments[1]) ?? '' : '';
        return source !== undefined ? { source, flags, node: expr.arguments[0] } : undefined;
      }
    }
    if (ts.isIdentifier(expr)) {
      const decl = this.evaluator.resolve(expr);
      if (decl?.kind === 'variable' && !decl.binding && decl.declaration.initializer && decl.isConst) {
        return this.regexSource(decl.declaration.initializer);
      }
    }
    return undefined;
  }
}

function isIndexCall(expr: ts.Expression): expr is ts.CallExpression {
  return ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression)
    && ['indexOf', 'lastIndexOf', 'search', 'findIndex'].includes(expr.expression.name.text);
}

function numericValue(expr: ts.Expression): number | undefined {
  expr = skipOuter(expr);
  if (ts.isNumericLiteral(expr)) return Number(expr.text);
  if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(expr.operand)) {
    return -Number(expr.operand.text);
  }
  return undefined;
}

export interface DominatingCondition {
  expr: ts.Expression;
  positive: boolean;
  /** `switch (expr) { case 'https://a.com': … }`: expr compared for equality with the case. */
  switchCase?: boolean;
  /** The case clause reached, for switchCase conditions. */
  clause?: ts.CaseClause;
}

/** Conditions that must hold (or fail) for control to reach `node`, innermost first, up to `stop`. */
export function dominatingConditions(node: ts.Node, stop?: ts.Node): DominatingCondition[] {
  const out: DominatingCondition[] = [];
  let child = node;
  for (let parent = node.parent; parent && child !== stop; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent)) {
      if (child === parent.thenStatement) out.push({ expr: parent.expression, positive: true });
      else if (child === parent.elseStatement) out.push({ expr: parent.expression, positive: false });
    } else if (ts.isConditionalExpression(parent)) {
      if (child === parent.whenTrue) out.push({ expr: parent.condition, positive: true });
      else if (child === parent.whenFalse) out.push({ expr: parent.condition, positive: false });
    } else if (ts.isBinaryExpression(parent) && child === parent.right) {
      if (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) out.push({ expr: parent.left, positive: true });
      else if (parent.operatorToken.kind === ts.SyntaxKind.BarBarToken) out.push({ expr: parent.left, positive: false });
    } else if (ts.isCaseClause(parent) && ts.isCaseBlock(parent.parent) && ts.isSwitchStatement(parent.parent.parent)) {
      const sw = parent.parent.parent;
      out.push({ expr: sw.expression, positive: true, switchCase: true, clause: parent });
    }
    if (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent) || ts.isModuleBlock(parent)) {
      // Early exits before this statement: `if (!ok) return …;`
      for (const guard of earlyExits(parent)) {
        if (guard.end > child.pos) break;
        out.push({ expr: guard.expr, positive: guard.positive });
      }
    }
  }
  return out;
}

const earlyExitCache = new WeakMap<ts.Node, { expr: ts.Expression; positive: boolean; end: number }[]>();

/** The `if (cond) return/throw` statements of a block, in order (computed once per block). */
function earlyExits(block: ts.Block | ts.SourceFile | ts.CaseClause | ts.DefaultClause | ts.ModuleBlock) {
  let list = earlyExitCache.get(block);
  if (list) return list;
  list = [];
  for (const statement of block.statements) {
    if (!ts.isIfStatement(statement)) continue;
    if (exits(statement.thenStatement) && !statement.elseStatement) list.push({ expr: statement.expression, positive: false, end: statement.end });
    else if (statement.elseStatement && exits(statement.elseStatement) && !exits(statement.thenStatement)) list.push({ expr: statement.expression, positive: true, end: statement.end });
  }
  earlyExitCache.set(block, list);
  return list;
}

/** Does this statement always leave the enclosing block (return/throw/break/continue)? */
export function exits(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement) || ts.isBreakStatement(statement) || ts.isContinueStatement(statement)) return true;
  if (ts.isBlock(statement)) {
    const last = statement.statements[statement.statements.length - 1];
    return last !== undefined && exits(last);
  }
  if (ts.isIfStatement(statement)) return !!statement.elseStatement && exits(statement.thenStatement) && exits(statement.elseStatement);
  return false;
}
