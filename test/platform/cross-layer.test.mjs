// Checks across a platform file (serverless.yml, SAM template, vercel.json) and the handler code behind it,
// through the project host (here an in-memory one, as the core's tests of the host do; the CLI's project
// host is tested at the end). Each test cites the platform documentation the check follows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeFile, defaultConfig } from '../../dist/core.js';
import { memoryHost } from './helpers.mjs';

const SERVERLESS = `service: items
functions:
  update:
    handler: src/items.update
    events:
      - http:
          path: items/{id}
          method: put
          cors: true
  list:
    handler: src/items.list
    events:
      - http:
          path: items
          method: get
          cors: true
`;

const HANDLER = `const ALLOWED = ['https://app.example.com'];
exports.update = async (event) => {
  const origin = ALLOWED.includes(event.headers.origin) ? event.headers.origin : ALLOWED[0];
  return {
    statusCode: 200,
    headers: {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Credentials': 'true',
      Vary: 'Origin',
    },
    body: '{}',
  };
};
exports.list = async () => ({ statusCode: 200, headers: { 'Access-Control-Allow-Origin': '*' }, body: '[]' });
`;

test('serverless.yml: cors: true answers preflights with * while the handler allows credentials', () => {
  const host = memoryHost({ '/p/src/items.js': HANDLER });
  const result = analyzeFile(SERVERLESS, '/p/serverless.yml', defaultConfig(), { host });
  const finding = result.findings.find((f) => f.ruleId === 'wildcard-with-credentials');
  assert.ok(finding, JSON.stringify(result.findings.map((f) => f.ruleId)));
  assert.equal(SERVERLESS.slice(finding.start, finding.end), 'true');
  assert.equal(finding.start, SERVERLESS.indexOf('cors: true') + 6, 'the update event, not the list event');
  assert.equal(finding.message, "Serverless http event cors answers preflight requests with Access-Control-Allow-Origin '*' and no credentials, but the handler src/items.update allows credentials: browsers reject every credentialed request that needs a preflight. List the allowed origins and set allowCredentials: true.");
  assert.deepEqual(finding.related.map((r) => [r.file, HANDLER.slice(r.start, r.end), r.message]), [
    ['/p/src/items.js', "'Access-Control-Allow-Origin': origin", 'The handler allows credentials here.'],
  ]);
  assert.deepEqual(result.dependencies, ['/p/src/items.js']);
  assert.deepEqual(result.findings.map((f) => f.ruleId), ['wildcard-with-credentials', 'permissive-wildcard'], 'no permissive-wildcard beside it; the list handler has no credentials');
});

test('serverless.yml: without a host, or when the handler cannot be found, nothing is said about the handler', () => {
  const alone = analyzeFile(SERVERLESS, '/p/serverless.yml', defaultConfig());
  assert.deepEqual(alone.findings.map((f) => f.ruleId), ['permissive-wildcard', 'permissive-wildcard']);
  const missing = analyzeFile(SERVERLESS, '/p/serverless.yml', defaultConfig(), { host: memoryHost({}) });
  assert.deepEqual(missing.findings.map((f) => f.ruleId), ['permissive-wildcard', 'permissive-wildcard']);
  const otherExport = analyzeFile(SERVERLESS.replace('src/items.update', 'src/items.remove'), '/p/serverless.yml', defaultConfig(), { host: memoryHost({ '/p/src/items.js': HANDLER }) });
  assert.deepEqual(otherExport.findings.map((f) => f.ruleId), ['permissive-wildcard', 'permissive-wildcard']);
});

test('serverless.yml: an ES module handler (export const) is found too', () => {
  const esm = HANDLER.replace('exports.update = async', 'export const update = async').replace('exports.list = async', 'export const list = async');
  const result = analyzeFile(SERVERLESS, '/p/serverless.yml', defaultConfig(), { host: memoryHost({ '/p/src/items.ts': esm }) });
  assert.deepEqual(result.findings.map((f) => f.ruleId), ['wildcard-with-credentials', 'permissive-wildcard']);
});

test('cli: the project host gives the handler to the check', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lint-cross-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'serverless.yml'), SERVERLESS);
  writeFileSync(join(dir, 'src/items.js'), HANDLER);
  const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
  const run = spawnSync(process.execPath, [cli, '--no-color', 'serverless.yml'], { cwd: dir, encoding: 'utf8' });
  assert.match(run.stdout, /serverless\.yml:9:17 +error +Serverless http event cors answers preflight requests with Access-Control-Allow-Origin '\*' and no credentials, but the handler src\/items\.update allows credentials/);
  // The text formatter prints related locations in the analysed file's name; RelatedLocation.file is
  // carried by the engine (asserted above) but not printed by the CLI yet.
  assert.doesNotMatch(run.stdout, /permissive-wildcard.*\n.*serverless\.yml:9:17/);
});

