import { ruleTester } from './rule-tester.mjs';

const MESSAGE = /^Access-Control-Allow-Origin holds 2 origins \(https:\/\/a\.com, https:\/\/b\.com\); browsers accept exactly one origin or '\*'/;

ruleTester('multiple-origins', {
  valid: [
    { name: 'allowlist membership, echo the one origin', code: "const allowed = ['https://a.com', 'https://b.com'];\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (allowed.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Vary', 'Origin');\n});" },
    { name: 'cors() with an array of origins', code: "import cors from 'cors';\napp.use(cors({ origin: ['https://a.com', 'https://b.com'] }));" },
    { name: 'comma list in Allow-Methods is fine', code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT');\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n});" },
    { name: 'a ternary between two single origins', code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', req.headers.origin === 'https://b.com' ? 'https://b.com' : 'https://a.com');\n  res.setHeader('Vary', 'Origin');\n});" },
    { name: 'client request headers are not a policy', code: "await fetch('https://api.x.com', { headers: { 'Access-Control-Allow-Origin': 'https://a.com, https://b.com' } });" },
    { name: 'single origin from a joined one-element list', code: "const origins = ['https://a.com'];\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', origins.join(', '));\n});" },
  ],
  invalid: [
    {
      name: 'comma-separated list in setHeader (issue case)',
      code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com, https://b.com');\n  res.end();\n});",
      errors: [{
        line: 2, column: 48, endLine: 2, endColumn: 78, text: "'https://a.com, https://b.com'", severity: 'error', message: MESSAGE,
        suggestions: [
          { title: /^Echo the request origin when it is one of https:\/\/a\.com, https:\/\/b\.com$/, output: "const allowedOrigins = ['https://a.com', 'https://b.com'];\n\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', allowedOrigins.find((allowed) => allowed === req.headers.origin) ?? allowedOrigins[0]);\n  res.setHeader('Vary', 'Origin');\n  res.end();\n});" },
          { title: /Allow only https:\/\/a\.com/, output: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n  res.end();\n});" },
        ],
      }],
    },
    {
      name: "array joined with ', '",
      code: "const origins = ['https://a.com', 'https://b.com'];\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', origins.join(', '));\n  res.end();\n});",
      errors: [{ line: 3, column: 48, text: "origins.join(', ')", severity: 'error', message: MESSAGE }],
    },
    {
      name: 'space-separated list, JS file uses includes() in the fix',
      filename: 'a.js',
      code: "app.get('/x', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com https://b.com');\n});",
      errors: [{
        line: 2, column: 42, text: "'https://a.com https://b.com'", severity: 'error', message: MESSAGE,
        suggestions: [
          { output: "const allowedOrigins = ['https://a.com', 'https://b.com'];\n\napp.get('/x', (req, res) => {\n  res.set('Access-Control-Allow-Origin', allowedOrigins.includes(req.headers.origin) ? req.headers.origin : allowedOrigins[0]);\n  res.set('Vary', 'Origin');\n});" },
          { output: "app.get('/x', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n});" },
        ],
      }],
    },
    {
      name: 'template literal of two consts in a Fetch Response',
      code: "const A = 'https://a.com';\nconst B = 'https://b.com';\nexport function GET() {\n  return new Response('ok', { headers: { 'Access-Control-Allow-Origin': `${A},${B}` } });\n}",
      errors: [{
        line: 4, column: 73, text: '`${A},${B}`', severity: 'error', message: MESSAGE,
        suggestions: [
          // A route handler that ignores its request gets the parameter the framework passes (issue 11 item 3).
          { title: /^Echo the request origin when it is one of/, output: "const allowedOrigins = ['https://a.com', 'https://b.com'];\n\nconst A = 'https://a.com';\nconst B = 'https://b.com';\nexport function GET(request: Request) {\n  return new Response('ok', { headers: { Vary: 'Origin', 'Access-Control-Allow-Origin': allowedOrigins.find((allowed) => allowed === request.headers.get('Origin')) ?? allowedOrigins[0] } });\n}" },
          { title: /Allow only https:\/\/a\.com/, output: "const A = 'https://a.com';\nconst B = 'https://b.com';\nexport function GET() {\n  return new Response('ok', { headers: { 'Access-Control-Allow-Origin': 'https://a.com' } });\n}" },
        ],
      }],
    },
    {
      name: 'cors() given one comma-joined string',
      code: "import cors from 'cors';\napp.use(cors({ origin: 'https://a.com,https://b.com' }));",
      errors: [{
        line: 2, column: 24, text: "'https://a.com,https://b.com'", severity: 'error', message: /^cors is given 2 origins in one string .*Pass an array of origins\.$/,
        suggestions: [{ title: /Pass the origins as an array/, output: "import cors from 'cors';\napp.use(cors({ origin: ['https://a.com', 'https://b.com'] }));" }],
      }],
    },
    {
      name: 'array value to setHeader sends the header twice',
      code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', ['https://a.com', 'https://b.com']);\n});",
      errors: [{ line: 2, column: 48, text: "['https://a.com', 'https://b.com']", severity: 'error', message: MESSAGE }],
    },
    {
      name: 'Lambda result headers',
      code: "export const handler = async (event) => ({\n  statusCode: 200,\n  headers: { 'Access-Control-Allow-Origin': 'https://a.com,https://b.com' },\n  body: '',\n});",
      errors: [{
        line: 3, column: 45, text: "'https://a.com,https://b.com'", severity: 'error', message: MESSAGE,
        suggestions: [
          { title: /Echo/, output: "const allowedOrigins = ['https://a.com', 'https://b.com'];\n\nexport const handler = async (event) => ({\n  statusCode: 200,\n  headers: { Vary: 'Origin', 'Access-Control-Allow-Origin': allowedOrigins.find((allowed) => allowed === (event.headers?.origin ?? event.headers?.Origin)) ?? allowedOrigins[0] },\n  body: '',\n});" },
          { title: /Allow only/ },
        ],
      }],
    },
  ],
});
