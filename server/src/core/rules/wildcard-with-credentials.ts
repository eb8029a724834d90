import ts from 'typescript';
import { ALLOWLIST_NAME } from '../fixers';
import { credentialsWrite, hasVaryOrigin, originWrites } from '../responses';
import { disableDefaultCredentials, reflectsWithCredentials } from '../libraries';
import type { Rule } from './rule';

/** The messages, shared with the platform configuration checks (platform/checks.ts). */
export const WILDCARD_CREDENTIALS_HEADER_MESSAGE = "Access-Control-Allow-Origin '*' cannot be combined with Access-Control-Allow-Credentials: true; browsers reject the response. Echo an allowlisted origin, or drop credentials if the data is public.";
export function wildcardCredentialsConfigMessage(library: string, how: string, credentialsByDefault = false): string {
  return `${library} allows any origin (${how}) together with credentials: true${credentialsByDefault ? ' (its default)' : ''}; it sends '*' with Access-Control-Allow-Credentials: true, which browsers reject. List the allowed origins instead.`;
}

export const wildcardWithCredentials: Rule = {
  meta: {
    id: 'wildcard-with-credentials',
    description: "Access-Control-Allow-Origin '*' together with Access-Control-Allow-Credentials: true, which browsers reject.",
    defaultSeverity: 'error',
    cwe: ['CWE-942'],
    fixKinds: ['suggestion'],
  },
  check(context) {
    const { fixer } = context;
    for (const write of originWrites(context.facts)) {
      context.at(write.node);
      // '*' for sure, or '*' as the fallback of a configured value (`process.env.ORIGIN || '*'`).
      const variants = write.value.variants;
      if (!write.valueNode || !variants.some((v) => v.kind === 'literal' && v.text.trim() === '*')) continue;
      if (variants.some((v) => v.kind === 'unknown' || v.kind === 'request')) continue;
      const credentials = credentialsWrite(write);
      if (!credentials) continue;
      const fixes = [];
      const requestOrigin = fixer.requestOrigin(write);
      if (requestOrigin) {
        const { origins } = fixer.allowlist();
        const { value, declaration } = fixer.allowlistExpression(requestOrigin, origins);
        const vary = hasVaryOrigin(context.facts) ? undefined : fixer.addSiblingHeader(write, 'Vary', 'Origin');
        fixes.push(fixer.fix('Echo the request origin from an allowlist instead of *', 'suggestion', [fixer.replace(write.valueNode, value), declaration, vary].filter(Boolean)));
      }
      fixes.push(fixer.fix('Drop Access-Control-Allow-Credentials (keep the public *)', 'suggestion', [fixer.removeWrite(credentials)]));
      context.report({
        node: write.valueNode,
        message: WILDCARD_CREDENTIALS_HEADER_MESSAGE,
        related: [{ node: credentials.node, message: 'Credentials are allowed here.' }],
        fixes,
      });
    }
    for (const config of context.facts.configs) {
      if (config.origin !== 'any' || config.credentials !== true || reflectsWithCredentials(config)) continue;
      context.at(config.node);
      const star = config.entries.find((e) => e.text === '*');
      const node = star?.node ?? config.credentialsNode ?? config.node;
      const fixes = [];
      const { origins } = fixer.allowlist();
      const { declaration } = fixer.allowlistExpression('origin', origins);
      if (config.originNode && ts.isPropertyAssignment(config.originNode)) {
        fixes.push(fixer.fix('Allow only the origins in an allowlist', 'suggestion', [fixer.replace(config.originNode.initializer, ALLOWLIST_NAME), declaration]));
      } else if (config.credentialsNode) {
        fixes.push(fixer.fix('Allow only the origins in an allowlist', 'suggestion', [fixer.insertBefore(config.credentialsNode, `origin: ${ALLOWLIST_NAME}, `), declaration]));
      }
      const off = disableDefaultCredentials(config, fixer);
      if (off) fixes.push(off);
      else if (config.credentialsNode && config.options) {
        fixes.push(fixer.fix('Drop credentials (keep the public *)', 'suggestion', [fixer.removeListElement(config.credentialsNode, config.options.properties)]));
      }
      context.report({
        node,
        message: wildcardCredentialsConfigMessage(config.library, star ? "'*'" : config.defaultNote ?? 'the default', config.credentialsByDefault === true),
        related: config.credentialsNode && config.credentialsNode !== node ? [{ node: config.credentialsNode, message: 'Credentials are allowed here.' }] : [],
        fixes,
      });
    }
  },
};
