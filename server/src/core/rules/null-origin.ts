import type { Rule } from './rule';

export const nullOrigin: Rule = {
  meta: {
    id: 'null-origin',
    description:
      "The 'null' origin is allowed; any page can send Origin: null from a sandboxed iframe.",
    defaultSeverity: 'warning',
    cwe: ['CWE-942', 'CWE-346'],
    fixKinds: ['suggestion'],
  },
  check() {},
};
