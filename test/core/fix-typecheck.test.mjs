// Fixed TypeScript type-checks (issue 11 item 3): every fix offered on the TypeScript files of
// examples/ — the safe ones through fix-all, each suggestion on its own — is applied and the result
// type-checked in-process (fix-typecheck.mjs); it may have no diagnostic the unfixed file lacks.
// The checker itself is shown to fail on the kinds of broken edit it exists to catch.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fixedVariants, newDiagnostics } from './fix-typecheck.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function typescriptSources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? typescriptSources(path) : /\.(m|c)?tsx?$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : [];
  });
}

describe('fixed TypeScript examples type-check', () => {
  const files = typescriptSources(join(ROOT, 'examples'));
  const cases = files.flatMap((file) => {
    const code = readFileSync(file, 'utf8');
    return fixedVariants(code, file).map((v) => ({ ...v, file: relative(ROOT, file), fileName: file, before: code }));
  });
  it('offers fixes to check', () => assert.ok(cases.length >= 10, `only ${cases.length} fixed texts`));
  const added = newDiagnostics(cases);
  cases.forEach((c, i) => {
    it(`${c.file}: ${c.title}`, () => assert.deepEqual(added[i], [], `new diagnostics after the fix:\n${c.after}`));
  });
});

describe('the checker catches broken fixes', () => {
  it("an identifier out of scope: req.headers.get('Origin') written into a NestJS @Header argument", () => {
    const before = "import { Controller, Get, Header, Req } from '@nestjs/common';\n\n@Controller('me')\nexport class MeController {\n  @Get()\n  @Header('Access-Control-Allow-Origin', '*')\n  me(@Req() req) {\n    return req.user;\n  }\n}\n";
    const after = before.replace("'*'", "allowedOrigins.find((allowed) => allowed === req.headers.get('Origin')) ?? allowedOrigins[0]").replace('\n@Controller', "\nconst allowedOrigins = ['https://app.example.com'];\n\n@Controller");
    const [added] = newDiagnostics([{ fileName: 'me.controller.ts', before, after }]);
    assert.equal(added.length, 1);
    assert.match(added[0], /^TS(2304|2552): Cannot find name 'req'\./);
  });
  it('a member the object does not offer: .origin on a Fetch Headers', () => {
    const before = "export default {\n  async fetch(request: Request) {\n    return new Response('ok', { headers: { 'Access-Control-Allow-Origin': '*' } });\n  },\n};\n";
    const after = before.replace("'*'", 'request.headers.origin');
    const [added] = newDiagnostics([{ fileName: 'worker.ts', before, after }]);
    assert.deepEqual(added, ["TS2339: Property 'origin' does not exist on type 'Headers'."]);
  });
  it("a Fetch read on a Node request (the issue's TypeError): req.headers.get on IncomingMessage, typed by @types/node", () => {
    const before = "import http from 'node:http';\nhttp.createServer((req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.end();\n});\n";
    const after = before.replace("'*'", "req.headers.get('Origin')");
    const [added] = newDiagnostics([{ fileName: 'server.ts', before, after }]);
    assert.equal(added.length, 1);
    assert.match(added[0], /^TS2349: This expression is not callable/); // headers.get is a header value (string | string[]), not a method
  });
  it("a value the library's types reject: a RegExp in hono/cors's origin array (Hono compares entries with ===), typed by the hono dev dependency", () => {
    const before = "import { Hono } from 'hono';\nimport { cors } from 'hono/cors';\nconst app = new Hono();\napp.use('*', cors({ origin: ['https://a.com'] }));\n";
    const after = before.replace("['https://a.com']", "[/^https:\\/\\/[a-z]+\\.a\\.com$/, 'https://a.com']");
    assert.deepEqual(newDiagnostics([{ fileName: 'app.ts', before, after }]), [["TS2322: Type 'RegExp' is not assignable to type 'string'."]]);
  });
  it("a member Hono's request does not offer: c.req.headers", () => {
    const before = "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/x', (c) => c.json({}));\n";
    const [added] = newDiagnostics([{ fileName: 'app.ts', before, after: before.replace('c.json({})', 'c.json({ o: c.req.headers.origin })') }]);
    assert.equal(added.length, 1);
    assert.match(added[0], /^TS2551: Property 'headers' does not exist on type 'HonoRequest/);
  });
  it('a syntax error', () => {
    const before = "export function GET() {\n  return new Response('ok');\n}\n";
    const [added] = newDiagnostics([{ fileName: 'route.ts', before, after: before.replace('new Response', 'new Response(') }]);
    assert.ok(added.length > 0);
  });
  it('an unresolved global the file already used is not new when the fix uses it again', () => {
    const before = "app.get('/x', (req, res) => res.json({}));\n";
    const after = `${before}app.options('/x', (req, res) => res.sendStatus(204));\n`;
    assert.deepEqual(newDiagnostics([{ fileName: 'server.ts', before, after }]), [[]]);
  });
  it('the same text before and after has nothing new, and a repaired error is no error', () => {
    const broken = "const n: number = 'x';\n";
    assert.deepEqual(newDiagnostics([{ fileName: 'a.ts', before: broken, after: broken }, { fileName: 'b.ts', before: broken, after: 'const n: number = 1;\n' }]), [[], []]);
  });
});
