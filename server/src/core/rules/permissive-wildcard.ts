import type { Rule } from './rule';

export const permissiveWildcard: Rule = {
  meta: {
    id: 'permissive-wildcard',
    description:
      "Access-Control-Allow-Origin '*' lets every site read the response; fine for public data, risky where the handler reads cookies or Authorization.",
    defaultSeverity: 'info',
    cwe: ['CWE-942'],
    fixKinds: ['suggestion'],
  },
  check() {},
};
