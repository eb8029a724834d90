// Origin checks written in one module and applied in another (issue 14, item 3), through an in-memory
// ProjectHost: an exported check function called in a cors origin callback or before an
// Access-Control-Allow-Origin write is judged as applied there and reported where it is written, with
// "Applied here" related information and error when the applying side allows credentials; an exported
// allowlist named for origins that its module never reads has its patterns judged on their own.
// The property of issue 14, item 6 holds for every finding: the origin the message names is accepted by
// the check as written (the fixture module itself is run on it), and it is not a trusted host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFile, defaultConfig, isTrustedOrSubdomain, trustedHostsIn } from '../../dist/core.js';
import { analyzeProject, memoryHost, shown } from '../helpers/memory-host.mjs';

const CHECKS = "export function isAllowedOrigin(origin) {\n  return origin.endsWith('example.com');\n}\n";
const CALLBACK_APP = "import cors from 'cors';\nimport { isAllowedOrigin } from './checks.js';\napp.use(cors({ origin: (o, cb) => cb(null, isAllowedOrigin(o)), credentials: true }));\n";
const INLINE_APP = (credentials) => `import { isAllowedOrigin } from './checks.js';\napp.get('/x', (req, res) => {\n  if (isAllowedOrigin(req.headers.origin)) {\n    res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n${credentials ? "    res.setHeader('Access-Control-Allow-Credentials', 'true');\n" : ''}    res.setHeader('Vary', 'Origin');\n  }\n  res.end();\n});\n`;

function weakFindings(files, file) {
  const result = analyzeProject(files, file);
  assert.deepEqual(result.internalErrors, []);
  return shown(result, files, file).filter((f) => f.rule === 'weak-origin-check');
}

/** The origin a message names. */
function bypassOf(message) {
  return /^(?:Weak origin check: (\S+) passes|Origin check accepts any subdomain of \S+, including ones that could be taken over \(e\.g\. (\S+)\))/.exec(message)?.slice(1).find(Boolean);
}

/** Runs an exported member of a fixture module (our own test code, never workspace code). */
function exportOf(text, name) {
  const body = text.replace(/^export (const|function) /gm, '$1 ');
  return new Function(`${body}\nreturn ${name};`)();
}

/** cors' own matching of an origin list (strings exactly, RegExps tested): what the fixture list grants. */
function listAccepts(list, origin) {
  return list.some((entry) => (entry instanceof RegExp ? entry.test(origin) : entry === origin));
}

function assertAttackerOrigin(origin, texts) {
  for (const host of trustedHostsIn(texts)) assert.equal(isTrustedOrSubdomain(origin, host), false, `${origin} is ${host.host} or its subdomain`);
}

test('a check applied in a cors origin callback with credentials: reported where it is written, as an error, related to the use', () => {
  const files = { 'src/checks.js': CHECKS, 'src/app.js': CALLBACK_APP };
  assert.deepEqual(weakFindings(files, 'src/checks.js'), [{
    rule: 'weak-origin-check',
    severity: 'error',
    line: 2,
    text: "origin.endsWith('example.com')",
    message: "Weak origin check: https://evilexample.com passes (suffix match). Credentials are allowed where it is applied, so that site can read users' data. Compare against exact origins or an anchored, escaped pattern.",
    related: ['src/app.js:3 isAllowedOrigin(o) — Applied here (cors, credentials: true).'],
  }]);
  // The applying file does not repeat it.
  assert.deepEqual(weakFindings(files, 'src/app.js'), []);
  // The property: the named origin passes the check as written, and it is an attacker's.
  const origin = bypassOf(weakFindings(files, 'src/checks.js')[0].message);
  assert.equal(exportOf(CHECKS, 'isAllowedOrigin')(origin), true);
  assertAttackerOrigin(origin, ['example.com']);
});

test('a check in the condition before an Access-Control-Allow-Origin write: warning, or error when that response allows credentials', () => {
  for (const [credentials, severity] of [[false, 'warning'], [true, 'error']]) {
    const files = { 'src/checks.js': CHECKS, 'src/app.js': INLINE_APP(credentials) };
    const [finding, ...rest] = weakFindings(files, 'src/checks.js');
    assert.deepEqual(rest, []);
    assert.equal(finding.severity, severity);
    assert.equal(finding.line, 2);
    assert.match(finding.message, /^Weak origin check: https:\/\/evilexample\.com passes \(suffix match\)\./);
    assert.deepEqual(finding.related, [`src/app.js:3 isAllowedOrigin(req.headers.origin) — Applied here${credentials ? ' (with Access-Control-Allow-Credentials: true)' : ''}.`]);
    assert.deepEqual(weakFindings(files, 'src/app.js'), []);
  }
});

