// Origin checks as predicates over origin strings. A condition or an origin callback from any
// ts.SourceFile (the ValueEvaluator given is that file's) compiles into a small tree of atoms (`===`,
// membership, `endsWith`, a regex as an automaton…) joined by and/or/not. The tree is evaluated on
// candidate origins by this engine's own reading of those operations: workspace code is never run, and
// workspace regexes are automata (regex.ts). Parts that cannot be read are `undefined` (unknown), and
// conditions that do not depend on the origin (`req.method === 'GET'`) are "free": the attacker's
// request can satisfy them, so they neither allow nor block an origin.
import ts from 'typescript';
import { dominatingConditions } from '../guards';
import { ValueEvaluator, propertyNameText, skipOuter } from '../values';
import { regexLanguage, type RegexLanguage } from './regex';

export type Truth = boolean | undefined;
type Value = Truth | 'free';

export type AtomKind = 'equals' | 'member' | 'startsWith' | 'endsWith' | 'includes' | 'substringOf' | 'regex' | 'present' | 'opaque';

export interface Atom {
  kind: AtomKind;
  node: ts.Node;
  /** The texts compared with (literals, regex sources): the trusted hosts come from these. */
  texts: string[];
  /** The check reads the whole origin (not its hostname, not lower-cased). */
  wholeOrigin: boolean;
  test(origin: string): Truth;
  /** The origins it accepts, when it compares the whole origin with a known finite set. */
  finite?: string[];
  /** For regex atoms: the source and flags as written, and the node holding them. */
  regex?: { source: string; flags: string; node: ts.Node };
  /** The expression that reads the origin in `node` (a repair reuses its text). */
  subjectNode?: ts.Expression;
  /** `node` is true when this atom is false (`origin.indexOf('a.com') === -1`). */
  negatedAtNode?: boolean;
}

export type Predicate =
  | { kind: 'atom'; atom: Atom }
  | { kind: 'const'; value: Value }
  | { kind: 'and' | 'or'; items: Predicate[] }
  | { kind: 'not'; item: Predicate };

const TRUE: Predicate = { kind: 'const', value: true };
const FALSE: Predicate = { kind: 'const', value: false };
const FREE: Predicate = { kind: 'const', value: 'free' };

/** Thrown while evaluating when the checked code would throw (`new URL('null')`): the request is refused. */
class Refused extends Error {}

function evaluate(p: Predicate, origin: string): Value {
  switch (p.kind) {
    case 'const': return p.value;
    case 'atom': return p.atom.test(origin);
    case 'not': {
      const v = evaluate(p.item, origin);
      return v === 'free' || v === undefined ? v : !v;
    }
    default: {
      const and = p.kind === 'and';
      let result: Value = 'free';
      for (const item of p.items) {
        const v = evaluate(item, origin);
        if (v === 'free') continue;
        if (v === !and) return v;
        result = v === undefined || result === undefined ? undefined : v;
      }
      return result;
    }
  }
}

/** Does the check accept this origin? undefined when it depends on something not known statically. */
export function accepts(p: Predicate, origin: string): Truth {
  try {
    const v = evaluate(p, origin);
    return v === 'free' ? undefined : v;
  } catch (e) {
    if (e instanceof Refused) return false;
    throw e;
  }
}

export function atomsOf(p: Predicate): Atom[] {
  if (p.kind === 'atom') return [p.atom];
  if (p.kind === 'const') return [];
  if (p.kind === 'not') return atomsOf(p.item);
  return p.items.flatMap(atomsOf);
}

/**
 * The origins accepted, when the check names them all (equality, lists, finite anchored regexes). A missing
 * Origin header (`!origin`, the empty string here) is not an origin and is left out.
 */
export function finiteOrigins(p: Predicate): string[] | undefined {
  return finiteWithEmpty(p, p)?.filter((o) => o !== '');
}

