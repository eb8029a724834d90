// A workspace regular expression as a finite automaton (refa), so that asking "does it accept this origin?"
// never runs the workspace's pattern on a backtracking engine: the cost is bounded by the automaton's size
// (at most MAX_NODES states) times the origin's length, whatever the pattern.
//
// `re.test(s)` searches: it accepts s when some substring matches. We build that language directly,
// `[^]*(?:source)[^]*`, let refa's `simplify` transformer resolve the anchors against the `[^]*` around
// them (refa 0.12.1, src/transformers/simplify.ts), and keep the result only when every assertion left
// sits at the edge of the pattern and is negated: evaluated on a whole word, "no character before / after"
// always holds there. Anything else (lookarounds in the middle, backreferences) is not compiled.
import { JS, NFA, Transformers, getIntersectionWords, transform, Words } from 'refa';
import type { NoParent, Node as RefaNode } from 'refa';

const MAX_NODES = 4000;
/** Longer patterns are not origin checks we can reason about within budget. */
const MAX_SOURCE_LENGTH = 2000;

export interface RegexLanguage {
  /** Does `regex.test(text)` return true (without running the regex)? */
  accepts(text: string): boolean;
  /** Every text the regex matches as a whole, when that set is finite and small (anchored alternations). */
  finiteWords(limit: number): string[] | undefined;
  /** The shortest origin on a host the attacker controls (evil.net or a subdomain) that `test` accepts. */
  attackerWitness(): string | undefined;
}

/** Origins on hosts an attacker owns: evil.net and every subdomain of it, http or https, any port. */
const ATTACKER_ORIGINS = 'https?:\\/\\/([a-z0-9-]+\\.)*evil\\.net(:[1-9]\\d{0,4})?';
const attackerNfa: { utf16?: NFA; unicode?: NFA } = {};

const cache = new Map<string, RegexLanguage | null>();

/** The search language of a JavaScript regex, or undefined when it cannot be compiled within budget. */
export function regexLanguage(source: string, flags: string): RegexLanguage | undefined {
  const key = `${flags}/${source}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const compiled = compile(source, flags);
  if (cache.size > 500) cache.clear();
  cache.set(key, compiled ?? null);
  return compiled;
}

function compile(source: string, flags: string): RegexLanguage | undefined {
  if (source.length > MAX_SOURCE_LENGTH || /[^dgimsuvy]/.test(flags)) return undefined;
  const unicode = /[uv]/.test(flags);
  const toWord = unicode ? Words.fromStringToUnicode : Words.fromStringToUTF16;
  const toText = unicode ? Words.fromUnicodeToString : Words.fromUTF16ToString;
  // `g` only moves lastIndex between calls; a sticky regex starts at lastIndex (0 on a fresh literal).
  const cleanFlags = flags.replace(/[gyd]/g, '');
  // Each top-level alternative gets its own `[^]*…[^]*`, so an anchor in one alternative meets the
  // `[^]*` it cancels at the pattern's edge (refa's simplify does not distribute a concatenation over `|`).
  const prefix = flags.includes('y') ? '' : '[^]*';
  const search = compileLanguage(topLevelAlternatives(source).map((alt) => `${prefix}(?:${alt})[^]*`).join('|'), cleanFlags);
  if (!search) return undefined;
  // The whole-match language (for listing what an anchored pattern accepts).
  let whole: NFA | undefined | null = null;
  return {
    accepts: (text) => search.test(toWord(text)),
    attackerWitness() {
      const key = unicode ? 'unicode' : 'utf16';
      const attacker = (attackerNfa[key] ??= compileLanguage(ATTACKER_ORIGINS, unicode ? 'u' : ''));
      if (!attacker) return undefined;
      try {
        for (const word of getIntersectionWords(search, attacker, MAX_NODES)) return toText(word);
      } catch {
        // More intersection states than the budget: no witness.
      }
      return undefined;
    },
    finiteWords(limit) {
      if (whole === null) whole = compileLanguage(source, cleanFlags);
      if (!whole || !whole.isFinite) return undefined;
      const out: string[] = [];
      for (const word of whole.words()) {
        if (out.length >= limit) return undefined;
        out.push(toText(word));
      }
      return out;
    },
  };
}

function compileLanguage(source: string, flags: string): NFA | undefined {
  try {
    const { expression, maxCharacter } = JS.Parser.fromLiteral({ source, flags }).parse({ backreferences: 'throw', assertions: 'parse', maxNodes: MAX_NODES });
    const simplified = transform(Transformers.simplify(), expression);
    if (!onlyNegatedEdgeAssertions(simplified)) return undefined;
    const plain = transform(Transformers.patternEdgeAssertions({ remove: true }), simplified);
    return NFA.fromRegex(plain, { maxCharacter }, { assertions: 'throw', unknowns: 'throw' }, new NFA.LimitedNodeFactory(MAX_NODES));
  } catch {
    // A syntax error, an unresolvable backreference or assertion, or more states than the budget.
    return undefined;
  }
}

/**
 * Whether every assertion is a negated lookbehind at the very start or a negated lookahead at the very end:
 * on a whole word those look past its ends, where there is nothing, so they always hold.
 */
function onlyNegatedEdgeAssertions(expression: NoParent<RefaNode>): boolean {
  let ok = true;
  const visit = (node: NoParent<RefaNode>, atStart: boolean, atEnd: boolean) => {
    if (!ok) return;
    switch (node.type) {
      case 'Expression':
      case 'Alternation':
        for (const alt of node.alternatives) visit(alt, atStart, atEnd);
        return;
      case 'Quantifier':
        for (const alt of node.alternatives) visit(alt, false, false);
        return;
      case 'Assertion':
        if (!node.negate || !(node.kind === 'behind' ? atStart : atEnd)) ok = false;
        return;
      case 'Concatenation':
        node.elements.forEach((element, i) => visit(element, atStart && i === 0, atEnd && i === node.elements.length - 1));
        return;
      case 'Unknown':
        ok = false;
        return;
      default:
        return;
    }
  };
  visit(expression, true, true);
  return ok;
}

/** The top-level alternatives of a regex source (not inside groups or classes). */
export function topLevelAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) { out.push(source.slice(start, i)); start = i + 1; }
  }
  out.push(source.slice(start));
  return out;
}