// --- REST API CORS with a Lambda-proxy handler that never returns Access-Control-Allow-Origin ---
// serverless.yml `http` event `cors` only adds the OPTIONS method: "If you want to use CORS with the
// lambda-proxy integration, remember to include the Access-Control-Allow-* headers in your headers object"
// (serverless/serverless docs/providers/aws/events/apigateway.md, "Enabling CORS"). SAM's Api `Cors` is
// the same API Gateway feature: "For a Lambda proxy integration … your backend is responsible for returning
// the Access-Control-Allow-Origin … headers" (docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html).

/** The update function alone. */
const REST = SERVERLESS.slice(0, SERVERLESS.indexOf('  list:'));

const NO_ORIGIN = `const headers = { 'Content-Type': 'application/json' };
exports.update = async (event) => {
  if (!event.body || !event.headers['content-type']) return { statusCode: 400, body: 'missing body' };
  return { statusCode: 200, headers, body: event.body };
};
`;

const MISSING_MESSAGE = 'Serverless http event cors only answers the preflight: with the Lambda-proxy integration the actual response is what the handler src/items.update returns, and it never sets Access-Control-Allow-Origin, so browsers block the actual response of every cross-origin request to PUT /items/{id} (functions.update). Return Access-Control-Allow-Origin from the handler too.';

test('serverless.yml: http cors with a Lambda-proxy handler that never returns Access-Control-Allow-Origin is missing-preflight at the cors key', () => {
  const result = analyzeFile(REST, '/p/serverless.yml', defaultConfig(), { host: memoryHost({ '/p/src/items.js': NO_ORIGIN }) });
  const finding = result.findings.find((f) => f.ruleId === 'missing-preflight');
  assert.ok(finding, JSON.stringify(result.findings.map((f) => f.ruleId)));
  assert.equal(finding.severity, 'warning');
  assert.equal(finding.start, REST.indexOf('cors: true'));
  assert.equal(REST.slice(finding.start, finding.end), 'cors');
  assert.equal(finding.message, MISSING_MESSAGE);
  assert.deepEqual(finding.related.map((r) => [r.file, NO_ORIGIN.slice(r.start, r.end), r.message]), [
    ['/p/src/items.js', "{ statusCode: 400, body: 'missing body' }", 'Returned without Access-Control-Allow-Origin.'],
    ['/p/src/items.js', '{ statusCode: 200, headers, body: event.body }', 'Returned without Access-Control-Allow-Origin.'],
  ]);
  assert.deepEqual(result.dependencies, ['/p/src/items.js']);
});

test('serverless.yml: an explicit lambda-proxy integration and an inline headers object are read the same way', () => {
  const yml = REST.replace('          cors: true\n', '          integration: lambda-proxy\n          cors:\n            origin: https://app.example.com\n');
  const handler = "export const update = async () => ({ statusCode: 204, headers: { 'Cache-Control': 'no-store' } });\n";
  const result = analyzeFile(yml, '/p/serverless.yml', defaultConfig(), { host: memoryHost({ '/p/src/items.ts': handler }) });
  assert.deepEqual(result.findings.map((f) => [f.ruleId, yml.slice(f.start, f.end)]), [['missing-preflight', 'cors']]);
});

