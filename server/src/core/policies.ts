// The CORS policy inventory: one Policy per place that grants cross-origin access (an
// Access-Control-Allow-Origin write, or a CORS middleware config), with what it grants.
import ts from 'typescript';
import type { RuleContext } from './context';
import { ACAH, ACAM } from './facts/headers';
import type { CorsConfig, HeaderWrite } from './facts/model';
import { SIMPLE_METHODS } from './facts/routes';
import type { CheckResult } from './guards';
import { grantOfVerdict } from './origin-checks/grant';
import { judge } from './origin-checks/verdict';
import { provenanceOfConfig, provenanceOfWrite } from './provenance';
import { reflectsWithCredentials } from './libraries';
import { alwaysOverwrites, coexist, credentialsWrite, dependsOnRequest, originWrites, sameResponseCandidates, variesByOrigin } from './responses';
import type { Finding, OriginGrant, Policy, RuleId } from './types';

export function buildPolicies(context: RuleContext, findings: Finding[]): Policy[] {
  const { facts, sourceFile } = context;
  const policies: Policy[] = [];
  const needsPreflight = facts.routes.some((r) => !SIMPLE_METHODS.has(r.method) && !['OPTIONS', 'ALL'].includes(r.method));
  // Findings by start offset, so each policy finds its own by binary search (generated files have
  // thousands of both).
  const byStart = findings.filter((f) => f.ruleId !== 'unused-disable-directive').sort((a, b) => a.start - b.start);
  const withFindings = (p: Omit<Policy, 'findings'>): Policy => {
    const inside: RuleId[] = [];
    for (let i = firstAtOrAfter(byStart, p.start); i < byStart.length && byStart[i].start <= p.end; i++) {
      if (byStart[i].end <= p.end) inside.push(byStart[i].ruleId as RuleId);
    }
    return { ...p, findings: inside };
  };

  for (const write of originWrites(facts)) {
    const acam = sameResponseCandidates(write).find((w) => w.name === ACAM && coexist(w, write));
    const acah = sameResponseCandidates(write).find((w) => w.name === ACAH && coexist(w, write));
    let preflight: Policy['preflight'] = facts.optionsAnswers.length > 0 || acam ? 'answered' : needsPreflight ? 'missing' : 'not-needed';
    // Across files: the app that mounts this module may answer its preflights (composition.ts).
    const from = context.project ? provenanceOfWrite(context, write.valueNode) : { lines: [] };
    if (preflight === 'missing' && from.preflight) preflight = from.preflight;
    policies.push(withFindings({
      ...(from.lines.length > 0 ? { provenance: from.lines } : {}),
      start: write.node.getStart(sourceFile),
      end: write.node.end,
      source: 'header',
      framework: write.framework,
      route: write.group.configRoute?.pattern ?? routeOf(write.node, context),
      origins: grantOfWrite(write, context),
      credentials: credentialsWrite(write) ? true : false,
      methods: acam ? listOf(acam) : undefined,
      allowedHeaders: acah ? listOf(acah) : undefined,
      preflight,
      vary: dependsOnRequest(write) ? variesByOrigin(write, facts) : 'not-needed',
      ...(isOverwritten(write) ? { overwritten: true as const } : {}),
    }));
  }
  for (const config of facts.configs) {
    const provenance = context.project ? provenanceOfConfig(context, config) : [];
    policies.push(withFindings({
      ...(provenance.length > 0 ? { provenance } : {}),
      start: config.node.getStart(sourceFile),
      end: config.node.end,
      source: 'middleware',
      framework: config.library,
      route: routeOf(config.node, context),
      origins: grantOfConfig(config, context),
      credentials: config.credentials,
      methods: config.methods,
      allowedHeaders: config.allowedHeaders,
      preflight: 'answered',
      vary: config.origin === 'any' || config.origin === 'disabled' ? 'not-needed' : true,
      ...defaultsOf(config),
    }));
  }
  return policies.sort((a, b) => a.start - b.start);
}

/** A later set-style write of the same header on the same target runs on every path after this one. */
function isOverwritten(write: HeaderWrite): boolean {
  if (!write.statement || write.mode === 'append') return false;
  return sameResponseCandidates(write).some((w) => w !== write && w.name === write.name && w.mode !== 'append' && w.receiver === write.receiver && alwaysOverwrites(write, w));
}

function listOf(write: HeaderWrite): string[] | undefined {
  const texts = write.value.variants.flatMap((v) => (v.kind === 'literal' ? v.text.split(',').map((s) => s.trim()).filter(Boolean) : v.kind === 'list' ? v.items.flatMap((i) => (i.kind === 'literal' ? [i.text] : [])) : []));
  return texts.length > 0 ? texts : undefined;
}

