// Intent-preserving repairs (issue 11, item 4; issue 14, item 4): the weak-origin-check suggestion is
// applied, and the repaired check — our fixture code, run here — accepts every origin it was meant to
// (scheme, ports and subdomain groups as written; localhost keeps http and any port) and none of the
// attacker's origins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFile, applyEdits, defaultConfig, attackOrigins, trustedHostsIn } from '../../dist/core.js';

const R = String.raw;
const fixture = (cond) => `const app = { get() {} };
function check(origin) {
  return ${cond};
}
app.get('/x', (req, res) => {
  const origin = req.headers.origin;
  if (check(origin)) res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
});
`;

const cases = [
  { check: "origin.endsWith('example.com')", repaired: R`/^https:\/\/([a-z0-9-]+\.)*example\.com$/.test(origin)`, intended: ['https://example.com', 'https://app.example.com', 'https://a.b.example.com'], hosts: ['example.com'] },
  { check: "origin.startsWith('https://app.example.com')", repaired: "origin === 'https://app.example.com'", intended: ['https://app.example.com'], hosts: ['app.example.com'] },
  { check: "origin.includes('localhost')", repaired: R`/^https?:\/\/localhost(:\d+)?$/.test(origin)`, intended: ['http://localhost:3000', 'http://localhost:5173', 'http://localhost', 'https://localhost:8443'], hosts: ['localhost'] },
  { check: R`/^http:\/\/localhost/.test(origin)`, repaired: R`/^https?:\/\/localhost(:\d+)?$/.test(origin)`, intended: ['http://localhost:3000', 'http://localhost'], hosts: ['localhost'] },
  { check: R`/^https:\/\/app|admin\.example\.com$/.test(origin)`, repaired: R`/^https:\/\/(app|admin)\.example\.com$/.test(origin)`, intended: ['https://app.example.com', 'https://admin.example.com'], hosts: ['app.example.com', 'admin.example.com'] },
  { check: R`/^https:\/\/(app|admin)\.example\.com/.test(origin)`, repaired: R`/^https:\/\/(app|admin)\.example\.com$/.test(origin)`, intended: ['https://app.example.com', 'https://admin.example.com'], hosts: ['app.example.com', 'admin.example.com'] },
  { check: R`/^https:\/\/(www\.)?example\.com/.test(origin)`, repaired: R`/^https:\/\/(www\.)?example\.com$/.test(origin)`, intended: ['https://example.com', 'https://www.example.com'], hosts: ['www.example.com'] },
  { check: R`/^https:\/\/www.example.com:8443$/.test(origin)`, repaired: R`/^https:\/\/www\.example\.com:8443$/.test(origin)`, intended: ['https://www.example.com:8443'], hosts: ['https://www.example.com:8443'] },
  { check: R`/^https:\/\/[\w.-]*example\.com$/.test(origin)`, repaired: R`/^https:\/\/([a-z0-9-]+\.)*example\.com$/.test(origin)`, intended: ['https://example.com', 'https://app.example.com'], hosts: ['example.com'] },
  { check: "'https://a.example.com https://b.example.com'.includes(origin)", repaired: "['https://a.example.com', 'https://b.example.com'].includes(origin)", intended: ['https://a.example.com', 'https://b.example.com'], hosts: ['a.example.com', 'b.example.com'] },
  { check: "origin.indexOf('example.com') === -1 ? false : true", repaired: R`!/^https:\/\/([a-z0-9-]+\.)*example\.com$/.test(origin) ? false : true`, intended: ['https://example.com', 'https://app.example.com'], hosts: ['example.com'] },
  { check: "origin.match('example.com') !== null", repaired: R`origin.match('^https:\\/\\/example\\.com$') !== null`, intended: ['https://example.com'], hosts: ['example.com'] },
];

/** Runs the fixture's check (our own test code). */
function run(code, origin) {
  try {
    return !!new Function(`${code}\nreturn check;`)()(origin);
  } catch {
    return false;
  }
}

for (const c of cases) {
  test(`${c.check} → ${c.repaired}`, () => {
    const code = fixture(c.check);
    const result = analyzeFile(code, 'server.js', defaultConfig());
    const finding = result.findings.find((f) => f.ruleId === 'weak-origin-check');
    assert.ok(finding, 'the weak check is reported');
    const suggestion = finding.fixes.find((f) => f.kind === 'suggestion');
    assert.ok(suggestion, 'a repair is offered');
    const fixed = applyEdits(code, suggestion.edits);
    assert.equal(fixed, fixture(c.repaired));
    // The original was weak: some attacker origin passed it…
    const attackers = attackOrigins(trustedHostsIn(c.hosts)).filter((a) => a.attack !== 'any subdomain' || !c.intended.some((o) => o.includes('app.')));
    assert.ok(attackers.some((a) => run(code, a.origin)), 'the original accepts an attacker origin');
    // …the rewrite accepts what was meant, and no attacker origin.
    for (const origin of c.intended) assert.equal(run(fixed, origin), true, `the repair rejects ${origin}`);
    for (const a of attackers) {
      if (c.intended.includes(a.origin)) continue;
      if (a.attack === 'any subdomain' && c.repaired.includes('([a-z0-9-]+')) continue;
      assert.equal(run(fixed, a.origin), false, `the repair accepts ${a.origin} (${a.attack})`);
    }
    // The repaired file has no weak-origin-check finding left.
    assert.deepEqual(analyzeFile(fixed, 'server.js', defaultConfig()).findings.filter((f) => f.ruleId === 'weak-origin-check' && f.severity !== 'info').map((f) => f.message), []);
  });
}
