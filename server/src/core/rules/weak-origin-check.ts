import ts from 'typescript';
import { describeBypass, judge, judgeCheckAround, type Verdict } from '../origin-checks/verdict';
import { repairAtom } from '../origin-checks/repair';
import { subdomainsDomain } from '../origin-checks/grant';
import type { Rule } from './rule';
import { upgradeFix } from '../libraries';

type Bypass = Extract<Verdict, { kind: 'weak' | 'subdomains' }>;

export const weakOriginCheck: Rule = {
  meta: {
    id: 'weak-origin-check',
    description: "An origin check that an attacker's origin passes (suffix without a dot boundary, prefix, substring, unanchored or unescaped regex, shared hosting); any-subdomain checks at info level.",
    defaultSeverity: 'warning',
    cwe: ['CWE-942', 'CWE-346', 'CWE-20'],
    fixKinds: ['suggestion'],
  },
  check(context) {
    const { fixer, facts } = context;
    const credentials = context.fileAllowsCredentials;
    const isOrigin = (e: ts.Expression) => facts.guards.isOriginish(e);
    // One finding per check: a regex and the `.test(origin)` around it are the same check.
    const reported: ts.Node[] = [];
    const report = (node: ts.Node, verdict: Bypass) => {
      if (reported.some((r) => r.pos <= node.pos && node.end <= r.end || node.pos <= r.pos && r.end <= node.end)) return;
      reported.push(node);
      context.at(node);
      const quote = fixer.quote('')[0];
      const repair = verdict.kind === 'weak' && verdict.atom ? repairAtom(verdict.atom, quote) : undefined;
      const fixes = repair
        ? [fixer.fix(`Use a strict, anchored check (accepts ${listed(repair.intended)})`, 'suggestion', [fixer.replace(repair.node, repair.text)])]
        : [];
      if (verdict.kind === 'subdomains') {
        const domain = subdomainsDomain(verdict);
        context.report({
          node,
          severity: 'info',
          message: `Origin check accepts any subdomain of ${domain}, including ones that could be taken over (e.g. ${verdict.origin}). List the subdomains you serve if you can.`,
          fixes,
        });
        return;
      }
      context.report({
        node,
        severity: credentials ? 'error' : 'warning',
        message: `Weak origin check: ${describeBypass(verdict)}.${credentials ? ' Credentials are allowed, so that site can read users\' data.' : ''} Compare against exact origins or an anchored, escaped pattern.`,
        fixes,
      });
    };
    const consider = (node: ts.Node, verdict: Verdict | undefined) => {
      // Letting everything through with no test at all (`(origin) => origin`) is reflected-origin's finding.
      if (verdict?.kind !== 'weak' && verdict?.kind !== 'subdomains') return;
      if (!verdict.atom || verdict.atom.kind === 'present' || verdict.atom.kind === 'opaque') return;
      // 'null' written into a list or compared exactly is null-origin's finding.
      if (verdict.kind === 'weak' && verdict.attack === 'null origin' && (verdict.atom.kind === 'member' || verdict.atom.kind === 'equals')) return;
      report(node, verdict);
    };

    // Checks on the request's origin (inline, helpers, origin callbacks): judged whole where they can be read.
    const checkNodes = new Set(facts.checks.map((c) => c.node));
    for (const check of facts.checks) {
      const whole = judgeCheckAround(check.node, facts.evaluator, isOrigin);
      // Proven by its surroundings (`origin.startsWith(x) && list.includes(origin)`), or read wrongly
      // there while the check alone, read with the engine's sense of the branch, is safe.
      if (whole.kind === 'exact' || check.verdict?.kind === 'exact') continue;
      if (whole.kind === 'unknown') {
        consider(check.node, check.verdict);
        continue;
      }
      // One finding per check: at the part that lets the origin through, when that part is another check.
      const at = whole.kind === 'weak' || whole.kind === 'subdomains' ? whole.atom?.node : undefined;
      const atRegex = whole.kind === 'weak' || whole.kind === 'subdomains' ? whole.atom?.regex?.node : undefined;
      if (at && at !== check.node && atRegex !== check.node && (checkNodes.has(at) || (atRegex && checkNodes.has(atRegex)))) continue;
      consider(check.node, whole);
    }
    for (const config of facts.configs) {
      // A weakness of the library's own matching (facts/, e.g. @elysiajs/cors before 1.3.1), stated by the adapter.
      if (config.weakCheck && !config.originFunction) {
        const check = config.weakCheck;
        if (reported.some((r) => r.pos <= check.node.pos && check.node.end <= r.end)) continue;
        reported.push(check.node);
        context.at(check.node);
        context.report({
          node: check.node,
          severity: credentials ? 'error' : 'warning',
          message: `Weak origin check: ${check.weakness ?? 'an attacker-controlled origin passes it'}.${credentials ? ' Credentials are allowed, so that site can read users\' data.' : ''} Compare against exact origins or an anchored, escaped pattern.`,
          fixes: [upgradeFix(config, fixer), check.replacement ? fixer.fix('Use a strict, anchored check', 'suggestion', [fixer.replace(check.node, check.replacement)]) : undefined],
        });
        continue;
      }
      if (config.originFunction) {
        // The callback as a whole: `cb(null, true)` after a weak test, early returns, helpers.
        const first = config.originFunction.parameters[0];
        const readsContext = first && ts.isIdentifier(first.name) && /^(ctx|c|context|req|request|event)$/.test(first.name.text);
        const verdict = judge(facts.guards.compiler.originFunction(config.originFunction, readsContext ? -1 : 0, 1));
        if ((verdict.kind === 'weak' || verdict.kind === 'subdomains') && verdict.atom) {
          const inside = verdict.atom.node.pos >= config.originFunction.pos && verdict.atom.node.end <= config.originFunction.end;
          if (inside || !facts.checks.some((c) => c.node === verdict.atom!.node)) consider(verdict.atom.node, verdict);
        }
        continue;
      }
      // A weakness of the library itself for this option (@elysiajs/cors before 1.3.1 matches a scheme-less
      // origin as a substring): stated by the adapter, with its repair.
      const libraryWeakness = config.weakCheck;
      if (libraryWeakness?.weakness && !reported.includes(libraryWeakness.node)) {
        reported.push(libraryWeakness.node);
        context.at(libraryWeakness.node);
        context.report({
          node: libraryWeakness.node,
          severity: credentials ? 'error' : 'warning',
          message: `Weak origin check: ${libraryWeakness.weakness}.${credentials ? ' Credentials are allowed, so that site can read users\' data.' : ''} Compare against exact origins or an anchored, escaped pattern.`,
          fixes: libraryWeakness.replacement ? [fixer.fix('Use a strict, anchored check', 'suggestion', [fixer.replace(libraryWeakness.node, libraryWeakness.replacement)])] : [],
        });
      }
      const patterns = config.entries.filter((e) => e.isRegExp);
      if (patterns.length === 0) continue;
      // An origin list (strings compared exactly, RegExps tested): the pattern an attacker passes.
      const verdict = judge(facts.guards.compiler.membershipWithPatterns(config.entries.map((e) => e.node as ts.Expression), config.node));
      if ((verdict.kind === 'weak' || verdict.kind === 'subdomains') && verdict.atom) consider(verdict.atom.regex?.node ?? verdict.atom.node, verdict);
    }
  },
};

function listed(origins: string[]): string {
  const shown = origins.slice(0, 3);
  return `${shown.join(', ')}${origins.length > shown.length ? ', …' : ''}`;
}
