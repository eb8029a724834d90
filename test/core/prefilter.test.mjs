// The text prefilter is conservative: across every example, docs block and fixture file, the engine
// finds exactly the same with and without it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeFile, defaultConfig, isAnalyzableFile, mayContainCors, mayContainCorsByRegex } from '../../dist/core.js';
import { examplesOf } from './docs.test.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sources() {
  const out = [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'node_modules') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (isAnalyzableFile(name)) out.push({ name: path, code: readFileSync(path, 'utf8') });
    }
  };
  walk(join(root, 'examples'));
  walk(join(root, 'test/fixtures'));
  for (const file of readdirSync(join(root, 'docs/rules'))) {
    const { incorrect, correct } = examplesOf(readFileSync(join(root, 'docs/rules', file), 'utf8'));
    for (const e of [...incorrect, ...correct]) out.push({ name: `${file}:${e.line}.${e.lang === 'js' ? 'js' : 'ts'}`, code: e.code });
  }
  return out;
}

test('the prefilter never drops a file with a finding', () => {
  const all = sources();
  assert.ok(all.length > 30, `only ${all.length} sources found`);
  let withFindings = 0;
  for (const { name, code } of all) {
    const unfiltered = analyzeFile(code, name, defaultConfig(), { noPrefilter: true });
    if (unfiltered.findings.length > 0) {
      withFindings++;
      assert.ok(mayContainCors(code), `${name} has findings but fails the prefilter`);
    }
    assert.deepEqual(analyzeFile(code, name, defaultConfig()).findings, unfiltered.findings, name);
  }
  assert.ok(withFindings > 10);
});

test('the prefilter skips files without CORS code', () => {
  assert.equal(mayContainCors("export function add(a, b) { return a + b; }\nconst origin = location.origin;"), false);
  assert.equal(analyzeFile('const x = 1;', 'a.js').skipped, true);
  assert.equal(mayContainCors("res.setHeader(http2.constants.HTTP2_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN, '*')"), true);
  assert.equal(mayContainCors("app.use(cors())"), true);
});

test('header names spelled with escapes pass the prefilter', () => {
  const code = "res.setHeader('\\x41ccess-Control-Allow-Origin', 'null');";
  assert.equal(mayContainCors(code), true);
  assert.deepEqual(analyzeFile(code, 'a.js').findings.map((f) => f.ruleId), ['null-origin']);
  assert.equal(mayContainCors("const s = '\\u00e9t\\u00e9';"), false);
});

test('a header name broken by a line continuation passes the prefilter', () => {
  const code = "res.setHeader('Acce\\\nss-Control-Allow-Origin', '*');";
  assert.equal(mayContainCors(code), true);
  assert.deepEqual(analyzeFile(code, 'a.js').findings.map((f) => f.ruleId), ['permissive-wildcard']);
});

// What the sharper prefilter drops: files that only mention the word. Each is also analysed without the
// prefilter, to show the engine has nothing to say about it either.
const MENTIONS_ONLY = {
  'prose in a line comment': "// local cors security errors return status 0\nxhr.send();\n",
  'prose in a doc comment': "/**\n * it may end up with CORS error, so map the URL first\n */\nexport function adapter(req) { return req; }\n",
  'upper-case CORS in a message': "warn('Resource hints do not perform DNS queries using CORS');\n",
  'another word': "function successOnAsyncOrSyncFn() {}\nconst scorsese = 1;\n",
  'a cors: key with no framework that reads it': 'module.exports = {"acm":{"name":"ACM","cors":true},"s3":{"name":"S3","cors":true}};\n',
  'capitalised names': "const rules = { CorsConfig: { type: 'structure' }, Cors: { shape: 'S4l' } };\n",
  'the word inside a string that is no module name': "s3.request({ method: 'PUT', requestUri: '/{Bucket}?cors' });\n",
  // Generated bundles (aws-sdk's API tables, Next.js runtimes) name origins and allowlists in keys and prose.
  'origins and allowlists as keys and words': 'var api={AllowedOrigins:{type:"list",member:{locationName:"AllowedOrigin"}},Origins:{shape:"S1"}};\n// the AllowList of image hosts\nvar x=isWhitelisted(y);\n',
  'a name starting with cors as a whole string': 'var shape={"CorsConfiguration":{"shape":"S3","locationName":"corsConfiguration"}};\nconst origin = config.get(\'corsOrigin\');\n',
  'an allowlist of names, not origins': 'let NextVanillaSpanAllowlist=["Middleware.execute","BaseServer.handleRequest"];\n',
};

test('the prefilter drops files that only mention the word, and the engine has nothing to say about them', () => {
  for (const [name, code] of Object.entries(MENTIONS_ONLY)) {
    assert.equal(mayContainCors(code), false, name);
    assert.deepEqual(analyzeFile(code, 'a.js', defaultConfig(), { noPrefilter: true }).findings, [], name);
  }
});

