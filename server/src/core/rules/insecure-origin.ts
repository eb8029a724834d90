import type { Rule } from './rule';

export const insecureOrigin: Rule = {
  meta: {
    id: 'insecure-origin',
    description: 'A trusted http:// origin other than localhost; anyone on the network path can inject script into it.',
    defaultSeverity: 'warning',
    cwe: ['CWE-942', 'CWE-319'],
    fixKinds: ['suggestion'],
  },
  check() {},
};
