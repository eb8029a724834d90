// Origin checks, proven (DESIGN §12): checks compile to predicates over origin strings (predicate.ts),
// regexes to automata (regex.ts); the battery of attacker origins (battery.ts) decides the verdict
// (verdict.ts), and repairs are verified the same way (repair.ts).
import ts from 'typescript';
import { collectFacts } from '../facts';
import { forEachDescendant, parseSource } from '../parse';
import { judgeCheckAround, describeBypass, describeAcceptance, type Verdict } from './verdict';

export { OriginPredicateCompiler, accepts, atomsOf, finiteOrigins } from './predicate';
export type { Atom, Predicate, Truth } from './predicate';
export { judge, judgeCheckAround, compileCheckAround, describeBypass, describeAcceptance } from './verdict';
export type { Verdict } from './verdict';
export { attackOrigins, trustedHostsIn, isTrustedOrSubdomain, sharedHostingOf, SHARED_HOSTING, ATTACK_CLASSES } from './battery';
export type { AttackClass, AttackOrigin, TrustedHost } from './battery';
export { repairAtom, repairRegexSource } from './repair';
export { regexLanguage } from './regex';

/**
 * The verdict on the check whose expression spans [start, end) in `text` (for tests and tools): what it
 * accepts, as the rule and the hover word it.
 */
export function judgeOriginCheckAt(text: string, fileName: string, start: number, end: number): { kind: Verdict['kind']; origin?: string; attack?: string; message?: string; accepts?: string } {
  const sourceFile = parseSource(text, fileName);
  const facts = collectFacts(sourceFile);
  let found: ts.Expression | undefined;
  forEachDescendant(sourceFile, (node) => {
    if (!found && ts.isExpression(node) && node.getStart(sourceFile) === start && node.end === end) found = node;
    return undefined;
  });
  if (!found) throw new Error(`no expression spans ${start}-${end}`);
  const verdict = judgeCheckAround(found, facts.evaluator, (e) => facts.guards.isOriginish(e));
  return {
    kind: verdict.kind,
    origin: verdict.kind === 'weak' || verdict.kind === 'subdomains' ? verdict.origin : undefined,
    attack: verdict.kind === 'weak' ? verdict.attack : verdict.kind === 'subdomains' ? 'any subdomain' : undefined,
    message: verdict.kind === 'weak' || verdict.kind === 'subdomains' ? describeBypass(verdict) : undefined,
    accepts: describeAcceptance(verdict),
  };
}
