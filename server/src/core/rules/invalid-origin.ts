import ts from 'typescript';
import { normaliseOrigin } from '../fixers';
import type { Rule } from './rule';

/** What is wrong with an origin string, or undefined when it is a valid serialized origin. */
function originProblem(text: string): string | undefined {
  if (text !== text.trim()) return 'it has surrounding whitespace';
  if (/\s/.test(text)) return 'it contains whitespace';
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i.exec(text);
  if (!m) {
    // Only host-like text is an origin missing its scheme; other words ('value', 'self') are not origins at all.
    return /^(localhost|[a-z0-9-]+(\.[a-z0-9-]+)+)(:\d+)?\/?$/i.test(text) ? 'it has no scheme (browsers send e.g. https://example.com)' : undefined;
  }
  const [, scheme, host, rest] = m;
  if (host.includes('*')) return 'wildcards are not patterns here: the browser compares the exact text';
  if (rest === '/') return 'it ends with a slash, but an Origin header never does';
  if (rest) return 'it has a path, but an Origin header is only scheme://host[:port]';
  if (/[A-Z]/.test(scheme + host)) return 'it has upper-case letters, but browsers send the scheme and host in lower case';
  if ((/^https$/i.test(scheme) && /:443$/.test(host)) || (/^http$/i.test(scheme) && /:80$/.test(host))) return 'it names the default port, which browsers omit';
  if (host === '') return 'it has no host';
  return undefined;
}

export const invalidOrigin: Rule = {
  meta: {
    id: 'invalid-origin',
    description: "An origin that can never match a browser's Origin header (trailing slash, path, missing scheme, wildcard subdomain, whitespace, upper case, default port).",
    defaultSeverity: 'error',
    cwe: ['CWE-942'],
    fixKinds: ['safe', 'suggestion'],
  },
  check(context) {
    const { fixer, facts } = context;
    // hapi and restify-cors-middleware accept wildcard patterns in their lists.
    const wildcardLists = new Set(facts.configs.filter((c) => /^(hapi|restify)/.test(c.library)).flatMap((c) => c.entries.map((e) => e.node)));
    for (const literal of facts.originLiterals) {
      const text = literal.text;
      if (text.trim() === '*' || text.trim().toLowerCase() === 'null' || text === '') continue;
      if (text.trim().split(/[\s,]+/).length > 1 && /:\/\/.*[\s,]+.*:\/\//.test(text)) continue; // multiple-origins
      const problem = originProblem(text);
      if (!problem) continue;
      if (problem.startsWith('wildcards') && wildcardLists.has(literal.node)) continue;
      context.at(literal.node);
      const normal = normaliseOrigin(text);
      const fixes = [];
      if (normal && !text.includes('*') && ts.isStringLiteralLike(literal.node)) {
        fixes.push(fixer.fix(`Use ${normal.origin}`, normal.safe ? 'safe' : 'suggestion', [fixer.replace(literal.node, fixer.requote(literal.node, normal.origin))]));
      }
      if (text.includes('*') && literal.context === 'middleware') {
        const domain = text.replace(/^[a-z]+:\/\/\*\.?/i, '').replace(/\/$/, '');
        const regex = `/^https:\\/\\/([a-z0-9-]+\\.)*${domain.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$/`;
        fixes.push(fixer.fix(`Match subdomains of ${domain} with an anchored regular expression`, 'suggestion', [fixer.replace(literal.node, regex)]));
      }
      const where = literal.context === 'header' ? 'Access-Control-Allow-Origin' : literal.context === 'comparison' ? 'The origin compared against' : 'The allowed origin';
      context.report({
        node: literal.node,
        message: `${where} '${text}' can never match: ${problem}. Browsers will block these cross-origin requests.`,
        fixes,
      });
    }
  },
};
