import type { Rule } from './rule';

export const wildcardWithCredentials: Rule = {
  meta: {
    id: 'wildcard-with-credentials',
    description:
      "Access-Control-Allow-Origin '*' together with Access-Control-Allow-Credentials: true, which browsers reject.",
    defaultSeverity: 'error',
    cwe: ['CWE-942'],
    fixKinds: ['suggestion'],
  },
  check() {},
};