function finiteWithEmpty(p: Predicate, whole: Predicate): string[] | undefined {
  switch (p.kind) {
    case 'const': return p.value === false ? [] : undefined;
    case 'atom': return p.atom.finite ?? (p.atom.regex && p.atom.wholeOrigin ? anchoredWords(p.atom) : undefined);
    case 'not': return p.item.kind === 'atom' && p.item.atom.kind === 'present' && p.item.atom.wholeOrigin ? [''] : undefined;
    case 'or': {
      const parts = p.items.map((i) => finiteWithEmpty(i, whole));
      return parts.every((x) => x !== undefined) ? [...new Set(parts.flat())].filter((o) => o === '' || accepts(whole, o) === true) : undefined;
    }
    case 'and': {
      const part = p.items.map((i) => finiteWithEmpty(i, whole)).find((x) => x !== undefined);
      return part?.filter((o) => o === '' || accepts(whole, o) === true);
    }
  }
}

function anchoredWords(atom: Atom): string[] | undefined {
  const lang = atom.regex && regexLanguage(atom.regex.source, atom.regex.flags);
  const words = lang?.finiteWords(50);
  // The whole-match words are what the search accepts only when the pattern is anchored on both sides.
  return words?.every((w) => atom.test(w) === true) && atom.test(`x${words[0] ?? ''}`) === false && atom.test(`${words[0] ?? ''}x`) === false ? words : undefined;
}

const and = (...items: Predicate[]): Predicate => (items.length === 1 ? items[0] : { kind: 'and', items });
const or = (...items: Predicate[]): Predicate => (items.length === 1 ? items[0] : items.length === 0 ? FALSE : { kind: 'or', items });
const not = (item: Predicate): Predicate => ({ kind: 'not', item });

/** How a check reads the origin: the origin itself, its hostname, lower-cased… */
interface Subject {
  read(origin: string): string;
  whole: boolean;
}
const IDENTITY: Subject = { read: (o) => o, whole: true };

type Binding = { kind: 'subject'; subject: Subject } | { kind: 'value'; expr: ts.Expression } | { kind: 'callback' };

type RegexOperand = { source: string; flags: string; node: ts.Node };

const MAX_DEPTH = 24;

/**
 * Compiles origin checks of one source file. `isOrigin` says which expressions hold the request's Origin
 * (guards.ts's GuardClassifier.isOriginish, or a callback's parameter).
 */
export class OriginPredicateCompiler {
  private readonly scopes: Map<string, Binding>[] = [];
  private depth = 0;

  constructor(
    private readonly values: ValueEvaluator,
    private readonly isOrigin: (expr: ts.Expression) => boolean,
  ) {}

  /** A condition (`if (…)`, `&&` operand, a callback's expression body) as a predicate on the origin. */
  condition(expr: ts.Expression): Predicate {
    if (this.depth > MAX_DEPTH) return this.opaque(expr);
    this.depth++;
    try {
      return this.conditionInner(skipOuter(expr));
    } finally {
      this.depth--;
    }
  }

  /**
   * A function deciding about an origin: its parameter `originIndex` is the origin. Accepting means returning
   * a truthy value (a boolean, the origin, an origin string: cors, hono, Elysia, @fastify/cors) or calling
   * its callback parameter (`callbackIndex`) with `(null, true | origin)`. originIndex -1: the function
   * reads the origin from a request or context parameter itself (@koa/cors `(ctx) => …`).
   */
  originFunction(fn: ts.SignatureDeclaration, originIndex = 0, callbackIndex?: number): Predicate {
    const bindings: Binding[] = [];
    if (originIndex >= 0) bindings[originIndex] = { kind: 'subject', subject: IDENTITY };
    if (callbackIndex !== undefined) bindings[callbackIndex] = { kind: 'callback' };
    return this.withBindings(fn, bindings, () => this.functionBody(fn));
  }

  /** Runs `run` with `fn`'s parameters bound (the origin, a callback, a list element). */
  private withBindings<T>(fn: ts.SignatureDeclaration, bindings: (Binding | undefined)[], run: () => T): T {
    const scope = new Map<string, Binding>();
    fn.parameters.forEach((param, i) => {
      const b = bindings[i];
      if (b && ts.isIdentifier(param.name)) scope.set(param.name.text, b);
    });
    this.scopes.push(scope);
    try {
      return run();
    } finally {
      this.scopes.pop();
    }
  }

