import type { Rule } from './rule';

export const weakOriginCheck: Rule = {
  meta: {
    id: 'weak-origin-check',
    description:
      "An origin check that an attacker's origin passes (suffix without a dot boundary, prefix, substring, unanchored or unescaped regex).",
    defaultSeverity: 'warning',
    cwe: ['CWE-942', 'CWE-346', 'CWE-20'],
    fixKinds: ['suggestion'],
  },
  check() {},
};
