// The verdict on an origin check: every attacker origin of the battery is evaluated with the check's
// predicate. The first one it accepts (weakest class first) is the bypass a message names, so the
// message is always true of the check as this engine reads it.
import ts from 'typescript';
import { exits } from '../guards';
import type { ValueEvaluator } from '../values';
import { skipOuter } from '../values';
import { attackOrigins, trustedHostsIn, type AttackClass, type TrustedHost } from './battery';
import { regexLanguage } from './regex';
import { OriginPredicateCompiler, accepts, atomsOf, finiteOrigins, type Atom, type Predicate } from './predicate';

export type Verdict =
  /** An attacker's origin passes. */
  | { kind: 'weak'; origin: string; attack: AttackClass; atom?: Atom; trusted: TrustedHost[] }
  /** Only subdomains of a trusted domain pass beyond the intended origins. */
  | { kind: 'subdomains'; origin: string; atom?: Atom; trusted: TrustedHost[] }
  /** No origin of the battery passes; `origins` when the accepted set is known and finite. */
  | { kind: 'exact'; origins?: string[]; trusted: TrustedHost[] }
  | { kind: 'unknown' };

/** Judges a compiled check against the battery derived from the hosts it names. */
export function judge(p: Predicate): Verdict {
  const atoms = atomsOf(p);
  if (atoms.length === 0 || atoms.every((a) => a.kind === 'opaque')) return { kind: 'unknown' };
  const trusted = trustedHostsIn(atoms.flatMap((a) => a.texts));
  let unknown = false;
  let subdomain: string | undefined;
  for (const attack of attackOrigins(trusted)) {
    const verdict = accepts(p, attack.origin);
    if (verdict === undefined) {
      unknown = true;
      continue;
    }
    if (!verdict) continue;
    if (attack.attack === 'any subdomain') {
      subdomain ??= attack.origin;
      continue;
    }
    return { kind: 'weak', origin: attack.origin, attack: attack.attack, atom: responsibleAtom(atoms, attack.origin), trusted };
  }
  // Beyond the battery: a pattern's own automaton, intersected with the hosts an attacker owns
  // (`/^https:\/\/(app|admin)\.example\.com/` → https://app.example.com.evil.net).
  for (const atom of atoms) {
    const witness = atom.regex && atom.wholeOrigin ? regexLanguage(atom.regex.source, atom.regex.flags)?.attackerWitness() : undefined;
    if (witness && accepts(p, witness) === true) {
      const prefix = trusted.some((t) => witness.includes(`//${t.host}`) || witness.includes(`.${t.host}.`));
      return { kind: 'weak', origin: witness, attack: prefix ? 'prefix match' : 'attacker-controlled host', atom, trusted };
    }
  }
  if (subdomain) return { kind: 'subdomains', origin: subdomain, atom: responsibleAtom(atoms, subdomain), trusted };
  if (unknown) return { kind: 'unknown' };
  const origins = finiteOrigins(p);
  return { kind: 'exact', origins: origins && [...origins].sort(), trusted };
}

/** The pattern-like atom that lets the origin through (not an exact comparison it also passes). */
function responsibleAtom(atoms: Atom[], origin: string): Atom | undefined {
  const passing = atoms.filter((a) => {
    try {
      return a.test(origin) === true;
    } catch {
      return false;
    }
  });
  return passing.find((a) => a.kind !== 'equals' && a.kind !== 'member' && a.kind !== 'present') ?? passing[0];
}

/** "https://evilexample.com passes (suffix match)" */
export function describeBypass(v: Extract<Verdict, { kind: 'weak' | 'subdomains' }>): string {
  if (v.kind === 'subdomains') return `any subdomain passes, including ones that could be taken over (e.g. ${v.origin})`;
  if (v.attack === 'null origin') return 'the origin null passes (null origin: sandboxed iframes and file: pages send it)';
  return `${v.origin} passes (${v.attack})`;
}

