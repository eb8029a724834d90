import { ruleTester } from './rule-tester.mjs';

const ECHO = /^The request's Origin header is echoed into Access-Control-Allow-Origin without an allowlist check: any website can read this response \(without credentials this equals '\*'\)/;
const ECHO_CREDENTIALS = /^The request's Origin header is echoed into Access-Control-Allow-Origin without an allowlist check while credentials are allowed: any website can read this response with the user's cookies\./;

ruleTester('reflected-origin', {
  valid: [
    { name: 'allowed.includes(origin) guards the echo', code: "const allowed = ['https://a.com'];\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (allowed.includes(origin)) {\n    res.setHeader('Access-Control-Allow-Origin', origin);\n    res.setHeader('Vary', 'Origin');\n  }\n});" },
    { name: 'new Set([...]).has(origin)', code: "const allowed = new Set(['https://a.com']);\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (allowed.has(origin)) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.vary('Origin');\n});" },
    { name: "origin === 'https://a.com'", code: "app.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (origin === 'https://a.com') res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Vary', 'Origin');\n});" },
    { name: 'switch (origin)', code: "app.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  switch (origin) {\n    case 'https://a.com':\n    case 'https://b.com':\n      res.setHeader('Access-Control-Allow-Origin', origin);\n      res.setHeader('Vary', 'Origin');\n  }\n});" },
    { name: 'anchored escaped regex', code: "app.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (/^https:\\/\\/(www\\.)?example\\.com$/.test(origin)) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Vary', 'Origin');\n});" },
    { name: 'early return with 403', code: "const allowed = ['https://a.com'];\napp.put('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (!allowed.includes(origin)) return res.sendStatus(403);\n  res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Vary', 'Origin');\n});" },
    { name: 'cors origin callback with includes', code: "import cors from 'cors';\nconst allowed = ['https://a.com'];\napp.use(cors({ origin: (origin, cb) => cb(null, allowed.includes(origin)), credentials: true }));" },
    { name: 'cors origin callback method with indexOf !== -1', code: "import cors from 'cors';\nconst allowlist = ['https://a.com'];\napp.use(cors({\n  origin(origin, callback) {\n    if (allowlist.indexOf(origin) !== -1) callback(null, true);\n    else callback(new Error('Not allowed'));\n  },\n  credentials: true,\n}));" },
    { name: 'named predicate in the same file', code: "const allowed = ['https://a.com'];\nfunction isAllowed(o) {\n  return allowed.includes(o);\n}\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (isAllowed(origin)) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Vary', 'Origin');\n});" },
    { name: 'inline ternary allowlist', code: "app.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  res.setHeader('Access-Control-Allow-Origin', ['https://a.com', 'https://b.com'].includes(origin) ? origin : 'https://a.com');\n  res.setHeader('Vary', 'Origin');\n});" },
    { name: '@koa/cors origin function with an allowlist', code: "import Koa from 'koa';\nimport cors from '@koa/cors';\nconst allowed = ['https://a.com'];\nconst app = new Koa();\napp.use(cors({ origin: (ctx) => (allowed.includes(ctx.get('Origin')) ? ctx.get('Origin') : ''), credentials: true }));" },
    { name: 'cors disabled with origin: false', code: "import cors from 'cors';\napp.use(cors({ origin: false }));" },
  ],
  invalid: [
    {
      name: "req.headers.origin || '*' (issue case)",
      code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', req.headers.origin || '*');\n  res.json({});\n});",
      errors: [{
        line: 2, column: 48, endColumn: 73, text: "req.headers.origin || '*'", severity: 'warning', message: /echoed .* without an allowlist check \(falling back to '\*'\)/,
        suggestions: [{
          title: /^Echo the origin only when it is in allowedOrigins \(inserts the placeholder https:\/\/app\.example\.com: replace it\)$/,
          output: "const allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', allowedOrigins.find((allowed) => allowed === req.headers.origin) ?? allowedOrigins[0]);\n  res.setHeader('Vary', 'Origin');\n  res.json({});\n});",
        }],
      }],
    },
    {
      name: 'echo with credentials is an error; existing Vary is kept',
      filename: 'a.js',
      code: "app.get('/me', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n  res.setHeader('Vary', 'Origin');\n  res.json(req.user);\n});",
      errors: [{
        line: 2, column: 48, text: 'req.headers.origin', severity: 'error', message: ECHO_CREDENTIALS,
        suggestions: [{ output: "const allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\napp.get('/me', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', allowedOrigins.includes(req.headers.origin) ? req.headers.origin : allowedOrigins[0]);\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n  res.setHeader('Vary', 'Origin');\n  res.json(req.user);\n});" }],
      }],
    },
    {
      name: 'cors({ origin: true, credentials: true })',
      code: "import cors from 'cors';\napp.use(cors({ origin: true, credentials: true }));",
      errors: [{
        line: 2, column: 16, text: 'origin: true', severity: 'error', message: /^cors: `origin: true` echoes the request Origin, and credentials are allowed/,
        suggestions: [{ output: "import cors from 'cors';\n\nconst allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\napp.use(cors({ origin: allowedOrigins, credentials: true }));" }],
      }],
    },
    {
      name: 'approve-all origin callback',
      code: "import cors from 'cors';\napp.use(cors({ origin: (origin, cb) => cb(null, true) }));",
      errors: [{
        line: 2, column: 16, text: 'origin: (origin, cb) => cb(null, true)', severity: 'warning', message: /its origin callback approves every origin/,
        suggestions: [{ output: "import cors from 'cors';\n\nconst allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\napp.use(cors({ origin: allowedOrigins }));" }],
      }],
    },
    {
      name: 'Koa destructured origin',
      code: "import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx) => {\n  const { origin } = ctx.request.headers;\n  ctx.set('Access-Control-Allow-Origin', origin);\n});",
      errors: [{
        line: 5, column: 42, text: 'origin', severity: 'warning', message: ECHO,
        suggestions: [{ output: "import Koa from 'koa';\n\nconst allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\nconst app = new Koa();\napp.use(async (ctx) => {\n  const { origin } = ctx.request.headers;\n  ctx.set('Access-Control-Allow-Origin', allowedOrigins.find((allowed) => allowed === origin) ?? allowedOrigins[0]);\n  ctx.set('Vary', 'Origin');\n});" }],
      }],
    },
    {
      name: 'Lambda event.headers.origin',
      code: "export const handler = async (event) => {\n  return {\n    statusCode: 200,\n    headers: { 'Access-Control-Allow-Origin': event.headers.origin },\n    body: '{}',\n  };\n};",
      errors: [{
        line: 4, column: 47, text: 'event.headers.origin', severity: 'warning', message: ECHO,
        suggestions: [{ output: "const allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\nexport const handler = async (event) => {\n  return {\n    statusCode: 200,\n    headers: { Vary: 'Origin', 'Access-Control-Allow-Origin': allowedOrigins.find((allowed) => allowed === event.headers.origin) ?? allowedOrigins[0] },\n    body: '{}',\n  };\n};" }],
      }],
    },
    {
      name: 'through a helper function in the same file',
      code: "function getOrigin(req) {\n  return req.headers.origin;\n}\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', getOrigin(req));\n});",
      errors: [{ line: 5, column: 48, text: 'getOrigin(req)', severity: 'warning', message: ECHO }],
    },
    // Issue 11: request data other than Origin (params, body, query) gets the allowlist fix too.
    {
      name: "request data from the route params: the fix echoes the request Origin from the allowlist instead",
      filename: 'params.js',
      code: "app.get('/x/:site', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', req.params.site);\n  res.json({});\n});\n",
      errors: [
        { line: 2, text: "req.params.site", severity: 'warning', suggestions: [{ title: /^Echo the request Origin only when it is in allowedOrigins \(inserts the placeholder https:\/\/app\.example\.com: replace it\)$/, output: "const allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\napp.get('/x/:site', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', allowedOrigins.includes(req.headers.origin) ? req.headers.origin : allowedOrigins[0]);\n  res.setHeader('Vary', 'Origin');\n  res.json({});\n});\n" }] },
      ],
    },
    {
      name: "request data from the body: the fix echoes the request Origin from the allowlist instead",
      filename: 'body.js',
      code: "app.post('/y', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', req.body.origin);\n  res.json({});\n});\n",
      errors: [
        { line: 2, text: "req.body.origin", severity: 'warning', suggestions: [{ title: /^Echo the request Origin only when it is in allowedOrigins \(inserts the placeholder https:\/\/app\.example\.com: replace it\)$/, output: "const allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\napp.post('/y', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', allowedOrigins.includes(req.headers.origin) ? req.headers.origin : allowedOrigins[0]);\n  res.setHeader('Vary', 'Origin');\n  res.json({});\n});\n" }] },
      ],
    },
    {
      name: "request data from the query string, with the configured allowlist",
      filename: 'query.js',
      config: {"allowedOrigins":["https://app.a.com"]},
      code: "app.get('/z', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', req.query.origin);\n  res.json({});\n});\n",
      errors: [
        { line: 2, text: "req.query.origin", severity: 'warning', suggestions: [{ title: /^Echo the request Origin only when it is in allowedOrigins$/, output: "const allowedOrigins = ['https://app.a.com'];\n\napp.get('/z', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', allowedOrigins.includes(req.headers.origin) ? req.headers.origin : allowedOrigins[0]);\n  res.setHeader('Vary', 'Origin');\n  res.json({});\n});\n" }] },
      ],
    },

    {
      name: 'other request data (query string)',
      code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', req.query.origin);\n});",
      errors: [{ line: 2, column: 48, text: 'req.query.origin', severity: 'warning', message: /^Request data \(req\.query\.origin\) is written into Access-Control-Allow-Origin without an allowlist check/ }],
    },
    {
      name: '@koa/cors with credentials: true reflects',
      code: "import Koa from 'koa';\nimport cors from '@koa/cors';\nconst app = new Koa();\napp.use(cors({ credentials: true }));",
      errors: [{
        line: 4, column: 9, text: 'cors({ credentials: true })', severity: 'error', message: /^@koa\/cors with credentials: true echoes the request Origin, and credentials are allowed/,
        suggestions: [{ output: "import Koa from 'koa';\nimport cors from '@koa/cors';\n\nconst allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\nconst app = new Koa();\napp.use(cors({ origin: (ctx) => (allowedOrigins.includes(ctx.get('Origin')) ? ctx.get('Origin') : allowedOrigins[0]), credentials: true }));" }],
      }],
    },
    {
      name: "Fetch: request.headers.get('origin') ?? '*' via a variable",
      code: "export async function GET(request: Request) {\n  const origin = request.headers.get('origin') ?? '*';\n  return new Response('ok', { headers: { 'Access-Control-Allow-Origin': origin } });\n}",
      errors: [{ line: 3, column: 73, text: 'origin', severity: 'warning', message: /falling back to '\*'/ }],
    },
  ],
});
