import { ruleTester, run } from './rule-tester.mjs';
import { it } from 'node:test';
import assert from 'node:assert/strict';

const PUBLIC = "Access-Control-Allow-Origin '*' lets every website read this response. That is right for public data; if it is not public, allow only known origins.";

ruleTester('permissive-wildcard', {
  valid: [
    { name: 'a fixed origin', code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n});" },
    { name: "origin || '*' is reflected-origin's", code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', req.headers.origin || '*');\n});" },
    { name: '* with credentials is wildcard-with-credentials', code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n});" },
    { name: "cors package: '*' inside an array only matches the literal origin '*', so it grants nothing", code: "import cors from 'cors';\napp.use(cors({ origin: ['https://a.com', '*'] }));" },
    { name: 'cors disabled', code: "import cors from 'cors';\napp.use(cors({ origin: false }));" },
    { name: 'fetch() request headers', code: "const res = await fetch('/api', { headers: { 'Access-Control-Allow-Origin': '*' } });" },
    { name: 'axios request headers', code: "axios.get('/api', { headers: { 'Access-Control-Allow-Origin': '*' } });" },
  ],

  invalid: [
    {
      name: 'public * is informational',
      code: "app.get('/public', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.json({ ok: true });\n});",
      errors: [{
        line: 2, column: 48, endColumn: 51, text: "'*'", severity: 'info', message: PUBLIC,
        suggestions: [
          { title: /^Allow only the origins in allowedOrigins \(inserts the placeholder https:\/\/app\.example\.com: replace it\)$/, output: "const allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\napp.get('/public', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', allowedOrigins.find((allowed) => allowed === req.headers.origin) ?? allowedOrigins[0]);\n  res.setHeader('Vary', 'Origin');\n  res.json({ ok: true });\n});" },
          { title: /^Keep it public/, output: "app.get('/public', (req, res) => {\n  // cors-lint-disable-next-line permissive-wildcard -- public data, readable by every site\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.json({ ok: true });\n});" },
        ],
      }],
    },
    {
      name: 'escalated to a warning when the handler reads cookies',
      code: "app.get('/me', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.json({ user: req.cookies.session });\n});",
      errors: [{ line: 2, column: 48, text: "'*'", severity: 'warning', message: /this handler reads cookies or an Authorization header/ }],
    },
    {
      name: 'escalated when the handler reads Authorization',
      code: "app.get('/me', (req, res) => {\n  const token = req.headers.authorization;\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.json(verify(token));\n});",
      errors: [{ line: 3, text: "'*'", severity: 'warning' }],
    },
    {
      name: "escalated when the handler reads req.get('Authorization')",
      code: "app.get('/me', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.json(verify(req.get('Authorization')));\n});",
      errors: [{ line: 2, text: "'*'", severity: 'warning' }],
    },
    {
      name: 'configured allowedOrigins in the fix',
      code: "app.get('/me', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.json({});\n});",
      config: { allowedOrigins: ['https://app.a.com'] },
      errors: [{ line: 2, severity: 'info', suggestions: [{ title: /^Allow only the origins in allowedOrigins$/, output: "const allowedOrigins = ['https://app.a.com'];\n\napp.get('/me', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', allowedOrigins.find((allowed) => allowed === req.headers.origin) ?? allowedOrigins[0]);\n  res.setHeader('Vary', 'Origin');\n  res.json({});\n});" }, { title: /^Keep it public/ }] }],
    },
    {
      name: 'cors() with no options',
      code: "import cors from 'cors';\napp.use(cors());",
      errors: [{
        line: 2, column: 9, text: 'cors()', severity: 'info', message: /^cors\(\) with no origin option allows any origin: every website can read these responses\./,
        suggestions: [{ output: "import cors from 'cors';\n\nconst allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\napp.use(cors({ origin: allowedOrigins }));" }],
      }],
    },
    {
      name: "cors({ origin: '*' }) in a file that reads the session",
      code: "import cors from 'cors';\napp.use(cors({ origin: '*' }));\napp.get('/me', (req, res) => res.json(req.session.user));",
      errors: [{ line: 2, column: 24, text: "'*'", severity: 'warning', message: /This file reads cookies or Authorization/ }],
    },
    {
      name: 'NestJS app.enableCors()',
      code: "import { NestFactory } from '@nestjs/core';\nconst app = await NestFactory.create(AppModule);\napp.enableCors();",
      errors: [{ line: 3, column: 1, text: 'app.enableCors()', severity: 'info', suggestions: [{ output: "import { NestFactory } from '@nestjs/core';\n\nconst allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\nconst app = await NestFactory.create(AppModule);\napp.enableCors({ origin: allowedOrigins });" }] }],
    },
    {
      name: 'Lambda result',
      code: "export const handler = async (event) => ({\n  statusCode: 200,\n  headers: { 'Access-Control-Allow-Origin': '*' },\n  body: '{}',\n});",
      errors: [{ line: 3, column: 45, text: "'*'", severity: 'info', message: PUBLIC }],
    },
    // Static places (issue 11 item 3): a decorator argument, a next.config entry and a helper without a
    // request have no request in scope; the fix writes one fixed origin there, marked as a placeholder.
    {
      name: "NestJS @Header('Access-Control-Allow-Origin', '*') on a method returning req.user: one fixed origin, never a request read in the decorator",
      code: "import { Controller, Get, Header, Req } from '@nestjs/common';\n\n@Controller('me')\nexport class MeController {\n  @Get()\n  @Header('Access-Control-Allow-Origin', '*')\n  me(@Req() req) {\n    return req.user;\n  }\n}",
      errors: [{
        line: 6, column: 42, text: "'*'", severity: 'warning',
        suggestions: [
          { title: /^Allow only one origin \(inserts the placeholder https:\/\/app\.example\.com: replace it\)$/, output: "import { Controller, Get, Header, Req } from '@nestjs/common';\n\n@Controller('me')\nexport class MeController {\n  @Get()\n  @Header('Access-Control-Allow-Origin', 'https://app.example.com' /* placeholder: replace with the origin you trust */)\n  me(@Req() req) {\n    return req.user;\n  }\n}" },
          { title: /^Keep it public/, output: "import { Controller, Get, Header, Req } from '@nestjs/common';\n\n@Controller('me')\nexport class MeController {\n  @Get()\n  // cors-lint-disable-next-line permissive-wildcard -- public data, readable by every site\n  @Header('Access-Control-Allow-Origin', '*')\n  me(@Req() req) {\n    return req.user;\n  }\n}" },
        ],
      }],
    },
    {
      name: 'NestJS @Header with a configured allowlist: its first origin, as a constant',
      code: "import { Controller, Get, Header, Req } from '@nestjs/common';\n\n@Controller('me')\nexport class MeController {\n  @Get()\n  @Header('Access-Control-Allow-Origin', '*')\n  me(@Req() req) {\n    return req.user;\n  }\n}",
      config: { allowedOrigins: ['https://app.a.com', 'https://admin.a.com'] },
      errors: [{ line: 6, severity: 'warning', suggestions: [{ title: /^Allow only https:\/\/app\.a\.com$/, output: "import { Controller, Get, Header, Req } from '@nestjs/common';\n\n@Controller('me')\nexport class MeController {\n  @Get()\n  @Header('Access-Control-Allow-Origin', 'https://app.a.com')\n  me(@Req() req) {\n    return req.user;\n  }\n}" }, { title: /^Keep it public/ }] }],
    },
    {
      name: 'next.config headers() entry: one fixed origin',
      filename: 'next.config.js',
      code: "module.exports = {\n  async headers() {\n    return [\n      {\n        source: '/api/:path*',\n        headers: [{ key: 'Access-Control-Allow-Origin', value: '*' }],\n      },\n    ];\n  },\n};",
      errors: [{ line: 6, text: "'*'", severity: 'info', suggestions: [{ title: /^Allow only one origin/, output: "module.exports = {\n  async headers() {\n    return [\n      {\n        source: '/api/:path*',\n        headers: [{ key: 'Access-Control-Allow-Origin', value: 'https://app.example.com' /* placeholder: replace with the origin you trust */ }],\n      },\n    ];\n  },\n};" }, { title: /^Keep it public/ }] }],
    },
    {
      name: 'a header helper whose parameter is not a request (corsHeaders(origin)): no request read is invented',
      filename: 'worker.js',
      code: "function corsHeaders(origin) {\n  return { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/json' };\n}\nexport default { fetch: (request) => new Response('x', { headers: corsHeaders() }) };",
      errors: [{ line: 2, text: "'*'", severity: 'info', suggestions: [{ title: /^Allow only one origin/, output: "function corsHeaders(origin) {\n  return { 'Access-Control-Allow-Origin': 'https://app.example.com' /* placeholder: replace with the origin you trust */, 'Content-Type': 'application/json' };\n}\nexport default { fetch: (request) => new Response('x', { headers: corsHeaders() }) };" }, { title: /^Keep it public/ }] }],
    },
    {
      name: 'a NestJS method with only @Res() res: the response is not the request',
      code: "import { Controller, Get, Res } from '@nestjs/common';\n\n@Controller('x')\nexport class XController {\n  @Get()\n  x(@Res() res) {\n    res.setHeader('Access-Control-Allow-Origin', '*');\n    res.json({});\n  }\n}",
      errors: [{ line: 7, text: "'*'", severity: 'info', suggestions: [{ title: /^Allow only one origin/, output: "import { Controller, Get, Res } from '@nestjs/common';\n\n@Controller('x')\nexport class XController {\n  @Get()\n  x(@Res() res) {\n    res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com' /* placeholder: replace with the origin you trust */);\n    res.json({});\n  }\n}" }, { title: /^Keep it public/ }] }],
    },
    {
      name: 'a NestJS method with @Req() req and @Res() res: the Express request is read',
      code: "import { Controller, Get, Req, Res } from '@nestjs/common';\n\n@Controller('x')\nexport class XController {\n  @Get()\n  x(@Req() req, @Res() res) {\n    res.setHeader('Access-Control-Allow-Origin', '*');\n    res.json({});\n  }\n}",
      config: { allowedOrigins: ['https://app.a.com'] },
      errors: [{ line: 7, text: "'*'", severity: 'info', suggestions: [{ title: /^Allow only the origins in allowedOrigins$/, output: "import { Controller, Get, Req, Res } from '@nestjs/common';\n\nconst allowedOrigins = ['https://app.a.com'];\n\n@Controller('x')\nexport class XController {\n  @Get()\n  x(@Req() req, @Res() res) {\n    res.setHeader('Access-Control-Allow-Origin', allowedOrigins.find((allowed) => allowed === req.headers.origin) ?? allowedOrigins[0]);\n    res.setHeader('Vary', 'Origin');\n    res.json({});\n  }\n}" }, { title: /^Keep it public/ }] }],
    },
    // Issue 11: `*` in inline header objects and Headers.set gets the allowlist fix in the handler's framework.
    {
      name: "* in an inline writeHead header object (Node http): the allowlist fix reads req.headers.origin and adds Vary in the same object",
      filename: 'server.js',
      code: "import http from 'node:http';\nhttp.createServer((req, res) => {\n  res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });\n  res.end('{}');\n});\n",
      errors: [
        { line: 3, text: "'*'", severity: 'info', suggestions: [{ title: /^Allow only the origins in allowedOrigins \(inserts the placeholder https:\/\/app\.example\.com: replace it\)$/, output: "import http from 'node:http';\n\nconst allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\nhttp.createServer((req, res) => {\n  res.writeHead(200, { 'Content-Type': 'application/json', Vary: 'Origin', 'Access-Control-Allow-Origin': allowedOrigins.includes(req.headers.origin) ? req.headers.origin : allowedOrigins[0] });\n  res.end('{}');\n});\n" }, { title: /^Keep it public \(record that this data is meant for every site\)$/, output: "import http from 'node:http';\nhttp.createServer((req, res) => {\n  // cors-lint-disable-next-line permissive-wildcard -- public data, readable by every site\n  res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });\n  res.end('{}');\n});\n" }] },
      ],
    },
    {
      name: "* in an inline new Response header object (Worker)",
      filename: 'worker.ts',
      code: "export default {\n  async fetch(request: Request) {\n    return new Response('{}', { headers: { 'Access-Control-Allow-Origin': '*' } });\n  },\n};\n",
      errors: [
        { line: 3, text: "'*'", severity: 'info', suggestions: [{ title: /^Allow only the origins in allowedOrigins \(inserts the placeholder https:\/\/app\.example\.com: replace it\)$/, output: "const allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\nexport default {\n  async fetch(request: Request) {\n    return new Response('{}', { headers: { Vary: 'Origin', 'Access-Control-Allow-Origin': allowedOrigins.find((allowed) => allowed === request.headers.get('Origin')) ?? allowedOrigins[0] } });\n  },\n};\n" }, { title: /^Keep it public \(record that this data is meant for every site\)$/, output: "export default {\n  async fetch(request: Request) {\n    // cors-lint-disable-next-line permissive-wildcard -- public data, readable by every site\n    return new Response('{}', { headers: { 'Access-Control-Allow-Origin': '*' } });\n  },\n};\n" }] },
      ],
    },
    {
      name: "* through Deno Headers.set: the Fetch request's headers.get('Origin'), Vary set beside it",
      filename: 'main.ts',
      code: "Deno.serve((req) => {\n  const headers = new Headers();\n  headers.set('Access-Control-Allow-Origin', '*');\n  return new Response('{}', { headers });\n});\n",
      errors: [
        { line: 3, text: "'*'", severity: 'info', suggestions: [{ title: /^Allow only the origins in allowedOrigins \(inserts the placeholder https:\/\/app\.example\.com: replace it\)$/, output: "const allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\nDeno.serve((req) => {\n  const headers = new Headers();\n  headers.set('Access-Control-Allow-Origin', allowedOrigins.find((allowed) => allowed === req.headers.get('Origin')) ?? allowedOrigins[0]);\n  headers.set('Vary', 'Origin');\n  return new Response('{}', { headers });\n});\n" }, { title: /^Keep it public \(record that this data is meant for every site\)$/, output: "Deno.serve((req) => {\n  const headers = new Headers();\n  // cors-lint-disable-next-line permissive-wildcard -- public data, readable by every site\n  headers.set('Access-Control-Allow-Origin', '*');\n  return new Response('{}', { headers });\n});\n" }] },
      ],
    },

    {
      name: "@fastify/cors array containing '*' allows any origin",
      code: "import Fastify from 'fastify';\nimport fastifyCors from '@fastify/cors';\nconst app = Fastify();\nawait app.register(fastifyCors, { origin: ['https://a.com', '*'] });",
      errors: [{ line: 4, column: 61, text: "'*'", severity: 'info', message: /^@fastify\/cors allows origin '\*'/ }],
    },
  ],
});

it('public * without credentials yields only the informational permissive-wildcard finding', () => {
  const code = "app.get('/public', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.json({ ok: true });\n});";
  const result = run(code);
  assert.deepEqual(result.findings.map((f) => [f.ruleId, f.severity]), [['permissive-wildcard', 'info']]);
});

// Credential reads are judged on code: words in strings and comments are not reads (a real Express app's
// error handler said 'missing authorization credentials', and its cors() was raised to a warning).
it('a credential word in a string, a comment or an object key does not raise * to a warning', () => {
  const cases = [
    "import cors from 'cors';\napp.use(cors());\n// no session here\napp.use((err, req, res, next) => res.status(401).json({ message: 'missing authorization credentials' }));",
    "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.json({ cookies: 0 });\n});",
  ];
  for (const code of cases) {
    assert.deepEqual(run(code).findings.map((f) => [f.ruleId, f.severity]), [['permissive-wildcard', 'info']], code);
  }
});
