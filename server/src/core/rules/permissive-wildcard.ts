import { readsCredentials } from '../credential-reads';
import { restrictConfigToAllowlist } from '../libraries';
import { credentialsWrite, originWrites } from '../responses';
import type { Rule } from './rule';

/** The messages, shared with the platform configuration checks (platform/checks.ts). */
export function permissiveHeaderMessage(sensitive: boolean): string {
  return sensitive
    ? "Access-Control-Allow-Origin '*' lets every website read this response, and this handler reads cookies or an Authorization header, so it is probably not public data. Allow only known origins."
    : "Access-Control-Allow-Origin '*' lets every website read this response. That is right for public data; if it is not public, allow only known origins.";
}
export function permissiveConfigMessage(lead: string, sensitive: boolean): string {
  return `${lead}: every website can read these responses.${sensitive ? ' This file reads cookies or Authorization, so the data is probably not public.' : ' Right for public data; otherwise list the allowed origins.'}`;
}

export const permissiveWildcard: Rule = {
  meta: {
    id: 'permissive-wildcard',
    description: "Access-Control-Allow-Origin '*' lets every site read the response; fine for public data, risky where the handler reads cookies or Authorization.",
    defaultSeverity: 'info',
    cwe: ['CWE-942'],
    fixKinds: ['suggestion'],
  },
  check(context) {
    const { fixer, facts } = context;
    for (const write of originWrites(facts)) {
      context.at(write.node);
      if (!write.valueNode || !write.value.variants.some((v) => v.kind === 'literal' && v.text.trim() === '*')) continue;
      if (credentialsWrite(write)) continue; // wildcard-with-credentials
      if (write.value.variants.some((v) => v.kind === 'request')) continue; // reflected-origin covers `origin || '*'`
      const sensitive = write.group.handler?.readsCredentials ?? false;
      const fixes = [fixer.allowlistWriteFix(write, 'Allow only the origins in allowedOrigins') ?? fixer.fixedOriginFix(write), fixer.keepPublicFix(write.valueNode, 'permissive-wildcard')];
      context.report({
        node: write.valueNode,
        severity: sensitive ? 'warning' : 'info',
        message: permissiveHeaderMessage(sensitive),
        fixes,
      });
    }
    // A walk of the whole file: only when a configuration allows any origin.
    let fileSensitive: boolean | undefined;
    for (const config of facts.configs) {
      if (config.origin !== 'any' || config.credentials === true) continue;
      fileSensitive ??= readsCredentials(context.sourceFile, context.sourceFile);
      context.at(config.node);
      const star = config.entries.find((e) => e.text === '*');
      context.report({
        node: star?.node ?? config.originNode ?? config.node,
        severity: fileSensitive ? 'warning' : 'info',
        message: permissiveConfigMessage(star ? `${config.library} allows origin '*'` : config.defaultNote ?? `${config.library} allows any origin`, fileSensitive),
        fixes: [restrictConfigToAllowlist(config, fixer)],
      });
    }
  },
};
