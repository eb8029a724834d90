// Shapes met when the CLI ran over real packages (bench/corpus): code that looks like CORS but is not a
// problem, and must stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from './rule-tester.mjs';

const ids = (code, filename = 'file.js') => run(code, { filename }).findings.map((f) => f.ruleId);

test('expected headers in test assertions are not responses', () => {
  assert.deepEqual(ids("t.assert.deepStrictEqual(res.headers, { 'access-control-allow-origin': 'example.com' });"), []);
  assert.deepEqual(ids("expect(response.headers).toMatchObject({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' });"), []);
  assert.deepEqual(ids("assert.deepEqual(headers, [{ key: 'Access-Control-Allow-Origin', value: 'null' }]);"), []);
});

test('a wildcard test on a configured pattern is not an origin check', () => {
  const code = "function compile(origins) {\n  for (const origin of origins) {\n    if (!origin.includes('*')) exact[origin] = true;\n  }\n}\nres.setHeader('Access-Control-Allow-Origin', 'https://a.example.com');";
  assert.deepEqual(ids(code), []);
});

test('a helper that adds Origin to Vary counts as Vary: Origin', () => {
  const code = "function send(req, reply) {\n  const origin = req.headers.origin;\n  if (allowed.includes(origin)) reply.header('Access-Control-Allow-Origin', origin);\n  addOriginToVaryHeader(reply);\n}";
  assert.deepEqual(ids(code), []);
});

test("'*' as the fallback of an unknown value is not reported as '*' with credentials", () => {
  const code = "async function cors(ctx, options) {\n  const origin = options.origin || '*';\n  ctx.set('Access-Control-Allow-Origin', origin);\n  if (options.credentials === true) ctx.set('Access-Control-Allow-Credentials', 'true');\n}";
  assert.ok(!ids(code).includes('wildcard-with-credentials'));
  const env = "app.use((req, res, next) => {\n  res.set('Access-Control-Allow-Origin', process.env.WEB_ORIGIN || '*');\n  res.set('Access-Control-Allow-Credentials', 'true');\n  next();\n});";
  assert.deepEqual(ids(env), ['wildcard-with-credentials']);
});

test('client request headers are not a CORS policy', () => {
  assert.deepEqual(ids("fetch('/api', { method: 'POST', headers: { 'Access-Control-Allow-Origin': '*' } });"), []);
  assert.deepEqual(ids("const init = { mode: 'cors', credentials: 'include', headers: { 'Access-Control-Allow-Origin': '*' } };"), []);
  assert.deepEqual(ids("axios.get(url, { headers: { 'Access-Control-Allow-Origin': '*' } });"), []);
  assert.deepEqual(ids("request(app).get('/').set('Access-Control-Request-Method', 'PUT').expect(204);"), []);
});