test('the verdict is the use\'s: a use that makes the check exact is not reported; without any use the check alone is judged', () => {
  const checks = `export const allowedOrigins = ['https://app.example.com'];\n${CHECKS}`;
  const proven = { 'src/checks.js': checks, 'src/app.js': "import cors from 'cors';\nimport { isAllowedOrigin, allowedOrigins } from './checks.js';\napp.use(cors({ origin: (o, cb) => cb(null, isAllowedOrigin(o) && allowedOrigins.includes(o)), credentials: true }));\n" };
  assert.deepEqual(weakFindings(proven, 'src/checks.js'), []);
  assert.deepEqual(weakFindings(proven, 'src/app.js'), []);
  // No importer: the helper alone, as before (a plain warning, no related information).
  const alone = weakFindings({ 'src/checks.js': checks }, 'src/checks.js');
  assert.deepEqual(alone.map((f) => [f.severity, f.line, f.related]), [['warning', 3, []]]);
});

test('any subdomain through an imported helper: information where it is written, with the use', () => {
  const checks = "export const isTrustedOrigin = (origin) => origin.endsWith('.example.com');\n";
  const files = { 'src/checks.js': checks, 'src/app.js': "import cors from 'cors';\nimport { isTrustedOrigin } from './checks.js';\napp.use(cors({ origin: (o, cb) => cb(null, isTrustedOrigin(o)) }));\n" };
  const [finding] = weakFindings(files, 'src/checks.js');
  assert.equal(finding.severity, 'info');
  assert.match(finding.message, /^Origin check accepts any subdomain of example\.com, including ones that could be taken over \(e\.g\. https:\/\/evil\.example\.com\)/);
  assert.deepEqual(finding.related, ['src/app.js:3 isTrustedOrigin(o) — Applied here (cors).']);
  assert.equal(exportOf(checks, 'isTrustedOrigin')(bypassOf(finding.message)), true);
});

test('a helper module the prefilter skips (no CORS or origin-check names): reported at the use, related to where it is written', () => {
  const checks = "export function allowed(value) {\n  return value.includes('example.com');\n}\n";
  const files = { 'src/checks.js': checks, 'src/app.js': "import cors from 'cors';\nimport { allowed } from './checks.js';\napp.use(cors({ origin: (o, cb) => cb(null, allowed(o)), credentials: true }));\n" };
  assert.equal(analyzeProject(files, 'src/checks.js').skipped, true);
  // The prefilter stays conservative: analysed without it, the module reports nothing either.
  assert.deepEqual(analyzeFile(checks, 'src/checks.js', defaultConfig(), { host: memoryHost(files), noPrefilter: true }).findings, []);
  const [finding] = weakFindings(files, 'src/app.js');
  assert.equal(finding.severity, 'error');
  assert.equal(finding.text, 'allowed');
  assert.match(finding.message, /^Weak origin check: (\S+) passes \((prefix|suffix|substring) match\)\. Credentials are allowed[^]*\(The value is written in src\/checks\.js:2\.\)$/);
  assert.deepEqual(finding.related, ["src/checks.js:2 value.includes('example.com') — The value is written here."]);
  assert.equal(exportOf(checks, 'allowed')(bypassOf(finding.message)), true);
});