test('serverless.yml: silent when the handler answers in a way the engine cannot see, or sets the header', () => {
  const silent = {
    'sets the header (a comment alone would not count)': "exports.update = async () => ({ statusCode: 200, headers: { 'access-control-allow-origin': 'https://app.example.com' }, body: '' });\n",
    'a constant names the header': "const ORIGIN_HEADER = 'Access-Control-Allow-Origin';\nexports.update = async () => ({ statusCode: 200, body: '' });\n",
    'serverless-http wraps an app': "const serverless = require('serverless-http');\nconst app = require('./app');\nmodule.exports.update = serverless(app);\n",
    'middy with http-cors': "import middy from '@middy/core';\nimport cors from '@middy/http-cors';\nconst base = async () => ({ statusCode: 200, body: '' });\nexport const update = middy(base).use(cors({ origin: 'https://app.example.com' }));\n",
    'a helper builds the response': "const { json } = require('./respond');\nexports.update = async () => json(200, {});\n",
    'headers from another module': "const { headers } = require('./headers');\nexports.update = async () => ({ statusCode: 200, headers, body: '' });\n",
    'a spread response': "const base = require('./base');\nexports.update = async () => ({ ...base, statusCode: 200 });\n",
    'a headers constant that is changed': "const headers = {};\nObject.assign(headers, require('./cors'));\nexports.update = async () => ({ statusCode: 200, headers, body: '' });\n",
    'the callback answers': 'exports.update = (event, context, callback) => { callback(null, { statusCode: 200, body: "" }); };\n',
    'context.succeed answers': 'exports.update = (event, context) => { context.succeed({ statusCode: 200, body: "" }); return; };\n',
  };
  for (const [why, handler] of Object.entries(silent)) {
    const result = analyzeFile(REST, '/p/serverless.yml', defaultConfig(), { host: memoryHost({ '/p/src/items.js': handler }) });
    assert.deepEqual(result.findings.map((f) => f.ruleId), ['permissive-wildcard'], why);
  }
  const commented = `// Access-Control-Allow-Origin comes from serverless.yml\n${NO_ORIGIN}`;
  const withComment = analyzeFile(REST, '/p/serverless.yml', defaultConfig(), { host: memoryHost({ '/p/src/items.js': commented }) });
  assert.deepEqual(withComment.findings.map((f) => f.ruleId), ['missing-preflight', 'permissive-wildcard'], 'a comment naming the header sends nothing');
  const lambdaIntegration = REST.replace('          cors: true\n', '          integration: lambda\n          cors: true\n');
  const custom = analyzeFile(lambdaIntegration, '/p/serverless.yml', defaultConfig(), { host: memoryHost({ '/p/src/items.js': NO_ORIGIN }) });
  assert.deepEqual(custom.findings.map((f) => f.ruleId), ['permissive-wildcard'], 'integration: lambda shapes the response in API Gateway');
  const python = REST.replace('functions:\n', 'provider:\n  name: aws\n  runtime: python3.12\nfunctions:\n');
  assert.deepEqual(analyzeFile(python, '/p/serverless.yml', defaultConfig(), { host: memoryHost({ '/p/src/items.js': NO_ORIGIN }) }).findings.map((f) => f.ruleId), ['permissive-wildcard'], 'a Python service');
  assert.deepEqual(analyzeFile(REST, '/p/serverless.yml', defaultConfig()).findings.map((f) => f.ruleId), ['permissive-wildcard'], 'no host');
  assert.deepEqual(analyzeFile(REST, '/p/serverless.yml', defaultConfig(), { host: memoryHost({}) }).findings.map((f) => f.ruleId), ['permissive-wildcard'], 'no handler file');
});

const SAM = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: hello-world/
Resources:
  ShopApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Cors:
        AllowOrigin: "'https://app.example.com'"
  HelloFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.lambdaHandler
      Events:
        Hello:
          Type: Api
          Properties:
            RestApiId: !Ref ShopApi
            Path: /hello
            Method: post
