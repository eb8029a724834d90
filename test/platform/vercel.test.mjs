// vercel.json / now.json and firebase.json: `{ key, value }` header lists under a path pattern.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, found, lint, only } from './helpers.mjs';

const CREDENTIALED_STAR = `{
  "headers": [
    {
      "source": "/api/(.*)",
      "headers": [
        { "key": "Access-Control-Allow-Credentials", "value": "true" },
        { "key": "Access-Control-Allow-Origin", "value": "*" },
        { "key": "Access-Control-Allow-Methods", "value": "GET,OPTIONS,PATCH,DELETE,POST,PUT" }
      ]
    }
  ]
}
`;

test('vercel.json: * with credentials is wildcard-with-credentials on the value, with the credentials entry related', () => {
  const finding = only('vercel.json', CREDENTIALED_STAR, 'wildcard-with-credentials');
  assert.equal(CREDENTIALED_STAR.slice(finding.start, finding.end), '"*"');
  assert.equal(finding.severity, 'error');
  assert.equal(finding.message, "Access-Control-Allow-Origin '*' cannot be combined with Access-Control-Allow-Credentials: true; browsers reject the response. Echo an allowlisted origin, or drop credentials if the data is public.");
  assert.deepEqual(finding.related.map((r) => [CREDENTIALED_STAR.slice(r.start, r.end), r.message]), [['{ "key": "Access-Control-Allow-Credentials", "value": "true" }', 'Credentials are allowed here.']]);
  assert.deepEqual(found('vercel.json', CREDENTIALED_STAR).map((f) => f[0]), ['wildcard-with-credentials']);
});

test('vercel.json: dropping credentials removes the entry and its comma; allowing the configured origin replaces *', () => {
  const finding = only('vercel.json', CREDENTIALED_STAR, 'wildcard-with-credentials', { allowedOrigins: ['https://app.example.com'] });
  assert.equal(applyFix('vercel.json', CREDENTIALED_STAR, finding, 'Drop Access-Control-Allow-Credentials (keep the public *)'), CREDENTIALED_STAR.replace('{ "key": "Access-Control-Allow-Credentials", "value": "true" },\n        ', ''));
  assert.equal(applyFix('vercel.json', CREDENTIALED_STAR, finding, 'Allow only https://app.example.com'), CREDENTIALED_STAR.replace('"value": "*"', '"value": "https://app.example.com"'));
});

test('vercel.json: a public * is permissive-wildcard (information)', () => {
  const text = '{ "headers": [{ "source": "/(.*)", "headers": [{ "key": "access-control-allow-origin", "value": "*" }] }] }';
  assert.deepEqual(found('vercel.json', text), [['permissive-wildcard', 'info', '"*"']]);
});

test('vercel.json: two origins, a trailing slash, http and null, each on its own value', () => {
  const text = `{
  "headers": [
    { "source": "/a", "headers": [{ "key": "Access-Control-Allow-Origin", "value": "https://a.example, https://b.example" }] },
    { "source": "/b", "headers": [{ "key": "Access-Control-Allow-Origin", "value": "https://a.example/" }] },
    { "source": "/c", "headers": [{ "key": "Access-Control-Allow-Origin", "value": "http://c.example" }] },
    { "source": "/d", "headers": [{ "key": "Access-Control-Allow-Origin", "value": "null" }] }
  ]
}`;
  assert.deepEqual(found('vercel.json', text), [
    ['multiple-origins', 'error', '"https://a.example, https://b.example"'],
    ['invalid-origin', 'error', '"https://a.example/"'],
    ['insecure-origin', 'warning', '"http://c.example"'],
    ['null-origin', 'warning', '"null"'],
  ]);
  const slash = only('vercel.json', text, 'invalid-origin');
  assert.equal(slash.message, "Access-Control-Allow-Origin 'https://a.example/' can never match: it ends with a slash, but an Origin header never does. Browsers will block these cross-origin requests.");
  assert.deepEqual(slash.fixes.map((f) => [f.title, f.kind]), [['Use https://a.example', 'safe']]);
  assert.match(applyFix('vercel.json', text, slash, 'Use https://a.example'), /"value": "https:\/\/a\.example" \}/);
  const several = only('vercel.json', text, 'multiple-origins');
  assert.match(applyFix('vercel.json', text, several, 'Allow only https://a.example'), /\{ "source": "\/a", "headers": \[\{ "key": "Access-Control-Allow-Origin", "value": "https:\/\/a\.example" \}\] \}/);
});

test('vercel.json: the same header twice in one rule is duplicate-origin-header on the second', () => {
  const text = `{ "headers": [{ "source": "/x", "headers": [
  { "key": "Access-Control-Allow-Origin", "value": "https://a.example" },
  { "key": "Access-Control-Allow-Origin", "value": "https://b.example" }
] }] }`;
  const finding = only('vercel.json', text, 'duplicate-origin-header');
  assert.equal(text.slice(finding.start, finding.end), '"https://b.example"');
  assert.equal(finding.message, 'This headers object names Access-Control-Allow-Origin twice (first on line 2); depending on the API one value silently wins or both are sent and the browser rejects the response. Keep one.');
  assert.equal(applyFix('vercel.json', text, finding, 'Remove the duplicate header'), text.replace(',\n  { "key": "Access-Control-Allow-Origin", "value": "https://b.example" }', ''));
});

test('now.json routes[].headers objects are read too', () => {
  const text = '{ "routes": [{ "src": "/api/.*", "headers": { "Access-Control-Allow-Origin": "https://App.example" } }] }';
  assert.deepEqual(found('now.json', text), [['invalid-origin', 'error', '"https://App.example"']]);
});

test('vercel.json: the inventory labels each policy by platform and source pattern', () => {
  const { policies } = lint('vercel.json', CREDENTIALED_STAR);
  assert.deepEqual(policies.map((p) => [p.source, p.framework, p.route, p.origins, p.credentials, p.methods, p.findings]), [
    ['header', 'Vercel (vercel.json)', '/api/(.*)', { kind: 'any' }, true, ['GET', 'OPTIONS', 'PATCH', 'DELETE', 'POST', 'PUT'], ['wildcard-with-credentials']],
  ]);
});

test('firebase.json: hosting.headers (one site or several) with source, glob or regex', () => {
  const text = `{
  "hosting": [
    { "target": "app", "headers": [{ "source": "**/*.json", "headers": [{ "key": "Access-Control-Allow-Origin", "value": "*" }, { "key": "Access-Control-Allow-Credentials", "value": "true" }] }] },
    { "target": "docs", "headers": [{ "regex": "^/fonts/.*$", "headers": [{ "key": "Access-Control-Allow-Origin", "value": "https://docs.example" }] }] }
  ]
}`;
  assert.deepEqual(found('firebase.json', text), [['wildcard-with-credentials', 'error', '"*"']]);
  assert.deepEqual(lint('firebase.json', text).policies.map((p) => [p.framework, p.route, p.origins]), [
    ['Firebase Hosting (firebase.json)', '**/*.json', { kind: 'any' }],
    ['Firebase Hosting (firebase.json)', '^/fonts/.*$', { kind: 'list', origins: ['https://docs.example'] }],
  ]);
});

test('a vercel.json with no CORS headers has no findings and is skipped by the prefilter', () => {
  const result = lint('vercel.json', '{ "rewrites": [{ "source": "/(.*)", "destination": "/" }] }');
  assert.deepEqual(result.findings, []);
  assert.equal(result.skipped, true);
});