/** For hover and inventory: "exactly https://a.com and https://b.com", "also https://evilexample.com — suffix match". */
export function describeAcceptance(v: Verdict): string | undefined {
  switch (v.kind) {
    case 'exact':
      return v.origins && v.origins.length > 0 ? `exactly ${joinAnd(v.origins)}` : 'only the intended origins: no attacker origin of the battery passes';
    case 'weak':
      return `also ${v.origin} — ${v.attack}`;
    case 'subdomains':
      return `any subdomain, e.g. ${v.origin} (subdomains could be taken over)`;
    case 'unknown':
      return undefined;
  }
}

function joinAnd(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The check a node belongs to, compiled whole: the origin callback or helper predicate around it, or the
 * largest `&&`/`||`/`!` condition containing it (negated when it guards an early exit). A check inside
 * a `list.some(…)` callback belongs to that call.
 */
export function compileCheckAround(node: ts.Node, compiler: OriginPredicateCompiler, isOriginParam: (p: ts.ParameterDeclaration) => boolean): Predicate | undefined {
  let leaf: ts.Node = node;
  for (let guard = 0; guard < 8; guard++) {
    let root = leaf;
    while (root.parent && isLogical(root.parent)) root = root.parent;
    const fn = enclosingFunction(root);
    if (fn && isListCallback(fn)) {
      leaf = fn.parent;
      continue;
    }
    if (fn) {
      const index = fn.parameters.findIndex(isOriginParam);
      if (index >= 0) {
        const next = fn.parameters[index + 1];
        const callback = next && ts.isIdentifier(next.name) && /^(cb|callback|done|next|fn|resolve)$/i.test(next.name.text) ? index + 1 : undefined;
        return compiler.originFunction(fn, index, callback);
      }
    }
    if (!ts.isExpression(root)) return undefined;
    const condition = compiler.condition(root);
    return grantsWhenFalse(root) ? { kind: 'not', item: condition } : condition;
  }
  return undefined;
}

/**
 * Whether the code that grants runs when the condition is false: `if (!ok) return;` before the grant,
 * `bad ? null : origin`, `cond ? false : true`.
 */
function grantsWhenFalse(root: ts.Expression): boolean {
  const parent = root.parent;
  if (ts.isIfStatement(parent) && parent.expression === root) return !parent.elseStatement && exits(parent.thenStatement);
  if (ts.isConditionalExpression(parent) && parent.condition === root) return refuses(parent.whenTrue) && !refuses(parent.whenFalse);
  return false;
}

function refuses(expr: ts.Expression): boolean {
  const e = skipOuter(expr);
  return e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined') || (ts.isStringLiteralLike(e) && e.text === '');
}

function isLogical(node: ts.Node): boolean {
  if (ts.isParenthesizedExpression(node)) return true;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return true;
  return ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken);
}

function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n)) return n;
    if (ts.isSourceFile(n)) return undefined;
  }
  return undefined;
}

/** `(a) => origin.endsWith(a)` given to `list.some`, `find`, `every`, `findIndex`. */
function isListCallback(fn: ts.SignatureDeclaration): fn is ts.ArrowFunction & { parent: ts.CallExpression } {
  const call = fn.parent;
  return !!call && ts.isCallExpression(call) && call.arguments[0] === fn && ts.isPropertyAccessExpression(skipOuter(call.expression))
    && ['some', 'find', 'findIndex', 'every'].includes((skipOuter(call.expression) as ts.PropertyAccessExpression).name.text);
}

/** The verdict on the check `node` belongs to (see compileCheckAround), in the file `values` evaluates. */
export function judgeCheckAround(node: ts.Node, values: ValueEvaluator, isOrigin: (e: ts.Expression) => boolean): Verdict {
  const compiler = new OriginPredicateCompiler(values, isOrigin);
  const isOriginParam = (p: ts.ParameterDeclaration) => ts.isIdentifier(p.name) && isOrigin(p.name);
  const whole = compileCheckAround(node, compiler, isOriginParam);
  const verdict = whole ? judge(whole) : { kind: 'unknown' as const };
  if (verdict.kind !== 'unknown') return verdict;
  // The surroundings could not be read: judge the node alone (what the message then says is about it).
  return ts.isExpression(node) ? judge(compiler.condition(node)) : verdict;
}
