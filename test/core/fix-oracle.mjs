// The fix oracle (issue 11 item 2): every fix the engine offers is applied, the text re-parsed and
// re-analysed, and the CORS policies (the engine's `policies` output: origins, credentials, Vary,
// preflight, methods, headers per place) compared with those before:
// - a safe fix leaves every policy as it was (it may add a missing Vary: Origin, and an origin is
//   compared the way browsers send it, so dropping a trailing slash is no change);
// - a suggestion yields the policy its title states ("Allow only the origins in allowedOrigins" →
//   only those origins pass, with Vary: Origin; "Drop credentials" → no credentials; …);
// - every fix makes its own finding go away and adds no syntax error.
// The rule tester runs it on every rule test case; fix-oracle.test.mjs on every example.
import assert from 'node:assert/strict';
import { analyzeFile, applyEdits, defaultConfig, parseSource, syntaxErrorCount } from '../../dist/core.js';

export const PLACEHOLDER = 'https://app.example.com';

/** An origin the way a browser sends it (lower case, no default port, no trailing slash). */
function normalOrigin(text) {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\s]+)\/?$/i.exec(text.trim());
  if (!m) return text.trim();
  const scheme = m[1].toLowerCase();
  let host = m[2].toLowerCase();
  if ((scheme === 'https' && host.endsWith(':443')) || (scheme === 'http' && host.endsWith(':80'))) host = host.replace(/:\d+$/, '');
  return `${scheme}://${host}`;
}

function grantKey(grant) {
  if (grant.kind === 'list') return { kind: 'list', origins: [...new Set(grant.origins.map(normalOrigin))].sort() };
  if (grant.kind === 'weakly-checked') return { kind: grant.kind };
  return grant;
}

/** What a policy grants, without its place: the thing a fix must (or must not) change. */
function policyKey(policy, { ignoreVary = false } = {}) {
  return JSON.stringify({
    source: policy.source,
    framework: policy.framework,
    route: policy.route ?? null,
    origins: grantKey(policy.origins),
    credentials: policy.credentials,
    methods: policy.methods ? [...policy.methods].sort() : null,
    allowedHeaders: policy.allowedHeaders ? [...policy.allowedHeaders].sort() : null,
    preflight: policy.preflight,
    vary: ignoreVary ? null : policy.vary,
  });
}

/** The policies responses can carry (a value always overwritten later reaches no response). */
function effective(policies) {
  return policies.filter((p) => !p.overwritten);
}

const keys = (policies, options) => new Set(effective(policies).map((p) => policyKey(p, options)));
const minus = (a, b) => [...a].filter((k) => !b.has(k)).map((k) => JSON.parse(k));

const SEVERITY_WEIGHT = { info: 1, warning: 10, error: 100 };
/** The findings of a rule weighted by severity: a fix that only lowers one's severity still answers it. */
function weight(findings, ruleId) {
  return findings.filter((f) => f.ruleId === ruleId).reduce((sum, f) => sum + SEVERITY_WEIGHT[f.severity], 0);
}

function count(findings, ruleId) {
  return findings.filter((f) => f.ruleId === ruleId).length;
}

/**
 * What a suggestion's title promises, checked on the policies before and after. Titles no entry
 * matches get the general checks only (the finding goes away, the text parses).
 */
const PROMISES = [
  {
    title: /^Keep it public/,
    check: ({ before, after }) => assert.deepEqual(keys(after), keys(before), 'keeping the data public changes no policy'),
  },
  {
    title: /^(Allow only the origins in allowedOrigins|Echo )/,
    check: ({ added, allowlist, title }) => {
      assert.ok(added.length > 0, 'the allowlist fix changes a policy');
      for (const p of added) {
        if (p.origins.kind === 'list' && p.origins.origins.length === 0) continue; // a callback (hono/koa form)
        assert.equal(p.origins.kind, 'list', `"${title}": only listed origins pass, got ${JSON.stringify(p.origins)}`);
        for (const o of p.origins.origins) assert.ok(allowlist.includes(o) || o.startsWith('/'), `"${title}": ${o} is not on the allowlist ${allowlist.join(', ')}`);
        if (p.source === 'header') assert.equal(p.vary, true, `"${title}": the echoed origin varies by Origin, so the response says Vary: Origin`);
      }
    },
  },
  {
    title: /^Allow only one origin \(inserts the placeholder/,
    check: ({ added }) => assert.ok(added.some((p) => p.origins.kind === 'list' && p.origins.origins.join() === PLACEHOLDER), 'only the placeholder origin passes'),
  },
  {
    title: /^(Allow only|Use|Trust) (https?:\/\/[^\s)]+)/,
    check: ({ added, title }) => {
      const origin = normalOrigin(/^(?:Allow only|Use|Trust) (https?:\/\/[^\s)]+)/.exec(title)[1]);
      // A comparison operand has no policy of its own; where a policy changes, the origin passes.
      if (added.length === 0) return;
      assert.ok(added.some((p) => p.origins.kind === 'list' && p.origins.origins.includes(origin)), `"${title}": ${origin} passes afterwards`);
    },
  },
  {
    title: /^Drop .*credentials/i,
    check: ({ before, after }) => {
      const credentialed = (ps) => effective(ps).filter((p) => p.credentials === true).length;
      assert.ok(credentialed(after) < credentialed(before), 'fewer policies allow credentials');
    },
  },
  {
    title: /^Answer preflight requests/,
    check: ({ added, before, after }) => {
      const missing = (ps) => effective(ps).filter((p) => p.preflight === 'missing').length;
      assert.ok(added.some((p) => p.methods?.length > 0) || missing(after) < missing(before), 'an OPTIONS answer with the allowed methods is added');
    },
  },
  {
    title: /^Remove the (manual|second|duplicate|overwritten)|^Remove the 'null' origin header/,
    check: ({ added, removed, title }) => {
      assert.deepEqual(added, [], `"${title}" adds no policy`);
      assert.ok(removed.length >= 0);
    },
  },
  {
    title: /^Remove 'null' from the allowlist/,
    check: ({ before, after }) => {
      const nulls = (ps) => effective(ps).filter((p) => p.origins.kind === 'null').length;
      assert.ok(nulls(after) <= nulls(before));
    },
  },
  {
    title: /^(Pass the origins as an array|List the origins as separate entries)/,
    check: ({ added }) => assert.ok(added.every((p) => p.origins.kind === 'list' && p.origins.origins.every((o) => !/[\s,;|]/.test(o))), 'each origin is its own entry'),
  },
];

