import type { Rule } from './rule';

export const missingPreflight: Rule = {
  meta: {
    id: 'missing-preflight',
    description: 'Hand-written CORS on routes that need a preflight, with no OPTIONS answer carrying the CORS headers with a 2xx status.',
    defaultSeverity: 'warning',
    cwe: ['CWE-942'],
    fixKinds: ['suggestion'],
  },
  check() {},
};
