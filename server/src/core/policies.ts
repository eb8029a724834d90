import type { RuleContext } from './context';
import type { Finding, Policy } from './types';

export function buildPolicies(_context: RuleContext, _findings: Finding[]): Policy[] {
  return [];
}
