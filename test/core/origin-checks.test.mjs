// Origin checks, proven (issue 14): a table of check forms × battery classes with the verdict the
// evaluator must reach, and a property test that runs the fixture code itself (never workspace code:
// these fixtures are ours) on every origin the engine names, to prove the message true.
//
// Each row's `code` defines the check in one of three shapes the test can call:
//   fn:      function check(origin) { … }            → truthy = accepted
//   cb:      const options = { origin: (origin, cb) => … }   (cors / @fastify/cors callback style)
//   handler: function handler(req, res) { … }        → accepted when it sets Access-Control-Allow-Origin
// «…» marks the check the engine is asked about.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeOriginCheckAt, attackOrigins, trustedHostsIn, isTrustedOrSubdomain, ATTACK_CLASSES } from '../../dist/core.js';

const R = String.raw;
const rows = [
  // regexes: literal, new RegExp(literal), new RegExp(const), test / exec / match / search
  { name: 'unanchored regex literal', shape: 'fn', code: R`function check(origin) { return «/example\.com$/.test(origin)»; }`, kind: 'weak', attack: 'suffix match', trusted: ['example.com'] },
  { name: 'new RegExp(literal) without $', shape: 'fn', code: R`function check(origin) { return «new RegExp('^https://example\\.com').test(origin)»; }`, kind: 'weak', attack: 'prefix match', trusted: ['example.com'] },
  { name: 'new RegExp(const) with an unescaped dot', shape: 'fn', code: R`const PATTERN = '^https://www.example\\.com$';
function check(origin) { return «new RegExp(PATTERN).test(origin)»; }`, kind: 'weak', attack: 'unescaped dot', trusted: ['www.example.com'] },
  { name: 'exec, anchored and escaped', shape: 'fn', code: R`function check(origin) { return «/^https:\/\/(www\.)?example\.com$/.exec(origin)» !== null; }`, kind: 'exact' },
  { name: 'match with a regex', shape: 'fn', code: R`function check(origin) { return «origin.match(/^https:\/\/app\.example\.com$/)»; }`, kind: 'exact' },
  { name: 'match with a string (an unanchored regex)', shape: 'fn', code: R`function check(origin) { return «origin.match('example.com')»; }`, kind: 'weak', attack: 'prefix match', trusted: ['example.com'] },
  { name: 'search !== -1', shape: 'fn', code: R`function check(origin) { return «origin.search(/example\.com/) !== -1»; }`, kind: 'weak', attack: 'prefix match', trusted: ['example.com'] },
  { name: 'character class admitting the dot', shape: 'fn', code: R`function check(origin) { return «/^https:\/\/[\w.-]*example\.com$/.test(origin)»; }`, kind: 'weak', attack: 'suffix match', trusted: ['example.com'] },
  { name: 'https? accepts the http downgrade', shape: 'fn', code: R`function check(origin) { return «/^https?:\/\/app\.example\.com$/.test(origin)»; }`, kind: 'weak', attack: 'http downgrade', trusted: ['app.example.com'] },
  { name: 'special characters after the host', shape: 'fn', code: R`function check(origin) { return «/^https:\/\/app\.example\.com[_~]/.test(origin)»; }`, kind: 'weak', attack: 'special characters after the host', trusted: ['app.example.com'] },
  { name: 'glued alternation (attacker host found on the automaton)', shape: 'fn', code: R`function check(origin) { return «/^https:\/\/app|admin\.example\.com$/.test(origin)»; }`, kind: 'weak', attack: 'attacker-controlled host', trusted: ['example.com'] },
  { name: 'anchored shared-hosting subdomain pattern', shape: 'fn', code: R`function check(origin) { return «/^https:\/\/[a-z0-9-]+\.github\.io$/.test(origin)»; }`, kind: 'weak', attack: 'shared hosting', trusted: [] },
  { name: 'localhost with any port', shape: 'fn', code: R`function check(origin) { return «/^https?:\/\/localhost(:\d+)?$/.test(origin)»; }`, kind: 'exact' },
  // string methods with known arguments
  { name: 'endsWith without a dot', shape: 'fn', code: R`function check(origin) { return «origin.endsWith('example.com')»; }`, kind: 'weak', attack: 'suffix match', trusted: ['example.com'] },
  { name: 'endsWith with a dot: any subdomain', shape: 'fn', code: R`function check(origin) { return «origin.endsWith('.example.com')»; }`, kind: 'subdomains', attack: 'any subdomain', trusted: ['example.com'] },
  { name: 'endsWith on a shared hosting suffix', shape: 'fn', code: R`function check(origin) { return «origin.endsWith('.netlify.app')»; }`, kind: 'weak', attack: 'shared hosting', trusted: [] },
  { name: 'startsWith', shape: 'fn', code: R`function check(origin) { return «origin.startsWith('https://app.example.com')»; }`, kind: 'weak', attack: 'prefix match', trusted: ['app.example.com'] },
  { name: 'includes', shape: 'fn', code: R`function check(origin) { return «origin.includes('example.com')»; }`, kind: 'weak', attack: 'prefix match', trusted: ['example.com'] },
  { name: "includes('localhost')", shape: 'fn', code: R`function check(origin) { return «origin.includes('localhost')»; }`, kind: 'weak', attack: 'localhost prefix', trusted: [] },
  { name: 'indexOf on the origin', shape: 'fn', code: R`function check(origin) { return «origin.indexOf('example.com') > -1»; }`, kind: 'weak', attack: 'prefix match', trusted: ['example.com'] },
  { name: 'indexOf on a joined string of origins', shape: 'fn', code: R`const ALLOWED = 'https://a.example.com,https://b.example.com';
function check(origin) { return «ALLOWED.indexOf(origin) !== -1»; }`, kind: 'weak', attack: 'substring match', trusted: ['a.example.com', 'b.example.com'] },
  { name: 'includes that accepts everything', shape: 'fn', code: R`function check(origin) { return «origin.includes('')»; }`, kind: 'weak', attack: 'arbitrary origin', trusted: [] },
  { name: '=== chain', shape: 'fn', code: R`function check(origin) { return «origin === 'https://a.com' || origin === 'https://b.com'»; }`, kind: 'exact', accepts: 'exactly https://a.com and https://b.com' },
  { name: '!== chain with an early return', shape: 'fn', code: R`function check(origin) { if («origin !== 'https://a.com' && origin !== 'https://b.com'») return false; return true; }`, kind: 'exact' },
  { name: 'switch', shape: 'fn', code: R`function check(origin) { switch («origin») { case 'https://a.com': case 'https://b.com': return true; default: return false; } }`, kind: 'exact' },
  // membership
  { name: 'array includes', shape: 'fn', code: R`const allowed = ['https://a.com', 'https://b.com'];
function check(origin) { return «allowed.includes(origin)»; }`, kind: 'exact', accepts: 'exactly https://a.com and https://b.com' },
  { name: 'array includes with null in it', shape: 'fn', code: R`const allowed = ['https://a.com', 'null'];
function check(origin) { return «allowed.includes(origin)»; }`, kind: 'weak', attack: 'null origin', trusted: ['a.com'] },
  { name: 'Set has', shape: 'fn', code: R`const allowed = new Set(['https://a.com']);
function check(origin) { return «allowed.has(origin)»; }`, kind: 'exact' },
  { name: 'array indexOf !== -1', shape: 'fn', code: R`const allowed = ['https://a.com'];
function check(origin) { return «allowed.indexOf(origin) !== -1»; }`, kind: 'exact' },
  { name: 'some with an endsWith callback', shape: 'fn', code: R`const domains = ['example.com', 'example.org'];
function check(origin) { return «domains.some((d) => origin.endsWith(d))»; }`, kind: 'weak', attack: 'suffix match', trusted: ['example.com', 'example.org'] },
  { name: 'find with a regex callback', shape: 'fn', code: R`const patterns = [/^https:\/\/a\.com$/, /^https:\/\/b\.com$/];
function check(origin) { return «patterns.find((p) => p.test(origin))» !== undefined; }`, kind: 'exact' },
  // URL parsing, split, toLowerCase
  { name: 'URL hostname compared exactly', shape: 'fn', code: R`function check(origin) { return «new URL(origin).hostname === 'app.example.com'»; }`, kind: 'exact' },
  { name: 'URL hostname endsWith without a dot', shape: 'fn', code: R`function check(origin) { return «new URL(origin).hostname.endsWith('example.com')»; }`, kind: 'weak', attack: 'suffix match', trusted: ['example.com'] },
  { name: 'URL host and protocol', shape: 'fn', code: R`function check(origin) { const url = new URL(origin); return «url.protocol === 'https:' && url.host === 'app.example.com'»; }`, kind: 'exact' },
  { name: 'URL origin in a list', shape: 'fn', code: R`const allowed = ['https://a.com'];
function check(origin) { return «allowed.includes(new URL(origin).origin)»; }`, kind: 'exact' },
  { name: 'split the host off', shape: 'fn', code: R`function check(origin) { return «origin.split('//')[1] === 'app.example.com'»; }`, kind: 'exact' },
  { name: 'toLowerCase then endsWith', shape: 'fn', code: R`function check(origin) { return «origin.toLowerCase().endsWith('example.com')»; }`, kind: 'weak', attack: 'suffix match', trusted: ['example.com'] },
  // && / || / !, early returns, helpers
  { name: 'weak || exact', shape: 'fn', code: R`function check(origin) { return «origin === 'https://a.com' || origin.endsWith('example.com')»; }`, kind: 'weak', attack: 'suffix match', trusted: ['example.com'] },
  { name: 'weak && exact', shape: 'fn', code: R`function check(origin) { return «origin.startsWith('https://a.com') && ['https://a.com'].includes(origin)»; }`, kind: 'exact' },
  { name: 'a helper called from the check', shape: 'fn', code: R`function isOurs(o) { return o.endsWith('example.com'); }
function check(origin) { return «isOurs(origin)»; }`, kind: 'weak', attack: 'suffix match', trusted: ['example.com'] },
  { name: 'handler with an early return', shape: 'handler', code: R`const allowed = ['https://a.com'];
function handler(req, res) { const origin = req.headers.origin; if («!allowed.includes(origin)») return; res.setHeader('Access-Control-Allow-Origin', origin); }`, kind: 'exact' },
  { name: 'handler with a weak early return', shape: 'handler', code: R`function handler(req, res) { const origin = req.headers.origin; if («!origin || !origin.endsWith('example.com')») return; res.setHeader('Access-Control-Allow-Origin', origin); }`, kind: 'weak', attack: 'suffix match', trusted: ['example.com'] },
  // origin callbacks
  { name: 'cors callback(null, true) after a weak test', shape: 'cb', code: R`const options = { origin: (origin, cb) => { if (!origin) return cb(null, true); if («/example\.com$/.test(origin)») return cb(null, true); cb(new Error('not allowed')); } };`, kind: 'weak', attack: 'suffix match', trusted: ['example.com'] },
  { name: 'cors callback with an allowlist', shape: 'cb', code: R`const allowed = ['https://a.com', 'https://b.com'];
const options = { origin: (origin, callback) => { if («allowed.indexOf(origin) !== -1») callback(null, true); else callback(new Error('no')); } };`, kind: 'exact' },
  { name: 'hono-style origin function returning the origin', shape: 'fn', code: R`function check(origin) { return «origin.endsWith('.example.com')» ? origin : null; }`, kind: 'subdomains', attack: 'any subdomain', trusted: ['example.com'] },
];