test('the prefilter keeps every way code can name a CORS library or option', () => {
  const kept = {
    'a call of the cors package': ["app.use(cors({ origin: true, credentials: true }));\n", ['reflected-origin']],
    'a library specifier': ["import fastifyCors from '@fastify/cors';\nfastify.register(fastifyCors, { origin: '*', credentials: true });\n", ['wildcard-with-credentials']],
    'kcors': ["const c = require('kcors');\napp.use(c({ credentials: true }));\n", ['reflected-origin']],
    'NestJS enableCors': ["app.enableCors({ origin: 'https://a.com/' });\n", ['invalid-origin']],
    'a cors: key in a Socket.IO server': ["import { Server } from 'socket.io';\nconst io = new Server(http, { cors: { origin: 'null' } });\n", ['null-origin']],
    'code after a doc comment closes on the same line': ["/**\n * the API\n */ app.use(cors({ origin: 'null' }));\n", ['null-origin']],
    'an unused directive in a line comment': ['// cors-lint-disable-next-line null-origin\nconst x = 1;\n', ['unused-disable-directive']],
    'micro-cors, named only in its specifier': ["const microCors = require('micro-cors');\nmodule.exports = microCors()(handler);\n", ['wildcard-with-credentials']],
    "oRPC's new CORSPlugin() (echoes by default)": ["import { CORSPlugin } from '@orpc/server/plugins';\nconst plugins = [new CORSPlugin({ credentials: true })];\n", ['reflected-origin']],
    "Effect's HttpApiBuilder.middlewareCors (no other marker)": ["import { HttpApiBuilder } from '@effect/platform';\nexport const C = HttpApiBuilder.middlewareCors({ credentials: true });\n", ['wildcard-with-credentials']],
    'an exported origin list (checked on its own)': ["export const allowedOrigins = ['https://app.example.com', /example\\.com$/];\n", ['weak-origin-check']],
    'an origin list with a type annotation': ["export const ALLOWED_ORIGINS: (string | RegExp)[] = [/\\.example\\.com$/];\n", ['weak-origin-check']],
    'an allowlist in parentheses': ["const whitelistedHosts = ([/example\\.com/]);\nexport { whitelistedHosts };\n", ['weak-origin-check']],
    "Effect's HttpMiddleware.cors": ["import { HttpMiddleware } from '@effect/platform';\nconst m = HttpMiddleware.cors({ allowedOrigins: () => true });\n", ['reflected-origin']],
  };
  // TypeScript's assertions and annotations around an origin list (the engine reads them in .ts files).
  assert.equal(mayContainCors("const ORIGINS = <string[]>['https://a.example.com'];\n"), true);
  assert.equal(mayContainCors("const allowedOrigins: Array<string> = [\n  process.env.APP_URL, // 'https://a.example.com' in production\n];\n"), true);
  assert.equal(mayContainCors("const whitelist = [HOME, /* the API */ API, new RegExp(PATTERN)];\n"), true);
  for (const [name, [code, rules]] of Object.entries(kept)) {
    assert.equal(mayContainCors(code), true, name);
    assert.deepEqual(analyzeFile(code, 'a.js').findings.map((f) => f.ruleId), rules, name);
  }
});

// mayContainCors finds every marker word in one scan (prefilter.ts MARKER_WORD); mayContainCorsByRegex is
// the prefilter as first written, a regular expression per pattern. They must agree on every input.
const TRICKY = [
  // Header names: any case, - or _, and the separator after "control" is required.
  'AcCeSs-CoNtRoL-x', 'ACCESS_CONTROL_ALLOW_ORIGIN', 'access-control', 'access_controlX', 'accessaccess-control-', 'access control-',
  // The frameworks named without the lower-case word: case-insensitive, onCall as a whole word only.
  'createYOGA()', 'x.createyoga', 'useCors', 'USECORS', 'usecor', 'se CORS', 'CORSPLUGIN', 'new CorsPlugin()', 'CORSPlugi',
  'onCall(fn)', 'ONCALL', 'x_onCall', 'onCall2', '1onCall', '$onCall', 'onCall$', 'ﬀonCall', 'onCallowlist = [/x/]',
  // Origin-check names: case-sensitive Origin, a verb at a word start, letters only in between.
  'isAllowedOrigin(o)', 'checkOrigin', '_isOrigin', '1isOrigin', '$isOrigin', 'isOrigin', 'IsOrigin', 'isorigin', 'is_Origin',
  'assertTrustedOrigins', 'xcheckOrigin', 'validate2Origin', 'verifyOriginOrigin', 'éisOrigin', 'Origin', 'isFooOriginBarOrigin',
  // Origin lists: names in any case, overlapping names, the binding shape.
  'const ORIGINS = ["https://a.com"]', 'whitelistOrigins = [/a/]', 'allowlist: string[] = [\'https://x\']', 'origins = ["a", "b"]',
  'Origins = [x, y]', 'corsorigins = [/x/]', 'whitelistwhitelist=[RegExp(a)]', 'ALLOWLIST =<const>["http://a"]',
  // The word: kinds, comments, quotes, keys next to a framework that reads them.
  'cors()', 'CORS', 'kcors', 'KCORS', 'hasCORS', 'corsConfig', 'Cors', '"@fastify/cors"', "'cors': true", "import 'socket.io';\n'cors': {}",
  '// cors()', ' * cors()', '/* cors-lint-disable */', 'CORS-lint-disable', 'scorsese', 'asyncOrSync',
  // Characters whose case folding leaves ASCII (U+0130 İ, U+212A K, U+017F ſ) next to the words.
  'İcors()', 'cİors()', 'kcors', 'KCORS', 'ſcors()', 'corſ()', 'İsOrigin', 'İaccess-control-',
  // Escapes and line continuations decoded before a second look.
  "'\\x41ccess-Control-Allow-Origin'", "'\\u0063ors'", "c\\u006frs()", "'acce\\\nss-control-x'", "'\\x20onCall'", "\\u{63}ors()",
];

test('the one-scan prefilter agrees with the regex per pattern on every fixture, example and tricky string', () => {
  const inputs = [...sources().map((s) => [s.name, s.code]), ...Object.entries(MENTIONS_ONLY), ...TRICKY.map((t) => [t, t])];
  let passing = 0;
  for (const [name, code] of inputs) {
    const verdict = mayContainCors(code);
    assert.equal(verdict, mayContainCorsByRegex(code), name);
    if (verdict) passing++;
  }
  // Both verdicts occur (a test where every input passes, or none, would show nothing).
  assert.ok(passing > 30 && passing < inputs.length - 30, `${passing} of ${inputs.length} pass`);
});
