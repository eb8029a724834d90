import { ruleTester } from './rule-tester.mjs';

ruleTester('duplicate-origin-header', {
  valid: [
    { name: 'writes in exclusive if/else branches', code: "app.get('/x', (req, res) => {\n  if (req.query.a) res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n  else res.setHeader('Access-Control-Allow-Origin', 'https://b.com');\n});" },
    { name: 'different handlers', code: "app.get('/a', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n});\napp.get('/b', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n});" },
    { name: 'cors middleware disabled (origin: false)', code: "import cors from 'cors';\napp.use(cors({ origin: false }));\napp.get('/x', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n});" },
    { name: 'first write in a branch that returns', code: "app.get('/x', (req, res) => {\n  if (req.query.pub) {\n    res.setHeader('Access-Control-Allow-Origin', '*');\n    return res.end();\n  }\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n  res.end();\n});" },
    { name: 'Socket.IO cors does not touch HTTP responses', code: "import { Server } from 'socket.io';\nconst io = new Server(httpServer, { cors: { origin: 'https://a.com' } });\napp.get('/x', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n});" },
    { name: 'a helper and a handler are different responses', code: "const ok = (res) => res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://b.com');\n});" },
    // Issue 11: an overwrite on some paths only is not a duplicate (each response gets one value).
    { name: 'second write only under an if: the first is the value of the other responses', code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  if (req.query.a) res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n  res.end();\n});" },
    { name: 'second write after an early return', code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n  if (!req.query.user) return res.status(401).end();\n  res.setHeader('Access-Control-Allow-Origin', 'https://b.com');\n  res.end();\n});" },
    { name: 'second write inside a try', code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n  try {\n    load();\n    res.setHeader('Access-Control-Allow-Origin', 'https://b.com');\n  } catch {}\n  res.end();\n});" },
    { name: 'second write in a loop body', code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n  for (const o of list) res.setHeader('Access-Control-Allow-Origin', o);\n  res.end();\n});" },
    { name: "app.options('*', cors()) answers preflights only: a GET handler's ACAO is its only one", code: "import express from 'express';\nimport cors from 'cors';\nconst app = express();\napp.options('*', cors());\napp.get('/x', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n  res.json({});\n});" },
  ],
  invalid: [
    {
      name: 'a conditional first write always overwritten by an unconditional one: removing the first is safe',
      code: "app.get('/x', (req, res) => {\n  if (req.query.a) {\n    res.setHeader('Access-Control-Allow-Origin', '*');\n  }\n  log(req);\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n  res.end();\n});",
      errors: [{ line: 6, column: 48, text: "'https://a.com'", severity: 'warning', message: /^Access-Control-Allow-Origin is written again for the same response, silently replacing the value set on line 3/ }],
      output: "app.get('/x', (req, res) => {\n  if (req.query.a) {\n  }\n  log(req);\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n  res.end();\n});",
    },
    {
      name: "app.options('*', cors()) and an OPTIONS handler of its own that writes ACAO too",
      code: "import cors from 'cors';\napp.options('*', cors());\napp.options('/x', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n  res.sendStatus(204);\n});",
      errors: [{ line: 4, column: 42, text: "'https://a.com'", severity: 'warning', message: /^Access-Control-Allow-Origin is written by hand although cors \(line 2\) already sets it/ }],
    },
    {
      name: 'setHeader twice: the later write silently replaces the first (safe: drop the first)',
      code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n  res.end();\n});",
      errors: [{ line: 3, column: 48, endColumn: 63, text: "'https://a.com'", severity: 'warning', message: 'Access-Control-Allow-Origin is written again for the same response, silently replacing the value set on line 2. Keep one write.' }],
      output: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n  res.end();\n});",
    },
    {
      name: 'append twice sends two values',
      code: "app.get('/x', (req, res) => {\n  res.append('Access-Control-Allow-Origin', 'https://a.com');\n  res.append('Access-Control-Allow-Origin', 'https://b.com');\n  res.end();\n});",
      // Two values are rejected; one is allowed: dropping one changes who may read, so it is a suggestion.
      errors: [{
        line: 3, column: 45, text: "'https://b.com'", severity: 'warning', message: /^Access-Control-Allow-Origin is added again for the same response \(first on line 2\); the browser sees two values/,
        suggestions: [{ title: /^Remove the second value \(keep 'https:\/\/a\.com'\)$/, output: "app.get('/x', (req, res) => {\n  res.append('Access-Control-Allow-Origin', 'https://a.com');\n  res.end();\n});" }],
      }],
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
      errors: [{
        line: 4, column: 49, text: "'https://b.com'", severity: 'warning', message: /added again/,
        suggestions: [{ title: /^Remove the second value/, output: "export function GET() {\n  const headers = new Headers();\n  headers.set('Access-Control-Allow-Origin', 'https://a.com');\n  return new Response('ok', { headers });\n}" }],
      }],
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
      errors: [{
        line: 5, column: 45, text: "'https://b.com'", severity: 'warning', message: /added again/,
        suggestions: [{ title: /^Remove the second value/, output: "import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx) => {\n  ctx.set('Access-Control-Allow-Origin', 'https://a.com');\n});" }],
      }],
    },
  ],
});
