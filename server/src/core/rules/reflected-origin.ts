import { credentialsWrite, originWrites, requestVariants } from '../responses';
import { disableDefaultCredentials, withAdvisory, reflectsWithCredentials, restrictConfigToAllowlist, upgradeFix } from '../libraries';
import type { Rule } from './rule';

export const reflectedOrigin: Rule = {
  meta: {
    id: 'reflected-origin',
    description: "The request's Origin (or other request data) is echoed into Access-Control-Allow-Origin without an allowlist check.",
    defaultSeverity: 'warning',
    cwe: ['CWE-942', 'CWE-346'],
    fixKinds: ['suggestion'],
  },
  check(context) {
    const { fixer, facts } = context;
    for (const write of originWrites(facts)) {
      context.at(write.node);
      if (!write.valueNode) continue;
      const unchecked = requestVariants(write.value).filter((v) => facts.guards.guardOf(v, write.node).strength === 'none');
      if (unchecked.length === 0) continue;
      const credentials = credentialsWrite(write);
      const fromOrigin = unchecked.find((v) => v.source === 'origin');
      const what = fromOrigin ? "The request's Origin header is echoed" : `Request data (${unchecked[0].node.getText().slice(0, 60)}) is written`;
      const wildcardFallback = write.value.variants.some((v) => v.kind === 'literal' && v.text === '*');
      // Request data other than Origin (a query parameter, the body) is replaced by the Origin header,
      // echoed only when it is on the allowlist: what the code meant to allow.
      const fixes = [fixer.allowlistWriteFix(write, fromOrigin ? 'Echo the origin only when it is in allowedOrigins' : 'Echo the request Origin only when it is in allowedOrigins')];
      context.report({
        node: write.valueNode,
        severity: credentials ? 'error' : 'warning',
        message: credentials
          ? `${what} into Access-Control-Allow-Origin without an allowlist check while credentials are allowed: any website can read this response with the user's cookies. Check the origin against an allowlist.`
          : `${what} into Access-Control-Allow-Origin without an allowlist check${wildcardFallback ? " (falling back to '*')" : ''}: any website can read this response (without credentials this equals '*'). Check the origin against an allowlist.`,
        related: credentials ? [{ node: credentials.node, message: 'Credentials are allowed here.' }] : [],
        fixes,
      });
    }
    for (const config of facts.configs) {
      const reflect = config.origin === 'reflect' || (config.origin === 'any' && config.credentials === true && reflectsWithCredentials(config));
      if (!reflect) continue;
      context.at(config.node);
      const credentials = config.credentials === true;
      const cause = config.originFunction
        ? 'its origin callback approves every origin'
        : config.reflectNote ?? (config.originNode
          ? config.origin === 'reflect' && !reflectsWithCredentials(config) ? '`origin: true` echoes the request Origin' : 'it echoes the request Origin'
          : config.defaultNote ?? 'it echoes the request Origin');
      const lead = (cause.startsWith(config.library) || config.reflectNote === cause ? cause : `${config.library}: ${cause}`) + (credentials && config.credentialsByDefault && !/credentials/.test(cause) ? ' with credentials (on by default)' : '');
      context.report({
        node: config.originNode ?? config.node,
        severity: credentials ? 'error' : 'warning',
        message: credentials
          ? `${lead}${config.credentialsByDefault ? '' : ', and credentials are allowed'}, so any website can read responses with the user's cookies. ${withAdvisory(config, 'List the allowed origins.')}`
          : `${lead}, so any website can read responses (without credentials this equals '*'). ${withAdvisory(config, 'List the allowed origins.')}`,
        related: config.credentialsNode ? [{ node: config.credentialsNode, message: 'Credentials are allowed here.' }] : [],
        fixes: [upgradeFix(config, fixer), restrictConfigToAllowlist(config, fixer), disableDefaultCredentials(config, fixer)],
      });
    }
  },
};
