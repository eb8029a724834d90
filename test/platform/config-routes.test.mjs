// Platform semantics on the JS side: nuxt.config / nitro.config `routeRules` (`cors`, `headers`) and
// next.config `headers()` apply by path pattern like vercel.json rules, and every entry whose pattern
// matches a path applies to its responses:
// - Nitro merges the rules of a path, the most specific first (nitro v2.12.9
//   src/runtime/internal/route-rules.ts:90, `defu({}, ..._routeRulesMatcher.matchAll(path).reverse())`);
// - Next.js: "If two headers match the same path and set the same header key, the last header key will
//   override the first" (nextjs.org/docs/app/api-reference/config/next-config-js/headers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { found, lint } from './helpers.mjs';

const nuxt = (rules) => `export default defineNuxtConfig({\n  routeRules: {\n${rules}  },\n});\n`;
const next = (entries) => `module.exports = {\n  async headers() {\n    return [\n${entries}    ];\n  },\n};\n`;

test('routeRules headers: * with credentials in one rule is wildcard-with-credentials, as in vercel.json', () => {
  const text = nuxt("    '/api/**': { headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' } },\n");
  assert.deepEqual(found('/p/nuxt.config.ts', text), [['wildcard-with-credentials', 'error', "'*'"]]);
});

test('routeRules: credentials from a wider rule reach a narrower rule\'s cors: true', () => {
  const text = nuxt("    '/**': { headers: { 'Access-Control-Allow-Credentials': 'true' } },\n    '/api/**': { cors: true },\n");
  const result = lint('/p/nuxt.config.ts', text);
  assert.deepEqual(result.findings.map((f) => [f.ruleId, text.slice(f.start, f.end)]), [['wildcard-with-credentials', 'true']]);
  assert.deepEqual(result.findings[0].related.map((r) => [text.slice(r.start, r.end), r.message]), [["'Access-Control-Allow-Credentials': 'true'", 'Credentials are allowed here.']]);
  // A rule's own Access-Control-Allow-Credentials decides for its paths (the most specific rule wins a header).
  const own = nuxt("    '/**': { headers: { 'Access-Control-Allow-Credentials': 'true' } },\n    '/api/**': { cors: true, headers: { 'Access-Control-Allow-Credentials': 'false' } },\n");
  assert.deepEqual(found('/p/nuxt.config.ts', own).map((f) => f[0]), ['permissive-wildcard']);
  // Patterns that do not contain each other: nothing shared.
  const apart = nuxt("    '/admin/**': { headers: { 'Access-Control-Allow-Credentials': 'true' } },\n    '/api/**': { cors: true },\n");
  assert.deepEqual(found('/p/nuxt.config.ts', apart).map((f) => f[0]), ['permissive-wildcard']);
});

test('next.config headers(): credentials from an entry for a wider source reach a narrower entry\'s *', () => {
  const text = next(
    "      { source: '/:path*', headers: [{ key: 'Access-Control-Allow-Credentials', value: 'true' }] },\n" +
      "      { source: '/api/:path*', headers: [{ key: 'Access-Control-Allow-Origin', value: '*' }] },\n",
  );
  assert.deepEqual(found('/p/next.config.js', text), [['wildcard-with-credentials', 'error', "'*'"]]);
  // `has` makes the wider entry apply to some requests only.
  const conditional = text.replace("{ source: '/:path*', headers", "{ source: '/:path*', has: [{ type: 'cookie', key: 'session' }], headers");
  assert.deepEqual(found('/p/next.config.js', conditional).map((f) => f[0]), ['permissive-wildcard']);
  // A later entry for the same paths replaces the '*' (the last entry wins a header).
  const later = text.replace("    ];\n", "      { source: '/(.*)', headers: [{ key: 'Access-Control-Allow-Origin', value: 'https://app.example.com' }] },\n    ];\n");
  assert.deepEqual(found('/p/next.config.js', later).filter((f) => f[0] === 'wildcard-with-credentials'), []);
});

test('the inventory labels routeRules and headers() policies by framework and path pattern', () => {
  const rules = lint('/p/nitro.config.ts', nuxt("    '/api/**': { headers: { 'Access-Control-Allow-Origin': 'https://app.example.com' } },\n    '/public/**': { cors: true },\n").replace('defineNuxtConfig', 'defineNitroConfig'));
  assert.deepEqual(rules.policies.map((p) => [p.framework, p.route]), [['Nitro routeRules', '/api/**'], ['Nitro routeRules', '/public/**']]);
  const headers = lint('/p/next.config.js', next("      { source: '/api/:path*', headers: [{ key: 'Access-Control-Allow-Origin', value: 'https://app.example.com' }] },\n"));
  assert.deepEqual(headers.policies.map((p) => [p.framework, p.route]), [['next.config headers()', '/api/:path*']]);
});
