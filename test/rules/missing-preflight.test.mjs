import { ruleTester } from './rule-tester.mjs';

const needs = (what) => new RegExp(`^${what} needs a CORS preflight, but nothing answers OPTIONS with Access-Control-Allow-Origin, -Methods and -Headers and a 2xx status`);

// PUT and DELETE on one path offer the same edit: the one OPTIONS handler gets the headers for both.
const MERGED_OPTIONS = "import express from 'express';\nconst app = express();\napp.options('/items/:id', (req, res) => {\n  res.set({\n    'Access-Control-Allow-Origin': 'https://a.com',\n    'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',\n    'Access-Control-Allow-Headers': 'Content-Type, Authorization',\n  });\n  return res.sendStatus(204);\n});\napp.put('/items/:id', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n  res.json({});\n});\napp.delete('/items/:id', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n  res.sendStatus(204);\n});\n";

ruleTester('missing-preflight', {
  valid: [
    { name: 'Express OPTIONS route for the same path', code: "import express from 'express';\nconst app = express();\napp.options('/items/:id', (req, res) => {\n  res.set({ 'Access-Control-Allow-Origin': 'https://a.com', 'Access-Control-Allow-Methods': 'PUT' });\n  res.sendStatus(204);\n});\napp.put('/items/:id', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n  res.json({});\n});" },
    { name: 'simple method (POST) needs no preflight by itself', code: "import express from 'express';\nconst app = express();\napp.post('/items', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n  res.json({});\n});" },
    { name: 'cors middleware answers preflights', code: "import express from 'express';\nimport cors from 'cors';\nconst app = express();\napp.use(cors({ origin: 'https://a.com' }));\napp.delete('/items/:id', (req, res) => res.sendStatus(204));" },
    { name: 'exported OPTIONS handler', code: "export async function PUT() {\n  return Response.json({}, { headers: { 'Access-Control-Allow-Origin': 'https://a.com' } });\n}\nexport function OPTIONS() {\n  return new Response(null, { status: 204, headers: { 'Access-Control-Allow-Origin': 'https://a.com', 'Access-Control-Allow-Methods': 'PUT' } });\n}" },
    { name: "catch-all app.options('*')", code: "import express from 'express';\nconst app = express();\napp.options('*', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n  res.sendStatus(204);\n});\napp.put('/x', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n});" },
    { name: 'PUT route without any CORS headers (same-origin API)', code: "import express from 'express';\nconst app = express();\napp.put('/x', (req, res) => {\n  res.json({});\n});" },
    { name: 'Node handler answering OPTIONS with 204 and Allow-Methods', code: "import http from 'node:http';\nhttp.createServer((req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n  if (req.method === 'OPTIONS') {\n    res.writeHead(204, { 'Access-Control-Allow-Methods': 'PUT, DELETE' });\n    return res.end();\n  }\n  if (req.method === 'PUT') res.end('ok');\n});" },
    // OPTIONS answers whose headers may be set where the engine cannot see: left alone.
    { name: 'an OPTIONS handler that passes on with next()', code: "import express from 'express';\nconst app = express();\napp.options('/x', (req, res, next) => next());\napp.put('/x', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n  res.end();\n});" },
    { name: 'an OPTIONS handler defined elsewhere', code: "import express from 'express';\nconst app = express();\napp.options('/x', preflight);\napp.put('/x', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n  res.end();\n});" },
    { name: 'an OPTIONS handler that hands the response to a helper', code: "import express from 'express';\nconst app = express();\napp.options('/x', (req, res) => {\n  setCors(res);\n  res.sendStatus(204);\n});\napp.put('/x', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n  res.end();\n});" },
    { name: 'an OPTIONS Response with a headers object built elsewhere', code: "export async function PUT(request: Request) {\n  return Response.json({}, { headers: { 'Access-Control-Allow-Origin': 'https://a.com' } });\n}\nexport function OPTIONS() {\n  return new Response(null, { status: 204, headers: corsHeaders });\n}" },
    { name: 'an OPTIONS branch after a CORS write that reaches it', code: "import http from 'node:http';\nhttp.createServer((req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n  if (req.method === 'OPTIONS') {\n    res.writeHead(204);\n    return res.end();\n  }\n  if (req.method === 'PUT') return res.end('ok');\n  res.end();\n});" },
    { name: 'client code sending PUT with fetch', code: "export async function save(item) {\n  await fetch('https://api.a.com/items', { method: 'PUT', headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' }, body: JSON.stringify(item) });\n}" },
  ],
  invalid: [
    // Issue 11 item 6: an OPTIONS answer the path already has, which sends no CORS header, gets them
    // (never a second handler for the path); the value is the route's own or the configured allowlist.
    {
      name: "an Express OPTIONS handler for the path without CORS headers gets them (one handler, PUT and DELETE offer the same edit)",
      filename: 'routes.js',
      code: "import express from 'express';\nconst app = express();\napp.options('/items/:id', (req, res) => res.sendStatus(204));\napp.put('/items/:id', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n  res.json({});\n});\napp.delete('/items/:id', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n  res.sendStatus(204);\n});\n",
      errors: [
        { line: 4, text: "put", severity: 'warning', suggestions: [{ title: /^Answer preflight requests: add the CORS headers to the OPTIONS handler$/, output: MERGED_OPTIONS }] },
        { line: 8, text: "delete", severity: 'warning', suggestions: [{ title: /^Answer preflight requests: add the CORS headers to the OPTIONS handler$/, output: MERGED_OPTIONS }] },
      ],
    },
    {
      name: "export function OPTIONS() returning new Response(null, { status: 204 }) gets the headers in its init",
      code: "export async function PUT(request: Request) {\n  return Response.json({ ok: true }, { headers: { 'Access-Control-Allow-Origin': 'https://a.com' } });\n}\n\nexport function OPTIONS() {\n  return new Response(null, { status: 204 });\n}\n",
      errors: [
        { line: 1, text: "PUT", severity: 'warning', suggestions: [{ title: /^Answer preflight requests: add the CORS headers to the OPTIONS handler$/, output: "export async function PUT(request: Request) {\n  return Response.json({ ok: true }, { headers: { 'Access-Control-Allow-Origin': 'https://a.com' } });\n}\n\nexport function OPTIONS() {\n  return new Response(null, { status: 204, headers: { 'Access-Control-Allow-Origin': 'https://a.com', 'Access-Control-Allow-Methods': 'GET, POST, PUT', 'Access-Control-Allow-Headers': 'Content-Type, Authorization' } });\n}\n" }] },
      ],
    },
    {
      name: "a req.method === 'OPTIONS' branch (Node http) that answers without CORS headers gets them before writeHead",
      filename: 'server.js',
      code: "import http from 'node:http';\nhttp.createServer((req, res) => {\n  if (req.method === 'OPTIONS') {\n    res.writeHead(204);\n    return res.end();\n  }\n  if (req.method === 'PUT') {\n    res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n    return res.end('ok');\n  }\n  res.end();\n});\n",
      errors: [
        { line: 7, text: "'PUT'", severity: 'warning', suggestions: [{ title: /^Answer preflight requests: add the CORS headers to the OPTIONS branch$/, output: "import http from 'node:http';\nhttp.createServer((req, res) => {\n  if (req.method === 'OPTIONS') {\n    res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT');\n    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization');\n    res.writeHead(204);\n    return res.end();\n  }\n  if (req.method === 'PUT') {\n    res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n    return res.end('ok');\n  }\n  res.end();\n});\n" }] },
      ],
    },
    {
      name: "a Hono OPTIONS handler with an expression body becomes a block that sets the headers",
      code: "import { Hono } from 'hono';\nconst app = new Hono();\napp.options('/items', (c) => c.body(null, 204));\napp.put('/items', (c) => {\n  c.header('Access-Control-Allow-Origin', 'https://a.com');\n  return c.json({});\n});\n",
      errors: [
        { line: 4, text: "put", severity: 'warning', suggestions: [{ title: /^Answer preflight requests: add the CORS headers to the OPTIONS handler$/, output: "import { Hono } from 'hono';\nconst app = new Hono();\napp.options('/items', (c) => {\n  c.header('Access-Control-Allow-Origin', 'https://a.com');\n  c.header('Access-Control-Allow-Methods', 'GET, POST, PUT');\n  c.header('Access-Control-Allow-Headers', 'Content-Type, Authorization');\n  return c.body(null, 204);\n});\napp.put('/items', (c) => {\n  c.header('Access-Control-Allow-Origin', 'https://a.com');\n  return c.json({});\n});\n" }] },
      ],
    },
    {
      name: "a Fetch OPTIONS branch returning new Response: the configured allowlist echoes the request origin (with Vary)",
      filename: 'worker.ts',
      config: {"allowedOrigins":["https://a.com"]},
      code: "export default {\n  async fetch(request: Request): Promise<Response> {\n    if (request.method === 'OPTIONS') return new Response(null, { status: 204 });\n    if (request.method === 'DELETE') {\n      return new Response('ok', { headers: { 'Access-Control-Allow-Origin': request.headers.get('Origin') === 'https://a.com' ? 'https://a.com' : '' } });\n    }\n    return new Response('no', { status: 404 });\n  },\n};\n",
      errors: [
        { line: 4, text: "'DELETE'", severity: 'warning', suggestions: [{ title: /^Answer preflight requests: add the CORS headers to the OPTIONS branch$/, output: "const allowedOrigins = ['https://a.com'];\n\nexport default {\n  async fetch(request: Request): Promise<Response> {\n    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: { 'Access-Control-Allow-Origin': allowedOrigins.find((allowed) => allowed === request.headers.get('Origin')) ?? allowedOrigins[0], 'Access-Control-Allow-Methods': 'GET, POST, DELETE', 'Access-Control-Allow-Headers': 'Content-Type, Authorization', Vary: 'Origin' } });\n    if (request.method === 'DELETE') {\n      return new Response('ok', { headers: { 'Access-Control-Allow-Origin': request.headers.get('Origin') === 'https://a.com' ? 'https://a.com' : '' } });\n    }\n    return new Response('no', { status: 404 });\n  },\n};\n" }] },
      ],
    },
    {
      name: "export function OPTIONS() with no parameter, a guarded route: the request parameter is added, in the file's semicolon-less style",
      filename: 'route.ts',
      code: "export async function DELETE(request: Request) {\n  const origin = request.headers.get('Origin')\n  return new Response(null, { headers: { 'Access-Control-Allow-Origin': origin === 'https://a.com' ? origin : 'https://a.com', Vary: 'Origin' } })\n}\n\nexport function OPTIONS() {\n  return new Response(null, { status: 204 })\n}\n",
      errors: [
        { line: 1, text: "DELETE", severity: 'warning', suggestions: [{ title: /^Answer preflight requests: add the CORS headers to the OPTIONS handler \(inserts the placeholder https:\/\/app\.example\.com: replace it\)$/, output: "const allowedOrigins = ['https://app.example.com'] // placeholder: replace with the origins you trust\n\nexport async function DELETE(request: Request) {\n  const origin = request.headers.get('Origin')\n  return new Response(null, { headers: { 'Access-Control-Allow-Origin': origin === 'https://a.com' ? origin : 'https://a.com', Vary: 'Origin' } })\n}\n\nexport function OPTIONS(request: Request) {\n  return new Response(null, { status: 204, headers: { 'Access-Control-Allow-Origin': allowedOrigins.find((allowed) => allowed === request.headers.get('Origin')) ?? allowedOrigins[0], 'Access-Control-Allow-Methods': 'GET, POST, DELETE', 'Access-Control-Allow-Headers': 'Content-Type, Authorization', Vary: 'Origin' } })\n}\n" }] },
      ],
    },
    {
      name: "a koa-router OPTIONS handler without CORS headers, semicolon-less file",
      filename: 'router.js',
      code: "import Koa from 'koa'\nimport Router from '@koa/router'\nconst router = new Router()\nrouter.options('/x', (ctx) => {\n  ctx.status = 204\n})\nrouter.patch('/x', (ctx) => {\n  ctx.set('Access-Control-Allow-Origin', 'https://a.com')\n  ctx.body = {}\n})\n",
      errors: [
        { line: 7, text: "patch", severity: 'warning', suggestions: [{ title: /^Answer preflight requests: add the CORS headers to the OPTIONS handler$/, output: "import Koa from 'koa'\nimport Router from '@koa/router'\nconst router = new Router()\nrouter.options('/x', (ctx) => {\n  ctx.set({\n    'Access-Control-Allow-Origin': 'https://a.com',\n    'Access-Control-Allow-Methods': 'GET, POST, PATCH',\n    'Access-Control-Allow-Headers': 'Content-Type, Authorization',\n  })\n  ctx.status = 204\n})\nrouter.patch('/x', (ctx) => {\n  ctx.set('Access-Control-Allow-Origin', 'https://a.com')\n  ctx.body = {}\n})\n" }] },
      ],
    },

    // Issue 11 item 6: the route's own policy (never another route's two-origin value), one OPTIONS
    // handler per path whatever the number of methods (PUT and DELETE offer the same edit).
    {
      name: 'PUT and DELETE on one path: one OPTIONS handler with both methods and the route\'s own origin; a route without CORS gets the allowlist',
      filename: 'routes.js',
      code: "import express from 'express';\nconst app = express();\napp.get('/a', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com, https://b.com');\n  res.json([]);\n});\napp.put('/items/:id', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://c.com');\n  res.json({});\n});\napp.delete('/items/:id', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://c.com');\n  res.sendStatus(204);\n});\napp.patch('/other', (req, res) => {\n  res.json({});\n});\n",
      errors: [
        { line: 7, text: 'put', suggestions: [{ title: /^Answer preflight requests: add app\.options\(…\) with 204 and the CORS headers$/, output: "import express from 'express';\nconst app = express();\napp.get('/a', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com, https://b.com');\n  res.json([]);\n});\napp.options('/items/:id', (req, res) => {\n  res.set({\n    'Access-Control-Allow-Origin': 'https://c.com',\n    'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',\n    'Access-Control-Allow-Headers': 'Content-Type, Authorization',\n  });\n  res.sendStatus(204);\n});\napp.put('/items/:id', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://c.com');\n  res.json({});\n});\napp.delete('/items/:id', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://c.com');\n  res.sendStatus(204);\n});\napp.patch('/other', (req, res) => {\n  res.json({});\n});\n" }] },
        { line: 11, text: 'delete', suggestions: [{ title: /^Answer preflight requests: add app\.options\(…\) with 204 and the CORS headers$/, output: "import express from 'express';\nconst app = express();\napp.get('/a', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com, https://b.com');\n  res.json([]);\n});\napp.options('/items/:id', (req, res) => {\n  res.set({\n    'Access-Control-Allow-Origin': 'https://c.com',\n    'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',\n    'Access-Control-Allow-Headers': 'Content-Type, Authorization',\n  });\n  res.sendStatus(204);\n});\napp.put('/items/:id', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://c.com');\n  res.json({});\n});\napp.delete('/items/:id', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://c.com');\n  res.sendStatus(204);\n});\napp.patch('/other', (req, res) => {\n  res.json({});\n});\n" }] },
        { line: 15, text: 'patch', suggestions: [{ title: /^Answer preflight requests: add app\.options\(…\) with 204 and the CORS headers \(inserts the placeholder https:\/\/app\.example\.com: replace it\)$/, output: "import express from 'express';\n\nconst allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\nconst app = express();\napp.get('/a', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com, https://b.com');\n  res.json([]);\n});\napp.put('/items/:id', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://c.com');\n  res.json({});\n});\napp.delete('/items/:id', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://c.com');\n  res.sendStatus(204);\n});\napp.options('/other', (req, res) => {\n  res.set({\n    'Access-Control-Allow-Origin': allowedOrigins.includes(req.headers.origin) ? req.headers.origin : allowedOrigins[0],\n    'Access-Control-Allow-Methods': 'GET, POST, PATCH',\n    'Access-Control-Allow-Headers': 'Content-Type, Authorization',\n    Vary: 'Origin',\n  });\n  res.sendStatus(204);\n});\napp.patch('/other', (req, res) => {\n  res.json({});\n});\n" }] },
      ],
    },
    {
      name: "SvelteKit OPTIONS({ request: req }) without CORS headers: the destructured request is read",
      filename: '+server.js',
      code: "export async function PUT({ request }) {\n  return new Response('ok', { headers: { 'Access-Control-Allow-Origin': request.headers.get('Origin') === 'https://a.com' ? 'https://a.com' : '' } });\n}\n\nexport function OPTIONS({ request: req }) {\n  return new Response(null, { status: 204 });\n}\n",
      errors: [
        { line: 1, text: "PUT", severity: 'warning', suggestions: [{ title: /^Answer preflight requests: add the CORS headers to the OPTIONS handler \(inserts the placeholder https:\/\/app\.example\.com: replace it\)$/, output: "const allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\nexport async function PUT({ request }) {\n  return new Response('ok', { headers: { 'Access-Control-Allow-Origin': request.headers.get('Origin') === 'https://a.com' ? 'https://a.com' : '' } });\n}\n\nexport function OPTIONS({ request: req }) {\n  return new Response(null, { status: 204, headers: { 'Access-Control-Allow-Origin': allowedOrigins.includes(req.headers.get('Origin')) ? req.headers.get('Origin') : allowedOrigins[0], 'Access-Control-Allow-Methods': 'GET, POST, PUT', 'Access-Control-Allow-Headers': 'Content-Type, Authorization', Vary: 'Origin' } });\n}\n" }] },
      ],
    },

    {
      name: 'Express PUT with hand-written CORS and no OPTIONS (issue case)',
      filename: 'a.js',
      code: "const express = require('express');\nconst app = express();\napp.put('/items/:id', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n  res.json({});\n});",
      errors: [{
        line: 3, column: 5, endColumn: 8, text: 'put', severity: 'warning', message: needs('PUT /items/:id'),
        suggestions: [{
          title: /add app\.options\(…\) with 204/,
          output: "const express = require('express');\nconst app = express();\napp.options('/items/:id', (req, res) => {\n  res.set({\n    'Access-Control-Allow-Origin': 'https://a.com',\n    'Access-Control-Allow-Methods': 'GET, POST, PUT',\n    'Access-Control-Allow-Headers': 'Content-Type, Authorization',\n  });\n  res.sendStatus(204);\n});\napp.put('/items/:id', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n  res.json({});\n});",
        }],
      }],
    },
    {
      name: 'express.Router() DELETE',
      code: "import express from 'express';\nconst router = express.Router();\nrouter.delete('/items/:id', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n  res.sendStatus(204);\n});",
      errors: [{ line: 3, column: 8, text: 'delete', severity: 'warning', message: needs('DELETE /items/:id'), suggestions: [{ title: /router\.options/ }] }],
    },
    {
      name: 'Next.js route handler export function PUT',
      code: "export async function PUT(request: Request) {\n  return Response.json({ ok: true }, { headers: { 'Access-Control-Allow-Origin': 'https://a.com' } });\n}\n",
      errors: [{
        line: 1, column: 23, text: 'PUT', severity: 'warning', message: needs('PUT'),
        suggestions: [{ output: "export async function PUT(request: Request) {\n  return Response.json({ ok: true }, { headers: { 'Access-Control-Allow-Origin': 'https://a.com' } });\n}\n\nexport async function OPTIONS() {\n  return new Response(null, {\n    status: 204,\n    headers: {\n      'Access-Control-Allow-Origin': 'https://a.com',\n      'Access-Control-Allow-Methods': 'GET, POST, PUT',\n      'Access-Control-Allow-Headers': 'Content-Type, Authorization',\n    },\n  });\n}\n" }],
      }],
    },
    {
      name: 'Node http method branch: the fix answers with res.writeHead, not a Fetch Response',
      code: "import http from 'node:http';\nhttp.createServer((req, res) => {\n  if (req.method === 'DELETE') {\n    res.writeHead(204, { 'Access-Control-Allow-Origin': 'https://a.com' });\n    return res.end();\n  }\n  res.end();\n});",
      errors: [{
        line: 3, column: 22, text: "'DELETE'", severity: 'warning', message: needs('DELETE'),
        suggestions: [{ output: "import http from 'node:http';\nhttp.createServer((req, res) => {\n  if (req.method === 'OPTIONS') {\n    res.writeHead(204, {\n      'Access-Control-Allow-Origin': 'https://a.com',\n      'Access-Control-Allow-Methods': 'GET, POST, DELETE',\n      'Access-Control-Allow-Headers': 'Content-Type, Authorization',\n    });\n    return res.end();\n  }\n  if (req.method === 'DELETE') {\n    res.writeHead(204, { 'Access-Control-Allow-Origin': 'https://a.com' });\n    return res.end();\n  }\n  res.end();\n});" }],
      }],
    },
    {
      name: 'OPTIONS answered with a non-2xx status',
      code: "import express from 'express';\nconst app = express();\napp.options('/items', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n  res.status(404).end();\n});\napp.put('/items', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n});",
      errors: [{
        line: 5, column: 14, text: '404', severity: 'warning', message: /^OPTIONS is answered with status 404; a preflight needs a 2xx status/,
        suggestions: [{ title: /204/, output: "import express from 'express';\nconst app = express();\napp.options('/items', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n  res.status(204).end();\n});\napp.put('/items', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n});" }],
      }],
    },
    {
      name: 'koa-router PATCH',
      code: "import Koa from 'koa';\nimport Router from '@koa/router';\nconst router = new Router();\nrouter.patch('/x', (ctx) => {\n  ctx.set('Access-Control-Allow-Origin', 'https://a.com');\n});",
      errors: [{
        line: 4, column: 8, text: 'patch', severity: 'warning', message: needs('PATCH /x'),
        suggestions: [{ output: "import Koa from 'koa';\nimport Router from '@koa/router';\nconst router = new Router();\nrouter.options('/x', (ctx) => {\n  ctx.set({\n    'Access-Control-Allow-Origin': 'https://a.com',\n    'Access-Control-Allow-Methods': 'GET, POST, PATCH',\n    'Access-Control-Allow-Headers': 'Content-Type, Authorization',\n  });\n  ctx.status = 204;\n});\nrouter.patch('/x', (ctx) => {\n  ctx.set('Access-Control-Allow-Origin', 'https://a.com');\n});" }],
      }],
    },
    {
      name: 'Fastify route object',
      code: "import Fastify from 'fastify';\nconst fastify = Fastify();\nfastify.route({ method: 'PUT', url: '/x', handler: async (request, reply) => {\n  reply.header('Access-Control-Allow-Origin', 'https://a.com');\n  return {};\n} });",
      errors: [{ line: 3, column: 25, text: "'PUT'", severity: 'warning', message: needs('PUT /x') }],
    },
    {
      name: "app.route(p).put(h): the fix adds app.route(p).options(h204) without the PUT handler",
      code: "import express from 'express';\nconst app = express();\napp.route('/x').put((req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n  res.end();\n});",
      errors: [{
        line: 3, column: 17, text: 'put', severity: 'warning', message: needs('PUT /x'),
        suggestions: [{ output: "import express from 'express';\nconst app = express();\napp.route('/x').options((req, res) => {\n  res.set({\n    'Access-Control-Allow-Origin': 'https://a.com',\n    'Access-Control-Allow-Methods': 'GET, POST, PUT',\n    'Access-Control-Allow-Headers': 'Content-Type, Authorization',\n  });\n  res.sendStatus(204);\n});\napp.route('/x').put((req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n  res.end();\n});" }],
      }],
    },
    {
      name: 'Lambda httpMethod branch',
      code: "export const handler = async (event) => {\n  if (event.httpMethod === 'PUT') {\n    return { statusCode: 200, headers: { 'Access-Control-Allow-Origin': 'https://a.com' }, body: '' };\n  }\n  return { statusCode: 404, body: '' };\n};",
      errors: [{
        line: 2, column: 28, text: "'PUT'", severity: 'warning', message: needs('PUT'),
        suggestions: [{ output: "export const handler = async (event) => {\n  if (event.httpMethod === 'OPTIONS') {\n    return {\n      statusCode: 204,\n      headers: {\n        'Access-Control-Allow-Origin': 'https://a.com',\n        'Access-Control-Allow-Methods': 'GET, POST, PUT',\n        'Access-Control-Allow-Headers': 'Content-Type, Authorization',\n      },\n    };\n  }\n  if (event.httpMethod === 'PUT') {\n    return { statusCode: 200, headers: { 'Access-Control-Allow-Origin': 'https://a.com' }, body: '' };\n  }\n  return { statusCode: 404, body: '' };\n};" }],
      }],
    },
  ],
});
