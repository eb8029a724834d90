import { dependsOnRequest, originWrites, requestVariants, variesByOrigin } from '../responses';
import type { Rule } from './rule';

export const missingVaryOrigin: Rule = {
  meta: {
    id: 'missing-vary-origin',
    description: 'Access-Control-Allow-Origin depends on the request but the response has no Vary: Origin, so caches can serve it to other origins.',
    defaultSeverity: 'warning',
    cwe: ['CWE-524'],
    fixKinds: ['safe'],
  },
  check(context) {
    const { fixer, facts } = context;
    for (const write of originWrites(facts)) {
      context.at(write.node);
      // Per response: a Vary in another handler, or only in the branch that allows the origin, does
      // not reach this response (the fallback `allowed[0]` response varies by Origin too).
      if (!write.valueNode || !dependsOnRequest(write) || variesByOrigin(write, facts)) continue;
      // Unchecked reflection is reported by reflected-origin, whose fix adds Vary too.
      if (requestVariants(write.value).some((v) => facts.guards.guardOf(v, write.node).strength === 'none')) continue;
      const edit = fixer.varyFor(write);
      context.report({
        node: write.valueNode,
        message: 'Access-Control-Allow-Origin depends on the request Origin but the response has no Vary: Origin; a shared cache or CDN can serve one origin\'s response to another, breaking or leaking cross-origin reads. Add Vary: Origin.',
        fixes: [fixer.fix('Add Vary: Origin', 'safe', [edit])],
      });
    }
  },
};
