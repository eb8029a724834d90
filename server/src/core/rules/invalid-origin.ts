import type { Rule } from './rule';

export const invalidOrigin: Rule = {
  meta: {
    id: 'invalid-origin',
    description:
      "An origin that can never match a browser's Origin header (trailing slash, path, missing scheme, wildcard subdomain, whitespace, upper case, default port).",
    defaultSeverity: 'error',
    cwe: ['CWE-942'],
    fixKinds: ['safe', 'suggestion'],
  },
  check() {},
};
