import { ruleTester } from './rule-tester.mjs';

const HEADER_MESSAGE = /^Access-Control-Allow-Origin '\*' cannot be combined with Access-Control-Allow-Credentials: true; browsers reject the response\./;
const CONFIG_MESSAGE = (lib) => new RegExp(`^${lib.replace(/[/.]/g, '\\$&')} allows any origin .* together with credentials: true`);

ruleTester('wildcard-with-credentials', {
  valid: [
    { name: 'public * without credentials', code: "app.get('/pub', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.json({});\n});" },
    { name: "credentials 'false'", code: "app.get('/me', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.setHeader('Access-Control-Allow-Credentials', 'false');\n});" },
    { name: '* and credentials on exclusive paths (early return)', code: "app.get('/me', (req, res) => {\n  if (req.query.pub) {\n    res.setHeader('Access-Control-Allow-Origin', '*');\n    return res.json({});\n  }\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n  res.json(req.user);\n});" },
    { name: 'cors() with an allowlist and credentials', code: "import cors from 'cors';\napp.use(cors({ origin: ['https://a.com'], credentials: true }));" },
    { name: '@koa/cors reflects with credentials (reflected-origin, not this rule)', code: "import Koa from 'koa';\nimport cors from '@koa/cors';\nconst app = new Koa();\napp.use(cors({ credentials: true }));" },
    { name: '@middy/http-cors reflects with credentials (reflected-origin, not this rule)', code: "import middy from '@middy/core';\nimport httpCors from '@middy/http-cors';\nexport const handler = middy(fn).use(httpCors({ credentials: true }));" },
    { name: 'cors origin callback as a method with an allowlist check', code: "import cors from 'cors';\nconst allowlist = ['https://a.com'];\napp.use(cors({\n  origin(origin, callback) {\n    if (allowlist.indexOf(origin) !== -1) callback(null, true);\n    else callback(new Error('Not allowed'));\n  },\n  credentials: true,\n}));" },
    { name: 'cors origin callback arrow with includes', code: "import cors from 'cors';\nconst allowed = ['https://a.com'];\napp.use(cors({ origin: (origin, cb) => cb(null, allowed.includes(origin)), credentials: true }));" },
    { name: 'cors disabled', code: "import cors from 'cors';\napp.use(cors({ origin: false, credentials: true }));" },
  ],
  invalid: [
    {
      name: "Express res.setHeader '*' + credentials true (issue case)",
      code: "app.get('/me', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n  res.json(req.user);\n});",
      errors: [{
        line: 2, column: 48, endColumn: 51, text: "'*'", severity: 'error', message: HEADER_MESSAGE,
        suggestions: [
          { title: /Echo the request origin from an allowlist/, output: "const allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\napp.get('/me', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', allowedOrigins.find((allowed) => allowed === req.headers.origin) ?? allowedOrigins[0]);\n  res.setHeader('Vary', 'Origin');\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n  res.json(req.user);\n});" },
          { title: /Drop Access-Control-Allow-Credentials/, output: "app.get('/me', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.json(req.user);\n});" },
        ],
      }],
    },
    {
      name: 'configured allowedOrigins are used by the fix',
      code: "app.get('/me', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n});",
      config: { allowedOrigins: ['https://app.a.com', 'https://admin.a.com'] },
      errors: [{
        line: 2, text: "'*'",
        suggestions: [
          { output: "const allowedOrigins = ['https://app.a.com', 'https://admin.a.com'];\n\napp.get('/me', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', allowedOrigins.find((allowed) => allowed === req.headers.origin) ?? allowedOrigins[0]);\n  res.setHeader('Vary', 'Origin');\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n});" },
          { title: /Drop/ },
        ],
      }],
    },
    {
      name: 'res.set({...}) object with boolean true',
      filename: 'a.js',
      code: "app.get('/me', (req, res) => {\n  res.set({\n    'Access-Control-Allow-Origin': '*',\n    'Access-Control-Allow-Credentials': true,\n  });\n});",
      errors: [{ line: 3, column: 36, text: "'*'", severity: 'error', message: HEADER_MESSAGE }],
    },
    {
      name: "cors({ origin: '*', credentials: true })",
      code: "import cors from 'cors';\napp.use(cors({ origin: '*', credentials: true }));",
      errors: [{
        line: 2, column: 24, text: "'*'", severity: 'error', message: CONFIG_MESSAGE('cors'),
        suggestions: [
          { title: /^Allow only the origins in allowedOrigins \(inserts the placeholder https:\/\/app\.example\.com: replace it\)$/, output: "import cors from 'cors';\n\nconst allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\napp.use(cors({ origin: allowedOrigins, credentials: true }));" },
          { title: /Drop credentials/, output: "import cors from 'cors';\napp.use(cors({ origin: '*' }));" },
        ],
      }],
    },
    {
      name: 'cors({ credentials: true }) uses the default origin *',
      code: "import cors from 'cors';\napp.use(cors({ credentials: true }));",
      errors: [{
        line: 2, column: 16, text: 'credentials: true', severity: 'error', message: CONFIG_MESSAGE('cors'),
        suggestions: [
          { output: "import cors from 'cors';\n\nconst allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\napp.use(cors({ origin: allowedOrigins, credentials: true }));" },
          { title: /Drop credentials/, output: "import cors from 'cors';\napp.use(cors({}));" },
        ],
      }],
    },
    {
      name: "@fastify/cors array containing '*' means any origin",
      code: "import Fastify from 'fastify';\nimport cors from '@fastify/cors';\nconst fastify = Fastify();\nfastify.register(cors, { origin: ['https://a.com', '*'], credentials: true });",
      errors: [{ line: 4, column: 52, text: "'*'", severity: 'error', message: CONFIG_MESSAGE('@fastify/cors') }],
    },
    {
      name: 'Response.json headers in a route handler',
      code: "export async function GET(request: Request) {\n  return Response.json({}, { headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' } });\n}",
      errors: [{
        line: 2, column: 72, text: "'*'", severity: 'error',
        suggestions: [
          { title: /Echo/, output: "const allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\nexport async function GET(request: Request) {\n  return Response.json({}, { headers: { Vary: 'Origin', 'Access-Control-Allow-Origin': allowedOrigins.find((allowed) => allowed === request.headers.get('Origin')) ?? allowedOrigins[0], 'Access-Control-Allow-Credentials': 'true' } });\n}" },
          { title: /Drop/, output: "export async function GET(request: Request) {\n  return Response.json({}, { headers: { 'Access-Control-Allow-Origin': '*' } });\n}" },
        ],
      }],
    },
    {
      name: 'hono/cors',
      code: "import { Hono } from 'hono';\nimport { cors } from 'hono/cors';\nconst app = new Hono();\napp.use('*', cors({ origin: '*', credentials: true }));",
      errors: [{ line: 4, column: 29, text: "'*'", severity: 'error', message: CONFIG_MESSAGE('hono/cors') }],
    },
    {
      name: '* through a const',
      code: "const ORIGIN = '*';\napp.get('/me', (req, res) => {\n  res.header('Access-Control-Allow-Origin', ORIGIN);\n  res.header('Access-Control-Allow-Credentials', 'true');\n});",
      errors: [{ line: 3, column: 45, text: 'ORIGIN', severity: 'error', message: HEADER_MESSAGE }],
    },
    {
      name: "NestJS @Header '*' with @Header credentials: a fixed origin in the decorator (no request is in scope there)",
      code: "import { Controller, Get, Header, Req } from '@nestjs/common';\n\n@Controller('me')\nexport class MeController {\n  @Get()\n  @Header('Access-Control-Allow-Origin', '*')\n  @Header('Access-Control-Allow-Credentials', 'true')\n  me(@Req() req) {\n    return req.user;\n  }\n}",
      errors: [{
        line: 6, column: 42, text: "'*'",
        suggestions: [
          { title: /^Allow only one origin \(inserts the placeholder https:\/\/app\.example\.com: replace it\)$/, output: "import { Controller, Get, Header, Req } from '@nestjs/common';\n\n@Controller('me')\nexport class MeController {\n  @Get()\n  @Header('Access-Control-Allow-Origin', 'https://app.example.com' /* placeholder: replace with the origin you trust */)\n  @Header('Access-Control-Allow-Credentials', 'true')\n  me(@Req() req) {\n    return req.user;\n  }\n}" },
          { title: /^Drop Access-Control-Allow-Credentials/, output: "import { Controller, Get, Header, Req } from '@nestjs/common';\n\n@Controller('me')\nexport class MeController {\n  @Get()\n  @Header('Access-Control-Allow-Origin', '*')\n  me(@Req() req) {\n    return req.user;\n  }\n}" },
        ],
      }],
    },
    {
      name: 'next.config.js headers() entries on the same source',
      filename: 'next.config.js',
      code: "module.exports = {\n  async headers() {\n    return [\n      {\n        source: '/api/:path*',\n        headers: [\n          { key: 'Access-Control-Allow-Credentials', value: 'true' },\n          { key: 'Access-Control-Allow-Origin', value: '*' },\n        ],\n      },\n    ];\n  },\n};",
      errors: [{ line: 8, column: 56, text: "'*'", severity: 'error', message: HEADER_MESSAGE }],
    },
  ],
});
