import { credentialsWrite, originWrites } from '../responses';
import { disableDefaultCredentials, reflectsWithCredentials, restrictConfigToAllowlist } from '../libraries';
import type { Rule } from './rule';

/** The messages, shared with the platform configuration checks (platform/checks.ts). */
export const WILDCARD_CREDENTIALS_HEADER_MESSAGE = "Access-Control-Allow-Origin '*' cannot be combined with Access-Control-Allow-Credentials: true; browsers reject the response. Echo an allowlisted origin, or drop credentials if the data is public.";
export function wildcardCredentialsConfigMessage(library: string, how: string, credentialsByDefault = false, singleOrigin = false): string {
  // A library that sends its origin option as the header value (micro-cors) takes one origin, not a list.
  const advice = singleOrigin ? 'Name the one trusted origin instead.' : 'List the allowed origins instead.';
  return `${library} allows any origin (${how}) together with credentials: true${credentialsByDefault ? ' (its default)' : ''}; it sends '*' with Access-Control-Allow-Credentials: true, which browsers reject. ${advice}`;
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
      const fixes = [fixer.allowlistWriteFix(write, 'Echo the request origin from an allowlist instead of *') ?? fixer.fixedOriginFix(write)];
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
      const fixes = [restrictConfigToAllowlist(config, fixer)];
      const off = disableDefaultCredentials(config, fixer);
      if (off) fixes.push(off);
      else if (config.credentialsNode && config.options) {
        fixes.push(fixer.fix('Drop credentials (keep the public *)', 'suggestion', [fixer.removeListElement(config.credentialsNode, config.options.properties)]));
      }
      context.report({
        node,
        message: wildcardCredentialsConfigMessage(config.library, star ? "'*'" : config.defaultNote ?? 'the default', config.credentialsByDefault === true, config.singleOrigin === true),
        related: config.credentialsNode && config.credentialsNode !== node ? [{ node: config.credentialsNode, message: 'Credentials are allowed here.' }] : [],
        fixes,
      });
    }
  },
};
