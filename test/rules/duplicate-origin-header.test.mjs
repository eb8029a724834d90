import { ruleTester } from './rule-tester.mjs';

ruleTester('duplicate-origin-header', {
  valid: [
    { name: 'writes in exclusive if/else branches', code: "app.get('/x', (req, res) => {\n  if (req.query.a) res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n  else res.setHeader('Access-Control-Allow-Origin', 'https://b.com');\n});" },
    { name: 'different handlers', code: "app.get('/a', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n});\napp.get('/b', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n});" },
    { name: 'cors middleware disabled (origin: false)', code: "import cors from 'cors';\napp.use(cors({ origin: false }));\napp.get('/x', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n});" },
    { name: 'first write in a branch that returns', code: "app.get('/x', (req, res) => {\n  if (req.query.pub) {\n    res.setHeader('Access-Control-Allow-Origin', '*');\n    return res.end();\n  }\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n  res.end();\n});" },
    { name: 'Socket.IO cors does not touch HTTP responses', code: "import { Server } from 'socket.io';\nconst io = new Server(httpServer, { cors: { origin: 'https://a.com' } });\napp.get('/x', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n});" },
    { name: 'a helper and a handler are different responses', code: "const ok = (res) => res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://b.com');\n});" },
  ],
  invalid: [
    {
      name: 'setHeader twice: the later write silently replaces the first (safe: drop the first)',
      code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n  res.end();\n});",
      errors: [{ line: 3, column: 48, endColumn: 63, text: "'https://a.com'", severity: 'warning', message: 'Access-Control-Allow-Origin is written again for the same response, silently replacing the value set on line 2. Keep one write.' }],
      output: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n  res.end();\n});",
    },
    {
      name: 'append twice sends two values',
      code: "app.get('/x', (req, res) => {\n  res.append('Access-Control-Allow-Origin', 'https://a.com');\n  res.append('Access-Control-Allow-Origin', 'https://b.com');\n  res.end();\n});",
      errors: [{ line: 3, column: 45, text: "'https://b.com'", severity: 'warning', message: /^Access-Control-Allow-Origin is added again for the same response \(first on line 2\); the browser sees two values/ }],
      output: "app.get('/x', (req, res) => {\n  res.append('Access-Control-Allow-Origin', 'https://a.com');\n  res.end();\n});",
    },
    {
      name: 'cors middleware plus a manual write',
      code: "import express from 'express';\nimport cors from 'cors';\nconst app = express();\napp.use(cors({ origin: 'https://a.com' }));\napp.get('/x', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n  res.json({});\n});",
      errors: [{
        line: 6, column: 42, text: "'https://a.com'", severity: 'warning', message: /^Access-Control-Allow-Origin is written by hand although cors \(line 4\) already sets it/,
        suggestions: [{ title: /Remove the manual/, output: "import express from 'express';\nimport cors from 'cors';\nconst app = express();\napp.use(cors({ origin: 'https://a.com' }));\napp.get('/x', (req, res) => {\n  res.json({});\n});" }],
      }],
    },
    {
      name: 'cors middleware plus a manual write as the body of an if without braces: the fix leaves an empty block, so the next statement stays unconditional',
      code: "import cors from 'cors';\napp.use(cors({ origin: 'https://a.com' }));\napp.get('/x', (req, res, next) => {\n  if (req.query.embed) res.set('Access-Control-Allow-Origin', 'https://a.com');\n  next();\n});",
      errors: [{
        line: 4, column: 63, text: "'https://a.com'", severity: 'warning', message: /^Access-Control-Allow-Origin is written by hand although cors \(line 2\) already sets it/,
        suggestions: [{ title: /Remove the manual/, output: "import cors from 'cors';\napp.use(cors({ origin: 'https://a.com' }));\napp.get('/x', (req, res, next) => {\n  if (req.query.embed) {}\n  next();\n});" }],
      }],
    },
    {
      name: 'Headers set then append',
      code: "export function GET() {\n  const headers = new Headers();\n  headers.set('Access-Control-Allow-Origin', 'https://a.com');\n  headers.append('Access-Control-Allow-Origin', 'https://b.com');\n  return new Response('ok', { headers });\n}",
      errors: [{ line: 4, column: 49, text: "'https://b.com'", severity: 'warning', message: /added again/ }],
      output: "export function GET() {\n  const headers = new Headers();\n  headers.set('Access-Control-Allow-Origin', 'https://a.com');\n  return new Response('ok', { headers });\n}",
    },
    {
      name: 'same header twice in one object (different case)',
      code: "app.get('/x', (req, res) => {\n  res.set({\n    'Access-Control-Allow-Origin': 'https://a.com',\n    'access-control-allow-origin': 'https://a.com',\n  });\n});",
      errors: [{ line: 4, column: 36, text: "'https://a.com'", severity: 'warning' }],
      output: "app.get('/x', (req, res) => {\n  res.set({\n    'Access-Control-Allow-Origin': 'https://a.com',\n  });\n});",
    },
    {
      name: 'Koa set then append',
      code: "import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx) => {\n  ctx.set('Access-Control-Allow-Origin', 'https://a.com');\n  ctx.append('Access-Control-Allow-Origin', 'https://b.com');\n});",
      errors: [{ line: 5, column: 45, text: "'https://b.com'", severity: 'warning', message: /added again/ }],
      output: "import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx) => {\n  ctx.set('Access-Control-Allow-Origin', 'https://a.com');\n});",
    },
  ],
});
