import { ruleTester } from './rule-tester.mjs';

const MESSAGE = /^Access-Control-Allow-Origin depends on the request Origin but the response has no Vary: Origin; a shared cache or CDN can serve one origin's response to another/;

ruleTester('missing-vary-origin', {
  valid: [
    { name: 'Vary lists Origin among others', code: "const allowed = ['https://a.com'];\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (allowed.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Vary', 'Accept-Encoding, Origin');\n});" },
    { name: 'fixed origin does not vary', code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n});" },
    { name: '* does not vary', code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n});" },
    { name: "res.vary('Origin')", code: "const allowed = ['https://a.com'];\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (allowed.includes(origin)) res.header('Access-Control-Allow-Origin', origin);\n  res.vary('Origin');\n});" },
    { name: "vary(res, 'Origin') from the vary package", code: "import vary from 'vary';\nconst allowed = ['https://a.com'];\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (allowed.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);\n  vary(res, 'Origin');\n});" },
    { name: 'unchecked reflection is left to reflected-origin', code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n});" },
    { name: 'Vary in middleware every request passes covers the route handlers', code: "const allowed = ['https://a.com'];\napp.use((req, res, next) => {\n  res.vary('Origin');\n  next();\n});\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (allowed.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.end();\n});" },
    { name: 'Vary: * covers everything', code: "const allowed = ['https://a.com'];\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (allowed.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Vary', '*');\n});" },
  ],
  invalid: [
    {
      name: 'checked echo inside a block: Vary must be sent for every origin, so it goes before the if',
      code: "const allowed = ['https://a.com'];\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (allowed.includes(origin)) {\n    res.setHeader('Access-Control-Allow-Origin', origin);\n  }\n  res.end();\n});",
      errors: [{ line: 5, column: 50, endColumn: 56, text: 'origin', severity: 'warning', message: MESSAGE }],
      output: "const allowed = ['https://a.com'];\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  res.setHeader('Vary', 'Origin');\n  if (allowed.includes(origin)) {\n    res.setHeader('Access-Control-Allow-Origin', origin);\n  }\n  res.end();\n});",
    },
    {
      name: 'checked echo in a brace-less if: Vary lands before the if',
      code: "import Koa from 'koa';\nconst allowed = ['https://a.com'];\nconst app = new Koa();\napp.use(async (ctx, next) => {\n  const origin = ctx.get('Origin');\n  if (allowed.includes(origin)) ctx.set('Access-Control-Allow-Origin', origin);\n  await next();\n});",
      errors: [{ line: 6, column: 72, text: 'origin', severity: 'warning', message: MESSAGE }],
      output: "import Koa from 'koa';\nconst allowed = ['https://a.com'];\nconst app = new Koa();\napp.use(async (ctx, next) => {\n  const origin = ctx.get('Origin');\n  ctx.set('Vary', 'Origin');\n  if (allowed.includes(origin)) ctx.set('Access-Control-Allow-Origin', origin);\n  await next();\n});",
    },
    {
      name: 'existing Vary without Origin is extended',
      code: "const allowed = ['https://a.com'];\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  res.set('Vary', 'Accept-Encoding');\n  if (allowed.includes(origin)) res.set('Access-Control-Allow-Origin', origin);\n  res.end();\n});",
      errors: [{ line: 5, column: 72, text: 'origin', severity: 'warning', message: MESSAGE }],
      output: "const allowed = ['https://a.com'];\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  res.set('Vary', 'Accept-Encoding, Origin');\n  if (allowed.includes(origin)) res.set('Access-Control-Allow-Origin', origin);\n  res.end();\n});",
    },
    {
      name: 'ternary echo in a Fetch headers object',
      code: "const allowed = ['https://a.com'];\nexport async function GET(request: Request) {\n  const origin = request.headers.get('origin') ?? '';\n  const headers = { 'Access-Control-Allow-Origin': allowed.includes(origin) ? origin : allowed[0] };\n  return new Response('ok', { headers });\n}",
      errors: [{ line: 4, column: 52, text: 'allowed.includes(origin) ? origin : allowed[0]', severity: 'warning', message: MESSAGE }],
      output: "const allowed = ['https://a.com'];\nexport async function GET(request: Request) {\n  const origin = request.headers.get('origin') ?? '';\n  const headers = { Vary: 'Origin', 'Access-Control-Allow-Origin': allowed.includes(origin) ? origin : allowed[0] };\n  return new Response('ok', { headers });\n}",
    },
    {
      name: 'literal chosen by the request origin',
      code: "app.get('/x', (req, res) => {\n  res.set('Access-Control-Allow-Origin', req.headers.origin === 'https://b.com' ? 'https://b.com' : 'https://a.com');\n  res.end();\n});",
      errors: [{ line: 2, column: 42, text: "req.headers.origin === 'https://b.com' ? 'https://b.com' : 'https://a.com'", severity: 'warning', message: MESSAGE }],
      output: "app.get('/x', (req, res) => {\n  res.set('Access-Control-Allow-Origin', req.headers.origin === 'https://b.com' ? 'https://b.com' : 'https://a.com');\n  res.set('Vary', 'Origin');\n  res.end();\n});",
    },
    // Issue 11 item 7: per response, not per file.
    {
      name: "a Vary: Origin in one handler does not cover another handler's response",
      code: "const allowed = ['https://a.com'];\napp.get('/a', (req, res) => {\n  const origin = req.headers.origin;\n  if (allowed.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Vary', 'Origin');\n  res.end();\n});\napp.get('/b', (req, res) => {\n  const origin = req.headers.origin;\n  if (allowed.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.end();\n});",
      errors: [{ line: 10, column: 78, text: 'origin', severity: 'warning', message: MESSAGE }],
      output: "const allowed = ['https://a.com'];\napp.get('/a', (req, res) => {\n  const origin = req.headers.origin;\n  if (allowed.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Vary', 'Origin');\n  res.end();\n});\napp.get('/b', (req, res) => {\n  const origin = req.headers.origin;\n  res.setHeader('Vary', 'Origin');\n  if (allowed.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.end();\n});",
    },
    {
      name: 'a Vary only in the allowing branch misses the fallback response, which varies by Origin too',
      code: "const allowed = ['https://a.com', 'https://b.com'];\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (allowed.includes(origin)) {\n    res.setHeader('Access-Control-Allow-Origin', origin);\n    res.setHeader('Vary', 'Origin');\n  } else {\n    res.setHeader('Access-Control-Allow-Origin', allowed[0]);\n  }\n  res.end();\n});",
      errors: [{ line: 8, column: 50, text: 'allowed[0]', severity: 'warning', message: MESSAGE }],
      output: "const allowed = ['https://a.com', 'https://b.com'];\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  res.setHeader('Vary', 'Origin');\n  if (allowed.includes(origin)) {\n    res.setHeader('Access-Control-Allow-Origin', origin);\n    res.setHeader('Vary', 'Origin');\n  } else {\n    res.setHeader('Access-Control-Allow-Origin', allowed[0]);\n  }\n  res.end();\n});",
    },
    {
      name: 'fallback value in one write (allowed ? origin : allowed[0]) with a conditional Vary',
      code: "const allowed = ['https://a.com'];\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  const ok = allowed.includes(origin);\n  res.setHeader('Access-Control-Allow-Origin', ok ? origin : allowed[0]);\n  if (ok) res.setHeader('Vary', 'Origin');\n  res.end();\n});",
      errors: [{ line: 5, column: 48, text: 'ok ? origin : allowed[0]', severity: 'warning', message: MESSAGE }],
      output: "const allowed = ['https://a.com'];\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  const ok = allowed.includes(origin);\n  res.setHeader('Access-Control-Allow-Origin', ok ? origin : allowed[0]);\n  res.setHeader('Vary', 'Origin');\n  if (ok) res.setHeader('Vary', 'Origin');\n  res.end();\n});",
    },
    {
      name: 'style: no semicolons in a file without them; a trailing comment stays on its line',
      code: "const allowed = ['https://a.com']\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin\n  res.setHeader('Access-Control-Allow-Origin', allowed.includes(origin) ? origin : allowed[0]) // checked echo\n  res.end()\n})",
      errors: [{ line: 4, column: 48, text: 'allowed.includes(origin) ? origin : allowed[0]', severity: 'warning', message: MESSAGE }],
      output: "const allowed = ['https://a.com']\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin\n  res.setHeader('Access-Control-Allow-Origin', allowed.includes(origin) ? origin : allowed[0]) // checked echo\n  res.setHeader('Vary', 'Origin')\n  res.end()\n})",
    },
  ],
});
