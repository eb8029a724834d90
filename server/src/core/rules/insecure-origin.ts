import type { Rule } from './rule';

const LOCAL_HOST = /^http:\/\/(localhost|127(\.\d+){3}|\[::1\]|0\.0\.0\.0|[\w.-]+\.localhost)(:\d+)?\/?$/i;

/** A trusted http:// origin other than a local one (shared with platform/checks.ts). */
export function isInsecureOrigin(text: string): boolean {
  return /^http:\/\//i.test(text) && !LOCAL_HOST.test(text) && !/[\s,]/.test(text);
}
export function insecureOriginMessage(text: string): string {
  return `${text} is trusted over plain http: anyone on the network path (public Wi-Fi, a proxy) can inject script into that origin and read this server's responses through it. Trust the https origin.`;
}

export const insecureOrigin: Rule = {
  meta: {
    id: 'insecure-origin',
    description: 'A trusted http:// origin other than localhost; anyone on the network path can inject script into it.',
    defaultSeverity: 'warning',
    cwe: ['CWE-942', 'CWE-319'],
    fixKinds: ['suggestion'],
  },
  check(context) {
    const { fixer } = context;
    for (const literal of context.facts.originLiterals) {
      const text = literal.text.trim();
      if (!isInsecureOrigin(text)) continue;
      context.at(literal.node);
      const secure = literal.text.replace(/^(\s*)http:/i, '$1https:');
      context.report({
        node: literal.node,
        message: insecureOriginMessage(text),
        fixes: [fixer.fix(`Trust ${secure.trim()} instead`, 'suggestion', [fixer.replace(literal.node, fixer.requote(literal.node, secure))])],
      });
    }
  },
};
