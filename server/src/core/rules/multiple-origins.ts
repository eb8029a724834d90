import ts from 'typescript';
import { originWrites, hasVaryOrigin } from '../responses';
import type { Rule } from './rule';

/** Several origins in one value: "https://a.com, https://b.com", an array value, list.join(','). */
export function originsIn(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** The messages, shared with the platform configuration checks (platform/checks.ts). */
export function multipleOriginsHeaderMessage(origins: string[]): string {
  return `Access-Control-Allow-Origin holds ${origins.length} origins (${origins.join(', ')}); browsers accept exactly one origin or '*' and block the response. Echo the request's Origin when it is on an allowlist instead.`;
}
export function multipleOriginsConfigMessage(library: string, origins: string[]): string {
  return `${library} is given ${origins.length} origins in one string (${origins.join(', ')}); it sends the string as one header value, which browsers reject. Pass an array of origins.`;
}

export const multipleOrigins: Rule = {
  meta: {
    id: 'multiple-origins',
    description: "More than one origin in one Access-Control-Allow-Origin value; browsers accept exactly one origin or '*'.",
    defaultSeverity: 'error',
    cwe: ['CWE-942'],
    fixKinds: ['suggestion'],
  },
  check(context) {
    const { fixer } = context;
    for (const write of originWrites(context.facts)) {
      context.at(write.node);
      if (!write.valueNode) continue;
      let origins: string[] | undefined;
      for (const v of write.value.variants) {
        if (v.kind === 'literal' && originsIn(v.text).length > 1) origins = originsIn(v.text);
        if (v.kind === 'list' && v.items.length > 1) origins = v.items.flatMap((i) => (i.kind === 'literal' ? originsIn(i.text) : ['(dynamic)']));
      }
      if (!origins) continue;
      const known = origins.filter((o) => o !== '(dynamic)');
      const requestOrigin = fixer.requestOrigin(write);
      const fixes = [];
      if (requestOrigin && known.length > 0) {
        const { value, declaration } = fixer.allowlistExpression(requestOrigin, fixer.allowlist(known).origins);
        const vary = hasVaryOrigin(context.facts) ? undefined : fixer.addSiblingHeader(write, 'Vary', 'Origin');
        const edits = [fixer.replace(write.valueNode, value), declaration];
        if (vary) edits.push(vary);
        fixes.push(fixer.fix('Echo the request origin when it is in the allowlist (and add Vary: Origin)', 'suggestion', edits.filter(Boolean)));
      }
      if (known[0]) fixes.push(fixer.fix(`Allow only ${known[0]}`, 'suggestion', [fixer.replace(write.valueNode, fixer.quote(known[0]))]));
      context.report({
        node: write.valueNode,
        message: multipleOriginsHeaderMessage(origins),
        fixes,
      });
    }
    for (const config of context.facts.configs) {
      for (const entry of config.entries) {
        if (entry.isRegExp || !ts.isStringLiteralLike(entry.node)) continue;
        const origins = originsIn(entry.text);
        if (origins.length < 2) continue;
        context.at(entry.node);
        context.report({
          node: entry.node,
          message: multipleOriginsConfigMessage(config.library, origins),
          fixes: [fixer.fix('Pass the origins as an array', 'suggestion', [fixer.replace(entry.node, `[${origins.map((o) => fixer.quote(o)).join(', ')}]`)])],
        });
      }
    }
  },
};
