import ts from 'typescript';
import { describeBypass, judge, judgeCheckAround, type Verdict } from '../origin-checks/verdict';
import { repairAtom } from '../origin-checks/repair';
import { subdomainsDomain } from '../origin-checks/grant';
import { checkUsesOf, judgeOriginFunction, reportedWhereCheckIsWritten, unappliedOriginLists, type CheckUse } from '../origin-checks/uses';
import { applicationsFor } from '../exported';
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
    // `"weak-origin-check": [severity, { "subdomains": "off" | "info" | "warning" | "error" }]`
    const subdomainsSetting = context.config.ruleOptions?.['weak-origin-check']?.subdomains;
    const subdomainsSeverity = subdomainsSetting === 'off' ? undefined : subdomainsSetting;
    // Options exported here and applied elsewhere with credentials: true (exported.ts) hold checks judged with credentials.
    const appliedWithCredentials = (node: ts.Node) => facts.configs.some((c) => c.node.pos <= node.pos && node.end <= c.node.end && (applicationsFor(c)?.some((a) => a.credentials) ?? false));
    /** `uses`: where a check exported here is applied in other modules (the verdict is theirs, and their credentials count). */
    const report = (node: ts.Node, verdict: Bypass, uses: CheckUse[] = [], checkAt?: ts.Node) => {
      if (verdict.kind === 'subdomains' && subdomainsSetting === 'off') return;
      if (reported.some((r) => r.pos <= node.pos && node.end <= r.end || node.pos <= r.pos && r.end <= node.end)) return;
      // Checked in another module and reported where it is written there (origin-checks/uses.ts).
      if (context.project && reportedWhereCheckIsWritten(node, context.project, facts)) return;
      const related: { node: ts.Node; message: string }[] = uses.slice(0, 4).map((u) => ({ node: u.call, message: `Applied here${u.library ? ` (${u.library}${u.credentials ? ', credentials: true' : ''})` : u.credentials ? ' (with Access-Control-Allow-Credentials: true)' : ''}.` }));
      if (checkAt) related.push({ node: checkAt, message: 'The check, read with the arguments of this call.' });
      const withCredentials = credentials || uses.some((u) => u.credentials) || appliedWithCredentials(node);
      const credentialsNote = credentials ? ' Credentials are allowed, so that site can read users\' data.'
        : withCredentials ? ' Credentials are allowed where it is applied, so that site can read users\' data.' : '';
      reported.push(node);
      context.at(node);
      const quote = fixer.quote('')[0];
      // A check inside a callback factory that reads the factory's parameters (`origin.endsWith(suffix)`) serves
      // every caller: writing one caller's origins into it would change the others, so no repair is offered.
      const repair = verdict.kind === 'weak' && verdict.atom && !facts.evaluator.readsFactoryParameter(verdict.atom.node) ? repairAtom(verdict.atom, quote) : undefined;
      const fixes = repair
        ? [fixer.fix(`Use a strict, anchored check (accepts ${listed(repair.intended)})`, 'suggestion', [fixer.replace(repair.node, repair.text)])]
        : [];
      if (verdict.kind === 'subdomains') {
        const domain = subdomainsDomain(verdict);
        context.report({
          node,
          severity: subdomainsSeverity ?? 'info',
          severityFromOptions: subdomainsSeverity !== undefined,
          message: `Origin check accepts any subdomain of ${domain}, including ones that could be taken over (e.g. ${verdict.origin}). List the subdomains you serve if you can.`,
          related,
          fixes,
        });
        return;
      }
      context.report({
        node,
        severity: withCredentials ? 'error' : 'warning',
        message: `Weak origin check: ${describeBypass(verdict)}.${credentialsNote} Compare against exact origins or an anchored, escaped pattern.`,
        related,
        fixes,
      });
    };
    const consider = (node: ts.Node, verdict: Verdict | undefined, uses?: CheckUse[], checkAt?: ts.Node) => {
      // Letting everything through with no test at all (`(origin) => origin`) is reflected-origin's finding.
      if (verdict?.kind !== 'weak' && verdict?.kind !== 'subdomains') return;
      if (!verdict.atom || verdict.atom.kind === 'present' || verdict.atom.kind === 'opaque') return;
      // 'null' written into a list or compared exactly is null-origin's finding.
      if (verdict.kind === 'weak' && verdict.attack === 'null origin' && (verdict.atom.kind === 'member' || verdict.atom.kind === 'equals')) return;
      report(node, verdict, uses, checkAt);
    };
    // A check in a callback factory of this file that reads the factory's parameters
    // (`const originFrom = (suffix) => (origin, cb) => cb(null, origin.endsWith(suffix))`) is judged per call
    // of the factory, and reported there: each call's arguments make another check.
    const perFactoryCall = (node: ts.Node) => facts.configs.some((c) => c.originFactoryCall && c.originFunction
      && c.originFunction.getSourceFile() === context.sourceFile && node.pos >= c.originFunction.pos && node.end <= c.originFunction.end)
      && facts.evaluator.readsFactoryParameter(node);

    // Checks exported here and applied in other modules (origin-checks/uses.ts): judged as applied there,
    // reported here. A function whose every use is proven safe is not reported for its parts.
    const provenByUse = new Set<ts.Node>();
    const uses = checkUsesOf(context);
    for (const fn of new Set(uses.map((u) => u.fn))) {
      const ofFn = uses.filter((u) => u.fn === fn);
      if (ofFn.every((u) => u.verdict.kind === 'exact')) {
        provenByUse.add(fn);
        continue;
      }
      for (const use of ofFn) {
        const v = use.verdict;
        if ((v.kind !== 'weak' && v.kind !== 'subdomains') || !v.atom || v.atom.node.getSourceFile().fileName !== context.sourceFile.fileName) continue;
        // The part of the check that lets the origin through, in this file's tree (the use reached it through the module record).
        const at = localNode(context.sourceFile, v.atom.regex?.node ?? v.atom.node, fn);
        if (at) consider(at, v, ofFn.filter((u) => u.verdict.kind === v.kind));
      }
    }
    const inProvenFunction = (node: ts.Node) => [...provenByUse].some((fn) => node.pos >= fn.pos && node.end <= fn.end);

    // Checks on the request's origin (inline, helpers, origin callbacks): judged whole where they can be read.
    const checkNodes = new Set(facts.checks.map((c) => c.node));
    for (const check of facts.checks) {
      if (inProvenFunction(check.node) || perFactoryCall(check.node)) continue;
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
    // An exported allowlist named for origins that this file does not use (a config module): its
    // patterns are judged as an origin list (strings compared exactly, RegExps tested), as `cors` would.
    for (const { verdict } of unappliedOriginLists(context)) {
      if ((verdict.kind === 'weak' || verdict.kind === 'subdomains') && verdict.atom) consider(verdict.atom.regex?.node ?? verdict.atom.node, verdict);
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
        const verdict = judgeOriginFunction(config, facts);
        // A factory's check that reads its parameters, from this file or another module: reported at this call.
        const call = config.originFactoryCall;
        if ((verdict.kind === 'weak' || verdict.kind === 'subdomains') && verdict.atom && call && call.getSourceFile() === context.sourceFile
          && verdict.atom.node.pos >= config.originFunction.pos && verdict.atom.node.end <= config.originFunction.end && facts.evaluator.readsFactoryParameter(verdict.atom.node)) {
          consider(call, verdict, [], verdict.atom.node);
          continue;
        }
        if ((verdict.kind === 'weak' || verdict.kind === 'subdomains') && verdict.atom) {
          const inside = verdict.atom.node.pos >= config.originFunction.pos && verdict.atom.node.end <= config.originFunction.end;
          if (inside || !facts.checks.some((c) => c.node === verdict.atom!.node)) consider(verdict.atom.node, verdict);
        }
        continue;
      }
      const patterns = config.entries.filter((e) => e.isRegExp);
      if (patterns.length === 0) continue;
      // An origin list (strings compared exactly, RegExps tested): the pattern an attacker passes. A list
      // exported here and applied elsewhere (exported.ts) counts the credentials of the options there.
      const verdict = judge(facts.guards.compiler.membershipWithPatterns(config.entries.map((e) => e.node as ts.Expression), config.node));
      if ((verdict.kind === 'weak' || verdict.kind === 'subdomains') && verdict.atom) consider(verdict.atom.regex?.node ?? verdict.atom.node, verdict);
    }
  },
};

/** The node of `sourceFile` at the place of `node` (from another tree of the same text), inside `fn`. */
function localNode(sourceFile: ts.SourceFile, node: ts.Node, fn: ts.Node): ts.Node | undefined {
  if (node.pos < fn.pos || node.end > fn.end) return undefined;
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (found || n.end < node.pos || n.pos > node.end) return;
    if (n.pos === node.pos && n.end === node.end && n.kind === node.kind) found = n;
    else n.forEachChild(visit);
  };
  visit(fn);
  return found?.getSourceFile() === sourceFile ? found : undefined;
}

function listed(origins: string[]): string {
  const shown = origins.slice(0, 3);
  return `${shown.join(', ')}${origins.length > shown.length ? ', …' : ''}`;
}