function checkOtherFileEdits(fix, host, where) {
  const files = new Set(fix.edits.map((e) => e.file).filter((f) => f !== undefined));
  for (const file of files) {
    const text = host?.readFile(file);
    if (text === undefined) continue; // a file the case's host does not hold (cross-file tests hold their own)
    const after = applyEdits(text, fix.edits.filter((e) => e.file === file));
    assert.notEqual(after, text, `${where} changes nothing in ${file}`);
    if (file.endsWith('.json')) assert.doesNotThrow(() => JSON.parse(after), `${where} leaves ${file} invalid JSON:\n${after}`);
  }
}

/** Applies every fix of every finding of `code` and checks what it does to the policies. */
export function checkFixes(code, filename, config, host) {
  const cfg = { ...defaultConfig(), ...(config ?? {}) };
  const result = analyzeFile(code, filename, cfg, { host });
  const errorsBefore = syntaxErrorCount(parseSource(code, filename));
  for (const finding of result.findings) {
    for (const fix of finding.fixes) {
      const where = `${finding.ruleId} fix "${fix.title}"`;
      if (fix.edits.some((e) => e.file !== undefined)) {
        // Edits another file (package.json, the module that declares a value): it exists, the edit changes it,
        // and JSON stays JSON. What the edit means for the policy is checked by the project tests.
        checkOtherFileEdits(fix, host, where);
        continue;
      }
      const text = applyEdits(code, fix.edits);
      assert.ok(syntaxErrorCount(parseSource(text, filename)) <= errorsBefore, `${where} adds a syntax error:\n${text}`);
      const after = analyzeFile(text, filename, cfg, { host });
      assert.deepEqual(after.internalErrors, [], `${where}: internal errors after the fix`);
      // Every fix answers its finding, or (a suggestion that lowers the stakes, e.g. turning credentials
      // off) at least changes the policy it is about.
      const answered = count(after.findings, finding.ruleId) < count(result.findings, finding.ruleId) || finding.ruleId === 'unused-disable-directive'
        // A repair to what the check meant can leave a milder finding of the same rule (any subdomain: info).
        || weight(after.findings, finding.ruleId) < weight(result.findings, finding.ruleId)
        || (fix.kind === 'suggestion' && minus(keys(after.policies), keys(result.policies)).length > 0);
      assert.ok(answered, `${where} neither answers its finding nor changes a policy:\n${text}`);
      if (fix.kind === 'safe') {
        // Adding a missing Vary: Origin is the one change a safe fix may make.
        assert.deepEqual([...keys(after.policies, { ignoreVary: true })].sort(), [...keys(result.policies, { ignoreVary: true })].sort(), `${where} is marked safe but changes a policy:\n${text}`);
        const varyLost = effective(result.policies).some((p) => p.vary === true) && !effective(after.policies).some((p) => p.vary === true);
        assert.ok(!varyLost, `${where} removes a Vary: Origin`);
        continue;
      }
      const before = result.policies;
      const added = minus(keys(after.policies), keys(before));
      const removed = minus(keys(before), keys(after.policies));
      const known = /when it is one of (.*)$/.exec(fix.title)?.[1].split(', ').map(normalOrigin);
      // The fix reuses a list the file already declares under the name it uses (`allowedOrigins`).
      const declared = /\ballowedOrigins\s*=\s*\[([^\]]*)\]/.exec(code)?.[1].match(/https?:\/\/[^'"`\s,]+/g)?.map(normalOrigin) ?? [];
      const allowlist = [...(cfg.allowedOrigins.length > 0 ? cfg.allowedOrigins.map(normalOrigin) : known ?? [PLACEHOLDER]), ...declared];
      // A value always overwritten later reaches no response: a fix there promises nothing about policies.
      if (result.policies.some((p) => p.overwritten && p.start <= finding.start && finding.end <= p.end)) continue;
      const promise = PROMISES.find((p) => p.title.test(fix.title));
      promise?.check({ before, after: after.policies, added, removed, allowlist, title: fix.title });
    }
  }
}
