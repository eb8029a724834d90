// netlify.toml [[headers]] and _headers files. Netlify and Cloudflare Pages apply every rule whose path
// pattern matches and join the values of a header set by several with ', ' (see
// server/src/core/platform/netlify.ts for the documentation links), so two rules that both set
// Access-Control-Allow-Origin for one path send two origins in one header.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, found, lint, only } from './helpers.mjs';

const TOML = `[build]
  publish = "dist"

[[headers]]
  for = "/*"
  [headers.values]
    Access-Control-Allow-Origin = "https://app.example.com"

[[headers]]
  for = "/api/*"
  [headers.values]
    Access-Control-Allow-Origin = "https://admin.example.com"
    X-Frame-Options = "DENY"
`;

test('netlify.toml: a second rule matching the same paths adds a second origin (duplicate-origin-header)', () => {
  const finding = only('netlify.toml', TOML, 'duplicate-origin-header');
  assert.equal(TOML.slice(finding.start, finding.end), '"https://admin.example.com"');
  assert.equal(finding.message, 'Access-Control-Allow-Origin is added again for the same response (first on line 7); the browser sees two values and rejects the response.');
  assert.deepEqual(finding.related.map((r) => [TOML.slice(r.start, r.end), r.message]), [
    ['Access-Control-Allow-Origin = "https://app.example.com"', 'First set here, by a rule whose pattern also matches /api/*; both values are joined into one header.'],
  ]);
  assert.deepEqual(finding.fixes.map((f) => [f.title, f.kind]), [['Remove the duplicate header', 'suggestion']]);
  assert.equal(applyFix('netlify.toml', TOML, finding, 'Remove the duplicate header'), TOML.replace('Access-Control-Allow-Origin = "https://admin.example.com"\n    ', ''));
});

test('netlify.toml: rules for paths that do not overlap are separate responses', () => {
  const text = TOML.replace('for = "/*"', 'for = "/static/*"');
  assert.deepEqual(found('netlify.toml', text), []);
  assert.deepEqual(lint('netlify.toml', text).policies.map((p) => [p.framework, p.route, p.origins]), [
    ['Netlify (netlify.toml)', '/static/*', { kind: 'list', origins: ['https://app.example.com'] }],
    ['Netlify (netlify.toml)', '/api/*', { kind: 'list', origins: ['https://admin.example.com'] }],
  ]);
});

test('netlify.toml: credentials from a wider rule apply to a narrower rule\'s *', () => {
  const text = `[[headers]]
  for = "/*"
  [headers.values]
    Access-Control-Allow-Credentials = "true"

[[headers]]
  for = "/api/*"
  [headers.values]
    Access-Control-Allow-Origin = '*'
`;
  const finding = only('netlify.toml', text, 'wildcard-with-credentials');
  assert.equal(text.slice(finding.start, finding.end), "'*'");
  assert.deepEqual(finding.related.map((r) => text.slice(r.start, r.end)), ['Access-Control-Allow-Credentials = "true"']);
});

test('netlify.toml: literal strings keep their quotes in a fix', () => {
  const text = "[[headers]]\n  for = \"/*\"\n  [headers.values]\n    Access-Control-Allow-Origin = 'https://app.example.com/'\n";
  const finding = only('netlify.toml', text, 'invalid-origin');
  assert.equal(applyFix('netlify.toml', text, finding, 'Use https://app.example.com'), text.replace("'https://app.example.com/'", "'https://app.example.com'"));
});

test('netlify.toml: # cors-lint-disable-next-line suppresses one rule on the next line, and an unused one is reported', () => {
  const text = `[[headers]]
  for = "/*"
  [headers.values]
    # cors-lint-disable-next-line insecure-origin -- staging only
    Access-Control-Allow-Origin = "http://staging.example.com"
    # cors-lint-disable-next-line null-origin
    X-Other = "1"
`;
  assert.deepEqual(found('netlify.toml', text), [['unused-disable-directive', 'warning', 'null-origin']]);
});

const HEADERS = `# Cloudflare Pages / Netlify
/*
  X-Frame-Options: DENY
  Access-Control-Allow-Origin: https://app.example.com

/api/*
  Access-Control-Allow-Origin: *
  Access-Control-Allow-Credentials: true
`;

test('_headers: exact ranges, merged rules and credentials in the same block', () => {
  assert.deepEqual(found('_headers', HEADERS), [
    ['duplicate-origin-header', 'warning', '*'],
    ['wildcard-with-credentials', 'error', '*'],
  ]);
  const wildcard = only('_headers', HEADERS, 'wildcard-with-credentials');
  assert.equal(applyFix('_headers', HEADERS, wildcard, 'Drop Access-Control-Allow-Credentials (keep the public *)'), HEADERS.replace('  Access-Control-Allow-Credentials: true\n', ''));
});

test('_headers: a value with two origins, null, and a disable comment', () => {
  const text = `/embed/*
  Access-Control-Allow-Origin: https://a.example https://b.example
/sandbox/*
  # cors-lint-disable-next-line null-origin -- the sandboxed iframe is ours
  Access-Control-Allow-Origin: null
`;
  assert.deepEqual(found('_headers', text), [['multiple-origins', 'error', 'https://a.example https://b.example']]);
  const finding = only('_headers', text, 'multiple-origins');
  assert.equal(applyFix('_headers', text, finding, 'Allow only https://a.example'), text.replace('https://a.example https://b.example', 'https://a.example'));
});

test('_headers: placeholders and splats are compared literally, so /:lang/* and /api/* stay separate', () => {
  const text = '/:lang/*\n  Access-Control-Allow-Origin: https://a.example\n/api/*\n  Access-Control-Allow-Origin: https://b.example\n';
  assert.deepEqual(found('_headers', text), []);
});

test('_headers: the inventory names the platform and the pattern', () => {
  assert.deepEqual(lint('_headers', HEADERS).policies.map((p) => [p.framework, p.route, p.origins, p.credentials, p.findings]), [
    ['Netlify / Cloudflare Pages (_headers)', '/*', { kind: 'list', origins: ['https://app.example.com'] }, false, []],
    ['Netlify / Cloudflare Pages (_headers)', '/api/*', { kind: 'any' }, true, ['duplicate-origin-header', 'wildcard-with-credentials']],
  ]);
});
