import type { Rule } from './rule';

export const multipleOrigins: Rule = {
  meta: {
    id: 'multiple-origins',
    description:
      "More than one origin in one Access-Control-Allow-Origin value; browsers accept exactly one origin or '*'.",
    defaultSeverity: 'error',
    cwe: ['CWE-942'],
    fixKinds: ['suggestion'],
  },
  check() {},
};