test('an exported allowlist named for origins, never read in its module: its patterns are judged', () => {
  const cases = [
    ["export const allowedOrigins = [/example\\.com$/, 'https://app.example.com'];\n", 'allowedOrigins', '/example\\.com$/', /^Weak origin check: https:\/\/evilexample\.com passes \(suffix match\)\./],
    ["const corsOrigins = ['https://a.com', /^https:\\/\\/.*\\.vercel\\.app$/];\nmodule.exports = { corsOrigins };\n", 'corsOrigins', '/^https:\\/\\/.*\\.vercel\\.app$/', /^Weak origin check: https:\/\/attacker\.vercel\.app passes \(shared hosting\)\./],
    ["const whitelist = [/localhost/];\nexport { whitelist };\n", 'whitelist', '/localhost/', /^Weak origin check: http:\/\/localhost\.evil\.net passes \(localhost prefix\)\./],
    ["export const ALLOWED_ORIGINS = [/\\.example\\.org$/];\n", 'ALLOWED_ORIGINS', '/\\.example\\.org$/', /^Origin check accepts any subdomain of example\.org/],
    ["export const trustedOrigins = ['https://a.com', new RegExp('^https://app.example.com$')];\n", 'trustedOrigins', "'^https://app.example.com$'", /^Weak origin check: https:\/\/appxexample\.com passes \(unescaped dot\)\./],
  ];
  for (const [code, name, text, message] of cases) {
    const result = analyzeFile(code, 'config.js', defaultConfig());
    const findings = result.findings.filter((f) => f.ruleId === 'weak-origin-check');
    assert.equal(findings.length, 1, code);
    assert.equal(code.slice(findings[0].start, findings[0].end), text);
    assert.match(findings[0].message, message);
    // The property: cors' matching of the list as written accepts the named origin.
    const list = exportOf(code.replace(/^module\.exports = .*$|^export \{.*$/m, ''), name);
    const origin = bypassOf(findings[0].message);
    assert.equal(listAccepts(list, origin), true, `${origin} passes ${code}`);
  }
});

test('precision: origin lists that are read in their module, not exported, exact, or not origin patterns are left to the other paths', () => {
  for (const code of [
    // Not exported: nothing can apply it.
    'const allowedOrigins = [/example\\.com$/];\n',
    // Read in its own module by a check no CORS code is known to use.
    "export const allowedOrigins = [/example\\.com$/];\nexport const ok = (value) => allowedOrigins.some((r) => r.test(value));\n",
    // Proven: anchored and escaped.
    'export const allowedOrigins = [/^https:\\/\\/(app|admin)\\.example\\.com$/];\n',
    // Named for origins, but path patterns.
    'export const staticOrigins = [/^\\/assets\\//, /\\.png$/];\n',
  ]) {
    assert.deepEqual(analyzeFile(code, 'config.js', defaultConfig()).findings.filter((f) => f.ruleId === 'weak-origin-check').map((f) => f.message), [], code);
  }
});

test('an exported allowlist applied in another module with credentials: error, related to the use', () => {
  const files = {
    'src/origins.js': "export const allowedOrigins = [/example\\.com$/];\n",
    'src/app.js': "import cors from 'cors';\nimport { allowedOrigins } from './origins.js';\napp.use(cors({ origin: allowedOrigins, credentials: true }));\n",
  };
  const [finding, ...rest] = weakFindings(files, 'src/origins.js');
  assert.deepEqual(rest, []);
  assert.equal(finding.severity, 'error');
  assert.match(finding.message, /^Weak origin check: https:\/\/evilexample\.com passes \(suffix match\)\. Credentials are allowed where it is applied/);
  assert.deepEqual(finding.related, ['src/app.js:3 allowedOrigins — Applied here (cors, credentials: true).']);
  assert.deepEqual(weakFindings(files, 'src/app.js'), []);
});

test('CommonJS: a destructured require in a cors callback, and a namespace require before a header write', () => {
  const viaCallback = {
    'src/checks.js': 'function isAllowedOrigin(origin) {\n  return /example\\.com/.test(origin);\n}\nmodule.exports = { isAllowedOrigin };\n',
    'src/app.js': "const cors = require('cors');\nconst { isAllowedOrigin } = require('./checks');\napp.use(cors({ origin(origin, callback) { if (isAllowedOrigin(origin)) callback(null, true); else callback(new Error('no')); }, credentials: true }));\n",
  };
  assert.deepEqual(weakFindings(viaCallback, 'src/checks.js').map((f) => [f.severity, f.line, f.text, f.related]), [
    ['error', 2, '/example\\.com/', ['src/app.js:3 isAllowedOrigin(origin) — Applied here (cors, credentials: true).']],
  ]);
  const viaNamespace = {
    'src/checks.js': "exports.isAllowedOrigin = (origin) => origin.includes('example.com');\n",
    'src/app.js': "const checks = require('./checks');\nmodule.exports = (req, res) => {\n  const origin = req.headers.origin;\n  if (checks.isAllowedOrigin(origin)) {\n    res.setHeader('Access-Control-Allow-Origin', origin);\n    res.setHeader('Access-Control-Allow-Credentials', 'true');\n    res.setHeader('Vary', 'Origin');\n  }\n  res.end();\n};\n",
  };
  const [finding] = weakFindings(viaNamespace, 'src/checks.js');
  assert.deepEqual([finding.severity, finding.line, finding.text, finding.related], ['error', 1, "origin.includes('example.com')", ['src/app.js:4 checks.isAllowedOrigin(origin) — Applied here (with Access-Control-Allow-Credentials: true).']]);
  const origin = bypassOf(finding.message);
  assert.equal(new Function('exports', `${viaNamespace['src/checks.js']}\nreturn exports.isAllowedOrigin;`)({})(origin), true);
  assertAttackerOrigin(origin, ['example.com']);
  assert.deepEqual(weakFindings(viaNamespace, 'src/app.js'), []);
});

test('an exported function declaration applied as the origin option itself: reported where written, with the applying credentials', () => {
  const checks = 'export function checkOrigin(origin, cb) {\n  cb(null, /example\\.com$/.test(origin));\n}\n';
  const files = { 'src/checks.js': checks, 'src/app.js': "import cors from 'cors';\nimport { checkOrigin } from './checks.js';\napp.use(cors({ origin: checkOrigin, credentials: true }));\n" };
  const [finding, ...rest] = weakFindings(files, 'src/checks.js');
  assert.deepEqual(rest, []);
  assert.deepEqual([finding.severity, finding.line, finding.text, finding.related], ['error', 2, '/example\\.com$/', ['src/app.js:3 checkOrigin — Applied here (cors, credentials: true).']]);
  assert.deepEqual(weakFindings(files, 'src/app.js'), []);
  let accepted = false;
  exportOf(checks, 'checkOrigin')(bypassOf(finding.message), (error, ok) => { accepted = !error && ok; });
  assert.equal(accepted, true);
  // Its module lists it in the inventory, weakly checked, where it is applied.
  const [policy] = analyzeProject(files, 'src/checks.js').policies;
  assert.deepEqual([policy.origins.kind, policy.origins.bypass, policy.provenance], ['weakly-checked', { origin: 'https://evilexample.com', attack: 'suffix match' }, ['applied in src/app.js:3']]);
});
