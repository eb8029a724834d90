import type { Rule } from './rule';

export const missingVaryOrigin: Rule = {
  meta: {
    id: 'missing-vary-origin',
    description: 'Access-Control-Allow-Origin depends on the request but the response has no Vary: Origin, so caches can serve it to other origins.',
    defaultSeverity: 'warning',
    cwe: ['CWE-524'],
    fixKinds: ['safe'],
  },
  check() {},
};
