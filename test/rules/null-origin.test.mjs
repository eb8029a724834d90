import { ruleTester } from './rule-tester.mjs';

ruleTester('null-origin', {
  valid: [
    "res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com');",
    { name: "comparison with 'null' is not an allowlist", code: "const o = req.headers.origin;\nif (o === 'null') reject();" },
    { name: 'the string null in an unrelated array', code: "const words = ['null', 'undefined'];\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n});" },
    { name: 'JS null as a cors origin callback denial', code: "import cors from 'cors';\nconst allowed = ['https://a.com'];\napp.use(cors({ origin: (origin, cb) => cb(null, allowed.includes(origin)) }));" },
    { name: 'hono/cors callback returning null denies', code: "import { Hono } from 'hono';\nimport { cors } from 'hono/cors';\nconst app = new Hono();\napp.use('*', cors({ origin: (origin) => (origin === 'https://a.com' ? origin : null) }));" },
    { name: 'client request header', code: "await fetch('/api', { headers: { 'Access-Control-Allow-Origin': 'null' } });" },
  ],
  invalid: [
    {
      code: "import http from 'node:http';\nhttp.createServer((req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'null');\n  res.end();\n});",
      errors: [{
        line: 3, column: 48, endColumn: 54, text: "'null'", severity: 'warning', message: /^Access-Control-Allow-Origin is 'null': any page can send Origin: null/,
        suggestions: [{ title: /Remove/, output: "import http from 'node:http';\nhttp.createServer((req, res) => {\n  res.end();\n});" }],
      }],
    },
    {
      name: 'error with credentials, and the configured origin offered',
      code: "app.get('/me', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'null');\n  res.set('Access-Control-Allow-Credentials', 'true');\n});",
      config: { allowedOrigins: ['https://app.example.com'] },
      errors: [{
        line: 2, severity: 'error', message: /credentials are allowed/,
        suggestions: [
          { title: /Allow https:\/\/app.example.com/, output: "app.get('/me', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://app.example.com');\n  res.set('Access-Control-Allow-Credentials', 'true');\n});" },
          { title: /Remove/ },
        ],
      }],
    },
    {
      name: "'null' in a cors() allowlist",
      code: "import cors from 'cors';\napp.use(cors({ origin: ['https://a.example.com', 'null'] }));",
      errors: [{ line: 2, text: "'null'", message: /'null' is on the origin allowlist/, suggestions: [{ output: "import cors from 'cors';\napp.use(cors({ origin: ['https://a.example.com'] }));" }] }],
    },
    {
      name: 'Fetch API Response headers',
      filename: 'worker.ts',
      code: "export default {\n  async fetch(request: Request) {\n    return new Response('ok', { headers: { 'Access-Control-Allow-Origin': 'null' } });\n  },\n};",
      errors: [{ line: 3, text: "'null'" }],
    },
    {
      name: "credentials make 'null' in an allowlist an error",
      code: "import cors from 'cors';\napp.use(cors({ origin: ['https://a.example.com', 'null'], credentials: true }));",
      errors: [{ line: 2, column: 50, text: "'null'", severity: 'error', message: /^'null' is on the origin allowlist: .*, and credentials are allowed\.$/ }],
    },
    {
      name: "'null' in an options object held in a const",
      code: "import cors from 'cors';\nconst corsOptions = { origin: ['https://a.com', 'null'] };\napp.use(cors(corsOptions));",
      errors: [{ line: 2, column: 49, text: "'null'", severity: 'warning', suggestions: [{ output: "import cors from 'cors';\nconst corsOptions = { origin: ['https://a.com'] };\napp.use(cors(corsOptions));" }] }],
    },
    {
      name: "'null' in a hapi server cors origin list",
      code: "import Hapi from '@hapi/hapi';\nconst server = Hapi.server({ port: 3000, routes: { cors: { origin: ['https://a.com', 'null'] } } });",
      errors: [{ line: 2, column: 86, text: "'null'", severity: 'warning', message: /'null' is on the origin allowlist/ }],
    },
    {
      name: "'null' in @middy/http-cors origins",
      code: "import middy from '@middy/core';\nimport cors from '@middy/http-cors';\nexport const handler = middy(base).use(cors({ origins: ['https://a.com', 'null'] }));",
      errors: [{ line: 3, column: 74, text: "'null'", severity: 'warning' }],
    },
    {
      name: "NestJS @Header('Access-Control-Allow-Origin', 'null')",
      code: "import { Controller, Get, Header } from '@nestjs/common';\n@Controller('cats')\nexport class CatsController {\n  @Get()\n  @Header('Access-Control-Allow-Origin', 'null')\n  findAll() {\n    return [];\n  }\n}",
      errors: [{ line: 5, column: 42, text: "'null'", severity: 'warning', suggestions: [{ output: "import { Controller, Get, Header } from '@nestjs/common';\n@Controller('cats')\nexport class CatsController {\n  @Get()\n  findAll() {\n    return [];\n  }\n}" }] }],
    },
    {
      name: "a ternary with a 'null' branch: the range is the 'null' literal",
      code: "const prod = process.env.NODE_ENV === 'production';\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', prod ? 'https://a.com' : 'null');\n});",
      // Outside production only (issue 12, item 5): a development-only setting is information.
      errors: [{ line: 3, column: 73, text: "'null'", severity: 'info', message: /^Outside production: / }],
    },
    {
      name: "'null' passed to a helper that writes the header",
      code: "function setCors(res, origin) {\n  res.setHeader('Access-Control-Allow-Origin', origin);\n}\napp.get('/x', (req, res) => {\n  setCors(res, 'null');\n});",
      errors: [{ line: 2, column: 48, text: 'origin', severity: 'warning' }],
    },
    {
      name: "Lambda multiValueHeaders ['null']",
      code: "export const handler = async (event) => ({\n  statusCode: 200,\n  multiValueHeaders: { 'Access-Control-Allow-Origin': ['null'] },\n  body: '',\n});",
      errors: [{ line: 3, column: 56, text: "'null'", severity: 'warning' }],
    },
  ],
});