function grantOfWrite(write: HeaderWrite, context: RuleContext): OriginGrant {
  const literals: string[] = [];
  let grant: OriginGrant | undefined;
  const rank = { reflected: 5, 'weakly-checked': 4, any: 3, null: 2, list: 1.5, unknown: 1 } as Record<string, number>;
  const take = (g: OriginGrant) => {
    if (!grant || (rank[g.kind] ?? 0) > (rank[grant.kind] ?? 0)) grant = g;
  };
  for (const v of write.value.variants) {
    if (v.kind === 'literal') {
      const t = v.text.trim();
      if (t === '*') take({ kind: 'any' });
      else if (t.toLowerCase() === 'null') take({ kind: 'null' });
      else literals.push(...t.split(/[\s,;|]+/).filter(Boolean));
    } else if (v.kind === 'list') {
      literals.push(...v.items.flatMap((i) => (i.kind === 'literal' ? [i.text] : [])));
    } else if (v.kind === 'request') {
      const guard: CheckResult = context.facts.guards.guardOf(v, write.node);
      const judged = guard.verdict && grantOfVerdict(guard.verdict);
      if (guard.strength === 'none') take({ kind: 'reflected' });
      else if (judged) take(judged);
      else if (guard.strength === 'weak') take({ kind: 'weakly-checked', detail: guard.weakness ?? 'weak check' });
      else {
        const checked = context.facts.originLiterals.filter((l) => l.context !== 'header').map((l) => l.text);
        literals.push(...(checked.length > 0 ? checked : context.config.allowedOrigins));
      }
    } else if (v.kind === 'env') take({ kind: 'unknown', detail: `environment variable ${v.name}` });
    else take({ kind: 'unknown' });
  }
  if (grant && grant.kind !== 'unknown' && !(grant.kind === 'list' && literals.length > 0)) return grant;
  if (grant?.kind === 'list') return { ...grant, origins: [...new Set([...grant.origins, ...literals])] };
  if (literals.length > 0) return { kind: 'list', origins: [...new Set(literals)] };
  return grant ?? { kind: 'unknown' };
}

function grantOfConfig(config: CorsConfig, context: RuleContext): OriginGrant {
  // The origin callback or the origin list, evaluated against the battery (origin-checks/).
  const compiler = context.facts.guards.compiler;
  if (config.originFunction && (config.origin === 'list' || config.origin === 'function')) {
    const first = config.originFunction.parameters[0];
    const readsContext = first && ts.isIdentifier(first.name) && /^(ctx|c|context|req|request|event)$/.test(first.name.text);
    const judged = grantOfVerdict(judge(compiler.originFunction(config.originFunction, readsContext ? -1 : 0, 1)));
    if (judged) return judged;
  }
  if (config.origin === 'list' && !config.originFunction && config.entries.length > 0 && !config.entries.some((e) => e.text.toLowerCase() === 'null')) {
    const live = config.entries.filter((e) => !e.neverMatches);
    const judged = live.length > 0 ? grantOfVerdict(judge(compiler.membershipWithPatterns(live.map((e) => e.node as ts.Expression), config.node))) : undefined;
    if (judged) return judged.kind === 'list' && !judged.subdomainsOf && judged.origins.length === 0 ? { ...judged, origins: config.entries.map((e) => (e.isRegExp ? `/${e.text}/` : e.text)) } : judged;
  }
  if (config.weakCheck) return { kind: 'weakly-checked', detail: config.weakCheck.weakness ?? 'weak check' };
  switch (config.origin) {
    case 'reflect': return { kind: 'reflected' };
    case 'any': return config.credentials === true && reflectsWithCredentials(config) ? { kind: 'reflected' } : { kind: 'any' };
    case 'disabled': return { kind: 'disabled' };
    case 'list': {
      if (config.entries.some((e) => e.text.toLowerCase() === 'null')) return { kind: 'null' };
      // Entries the library can never match ('*' in a cors/hono list) grant nothing.
      const entries = config.entries.filter((e) => !e.neverMatches);
      if (entries.length === 0 && config.entries.length > 0) return { kind: 'disabled' };
      return { kind: 'list', origins: entries.map((e) => (e.isRegExp ? `/${e.text}/` : e.text)) };
    }
    case 'function': return { kind: 'list', origins: [] };
    default: return { kind: 'unknown', detail: config.originFunction ? 'decided by a callback' : undefined };
  }
}

/** The library defaults a middleware policy relies on (hover and inventory say so). */
function defaultsOf(config: CorsConfig): { defaults?: string[] } {
  const defaults: string[] = [];
  if (!config.originNode && config.origin !== 'unknown' && config.defaultNote) defaults.push(`origin — ${config.defaultNote}`);
  if (config.credentialsByDefault && config.credentials === true) defaults.push(`credentials: true — ${config.library} default`);
  if (config.advisory) defaults.push(`the ${config.advisory.packageName} version in use is affected by ${config.advisory.id} (fixed in ${config.advisory.fixedIn})`);
  return defaults.length > 0 ? { defaults } : {};
}

/** 'PUT /items/:id' when the node sits inside a known route handler, or the exported handler's name. */
function routeOf(node: ts.Node, context: RuleContext): string | undefined {
  for (const route of context.facts.routes) {
    const h = route.handler;
    if (h && h.pos <= node.pos && node.end <= h.end) return `${route.method}${route.path ? ` ${route.path}` : ''}`;
  }
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ['use', 'all'].includes(n.expression.name.text)) {
      const first = n.arguments[0];
      return `all requests${first && ts.isStringLiteralLike(first) ? ` under ${first.text}` : ''}`;
    }
  }
  return undefined;
}

/** Index of the first finding whose start is at or after `offset` (findings sorted by start). */
function firstAtOrAfter(findings: readonly Finding[], offset: number): number {
  let low = 0;
  let high = findings.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (findings[mid].start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