`;

const SAM_APP = "export const lambdaHandler = async (event) => {\n  return { statusCode: 200, body: JSON.stringify({ message: 'hello' }) };\n};\n";

test('SAM: an Api Cors whose Api event function (CodeUri + Handler from Globals) never returns the header', () => {
  const result = analyzeFile(SAM, '/p/template.yaml', defaultConfig(), { host: memoryHost({ '/p/hello-world/app.ts': SAM_APP }) });
  assert.equal(result.findings.length, 1, JSON.stringify(result.findings.map((f) => f.ruleId)));
  const [finding] = result.findings;
  assert.equal(finding.ruleId, 'missing-preflight');
  assert.equal(finding.start, SAM.indexOf('Cors:'));
  assert.equal(SAM.slice(finding.start, finding.end), 'Cors');
  assert.equal(finding.message, 'SAM Api Cors only answers the preflight: with the Lambda-proxy integration the actual response is what the handler HelloFunction (hello-world/app.lambdaHandler) returns, and it never sets Access-Control-Allow-Origin, so browsers block the actual response of every cross-origin request to ShopApi. Return Access-Control-Allow-Origin from the handler too.');
  assert.deepEqual(finding.related.map((r) => [r.file, SAM_APP.slice(r.start, r.end)]), [['/p/hello-world/app.ts', "{ statusCode: 200, body: JSON.stringify({ message: 'hello' }) }"]]);
});

test("SAM: an Api Cors of '*' whose function allows credentials is wildcard-with-credentials, as in serverless.yml", () => {
  const star = SAM.replace(`AllowOrigin: "'https://app.example.com'"`, `AllowOrigin: "'*'"`);
  const result = analyzeFile(star, '/p/template.yaml', defaultConfig(), { host: memoryHost({ '/p/hello-world/app.ts': HANDLER.replace('exports.update = async', 'export const lambdaHandler = async') }) });
  assert.deepEqual(result.findings.map((f) => [f.ruleId, star.slice(f.start, f.end)]), [['wildcard-with-credentials', `"'*'"`]]);
  assert.equal(result.findings[0].message, `SAM Api Cors answers preflight requests with Access-Control-Allow-Origin '*' and no credentials, but the handler HelloFunction (hello-world/app.lambdaHandler) allows credentials: browsers reject every credentialed request that needs a preflight. Allow one origin (AllowOrigin: "'https://…'") and set AllowCredentials: true.`);
});

test('SAM: Globals.Api Cors covers the implicit API; another runtime, another API and a JSON Ref are told apart', () => {
  const implicit = `Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    Cors: "'https://app.example.com'"
Resources:
  HelloFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: src
      Handler: app.handler
      Events:
        Hello:
          Type: Api
          Properties:
            Path: /hello
            Method: get
`;
  const files = { '/p/src/app.js': "exports.handler = async () => ({ statusCode: 200, body: 'hi' });\n" };
  const found = analyzeFile(implicit, '/p/template.yaml', defaultConfig(), { host: memoryHost(files) }).findings;
  assert.deepEqual(found.map((f) => [f.ruleId, implicit.slice(f.start, f.end)]), [['missing-preflight', 'Cors']]);
  // An explicit AWS::Serverless::Api without Cors of its own takes Globals.Api's; a plain
  // AWS::ApiGateway::RestApi does not (Globals only apply to SAM resource types).
  const explicit = (type) => implicit.replace('Resources:\n', `Resources:\n  ShopApi:\n    Type: ${type}\n    Properties:\n      StageName: prod\n`).replace('            Path: /hello', '            RestApiId: !Ref ShopApi\n            Path: /hello');
  assert.deepEqual(analyzeFile(explicit('AWS::Serverless::Api'), '/p/template.yaml', defaultConfig(), { host: memoryHost(files) }).findings.map((f) => f.ruleId), ['missing-preflight']);
  assert.deepEqual(analyzeFile(explicit('AWS::ApiGateway::RestApi'), '/p/template.yaml', defaultConfig(), { host: memoryHost(files) }).findings, []);
  const python = implicit.replace('nodejs20.x', 'python3.12');
  assert.deepEqual(analyzeFile(python, '/p/template.yaml', defaultConfig(), { host: memoryHost(files) }).findings, []);
  // An event on an API the template does not define with that Cors: not this setting's function.
  const otherApi = SAM.replace('RestApiId: !Ref ShopApi', 'RestApiId: !Ref OtherApi');
  assert.deepEqual(analyzeFile(otherApi, '/p/template.yaml', defaultConfig(), { host: memoryHost({ '/p/hello-world/app.ts': SAM_APP }) }).findings, []);
  const json = JSON.stringify({
    Transform: 'AWS::Serverless-2016-10-31',
    Resources: {
      ShopApi: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'prod', Cors: "'https://app.example.com'" } },
      HelloFunction: { Type: 'AWS::Serverless::Function', Properties: { Runtime: 'nodejs20.x', CodeUri: 'hello-world/', Handler: 'app.lambdaHandler', Events: { Hello: { Type: 'Api', Properties: { RestApiId: { Ref: 'ShopApi' }, Path: '/hello', Method: 'get' } } } } },
    },
  }, null, 2);
  const fromJson = analyzeFile(json, '/p/template.json', defaultConfig(), { host: memoryHost({ '/p/hello-world/app.ts': SAM_APP }) }).findings;
  assert.deepEqual(fromJson.map((f) => [f.ruleId, json.slice(f.start, f.end)]), [['missing-preflight', '"Cors"']]);
});

// --- The platform and the handler both set Access-Control-Allow-Origin ---

test('serverless.yml: provider.httpApi.cors with a handler that sets the header too — API Gateway ignores the handler\'s value', () => {
  // "If you configure CORS for an API, API Gateway ignores CORS headers returned from your backend
  // integration." https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
  const yml = `service: items
