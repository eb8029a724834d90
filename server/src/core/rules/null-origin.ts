import ts from 'typescript';
import { credentialsWrite, originWrites } from '../responses';
import { skipOuter } from '../values';
import type { Rule } from './rule';

const why = "any page can send Origin: null (a sandboxed iframe, a data: URL, a redirect), so 'null' trusts every site";

/** The messages, shared with the platform configuration checks (platform/checks.ts). */
export function nullHeaderMessage(credentials: boolean): string {
  return `Access-Control-Allow-Origin is 'null': ${why}${credentials ? ', and credentials are allowed, so it can read users\' data' : ''}.`;
}
export function nullListMessage(credentials: boolean): string {
  return `'null' is on the origin allowlist: ${why}${credentials ? ', and credentials are allowed' : ''}.`;
}

export const nullOrigin: Rule = {
  meta: {
    id: 'null-origin',
    description: "The 'null' origin is allowed; any page can send Origin: null from a sandboxed iframe.",
    defaultSeverity: 'warning',
    cwe: ['CWE-942', 'CWE-346'],
    fixKinds: ['suggestion'],
  },
  check(context) {
    const { fixer } = context;
    for (const write of originWrites(context.facts)) {
      context.at(write.node);
      const nullVariant = write.value.variants.find((v) => v.kind === 'literal' && v.text.trim().toLowerCase() === 'null');
      if (!write.valueNode || !nullVariant || nullVariant.kind !== 'literal') continue;
      const credentials = credentialsWrite(write);
      const configured = context.config.allowedOrigins[0];
      // One branch of a conditional value (`prod ? 'https://a.com' : 'null'`): point at that branch.
      const branch = nullVariant.node && nullVariant.node !== skipOuter(write.valueNode) && write.value.variants.length > 1 ? nullVariant.node : undefined;
      if (branch) {
        context.report({
          node: branch,
          severity: credentials ? 'error' : 'warning',
          message: `Access-Control-Allow-Origin can be 'null': ${why}${credentials ? ', and credentials are allowed, so it can read users\' data' : ''}.`,
          related: credentials ? [{ node: credentials.node, message: 'Credentials are allowed here.' }] : [],
          fixes: [configured ? fixer.fix(`Use ${configured} instead of 'null'`, 'suggestion', [fixer.replace(branch, fixer.requote(branch, configured))]) : undefined],
        });
        continue;
      }
      context.report({
        node: write.valueNode,
        severity: credentials ? 'error' : 'warning',
        message: nullHeaderMessage(!!credentials),
        related: credentials ? [{ node: credentials.node, message: 'Credentials are allowed here.' }] : [],
        fixes: [
          configured ? fixer.fix(`Allow ${configured} instead`, 'suggestion', [fixer.replace(write.valueNode, fixer.quote(configured))]) : undefined,
          fixer.fix("Remove the 'null' origin header", 'suggestion', [fixer.removeWrite(write)]),
        ],
      });
    }
    const credentials = context.fileAllowsCredentials;
    for (const literal of context.facts.originLiterals) {
      if (literal.context === 'header' || literal.context === 'comparison' || literal.text.trim().toLowerCase() !== 'null') continue;
      context.at(literal.node);
      const list = literal.node.parent;
      const fix = ts.isArrayLiteralExpression(list)
        ? fixer.fix("Remove 'null' from the allowlist", 'suggestion', [fixer.removeListElement(literal.node, list.elements)])
        : undefined;
      context.report({
        node: literal.node,
        severity: credentials ? 'error' : 'warning',
        message: nullListMessage(credentials),
        fixes: [fix],
      });
    }
  },
};
