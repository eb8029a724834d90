import type { Rule } from './rule';

export const duplicateOriginHeader: Rule = {
  meta: {
    id: 'duplicate-origin-header',
    description: 'Access-Control-Allow-Origin written twice for one response (two writes, or middleware plus a manual write).',
    defaultSeverity: 'warning',
    cwe: ['CWE-942'],
    fixKinds: ['safe', 'suggestion'],
  },
  check() {},
};
