// serverless.yml: http event cors (REST), provider.httpApi.cors (HTTP API) and function URL cors.
// Key names and defaults as the Serverless Framework documents them (events/apigateway "Enabling CORS",
// events/http-api "CORS setup", functions "Lambda function URLs").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, found, lint, only } from './helpers.mjs';

const SERVICE = `service: items
provider:
  name: aws
  httpApi:
    cors:
      allowedOrigins:
        - https://app.example.com
        - 'https://a.example.com,https://b.example.com'
        - \${env:EXTRA_ORIGIN}
      allowCredentials: true
functions:
  list:
    handler: src/items.list
    events:
      - http:
          path: items
          method: get
          cors: true
  update:
    handler: src/items.update
    events:
      - http:
          path: items/{id}
          method: put
          cors:
            origin: '*'
            headers: [Content-Type, Authorization]
            allowCredentials: true
    url:
      cors:
        allowedOrigins: ['http://partner.example.com']
`;

test('serverless.yml: every CORS setting and its findings, with exact ranges', () => {
  assert.deepEqual(found('serverless.yml', SERVICE), [
    ['multiple-origins', 'error', "'https://a.example.com,https://b.example.com'"],
    ['permissive-wildcard', 'info', 'true'],
    ['wildcard-with-credentials', 'error', "'*'"],
    ['insecure-origin', 'warning', "'http://partner.example.com'"],
  ]);
});

test('serverless.yml: cors: true is the default any-origin policy', () => {
  const finding = only('serverless.yml', SERVICE, 'permissive-wildcard');
  assert.equal(finding.message, 'cors: true allows any origin: every website can read these responses. Right for public data; otherwise list the allowed origins.');
});

test('serverless.yml: * with allowCredentials, and the fix that drops credentials', () => {
  const finding = only('serverless.yml', SERVICE, 'wildcard-with-credentials');
  assert.equal(finding.message, "Serverless http event cors allows any origin ('*') together with credentials: true; it sends '*' with Access-Control-Allow-Credentials: true, which browsers reject. List the allowed origins instead.");
  assert.deepEqual(finding.related.map((r) => SERVICE.slice(r.start, r.end)), ['true']);
  const output = applyFix('serverless.yml', SERVICE, finding, 'Drop credentials (keep the public *)');
  assert.equal(output, SERVICE.replace("            headers: [Content-Type, Authorization]\n            allowCredentials: true\n", '            headers: [Content-Type, Authorization]\n'));
});

test('serverless.yml: two origins in one list entry are split into two entries', () => {
  const finding = only('serverless.yml', SERVICE, 'multiple-origins');
  assert.equal(finding.message, 'Serverless provider.httpApi.cors is given 2 origins in one string (https://a.example.com, https://b.example.com); it sends the string as one header value, which browsers reject. Pass an array of origins.');
  const output = applyFix('serverless.yml', SERVICE, finding, 'Split into one entry per origin');
  assert.match(output, /        - 'https:\/\/a\.example\.com'\n        - 'https:\/\/b\.example\.com'\n        - \$\{env:EXTRA_ORIGIN\}/);
});

test('serverless.yml: ${…} variables are unknown until deploy, so the list is not judged and the inventory says so', () => {
  const policies = lint('serverless.yml', SERVICE).policies;
  assert.deepEqual(policies.map((p) => [p.framework, p.route, p.origins, p.credentials, p.preflight]), [
    ['Serverless provider.httpApi.cors (serverless.yml)', 'every httpApi event', { kind: 'unknown', detail: 'set by ${env:EXTRA_ORIGIN} at deploy time' }, true, 'answered'],
    ['Serverless http event cors (serverless.yml)', 'GET /items (functions.list)', { kind: 'any' }, false, 'answered'],
    ['Serverless http event cors (serverless.yml)', 'PUT /items/{id} (functions.update)', { kind: 'any' }, true, 'answered'],
    ['Serverless function URL cors (serverless.yml)', 'functions.update URL', { kind: 'list', origins: ['http://partner.example.com'] }, false, 'answered'],
  ]);
});

test('serverless.yml: a disable comment above the value', () => {
  const text = SERVICE.replace("        allowedOrigins: ['http://partner.example.com']", "        # cors-lint-disable-next-line insecure-origin\n        allowedOrigins: ['http://partner.example.com']");
  assert.deepEqual(found('serverless.yml', text).map((f) => f[0]), ['multiple-origins', 'permissive-wildcard', 'wildcard-with-credentials']);
});

test('serverless.yml: http events without cors, and cors: false, grant nothing', () => {
  const text = 'functions:\n  a:\n    handler: a.h\n    events:\n      - http:\n          path: a\n          method: get\n          cors: false\n      - http: GET /b\n';
  const result = lint('serverless.yml', text);
  assert.deepEqual(result.findings, []);
  assert.deepEqual(result.policies, []);
});
