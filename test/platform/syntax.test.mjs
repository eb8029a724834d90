// A platform file that does not parse is one clear diagnostic at the first error: never a crash,
// never silence. Every prefix of a valid file (what an editor sends while the user types) is checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { found, lint } from './helpers.mjs';

const MESSAGE = (label, why) => `${label} does not parse (${why}), so the platform cannot use it and cors-lint cannot check its CORS settings. Fix the syntax.`;

test('vercel.json: a missing comma', () => {
  const text = '{\n  "headers": [\n    { "source": "/(.*)" "headers": [] }\n  ]\n}\n';
  const { findings } = lint('vercel.json', text);
  assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, text.slice(f.start, f.end), f.message]), [
    ['platform-syntax-error', 'error', '"headers"', MESSAGE('vercel.json', 'comma expected')],
  ]);
});

test('vercel.json: comments and trailing commas are errors (Vercel rejects them)', () => {
  assert.deepEqual(found('vercel.json', '{ "headers": [], }'), [['platform-syntax-error', 'error', '}']]);
  assert.deepEqual(found('vercel.json', '// x\n{}').map((f) => f[0]), ['platform-syntax-error']);
});

test('netlify.toml: an unterminated table header', () => {
  const text = '[[headers]\n  for = "/*"\n';
  const { findings } = lint('netlify.toml', text);
  assert.equal(findings.length, 1);
  assert.equal(findings[0].ruleId, 'platform-syntax-error');
  assert.ok(findings[0].end > findings[0].start, 'a visible range');
  assert.match(findings[0].message, /^netlify\.toml does not parse \(/);
});

test('serverless.yml: bad indentation, and a duplicate key', () => {
  const text = 'functions:\n  a:\n    handler: a.h\n   events: []\n';
  assert.deepEqual(found('serverless.yml', text).map((f) => f[0]), ['platform-syntax-error']);
  const duplicate = 'provider:\n  name: aws\nprovider:\n  name: aws\n';
  const [finding] = lint('serverless.yml', duplicate).findings;
  assert.equal(duplicate.slice(finding.start, finding.end), 'provider');
  assert.equal(finding.start, duplicate.lastIndexOf('provider'));
  assert.equal(finding.message, MESSAGE('serverless.yml', 'Map keys must be unique'));
});

test('_headers: a header line before any path', () => {
  const text = '  Access-Control-Allow-Origin: *\n/*\n  X-Frame-Options: DENY\n';
  assert.deepEqual(found('_headers', text), [['platform-syntax-error', 'error', 'Access-Control-Allow-Origin: *']]);
  assert.match(lint('_headers', text).findings[0].message, /a header line comes before any path pattern/);
});

test('SAM: CloudFormation tags are not YAML errors', () => {
  const text = 'Resources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      Cors: !If [IsProd, "\'https://a.example\'", !Ref AWS::NoValue]\n';
  assert.deepEqual(found('template.yml', text), []);
});

test('every prefix of the examples is analysed without an exception, and a broken one gets at most one syntax finding', () => {
  for (const [name, path] of [
    ['vercel.json', 'examples/vercel/vercel.json'],
    ['serverless.yml', 'examples/serverless/serverless.yml'],
    ['template.yaml', 'examples/serverless/template.yaml'],
    ['netlify.toml', 'test/fixtures/platform/netlify.toml'],
    ['_headers', 'test/fixtures/platform/_headers'],
  ]) {
    const text = readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
    for (let end = 0; end <= text.length; end += 7) {
      const result = lint(name, text.slice(0, end));
      const syntax = result.findings.filter((f) => f.ruleId === 'platform-syntax-error');
      assert.ok(syntax.length <= 1, `${name} up to ${end}`);
      if (syntax.length === 1) assert.equal(result.findings.length, 1, `${name} up to ${end}: nothing else beside the syntax error`);
    }
  }
});