provider:
  name: aws
  httpApi:
    cors:
      allowedOrigins:
        - https://app.example.com
functions:
  list:
    handler: src/list.handler
    events:
      - httpApi: GET /items
  health:
    handler: src/health.handler
    events:
      - httpApi: GET /health
`;
  const list = "export const handler = async () => ({ statusCode: 200, headers: { 'Access-Control-Allow-Origin': '*' }, body: '[]' });\n";
  const health = "export const handler = async () => ({ statusCode: 200, body: 'ok' });\n";
  const result = analyzeFile(yml, '/p/serverless.yml', defaultConfig(), { host: memoryHost({ '/p/src/list.ts': list, '/p/src/health.ts': health }) });
  assert.deepEqual(result.findings.map((f) => [f.ruleId, f.severity, yml.slice(f.start, f.end)]), [['duplicate-origin-header', 'warning', 'cors']]);
  const [finding] = result.findings;
  assert.equal(finding.start, yml.indexOf('cors:'));
  assert.equal(finding.message, 'Serverless provider.httpApi.cors is configured, so API Gateway adds the CORS headers to every response and ignores those the function returns: the Access-Control-Allow-Origin set by src/list.handler never reaches the browser, which gets the origins configured here instead. Keep one of them.');
  assert.deepEqual(finding.related.map((r) => [r.file, list.slice(r.start, r.end), r.message]), [
    ['/p/src/list.ts', "'Access-Control-Allow-Origin': '*'", 'Ignored by API Gateway: this value is never sent.'],
  ]);
  assert.deepEqual(result.dependencies.sort(), ['/p/src/health.ts', '/p/src/list.ts']);
  // An httpApi handler that returns no CORS header is what HTTP APIs expect: nothing to say.
  const quiet = analyzeFile(yml, '/p/serverless.yml', defaultConfig(), { host: memoryHost({ '/p/src/list.ts': health, '/p/src/health.ts': health }) });
  assert.deepEqual(quiet.findings, []);
});

test('SAM: HttpApi CorsConfiguration (Globals or the resource) with a function that sets the header too', () => {
  const template = `Transform: AWS::Serverless-2016-10-31
Globals:
  HttpApi:
    CorsConfiguration:
      AllowOrigins:
        - https://app.example.com
Resources:
  ListFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: src/
      Handler: list.handler
      Events:
        List:
          Type: HttpApi
          Properties:
            Path: /items
            Method: get
