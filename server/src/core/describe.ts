// Human-readable summaries of a Policy: the LSP hover and the audit report use the same words.
import type { OriginGrant, Policy } from './types';

export function describeOriginGrant(origins: OriginGrant): string {
  switch (origins.kind) {
    case 'any':
      return 'any origin (`*`)';
    case 'reflected':
      return 'any origin (the request Origin is echoed back unchecked)';
    case 'weakly-checked':
      return `origins passing a weak check (${origins.detail})`;
    case 'list':
      return origins.origins.length === 0 ? 'a checked list of origins' : origins.origins.map((o) => `\`${o}\``).join(', ');
    case 'null':
      return 'the `null` origin (sandboxed iframes, file: pages)';
    case 'disabled':
      return 'no origin (CORS disabled)';
    case 'unknown':
      return origins.detail ? `not known statically (${origins.detail})` : 'not known statically';
  }
}

/** A few lines of Markdown: what the policy at this place grants. */
export function describePolicy(policy: Policy): string {
  const lines = [`**CORS policy** (${policy.source === 'middleware' ? `${policy.framework} middleware` : `${policy.framework} headers`}${policy.route ? `, ${policy.route}` : ''})`, ''];
  lines.push(`- Origins: ${describeOriginGrant(policy.origins)}`);
  lines.push(`- Credentials: ${policy.credentials === 'unknown' ? 'not known statically' : policy.credentials ? 'allowed (cookies and Authorization are sent)' : 'not allowed'}`);
  lines.push(`- Methods: ${policy.methods ? policy.methods.join(', ') : 'not stated (simple methods only, or the library default)'}`);
  lines.push(`- Request headers: ${policy.allowedHeaders ? policy.allowedHeaders.join(', ') : 'not stated (CORS-safelisted only, or the library default)'}`);
  const preflight = { answered: 'answered', missing: 'not answered: preflighted requests will fail', 'not-needed': 'not needed', unknown: 'not known statically' }[policy.preflight];
  lines.push(`- Preflight (OPTIONS): ${preflight}`);
  if (policy.defaults) lines.push(`- Library defaults: ${policy.defaults.join('; ')}`);
  lines.push(`- Vary: Origin: ${policy.vary === 'not-needed' ? 'not needed (the value does not depend on the request)' : policy.vary ? 'sent' : 'missing'}`);
  if (policy.findings.length > 0) lines.push('', `Problems: ${[...new Set(policy.findings)].map((id) => `\`${id}\``).join(', ')}`);
  return lines.join('\n');
}