  private binding(name: string): Binding | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const b = this.scopes[i].get(name);
      if (b) return b;
    }
    return undefined;
  }

  private functionBody(fn: ts.SignatureDeclaration): Predicate {
    const body = 'body' in fn ? (fn.body as ts.Node | undefined) : undefined;
    if (!body) return this.opaque(fn as unknown as ts.Expression);
    // `(origin, cb) => cb(null, ok(origin))`: an expression body that answers through the callback is
    // read like a block that calls it; other expression bodies are the value returned.
    if (!ts.isBlock(body) && !this.callsCallback(body)) return this.acceptValue(body as ts.Expression);
    const outcomes: Predicate[] = [];
    let escapes = false;
    const visit = (node: ts.Node, nested: boolean) => {
      if (ts.isReturnStatement(node) && !nested) {
        if (node.expression) outcomes.push(and(this.pathTo(node, fn), this.acceptValue(node.expression)));
        return;
      }
      if (ts.isIdentifier(node) && this.binding(node.text)?.kind === 'callback') {
        const call = node.parent;
        if (!nested && ts.isCallExpression(call) && call.expression === node) {
          const [error, allow] = call.arguments;
          const noError = !error || error.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(error) && error.text === 'undefined');
          if (noError && allow) outcomes.push(and(this.pathTo(call, fn), this.acceptValue(allow)));
        } else if (!(ts.isParameter(node.parent))) {
          escapes = true; // the callback is passed on or called later: we cannot see every call
        }
        return;
      }
      ts.forEachChild(node, (child) => visit(child, nested || ts.isFunctionLike(child) || ts.isClassLike(child)));
    };
    if (ts.isBlock(body)) ts.forEachChild(body, (child) => visit(child, ts.isFunctionLike(child)));
    else visit(body, false);
    if (escapes) outcomes.push({ kind: 'const', value: undefined });
    return or(...outcomes);
  }

  /** Does the expression mention a callback parameter bound for this function (outside nested functions)? */
  private callsCallback(expr: ts.Node): boolean {
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found || ts.isFunctionLike(node)) return;
      if (ts.isIdentifier(node) && this.binding(node.text)?.kind === 'callback') found = true;
      else ts.forEachChild(node, visit);
    };
    visit(expr);
    return found;
  }

  /** The conditions under which control reaches `node` inside `fn` (if/else, early returns, switch cases). */
  private pathTo(node: ts.Node, fn: ts.Node): Predicate {
    const parts: Predicate[] = [];
    for (const c of dominatingConditions(node, fn)) {
      if (c.switchCase) parts.push(c.clause ? this.switchCase(c.expr, c.clause) : this.opaque(c.expr));
      else parts.push(c.positive ? this.condition(c.expr) : not(this.condition(c.expr)));
    }
    return parts.length === 0 ? TRUE : and(...parts);
  }

  /** `switch (origin) { case 'a': case 'b': … }`: the labels that reach this clause. */
  private switchCase(subjectExpr: ts.Expression, clause: ts.CaseClause): Predicate {
    const subject = this.subject(subjectExpr);
    if (!subject) return this.opaque(subjectExpr);
    const labels: string[] = [];
    const clauses = clause.parent.clauses;
    for (let i = clauses.indexOf(clause); i >= 0; i--) {
      const c = clauses[i];
      if (i < clauses.indexOf(clause) && (c.statements.length > 0 || !ts.isCaseClause(c))) break;
      if (!ts.isCaseClause(c)) break;
      const text = this.literal(c.expression);
      if (text === undefined) return this.opaque(subjectExpr);
      labels.push(text);
    }
    return this.atom('member', clause, subject, labels, (s) => labels.includes(s));
  }

  /** What a returned value (or a callback's second argument) means for the origin. */
  private acceptValue(expr: ts.Expression): Predicate {
    const e = skipOuter(expr);
    if (e.kind === ts.SyntaxKind.TrueKeyword) return TRUE;
    if (e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined') || ts.isVoidExpression(e)) return FALSE;
    if (ts.isConditionalExpression(e)) {
      const c = this.condition(e.condition);
      return or(and(c, this.acceptValue(e.whenTrue)), and(not(c), this.acceptValue(e.whenFalse)));
    }
    if (ts.isStringLiteralLike(e)) {
      // Returning a fixed origin: the browser accepts it only for that origin ('' and '*' aside).
      if (e.text === '') return FALSE;
      if (e.text === '*') return TRUE;
      return this.atom('equals', e, IDENTITY, [e.text], (s) => s === e.text);
    }
    const regex = this.regexOperand(e);
    if (regex) return this.regexAtom(regex, e, IDENTITY);
    const list = this.listItems(e);
    if (list) return this.membershipWithPatterns(list, e, IDENTITY);
    return this.condition(e);
  }

  private conditionInner(e: ts.Expression): Predicate {
    if (e.kind === ts.SyntaxKind.TrueKeyword) return TRUE;
    if (e.kind === ts.SyntaxKind.FalseKeyword) return FALSE;
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return not(this.condition(e.operand));
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) return and(this.condition(e.left), this.condition(e.right));
      if (op === ts.SyntaxKind.BarBarToken) return or(this.condition(e.left), this.condition(e.right));
      const compared = this.comparison(e);
      if (compared) return compared;
      if (op === ts.SyntaxKind.InKeyword) {
        const subject = this.subject(e.left);
        const keys = subject && this.objectKeys(e.right);
        if (subject && keys) return this.atom('member', e, subject, keys, (s) => keys.includes(s));
      }
      return this.opaque(e);
    }
    if (ts.isConditionalExpression(e)) {
      const c = this.condition(e.condition);
      return or(and(c, this.condition(e.whenTrue)), and(not(c), this.condition(e.whenFalse)));
    }
    if (ts.isCallExpression(e)) return this.call(e);
    const subject = this.subject(e);
    if (subject) return this.atom('present', e, subject, [], (s) => s !== '');
    if (ts.isIdentifier(e)) {
      // `const ok = allowed.includes(origin); if (ok) …`
      const decl = this.values.resolve(e);
      if (decl?.kind === 'variable' && !decl.binding && decl.isConst && decl.declaration.initializer) return this.condition(decl.declaration.initializer);
    }
    return this.opaque(e);
  }

  /** `===`/`!==` with a literal, `typeof`, and index comparisons (`indexOf(…) !== -1`, `search(…) >= 0`). */
  private comparison(e: ts.BinaryExpression): Predicate | undefined {
    const op = e.operatorToken.kind;
    const equality = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
    const inequality = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    const left = skipOuter(e.left);
    const right = skipOuter(e.right);
    const index = this.indexComparison(left, right, op) ?? this.indexComparison(right, left, mirror(op));
    if (index) return index;
    if (!equality && !inequality) return undefined;
    const sense = (p: Predicate) => (equality ? p : not(p));
    for (const [a, b] of [[left, right], [right, left]] as const) {
      if (ts.isTypeOfExpression(a) && this.subject(a.expression) && ts.isStringLiteralLike(b)) {
        return sense(b.text === 'string' ? TRUE : FALSE);
      }
      const subject = this.subject(a);
      if (!subject) continue;
      if (b.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(b) && b.text === 'undefined') || (ts.isStringLiteralLike(b) && b.text === '')) {
        return sense(this.atom('equals', e, subject, [], (s) => s === ''));
      }
      const text = this.literal(b);
      if (text !== undefined) return sense(this.atom('equals', e, subject, [text], (s) => s === text));
      return sense(this.opaque(e));
    }
    // `allowed[origin] === true`, `map.get(origin) !== undefined`
    for (const [a] of [[left, right], [right, left]] as const) {
      const keyed = this.keyedLookup(a);
      if (keyed) return sense(keyed);
    }
    return undefined;
  }

  /** `call <op> bound` where call is indexOf/lastIndexOf/search/findIndex: "found" or "found at 0". */
  private indexComparison(callSide: ts.Expression, bound: ts.Expression, op: ts.SyntaxKind): Predicate | undefined {
    if (!ts.isCallExpression(callSide) || !ts.isPropertyAccessExpression(callSide.expression)) return undefined;
    const method = callSide.expression.name.text;
    if (!['indexOf', 'lastIndexOf', 'search', 'findIndex'].includes(method)) return undefined;
    const n = numericValue(bound);
    if (n === undefined) return undefined;
    const K = ts.SyntaxKind;
    let found: boolean | 'at0' | undefined;
    if (op === K.ExclamationEqualsEqualsToken || op === K.ExclamationEqualsToken) found = n === -1 ? true : undefined;
    else if (op === K.EqualsEqualsEqualsToken || op === K.EqualsEqualsToken) found = n === -1 ? false : n === 0 ? 'at0' : undefined;
    else if (op === K.GreaterThanToken) found = n === -1 ? true : undefined;
    else if (op === K.GreaterThanEqualsToken) found = n === 0 ? true : undefined;
    else if (op === K.LessThanToken) found = n === 0 ? false : undefined;
    if (found === undefined) return this.opaque(callSide);
    if (found === 'at0') {
      // `origin.indexOf('https://a.com') === 0` is startsWith.
      const subject = this.subject(callSide.expression.expression);
      const text = subject && callSide.arguments[0] && this.literal(callSide.arguments[0]);
      if (method === 'indexOf' && subject && text !== undefined) return this.atom('startsWith', callSide.parent, subject, [text], (s) => s.startsWith(text), callSide.expression.expression);
      return this.opaque(callSide);
    }
    const inner = this.call(callSide, true);
    if (found) return inner;
    for (const atom of atomsOf(inner)) if (atom.node === callSide.parent) atom.negatedAtNode = true;
    return not(inner);
  }

  private call(call: ts.CallExpression, asFound = false): Predicate {
    const callee = skipOuter(call.expression);
    const [arg0] = call.arguments;
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      const receiver = skipOuter(callee.expression);
      const node = asFound && call.parent && ts.isBinaryExpression(call.parent) ? call.parent : call;
      switch (method) {
        case 'includes':
        case 'indexOf':
        case 'lastIndexOf': {
          if (!arg0 || call.arguments.length > 1) break;
          if (method !== 'includes' && !asFound) break;
          const subject = this.subject(receiver);
          if (subject) {
            const text = this.literal(arg0);
            if (text !== undefined) return this.atom('includes', node, subject, [text], (s) => s.includes(text), receiver);
            break;
          }
          const needle = this.subject(arg0);
          if (!needle) break;
          const items = this.listItems(receiver);
          if (items) return this.membership(items, node, needle);
          // A string that joins several origins: `'https://a.com,https://b.com'.indexOf(origin)` is a substring test.
          const hay = this.literal(receiver);
          if (hay !== undefined) return this.atom('substringOf', node, needle, [hay], (s) => hay.includes(s), arg0);
          break;
        }
        case 'has': {
          const needle = arg0 && this.subject(arg0);
          const items = needle && this.listItems(receiver);
          if (needle && items) return this.membership(items, node, needle);
          const keys = needle && this.objectKeys(receiver);
          if (needle && keys) return this.atom('member', node, needle, keys, (s) => keys.includes(s));
          break;
        }
        case 'hasOwnProperty': {
          const needle = arg0 && this.subject(arg0);
          const keys = needle && this.objectKeys(receiver);
          if (needle && keys) return this.atom('member', node, needle, keys, (s) => keys.includes(s));
          break;
        }
        case 'hasOwn':
          if (ts.isIdentifier(receiver) && receiver.text === 'Object' && call.arguments[1]) {
            const needle = this.subject(call.arguments[1]);
            const keys = needle && this.objectKeys(call.arguments[0]);
            if (needle && keys) return this.atom('member', node, needle, keys, (s) => keys.includes(s));
          }
          break;
        case 'startsWith':
        case 'endsWith': {
          const subject = this.subject(receiver);
          const text = subject && arg0 && call.arguments.length === 1 ? this.literal(arg0) : undefined;
          if (subject && text !== undefined) {
            return this.atom(method, node, subject, [text], method === 'startsWith' ? (s) => s.startsWith(text) : (s) => s.endsWith(text), receiver);
          }
          break;
        }
        case 'test':
        case 'exec': {
          const subject = arg0 && this.subject(arg0);
          const regex = subject && this.regexOperand(receiver);
          if (subject && regex) return this.regexAtom(regex, node, subject);
          break;
        }
        case 'match':
        case 'search': {
          if (method === 'search' && !asFound) break;
          const subject = this.subject(receiver);
          // A string given to match/search becomes `new RegExp(string)`: unanchored, its dots unescaped.
          const regex = subject && arg0 ? this.regexOperand(arg0) ?? this.stringAsRegex(arg0) : undefined;
          if (subject && regex) return this.regexAtom(regex, node, subject);
          break;
        }
        case 'some':
        case 'find':
        case 'findIndex':
        case 'every': {
          if (method === 'findIndex' && !asFound) break;
          const items = this.listItems(receiver);
          const fn = arg0 && this.values.resolveFunction(arg0);
          if (!items || !fn || fn.parameters.length === 0) break;
          const parts = items.map((item) => this.withBindings(fn, [{ kind: 'value', expr: item }], () => this.functionBody(fn)));
          return method === 'every' ? and(...parts) : or(...parts);
        }
        case 'get': {
          const keyed = this.keyedLookup(call);
          if (keyed) return keyed;
          break;
        }
      }
    }
    // A helper in this file: its parameter stands for what the call passes.
    const passes = call.arguments.map((a) => this.subject(a));
    if (passes.some(Boolean)) {
      const fn = this.values.resolveFunction(callee);
      if (fn && this.depth < MAX_DEPTH) {
        const bindings: (Binding | undefined)[] = call.arguments.map((a, i) => (passes[i] ? { kind: 'subject', subject: passes[i]! } : { kind: 'value', expr: a }));
        return this.withBindings(fn, bindings, () => this.functionBody(fn));
      }
    }
    return this.opaque(call);
  }

  /** `allowed[origin]`, `map.get(origin)` (a truthy lookup): the object's keys. */
  private keyedLookup(e: ts.Expression): Predicate | undefined {
    e = skipOuter(e);
    let object: ts.Expression | undefined;
    let key: ts.Expression | undefined;
    if (ts.isElementAccessExpression(e)) [object, key] = [e.expression, e.argumentExpression];
    else if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'get') [object, key] = [e.expression.expression, e.arguments[0]];
    const subject = key && this.subject(key);
    const keys = subject && object && this.objectKeys(object);
    return subject && keys ? this.atom('member', e, subject, keys, (s) => keys.includes(s)) : undefined;
  }

  private membership(items: ts.Expression[], node: ts.Node, subject: Subject): Predicate {
    const texts: string[] = [];
    for (const item of items) {
      const t = this.literal(item);
      if (t === undefined) return this.opaque(node as ts.Expression);
      texts.push(t);
    }
    return this.atom('member', node, subject, texts, (s) => texts.includes(s));
  }

  /** A cors/`@fastify/cors` origin list: strings compared exactly, RegExps tested. */
  membershipWithPatterns(items: ts.Expression[], node: ts.Node, subject: Subject = IDENTITY): Predicate {
    const parts: Predicate[] = [];
    for (const item of items) {
      const regex = this.regexOperand(item);
      if (regex) parts.push(this.regexAtom(regex, regex.node, subject));
      else parts.push(this.membership([item], ts.isExpression(item) ? item : node, subject));
    }
    return or(...parts);
  }

  private regexAtom(regex: RegexOperand, node: ts.Node, subject: Subject): Predicate {
    const lang: RegexLanguage | undefined = regexLanguage(regex.source, regex.flags);
    if (!lang) return this.opaque(node as ts.Expression);
    return { kind: 'atom', atom: { kind: 'regex', node, texts: [regex.source], wholeOrigin: subject.whole, regex, test: guarded(subject, (s) => lang.accepts(s)) } };
  }

  private atom(kind: AtomKind, node: ts.Node, subject: Subject, texts: string[], test: (s: string) => boolean, subjectNode?: ts.Expression): Predicate {
    const finite = subject.whole && (kind === 'equals' || kind === 'member') ? texts : undefined;
    return { kind: 'atom', atom: { kind, node, texts, wholeOrigin: subject.whole, test: guarded(subject, test), finite, subjectNode } };
  }

  /** Something about the origin this engine cannot read (unknown), or nothing about it at all (free). */
  private opaque(expr: ts.Expression): Predicate {
    return this.mentionsOrigin(expr)
      ? { kind: 'atom', atom: { kind: 'opaque', node: expr, texts: [], wholeOrigin: false, test: () => undefined } }
      : FREE;
  }

  private mentionsOrigin(node: ts.Node): boolean {
    const pending: ts.Node[] = [node];
    let budget = 2000;
    while (pending.length > 0 && budget-- > 0) {
      const n = pending.pop()!;
      if (ts.isIdentifier(n) && this.binding(n.text)?.kind === 'subject') return true;
      if ((ts.isIdentifier(n) || ts.isPropertyAccessExpression(n) || ts.isCallExpression(n) || ts.isElementAccessExpression(n)) && this.isOrigin(n)) return true;
      n.forEachChild((child) => {
        pending.push(child);
      });
    }
    return budget <= 0;
  }

  /** How `expr` reads the origin, if it does. */
  subject(expr: ts.Expression, depth = 0): Subject | undefined {
    const e = skipOuter(expr);
    if (depth > 8) return undefined;
    if (ts.isIdentifier(e)) {
      const b = this.binding(e.text);
      if (b) return b.kind === 'subject' ? b.subject : undefined;
      const decl = this.values.resolve(e);
      if (decl?.kind === 'variable' && !decl.binding && decl.declaration.initializer) {
        const inner = skipOuter(decl.declaration.initializer);
        // `const host = new URL(origin).hostname` (a const, or a let assigned once at its declaration)
        if (!ts.isIdentifier(inner) || inner.text !== e.text) {
          const viaInit = decl.isConst ? this.subject(inner, depth + 1) : undefined;
          if (viaInit) return viaInit;
        }
      }
      return this.isOrigin(e) ? IDENTITY : undefined;
    }
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.arguments.length === 0) {
      const name = e.expression.name.text;
      const inner = ['toLowerCase', 'toLocaleLowerCase', 'trim', 'toString'].includes(name) ? this.subject(e.expression.expression, depth + 1) : undefined;
      if (inner) {
        const read = name === 'trim' ? (s: string) => s.trim() : name === 'toString' ? (s: string) => s : (s: string) => s.toLowerCase();
        return { read: (o) => read(inner.read(o)), whole: inner.whole && name === 'toString' };
      }
    }
    if (ts.isPropertyAccessExpression(e) && ['hostname', 'host', 'origin', 'protocol', 'port'].includes(e.name.text)) {
      const url = this.urlOf(e.expression, depth);
      if (url) {
        const part = e.name.text as 'hostname' | 'host' | 'origin' | 'protocol' | 'port';
        return { read: (o) => parseUrl(url.read(o))[part], whole: false };
      }
    }
    if (ts.isElementAccessExpression(e) && ts.isCallExpression(skipOuter(e.expression))) {
      // `origin.split('//')[1]`
      const split = skipOuter(e.expression) as ts.CallExpression;
      const index = numericValue(e.argumentExpression);
      if (ts.isPropertyAccessExpression(split.expression) && split.expression.name.text === 'split' && index !== undefined && split.arguments.length === 1) {
        const inner = this.subject(split.expression.expression, depth + 1);
        const sep = this.literal(split.arguments[0]);
        if (inner && sep !== undefined) return { read: (o) => inner.read(o).split(sep)[index] ?? '', whole: false };
      }
    }
    // A request read (`req.headers.origin`, `c.req.header('Origin')`…), or a name guards.ts knows holds it.
    return this.isOrigin(e) ? IDENTITY : undefined;
  }

  /** `new URL(origin)` directly or through a const. */
  private urlOf(expr: ts.Expression, depth: number): Subject | undefined {
    let e = skipOuter(expr);
    if (ts.isIdentifier(e)) {
      const decl = this.values.resolve(e);
      if (decl?.kind === 'variable' && !decl.binding && decl.isConst && decl.declaration.initializer) e = skipOuter(decl.declaration.initializer);
    }
    if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'URL' && e.arguments?.length === 1) {
      return this.subject(e.arguments[0], depth + 1);
    }
    return undefined;
  }

  /** The text an expression stands for: a literal, a const, a list element bound to a callback parameter. */
  literal(expr: ts.Expression): string | undefined {
    const e = skipOuter(expr);
    if (ts.isIdentifier(e)) {
      const b = this.binding(e.text);
      if (b) return b.kind === 'value' ? this.literal(b.expr) : undefined;
    }
    if (ts.isStringLiteralLike(e)) return e.text;
    const value = this.values.evaluate(e);
    return value.variants.length === 1 && value.variants[0].kind === 'literal' ? value.variants[0].text : undefined;
  }

  /** The elements of an array (or of the array a Set is built from). */
  private listItems(expr: ts.Expression): ts.Expression[] | undefined {
    const e = skipOuter(expr);
    if (ts.isIdentifier(e) && this.binding(e.text)) return undefined;
    const array = this.values.resolveArrayLiteral(e);
    if (!array || array.elements.some((x) => ts.isSpreadElement(x) || ts.isOmittedExpression(x))) return undefined;
    return [...array.elements];
  }

  private objectKeys(expr: ts.Expression): string[] | undefined {
    const object = this.values.resolveObjectLiteral(expr);
    if (!object) return undefined;
    const keys: string[] = [];
    for (const p of object.properties) {
      if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) return undefined;
      const key = propertyNameText(p.name);
      if (key === undefined) return undefined;
      keys.push(key);
    }
    return keys;
  }

  /** A regex given as a literal, `new RegExp(text, flags)`, or a const (or bound list element) holding one. */
  regexOperand(expr: ts.Expression, depth = 0): RegexOperand | undefined {
    const e = skipOuter(expr);
    if (depth > 6) return undefined;
    if (ts.isRegularExpressionLiteral(e)) {
      const slash = e.text.lastIndexOf('/');
      return { source: e.text.slice(1, slash), flags: e.text.slice(slash + 1), node: e };
    }
    if ((ts.isNewExpression(e) || ts.isCallExpression(e)) && ts.isIdentifier(e.expression) && e.expression.text === 'RegExp' && e.arguments?.[0]) {
      const source = this.literal(e.arguments[0]);
      const flags = e.arguments[1] ? this.literal(e.arguments[1]) : '';
      return source !== undefined && flags !== undefined ? { source, flags, node: e.arguments[0] } : undefined;
    }
    if (ts.isIdentifier(e)) {
      const b = this.binding(e.text);
      if (b) return b.kind === 'value' ? this.regexOperand(b.expr, depth + 1) : undefined;
      const decl = this.values.resolve(e);
      if (decl?.kind === 'variable' && !decl.binding && decl.isConst && decl.declaration.initializer) return this.regexOperand(decl.declaration.initializer, depth + 1);
    }
    return undefined;
  }

  private stringAsRegex(expr: ts.Expression): RegexOperand | undefined {
    const source = this.literal(expr);
    return source !== undefined ? { source, flags: '', node: expr } : undefined;
  }
}

function guarded(subject: Subject, test: (s: string) => boolean): (origin: string) => Truth {
  return (origin) => test(subject.read(origin));
}

/** WHATWG URL parsing, as `new URL(origin)` in the checked code; a throw there refuses the request. */
function parseUrl(text: string): { hostname: string; host: string; origin: string; protocol: string; port: string } {
  try {
    const url = new URL(text);
    return { hostname: url.hostname, host: url.host, origin: url.origin, protocol: url.protocol, port: url.port };
  } catch {
    throw new Refused();
  }
}

function numericValue(expr: ts.Expression): number | undefined {
  const e = skipOuter(expr);
  if (ts.isNumericLiteral(e)) return Number(e.text);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand)) return -Number(e.operand.text);
  return undefined;
}

/** The operator seen from the other side: `-1 < i` is `i > -1`. */
function mirror(op: ts.SyntaxKind): ts.SyntaxKind {
  const K = ts.SyntaxKind;
  switch (op) {
    case K.GreaterThanToken: return K.LessThanToken;
    case K.LessThanToken: return K.GreaterThanToken;
    case K.GreaterThanEqualsToken: return K.LessThanEqualsToken;
    case K.LessThanEqualsToken: return K.GreaterThanEqualsToken;
    default: return op;
  }
}
