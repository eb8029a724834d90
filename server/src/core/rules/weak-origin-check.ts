import { classifyRegexSource, regexReplacement } from '../guards';
import type { OriginCheck } from '../facts/model';
import type { Rule } from './rule';

export const weakOriginCheck: Rule = {
  meta: {
    id: 'weak-origin-check',
    description: "An origin check that an attacker's origin passes (suffix without a dot boundary, prefix, substring, unanchored or unescaped regex).",
    defaultSeverity: 'warning',
    cwe: ['CWE-942', 'CWE-346', 'CWE-20'],
    fixKinds: ['suggestion'],
  },
  check(context) {
    const { fixer, facts } = context;
    const credentials = context.fileAllowsCredentials;
    const report = (check: OriginCheck) => {
      context.at(check.node);
      context.report({
        node: check.node,
        severity: credentials ? 'error' : 'warning',
        message: `Weak origin check: ${check.weakness ?? 'an attacker-controlled origin passes it'}.${credentials ? ' Credentials are allowed, so that site can read users\' data.' : ''} Compare against exact origins or an anchored, escaped pattern.`,
        fixes: check.replacement ? [fixer.fix('Use a strict, anchored check', 'suggestion', [fixer.replace(check.node, check.replacement)])] : [],
      });
    };
    for (const check of facts.checks) report(check);
    for (const config of facts.configs) {
      if (config.weakCheck) report(config.weakCheck);
      for (const entry of config.entries) {
        if (!entry.isRegExp) continue;
        const verdict = classifyRegexSource(entry.text);
        if (verdict.strength !== 'weak') continue;
        const flags = /\/([a-z]*)$/.exec(entry.node.getText())?.[1] ?? '';
        report({
          node: entry.node,
          strength: 'weak',
          weakness: `${config.library} origin pattern: ${verdict.weakness}`,
          replacement: verdict.fixedSource ? regexReplacement(entry.node, verdict.fixedSource, flags) : undefined,
        });
      }
    }
  },
};
