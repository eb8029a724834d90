// Platform policies for the inventory: one per Access-Control-Allow-Origin header rule and one per
// CORS option set, labelled by platform and path pattern.
import type { Finding, OriginGrant, Policy, RuleId } from '../types';
import type { PlatformChecker } from './checks';
import type { HeaderRule, PlatformCors, PlatformFacts, PlatformHeader } from './model';

const PLATFORM_NAMES: Record<HeaderRule['platform'], string> = {
  vercel: 'Vercel',
  netlify: 'Netlify',
  'cloudflare-pages': 'Netlify / Cloudflare Pages',
  firebase: 'Firebase Hosting',
  serverless: 'Serverless Framework',
  'aws-sam': 'AWS SAM / CloudFormation',
};

export function platformPolicies(facts: PlatformFacts, checker: PlatformChecker, findings: Finding[]): Policy[] {
  const policies: Policy[] = [];
  const inside = (start: number, end: number): RuleId[] =>
    findings.filter((f) => f.start >= start && f.end <= end && f.ruleId !== 'unused-disable-directive').map((f) => f.ruleId as RuleId);
  for (const rule of facts.rules) {
    const effective = checker.effectiveHeaders(rule, facts.rules);
    const named = (name: string) => effective.find((h) => h.name === name);
    for (const header of rule.headers.filter((h) => h.name === 'access-control-allow-origin')) {
      policies.push({
        ...header.entry,
        source: 'header',
        framework: `${PLATFORM_NAMES[rule.platform]} (${facts.label})`,
        route: rule.pattern,
        origins: grantOfText(header.value.text, header.value.unknown),
        credentials: named('access-control-allow-credentials')?.value.text?.trim().toLowerCase() === 'true',
        methods: listOf(named('access-control-allow-methods')),
        allowedHeaders: listOf(named('access-control-allow-headers')),
        // Static headers are added to every response of the path, OPTIONS included, when the platform
        // serves it; whether a function behind the path answers OPTIONS is not in this file.
        preflight: named('access-control-allow-methods') ? 'answered' : 'unknown',
        vary: 'not-needed',
        findings: inside(header.entry.start, header.entry.end),
      });
    }
  }
  for (const cors of facts.cors) {
    policies.push({
      ...cors.range,
      source: 'middleware',
      framework: `${cors.library} (${facts.label})`,
      route: cors.route,
      origins: grantOfCors(cors),
      credentials: cors.credentials,
      methods: cors.methods,
      allowedHeaders: cors.allowedHeaders,
      preflight: 'answered',
      // A list is answered per request (the matching origin is echoed), which a cache must key on.
      vary: cors.origin === 'list' && cors.entries.length > 1 ? true : 'not-needed',
      findings: inside(cors.range.start, cors.range.end),
    });
  }
  return policies.sort((a, b) => a.start - b.start);
}

function listOf(header: PlatformHeader | undefined): string[] | undefined {
  const items = header?.value.text?.split(',').map((s) => s.trim()).filter(Boolean);
  return items && items.length > 0 ? items : undefined;
}

function grantOfText(text: string | undefined, unknown: string | undefined): OriginGrant {
  if (text === undefined) return { kind: 'unknown', detail: unknown ? `set by ${unknown} at deploy time` : undefined };
  const value = text.trim();
  if (value === '*') return { kind: 'any' };
  if (value.toLowerCase() === 'null') return { kind: 'null' };
  return { kind: 'list', origins: value.split(/[\s,]+/).filter(Boolean) };
}

function grantOfCors(cors: PlatformCors): OriginGrant {
  if (cors.origin === 'any') return { kind: 'any' };
  if (cors.origin === 'unknown') {
    const why = cors.entries.find((e) => e.unknown)?.unknown;
    return { kind: 'unknown', detail: why ? `set by ${why} at deploy time` : undefined };
  }
  const origins = cors.entries.map((e) => e.text?.trim() ?? '');
  if (origins.some((o) => o.toLowerCase() === 'null')) return { kind: 'null' };
  return { kind: 'list', origins };
}
