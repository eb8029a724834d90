import ts from 'typescript';
import { normaliseOrigin } from '../origins';
import { originWrites } from '../responses';
import type { Rule } from './rule';

/**
 * Several origins in one value: "https://a.com, https://b.com", "https://a.com;https://b.com",
 * "https://a.com | https://b.com", an array value, list.join(','). A comma, a semicolon, a bar and
 * whitespace all separate origins here (none of them can occur in a serialized origin).
 */
export function originsIn(text: string): string[] {
  return text.split(/[\s,;|]+/).filter(Boolean);
}

/** The entries that are origins (normalised as browsers send them), for a generated allowlist. */
function serializedOrigins(texts: string[]): string[] {
  return [...new Set(texts.flatMap((t) => {
    const normal = normaliseOrigin(t);
    return normal && normal.safe && /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/.test(normal.origin) ? [normal.origin] : [];
  }))];
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
      const known = serializedOrigins(origins.filter((o) => o !== '(dynamic)'));
      const fixes = [];
      if (known.length > 0) fixes.push(fixer.allowlistWriteFix(write, `Echo the request origin when it is one of ${known.join(', ')}`, known));
      if (known[0]) fixes.push(fixer.fix(`Allow only ${known[0]}`, 'suggestion', [fixer.replace(write.valueNode, fixer.quote(known[0]))]));
      context.report({
        node: write.valueNode,
        message: multipleOriginsHeaderMessage(origins),
        fixes,
      });
    }
    for (const config of context.facts.configs) {
      // A library whose origin option is the header value itself (micro-cors) takes one origin: not a list in
      // one string, and not an array (one header line per entry). The fix keeps the first origin.
      const reportSingleOrigin = (node: ts.Node, origins: string[], how: string) => {
        const first = serializedOrigins(origins)[0];
        context.at(node);
        context.report({
          node,
          message: `${config.library} is given ${origins.length} origins ${how} (${origins.join(', ')}); it sends its origin option as the header value and takes one origin, so browsers reject this. Name the one trusted origin.`,
          fixes: first ? [fixer.fix(`Allow only ${first}`, 'suggestion', [fixer.replace(node, fixer.quote(first))])] : [],
        });
      };
      if (config.originArray) reportSingleOrigin(config.originArray.node, config.originArray.origins, 'in an array, one header each');
      for (const entry of config.entries) {
        if (entry.isRegExp || !ts.isStringLiteralLike(entry.node)) continue;
        const origins = originsIn(entry.text);
        if (origins.length < 2) continue;
        const valid = serializedOrigins(origins);
        // An entry inside an array becomes several entries; a lone string becomes an array.
        const inArray = ts.isArrayLiteralExpression(entry.node.parent);
        const arrayFix = (all: string[]) => valid.length === all.length
          ? fixer.fix(inArray ? 'List the origins as separate entries' : 'Pass the origins as an array', 'suggestion', [fixer.replace(entry.node, inArray ? valid.map((o) => fixer.quote(o)).join(', ') : `[${valid.map((o) => fixer.quote(o)).join(', ')}]`)])
          : undefined;
        if (config.singleOrigin) {
          reportSingleOrigin(entry.node, origins, 'in one string');
          continue;
        }
        context.at(entry.node);
        context.report({
          node: entry.node,
          message: multipleOriginsConfigMessage(config.library, origins),
          fixes: [arrayFix(origins)],
        });
      }
    }
  },
};
