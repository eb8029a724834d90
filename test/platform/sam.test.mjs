// AWS SAM / CloudFormation templates, YAML and JSON. SAM REST API Cors values are API Gateway mapping
// expressions (a static origin is "'https://a.example'"), HTTP APIs and function URLs take lists, and
// intrinsic functions are only known at deploy time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, found, lint, only } from './helpers.mjs';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    Cors:
      AllowOrigin: "'*'"
      AllowCredentials: true
Resources:
  RestApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Cors:
        AllowOrigin: "https://app.example.com"
        AllowMethods: "'GET,POST'"
  SubApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Cors: !Sub "'https://\${Domain}'"
  JoinedApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Cors:
        AllowOrigin:
          Fn::Join: ['', ["'", !Ref Domain, "'"]]
  HttpApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      CorsConfiguration:
        AllowOrigins:
          - https://app.example.com
          - "null"
        AllowCredentials: true
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      FunctionUrlConfig:
        AuthType: NONE
        Cors:
          AllowOrigins: ['https://app.example.com/']
`;

test('template.yaml: findings with exact ranges; intrinsic functions are silent', () => {
  assert.deepEqual(found('template.yaml', TEMPLATE), [
    ['wildcard-with-credentials', 'error', `"'*'"`],
    ['invalid-origin', 'error', '"https://app.example.com"'],
    ['null-origin', 'error', '"null"'],
    ['invalid-origin', 'error', "'https://app.example.com/'"],
  ]);
});

test('SAM Api Cors: a value without the inner quotes, and the fix that quotes it', () => {
  const finding = lint('template.yaml', TEMPLATE).findings.find((f) => f.ruleId === 'invalid-origin');
  assert.equal(finding.message, `The allowed origin 'https://app.example.com' can never match: SAM Api Cors values are API Gateway mapping expressions, and a static value needs single quotes inside the string ("'https://app.example.com'"); without them the deployment fails. Browsers will block these cross-origin requests.`);
  assert.deepEqual(finding.fixes.map((f) => [f.title, f.kind]), [[`Quote it: "'https://app.example.com'"`, 'safe']]);
  const output = applyFix('template.yaml', TEMPLATE, finding, `Quote it: "'https://app.example.com'"`);
  assert.match(output, /AllowOrigin: "'https:\/\/app\.example\.com'"\n/);
  assert.deepEqual(found('template.yaml', output).filter((f) => f[2].includes('app.example.com"')), []);
});

test('SAM Globals.Api Cors: quoted * with AllowCredentials, and the allowlist fix keeps the inner quotes', () => {
  const finding = only('template.yaml', TEMPLATE, 'wildcard-with-credentials', { allowedOrigins: ['https://app.example.com'] });
  assert.equal(finding.message, "SAM Api Cors allows any origin ('*') together with credentials: true; it sends '*' with Access-Control-Allow-Credentials: true, which browsers reject. List the allowed origins instead.");
  const output = applyFix('template.yaml', TEMPLATE, finding, 'Allow only https://app.example.com', { allowedOrigins: ['https://app.example.com'] });
  assert.match(output, /Globals:\n  Api:\n    Cors:\n      AllowOrigin: "'https:\/\/app\.example\.com'"\n/);
  assert.match(applyFix('template.yaml', TEMPLATE, finding, 'Drop credentials (keep the public *)'), /AllowOrigin: "'\*'"\nResources:/);
});

test('template.yaml: the inventory lists every API, unknown where an intrinsic decides', () => {
  assert.deepEqual(lint('template.yaml', TEMPLATE).policies.map((p) => [p.framework, p.route, p.origins, p.credentials]), [
    ['SAM Api Cors (template.yaml)', 'Globals.Api', { kind: 'any' }, true],
    ['SAM Api Cors (template.yaml)', 'RestApi', { kind: 'list', origins: ['https://app.example.com'] }, false],
    ['SAM Api Cors (template.yaml)', 'SubApi', { kind: 'unknown', detail: 'set by !Sub at deploy time' }, false],
    ['SAM Api Cors (template.yaml)', 'JoinedApi', { kind: 'unknown', detail: 'set by Fn::Join at deploy time' }, false],
    ['SAM HttpApi CorsConfiguration (template.yaml)', 'HttpApi', { kind: 'null' }, true],
    ['SAM function URL Cors (template.yaml)', 'Fn', { kind: 'list', origins: ['https://app.example.com/'] }, false],
  ]);
});

const JSON_TEMPLATE = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Api": {
      "Type": "AWS::ApiGatewayV2::Api",
      "Properties": {
        "ProtocolType": "HTTP",
        "CorsConfiguration": {
          "AllowOrigins": ["*"],
          "AllowCredentials": true
        }
      }
    },
    "Url": {
      "Type": "AWS::Lambda::Url",
      "Properties": {
        "TargetFunctionArn": { "Fn::GetAtt": ["Fn", "Arn"] },
        "Cors": { "AllowOrigins": [{ "Fn::Sub": "https://\${Domain}" }, "https://a.example, https://b.example"] }
      }
    }
  }
}
`;

test('CloudFormation JSON: API Gateway v2 and Lambda URL, with Fn:: objects unknown', () => {
  assert.deepEqual(found('api.template.json', JSON_TEMPLATE), [
    ['wildcard-with-credentials', 'error', '"*"'],
    ['multiple-origins', 'error', '"https://a.example, https://b.example"'],
  ]);
  const several = only('api.template.json', JSON_TEMPLATE, 'multiple-origins');
  assert.match(applyFix('api.template.json', JSON_TEMPLATE, several, 'Split into one entry per origin'), /"AllowOrigins": \[\{ "Fn::Sub": "https:\/\/\$\{Domain\}" \}, "https:\/\/a\.example", "https:\/\/b\.example"\]/);
  const wildcard = only('api.template.json', JSON_TEMPLATE, 'wildcard-with-credentials');
  assert.match(applyFix('api.template.json', JSON_TEMPLATE, wildcard, 'Drop credentials (keep the public *)'), /"AllowOrigins": \["\*"\]\n        \}/);
});

test('a YAML file named like a template that is not one has no findings', () => {
  assert.deepEqual(found('template.yaml', 'name: my-chart\ncors: true\n'), []);
});