function locate(code) {
  const start = code.indexOf('«');
  const end = code.indexOf('»') - 1;
  return { text: code.replace('«', '').replace('»', ''), start, end };
}

/** Runs the fixture (our own test code) on one origin: did the check accept it? A throw refuses the request. */
function runFixture(row, text, origin) {
  try {
    return runFixtureOrThrow(row, text, origin);
  } catch {
    return false;
  }
}

function runFixtureOrThrow(row, text, origin) {
  if (row.shape === 'fn') return !!new Function(`${text}\nreturn check;`)()(origin);
  if (row.shape === 'cb') {
    const options = new Function(`${text}\nreturn options;`)();
    let allowed = false;
    options.origin(origin, (err, ok) => { allowed = !err && !!ok; });
    return allowed;
  }
  const handler = new Function(`${text}\nreturn handler;`)();
  let acao;
  handler({ headers: { origin } }, { setHeader: (name, value) => { if (name === 'Access-Control-Allow-Origin') acao = value; } });
  return acao === origin;
}

test('the table covers every battery class', () => {
  const covered = new Set(rows.map((r) => r.attack).filter(Boolean));
  assert.deepEqual(ATTACK_CLASSES.filter((c) => !covered.has(c)), []);
});

for (const row of rows) {
  test(`${row.name}: ${row.kind}${row.attack ? ` (${row.attack})` : ''}`, () => {
    const { text, start, end } = locate(row.code);
    const verdict = judgeOriginCheckAt(text, 'check.js', start, end);
    assert.equal(verdict.kind, row.kind, JSON.stringify(verdict));
    if (row.attack) assert.equal(verdict.attack, row.attack);
    if (row.accepts) assert.equal(verdict.accepts, row.accepts);
    if (verdict.kind === 'weak' || verdict.kind === 'subdomains') {
      // The property: the origin the message names is accepted by the check as written…
      assert.equal(runFixture(row, text, verdict.origin), true, `the fixture rejects ${verdict.origin}`);
      // …and is an attacker's: not a trusted host or its subdomain (an http downgrade is the trusted host over http;
      // an any-subdomain verdict names a subdomain by definition).
      if (!['http downgrade', 'any subdomain'].includes(verdict.attack)) {
        for (const host of row.trusted) assert.equal(isTrustedOrSubdomain(verdict.origin, host), false, `${verdict.origin} is ${host} or its subdomain`);
      }
    } else {
      // A check proven exact rejects every origin of the battery when the fixture itself runs.
      const hosts = trustedHostsIn([text.match(/'[^']*'|\/\^[^\n]*?\$\//g)?.join(' ') ?? '']);
      for (const attack of attackOrigins(hosts)) {
        if (attack.attack === 'http downgrade' && hosts.every((h) => !h.scheme)) continue;
        assert.equal(runFixture(row, text, attack.origin), false, `the fixture accepts ${attack.origin} (${attack.attack})`);
      }
    }
  });
}
