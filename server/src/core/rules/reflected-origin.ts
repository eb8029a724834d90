import type { Rule } from './rule';

export const reflectedOrigin: Rule = {
  meta: {
    id: 'reflected-origin',
    description:
      "The request's Origin (or other request data) is echoed into Access-Control-Allow-Origin without an allowlist check.",
    defaultSeverity: 'warning',
    cwe: ['CWE-942', 'CWE-346'],
    fixKinds: ['suggestion'],
  },
  check() {},
};
