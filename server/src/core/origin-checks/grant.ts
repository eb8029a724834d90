// What a judged check grants, for the policy inventory and the hover (policies.ts, describe.ts).
import type { OriginGrant } from '../types';
import { registrableDomain } from './battery';
import { describeBypass, type Verdict } from './verdict';

/** The grant a verdict proves, or undefined when the check could not be judged. */
export function grantOfVerdict(verdict: Verdict): OriginGrant | undefined {
  switch (verdict.kind) {
    case 'weak':
      // A check with no test at all is reflection (reflected-origin), not a weak check.
      if (!verdict.atom || verdict.atom.kind === 'present' || verdict.atom.kind === 'opaque') return undefined;
      return { kind: 'weakly-checked', detail: describeBypass(verdict), bypass: { origin: verdict.origin, attack: verdict.attack } };
    case 'subdomains':
      return { kind: 'list', origins: [], subdomainsOf: subdomainsDomain(verdict) };
    case 'exact':
      return verdict.origins ? { kind: 'list', origins: verdict.origins, proven: true } : undefined;
    case 'unknown':
      return undefined;
  }
}

/** example.com for an any-subdomain verdict naming https://evil.example.com. */
export function subdomainsDomain(verdict: Extract<Verdict, { kind: 'subdomains' }>): string {
  return registrableDomain(new URL(verdict.origin).hostname.split('.').slice(1).join('.'));
}