`;
  const list = "export const handler = async () => ({ statusCode: 200, headers: { 'Access-Control-Allow-Origin': '*' }, body: '[]' });\n";
  const result = analyzeFile(template, '/p/template.yaml', defaultConfig(), { host: memoryHost({ '/p/src/list.ts': list }) });
  assert.deepEqual(result.findings.map((f) => [f.ruleId, template.slice(f.start, f.end)]), [['duplicate-origin-header', 'CorsConfiguration']]);
  assert.equal(result.findings[0].message, 'SAM HttpApi CorsConfiguration is configured, so API Gateway adds the CORS headers to every response and ignores those the function returns: the Access-Control-Allow-Origin set by ListFunction (src/list.handler) never reaches the browser, which gets the origins configured here instead. Keep one of them.');
  // An AWS::Serverless::HttpApi with its own CorsConfiguration answers for its events instead.
  const own = template.replace('Resources:\n', 'Resources:\n  ItemsApi:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n      CorsConfiguration: true\n').replace('            Path: /items', '            ApiId: !Ref ItemsApi\n            Path: /items');
  const ownResult = analyzeFile(own, '/p/template.yaml', defaultConfig(), { host: memoryHost({ '/p/src/list.ts': list }) });
  assert.deepEqual(ownResult.findings.map((f) => [f.ruleId, own.slice(f.start, f.end)]), [['duplicate-origin-header', 'CorsConfiguration'], ['permissive-wildcard', 'true']]);
  assert.equal(ownResult.findings[0].start, own.indexOf('CorsConfiguration: true'), "the ItemsApi's setting, not Globals'");
});

const VERCEL = `{
  "headers": [
    { "source": "/api/items", "headers": [{ "key": "Access-Control-Allow-Origin", "value": "https://app.example.com" }] },
    { "source": "/api/(.*)", "headers": [{ "key": "Access-Control-Allow-Origin", "value": "https://app.example.com" }] }
  ]
}
`;
const VERCEL_FUNCTION = "export default function handler(req, res) {\n  res.setHeader('Access-Control-Allow-Origin', 'https://admin.example.com');\n  res.json([]);\n}\n";

test('vercel.json: a header for /api/items that the api/items function sets too — the function\'s value wins', () => {
  // "You can define route headers in vercel.json or next.config.js files. These headers will be overridden
  // by headers defined in Function responses." https://vercel.com/docs/cdn-cache
  const result = analyzeFile(VERCEL, '/p/vercel.json', defaultConfig(), { host: memoryHost({ '/p/api/items.js': VERCEL_FUNCTION }) });
  assert.deepEqual(result.findings.map((f) => [f.ruleId, f.severity, VERCEL.slice(f.start, f.end)]), [['duplicate-origin-header', 'warning', '"https://app.example.com"']]);
  const [finding] = result.findings;
  assert.equal(finding.start, VERCEL.indexOf('"https://app.example.com"'), 'the literal /api/items rule; /api/(.*) names no single function');
  assert.equal(finding.message, "vercel.json adds Access-Control-Allow-Origin to /api/items, and the function api/items.js sets it too: Vercel lets a function's headers override vercel.json's for the same route, so the browser gets the function's value and this one is never sent where the function sets it. Keep one of them.");
  assert.deepEqual(finding.related.map((r) => [r.file, VERCEL_FUNCTION.slice(r.start, r.end), r.message]), [
    ['/p/api/items.js', "res.setHeader('Access-Control-Allow-Origin', 'https://admin.example.com')", "The function's value, which the browser gets."],
  ]);
  const plain = "export default function handler(req, res) {\n  res.json([]);\n}\n";
  assert.deepEqual(analyzeFile(VERCEL, '/p/vercel.json', defaultConfig(), { host: memoryHost({ '/p/api/items.js': plain }) }).findings, []);
});

test('netlify.toml, _headers and firebase.json headers are not compared with function code (the platforms do not apply them to function responses, or do not say)', () => {
  const files = { '/p/api/items.js': VERCEL_FUNCTION, '/p/netlify/functions/items.js': VERCEL_FUNCTION };
  const toml = '[[headers]]\n  for = "/api/items"\n  [headers.values]\n    Access-Control-Allow-Origin = "https://app.example.com"\n';
  assert.deepEqual(analyzeFile(toml, '/p/netlify.toml', defaultConfig(), { host: memoryHost(files) }).findings, []);
  const headers = '/api/items\n  Access-Control-Allow-Origin: https://app.example.com\n';
  assert.deepEqual(analyzeFile(headers, '/p/_headers', defaultConfig(), { host: memoryHost(files) }).findings, []);
  const firebase = '{ "hosting": { "headers": [{ "source": "/api/items", "headers": [{ "key": "Access-Control-Allow-Origin", "value": "https://app.example.com" }] }] } }\n';
  assert.deepEqual(analyzeFile(firebase, '/p/firebase.json', defaultConfig(), { host: memoryHost(files) }).findings, []);
});

test('cli: the new cross-layer findings over a project on disk, with the handler files as related locations', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lint-cross-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'service/src'), { recursive: true });
  mkdirSync(join(dir, 'web/api'), { recursive: true });
  writeFileSync(join(dir, 'service/serverless.yml'), REST);
  writeFileSync(join(dir, 'service/src/items.js'), NO_ORIGIN);
  writeFileSync(join(dir, 'web/vercel.json'), VERCEL);
  writeFileSync(join(dir, 'web/api/items.js'), VERCEL_FUNCTION);
  const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
  const run = spawnSync(process.execPath, [cli, '--no-color', '--format', 'json', 'service/serverless.yml', 'web/vercel.json'], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout);
  const findings = Object.fromEntries(report.files.map((f) => [f.path, f.findings.map((x) => `${x.line}:${x.column} ${x.ruleId}`)]));
  assert.deepEqual(findings, {
    'service/serverless.yml': ['9:11 missing-preflight', '9:17 permissive-wildcard'],
    'web/vercel.json': ['3:92 duplicate-origin-header'],
  });
  const missing = report.files.find((f) => f.path === 'service/serverless.yml').findings[0];
  assert.equal(missing.message, MISSING_MESSAGE);
  assert.deepEqual(missing.related.map((r) => [r.path, r.line]), [['service/src/items.js', 3], ['service/src/items.js', 4]]);
});
