import ts from 'typescript';
import { normaliseOrigin, originProblem, subdomainRegex } from '../origins';
import type { Rule } from './rule';

/** The message, shared with the platform configuration checks (platform/checks.ts). */
export function invalidOriginMessage(where: string, text: string, problem: string): string {
  return `${where} '${text}' can never match: ${problem}. Browsers will block these cross-origin requests.`;
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
      if (listsSeveralOrigins(text)) continue; // multiple-origins reports it
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
        const regex = subdomainRegex(domain);
        if (regex) fixes.push(fixer.fix(`Match subdomains of ${domain} with an anchored regular expression`, 'suggestion', [fixer.replace(literal.node, regex)]));
      }
      const where = literal.context === 'header' ? 'Access-Control-Allow-Origin' : literal.context === 'comparison' ? 'The origin compared against' : 'The allowed origin';
      context.report({
        node: literal.node,
        message: invalidOriginMessage(where, text, problem),
        fixes,
      });
    }
    reportEntriesThatNeverMatch(context);
  },
};

/**
 * Allowlist entries the library can never match ('*' inside a cors/hono/cors array): CORS is silently off
 * for them. Dropping one from a longer list changes nothing (safe); a list of only '*' becomes the plain
 * '*' the author meant (a suggestion: it opens the API to every origin).
 */
function reportEntriesThatNeverMatch(context: Parameters<Rule['check']>[0]): void {
  const { fixer } = context;
  for (const config of context.facts.configs) {
    for (const entry of config.entries) {
      if (!entry.neverMatches) continue;
      context.at(entry.node);
      const list = entry.node.parent;
      const fixes = [];
      if (list && ts.isArrayLiteralExpression(list) && list.elements.length > 1) {
        fixes.push(fixer.fix(`Remove '${entry.text}' (it matches nothing)`, 'safe', [fixer.removeListElement(entry.node, list.elements)]));
      } else if (list && ts.isArrayLiteralExpression(list) && ts.isStringLiteralLike(entry.node)) {
        fixes.push(fixer.fix(`Allow any origin with a plain ${entry.node.getText()}`, 'suggestion', [fixer.replace(list, entry.node.getText())]));
      }
      context.report({
        node: entry.node,
        message: `The allowed origin '${entry.text}' can never match: ${entry.neverMatches}. Browsers will block these cross-origin requests.`,
        fixes,
      });
    }
  }
}

/** 'https://a.com https://b.com', 'https://a.com,https://b.com': two schemes with a separator between. Linear time. */
export function listsSeveralOrigins(text: string): boolean {
  const first = text.indexOf('://');
  if (first < 0) return false;
  const separator = text.slice(first + 3).search(/[\s,]/);
  return separator >= 0 && text.indexOf('://', first + 3 + separator) >= 0;
}
