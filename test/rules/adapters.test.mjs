// Every framework adapter and value shape, asserted end to end: the exact findings (rule and line) a
// snippet yields. Each case lists ALL findings of the file, so a missed or extra finding fails.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { run, lineColumn } from './rule-tester.mjs';

function check(c) {
  it(c.name, () => {
    const result = run(c.code, { filename: c.filename ?? 'file.ts', config: c.config });
    assert.deepEqual(result.internalErrors, [], 'internal errors');
    const got = result.findings
      .map((f) => [f.ruleId, lineColumn(c.code, f.start).line, ...(c.withText ? [c.code.slice(f.start, f.end)] : [])])
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
    const want = [...c.expect].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
    assert.deepEqual(got, want);
  });
}
const suite = (name, cases) => describe(name, () => cases.forEach(check));

suite('Node http / https / http2', [
  { name: 'res.setHeader', code: "import http from 'node:http';\nhttp.createServer((req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'null');\n  res.end();\n});", expect: [['null-origin', 3]] },
  { name: 'res.appendHeader', code: "import http from 'node:http';\nhttp.createServer((req, res) => {\n  res.appendHeader('Access-Control-Allow-Origin', 'null');\n  res.end();\n});", expect: [['null-origin', 3]] },
  { name: 'res.writeHead(200, {...}) on https', code: "import https from 'node:https';\nhttps.createServer(opts, (req, res) => {\n  res.writeHead(200, { 'Access-Control-Allow-Origin': 'null' });\n  res.end();\n});", expect: [['null-origin', 3]] },
  { name: "res.writeHead(200, 'OK', [flat array])", code: "import http from 'node:http';\nhttp.createServer((req, res) => {\n  res.writeHead(200, 'OK', ['Content-Type', 'text/plain', 'Access-Control-Allow-Origin', 'null']);\n  res.end();\n});", expect: [['null-origin', 3]] },
  { name: 'writeHead array of tuples', code: "import http from 'node:http';\nhttp.createServer((req, res) => {\n  res.writeHead(200, [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Credentials', 'true']]);\n  res.end();\n});", expect: [['wildcard-with-credentials', 3]] },
  { name: 'http2 stream.respond with http2.constants', code: "import http2 from 'node:http2';\nconst server = http2.createSecureServer(opts);\nserver.on('stream', (stream, headers) => {\n  stream.respond({\n    ':status': 200,\n    [http2.constants.HTTP2_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN]: 'null',\n  });\n  stream.end('ok');\n});", expect: [['null-origin', 6]] },
  { name: 'http2 destructured constants', code: "import http2 from 'node:http2';\nconst { HTTP2_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN } = http2.constants;\nserver.on('stream', (stream) => {\n  stream.respond({ [HTTP2_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN]: 'null' });\n});", expect: [['null-origin', 4]] },
  { name: 'node method branch PUT without OPTIONS', code: "import http from 'node:http';\nhttp.createServer((req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n  switch (req.method) {\n    case 'PUT':\n      res.end('ok');\n      break;\n    default:\n      res.end();\n  }\n});", expect: [['missing-preflight', 5]] },
]);

suite('Express', [
  { name: 'res.set(name, v) with req.get(origin)', code: "import express from 'express';\nconst app = express();\napp.get('/', (req, res) => {\n  res.set('Access-Control-Allow-Origin', req.get('Origin'));\n  res.send('ok');\n});", expect: [['reflected-origin', 4]] },
  { name: 'res.set({...}).json()', code: "import express from 'express';\nconst app = express();\napp.get('/', (req, res) => {\n  res.set({ 'Access-Control-Allow-Origin': 'null' }).json({});\n});", expect: [['null-origin', 4]] },
  { name: 'res.header chained', code: "import express from 'express';\nconst app = express();\napp.get('/', (req, res) => res.header('Access-Control-Allow-Origin', 'null').send('ok'));", expect: [['null-origin', 3]] },
  { name: 'res.append', code: "import express from 'express';\nconst app = express();\napp.get('/', (req, res) => {\n  res.append('Access-Control-Allow-Origin', 'null');\n  res.send('ok');\n});", expect: [['null-origin', 4]] },
  { name: "res.vary('Origin') satisfies Vary", code: "import express from 'express';\nconst app = express();\nconst allowed = ['https://a.com'];\napp.get('/', (req, res) => {\n  const origin = req.get('origin');\n  if (allowed.includes(origin)) res.set('Access-Control-Allow-Origin', origin);\n  res.vary('Origin');\n  res.send('ok');\n});", expect: [] },
  { name: 'express.Router() PUT', code: "import express from 'express';\nconst router = express.Router();\nrouter.put('/a', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n  res.end();\n});", expect: [['missing-preflight', 3]] },
  { name: 'app.route(p).put(h)', code: "import express from 'express';\nconst app = express();\napp.route('/a').put((req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://a.com');\n  res.end();\n});", expect: [['missing-preflight', 3]] },
  { name: 'app.route(p).options(h).put(h) answers preflight', code: "import express from 'express';\nconst app = express();\napp.route('/a')\n  .options((req, res) => {\n    res.set({ 'Access-Control-Allow-Origin': 'https://a.com', 'Access-Control-Allow-Methods': 'PUT' });\n    res.sendStatus(204);\n  })\n  .put((req, res) => {\n    res.set('Access-Control-Allow-Origin', 'https://a.com');\n    res.end();\n  });", expect: [] },
]);

suite('Koa', [
  { name: 'ctx.set with ctx.get(Origin) and credentials', code: "import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx) => {\n  ctx.set('Access-Control-Allow-Origin', ctx.get('Origin'));\n  ctx.set('Access-Control-Allow-Credentials', 'true');\n});", expect: [['reflected-origin', 4]] },
  { name: 'ctx.response.set with ctx.request.header.origin', code: "import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx) => {\n  ctx.response.set('Access-Control-Allow-Origin', ctx.request.header.origin);\n});", expect: [['reflected-origin', 4]] },
  { name: 'ctx.append after ctx.set', code: "import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx) => {\n  ctx.set('Access-Control-Allow-Origin', 'https://a.com');\n  ctx.append('Access-Control-Allow-Origin', 'https://b.com');\n});", expect: [['duplicate-origin-header', 5]] },
  { name: 'ctx.set({...})', code: "import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx) => {\n  ctx.set({ 'Access-Control-Allow-Origin': 'null' });\n});", expect: [['null-origin', 4]] },
  { name: 'koa-router DELETE', code: "import Router from 'koa-router';\nconst router = new Router();\nrouter.del('/x', (ctx) => {\n  ctx.set('Access-Control-Allow-Origin', 'https://a.com');\n  ctx.status = 204;\n});", expect: [['missing-preflight', 3]] },
]);

suite('Fastify', [
  { name: 'reply.header', code: "import Fastify from 'fastify';\nconst fastify = Fastify();\nfastify.get('/', async (request, reply) => {\n  reply.header('Access-Control-Allow-Origin', request.headers.origin);\n  return {};\n});", expect: [['reflected-origin', 4]] },
  { name: 'reply.headers({...})', code: "import Fastify from 'fastify';\nconst fastify = Fastify();\nfastify.get('/', async (request, reply) => {\n  reply.headers({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' });\n  return {};\n});", expect: [['wildcard-with-credentials', 4]] },
  { name: 'reply.raw.setHeader', code: "import Fastify from 'fastify';\nconst fastify = Fastify();\nfastify.get('/', (request, reply) => {\n  reply.raw.setHeader('Access-Control-Allow-Origin', 'null');\n  reply.send({});\n});", expect: [['null-origin', 4]] },
  { name: "fastify.addHook('onSend', …)", code: "import Fastify from 'fastify';\nconst fastify = Fastify();\nfastify.addHook('onSend', async (request, reply, payload) => {\n  reply.header('Access-Control-Allow-Origin', request.headers.origin);\n  return payload;\n});", expect: [['reflected-origin', 4]] },
  { name: "fastify.route({ method: 'PUT', url, handler })", code: "import Fastify from 'fastify';\nconst fastify = Fastify();\nfastify.route({ method: 'PUT', url: '/x', handler: async (request, reply) => {\n  reply.header('Access-Control-Allow-Origin', 'https://a.com');\n  return {};\n} });", expect: [['missing-preflight', 3]] },
  { name: '@fastify/cors array containing * = any', code: "import Fastify from 'fastify';\nimport fastifyCors from '@fastify/cors';\nconst app = Fastify();\nawait app.register(fastifyCors, { origin: ['https://a.com', '*'] });", expect: [['permissive-wildcard', 4]] },
]);

suite('hapi', [
  { name: 'h.response(x).header(...)', code: "import Hapi from '@hapi/hapi';\nconst server = Hapi.server({ port: 3000 });\nserver.route({ method: 'GET', path: '/', handler: (request, h) => h.response('ok').header('Access-Control-Allow-Origin', 'null') });", expect: [['null-origin', 3]] },
  { name: 'server.route({ options: { cors } }) with credentials echoes any origin', code: "import Hapi from '@hapi/hapi';\nconst server = Hapi.server({ port: 3000 });\nserver.route({ method: 'GET', path: '/', options: { cors: { origin: ['*'], credentials: true } }, handler: () => 'ok' });", expect: [['reflected-origin', 3]] },
  { name: 'Hapi.server({ routes: { cors } }) with null', code: "import Hapi from '@hapi/hapi';\nconst server = Hapi.server({ port: 3000, routes: { cors: { origin: ['https://a.com', 'null'] } } });", expect: [['null-origin', 2]] },
  { name: 'routes: { cors: true }', code: "import Hapi from '@hapi/hapi';\nconst server = Hapi.server({ routes: { cors: true } });", expect: [['permissive-wildcard', 2]] },
]);

suite('NestJS', [
  { name: 'app.enableCors({ origin: true, credentials: true })', code: "import { NestFactory } from '@nestjs/core';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.enableCors({ origin: true, credentials: true });\n}", expect: [['reflected-origin', 4]] },
  { name: 'NestFactory.create(M, { cors: {...} })', code: "import { NestFactory } from '@nestjs/core';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule, { cors: { origin: '*', credentials: true } });\n}", expect: [['wildcard-with-credentials', 3]] },
  { name: "@Header('Access-Control-Allow-Origin', '*')", code: "import { Controller, Get, Header } from '@nestjs/common';\n@Controller('cats')\nexport class CatsController {\n  @Get()\n  @Header('Access-Control-Allow-Origin', '*')\n  findAll() {\n    return [];\n  }\n}", expect: [['permissive-wildcard', 5]] },
]);

suite('restify', [
  { name: 'res.header + server.del', code: "import restify from 'restify';\nconst server = restify.createServer();\nserver.del('/items/:id', (req, res, next) => {\n  res.header('Access-Control-Allow-Origin', 'https://a.com');\n  res.send(204);\n  return next();\n});", expect: [['missing-preflight', 3]] },
]);

suite('Fetch API / Next.js / SvelteKit', [
  { name: 'new Response(body, { headers }) via a const', code: "export default {\n  async fetch(request) {\n    const headers = { 'Access-Control-Allow-Origin': 'null' };\n    return new Response('ok', { headers });\n  },\n};", expect: [['null-origin', 3]] },
  { name: 'Response.json(x, { headers })', code: "export async function GET() {\n  return Response.json({ a: 1 }, { headers: { 'Access-Control-Allow-Origin': 'null' } });\n}", expect: [['null-origin', 2]] },
  { name: 'new Headers({...})', code: "export async function GET() {\n  const headers = new Headers({ 'Access-Control-Allow-Origin': 'null' });\n  return new Response('ok', { headers });\n}", expect: [['null-origin', 2]] },
  { name: 'headers.set on a Response', code: "export async function GET(request: Request) {\n  const response = new Response('ok');\n  response.headers.set('Access-Control-Allow-Origin', request.headers.get('Origin') ?? '');\n  return response;\n}", expect: [['reflected-origin', 3]] },
  { name: 'headers.append twice', code: "export async function GET() {\n  const headers = new Headers();\n  headers.append('Access-Control-Allow-Origin', 'https://a.com');\n  headers.append('Access-Control-Allow-Origin', 'https://b.com');\n  return new Response('ok', { headers });\n}", expect: [['duplicate-origin-header', 4]] },
  { name: 'NextResponse.json(x, { headers })', code: "import { NextResponse } from 'next/server';\nexport async function GET(request) {\n  return NextResponse.json({}, { headers: { 'Access-Control-Allow-Origin': 'null' } });\n}", expect: [['null-origin', 3]] },
  { name: 'export function OPTIONS answers PUT', code: "import { NextResponse } from 'next/server';\nexport async function PUT() {\n  return NextResponse.json({}, { headers: { 'Access-Control-Allow-Origin': 'https://a.com' } });\n}\nexport function OPTIONS() {\n  return new NextResponse(null, { status: 204, headers: { 'Access-Control-Allow-Origin': 'https://a.com', 'Access-Control-Allow-Methods': 'PUT' } });\n}", expect: [] },
  { name: 'SvelteKit +server.ts export const PUT', filename: 'src/routes/api/+server.ts', code: "import type { RequestHandler } from '@sveltejs/kit';\nexport const PUT: RequestHandler = async () => {\n  return new Response('ok', { headers: { 'Access-Control-Allow-Origin': 'https://a.com' } });\n};", expect: [['missing-preflight', 2]] },
  { name: 'client fetch(url, { headers }) is not a policy', code: "export async function load() {\n  const r = await fetch('https://api.a.com/items', { method: 'PUT', headers: { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/json' } });\n  return r.json();\n}", expect: [] },
  { name: 'new Request(url, { headers }) is not a policy', code: "const req = new Request('https://api.a.com', { headers: { 'Access-Control-Allow-Origin': 'null' } });\nawait fetch(req);", expect: [] },
]);

suite('Hono', [
  { name: 'c.header with c.req.header(Origin)', code: "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/', (c) => {\n  c.header('Access-Control-Allow-Origin', c.req.header('Origin'));\n  return c.text('ok');\n});", expect: [['reflected-origin', 4]] },
  { name: 'c.res.headers.set', code: "import { Hono } from 'hono';\nconst app = new Hono();\napp.use('*', async (c, next) => {\n  await next();\n  c.res.headers.set('Access-Control-Allow-Origin', 'null');\n});", expect: [['null-origin', 5]] },
  { name: 'hono/cors echoing origin callback', code: "import { Hono } from 'hono';\nimport { cors } from 'hono/cors';\nconst app = new Hono();\napp.use('/api/*', cors({ origin: (origin) => origin }));", expect: [['reflected-origin', 4]] },
  { name: 'hono/cors default is *', code: "import { Hono } from 'hono';\nimport { cors } from 'hono/cors';\nconst app = new Hono();\napp.use('/api/*', cors());", expect: [['permissive-wildcard', 4]] },
  { name: "c.header(name, v, { append: true }) twice", code: "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/', (c) => {\n  c.header('Access-Control-Allow-Origin', 'https://a.com');\n  c.header('Access-Control-Allow-Origin', 'https://b.com', { append: true });\n  return c.text('ok');\n});", expect: [['duplicate-origin-header', 5]] },
]);

suite('Serverless results', [
  { name: 'Lambda { statusCode, headers }', code: "export const handler = async (event) => ({\n  statusCode: 200,\n  headers: { 'Access-Control-Allow-Origin': 'null' },\n  body: '',\n});", expect: [['null-origin', 3]] },
  { name: 'multiValueHeaders', code: "export const handler = async (event) => ({\n  statusCode: 200,\n  multiValueHeaders: { 'Access-Control-Allow-Origin': ['null'] },\n  body: '',\n});", expect: [['null-origin', 3]] },
  { name: 'Netlify function echoing event.headers.origin with credentials', code: "import type { Handler } from '@netlify/functions';\nexport const handler: Handler = async (event) => {\n  return {\n    statusCode: 200,\n    headers: {\n      'Access-Control-Allow-Origin': event.headers.origin,\n      'Access-Control-Allow-Credentials': 'true',\n    },\n    body: '',\n  };\n};", expect: [['reflected-origin', 6]] },
]);

suite('CORS middleware', [
  { name: "cors({ origin: '*' })", code: "import cors from 'cors';\napp.use(cors({ origin: '*' }));", expect: [['permissive-wildcard', 2]] },
  { name: 'cors() default', code: "import cors from 'cors';\napp.use(cors());", expect: [['permissive-wildcard', 2]] },
  { name: 'cors string origin (http)', code: "import cors from 'cors';\napp.use(cors({ origin: 'http://a.com' }));", expect: [['insecure-origin', 2]] },
  { name: 'cors origin: true', code: "import cors from 'cors';\napp.use(cors({ origin: true }));", expect: [['reflected-origin', 2]] },
  { name: 'cors RegExp origin', code: "import cors from 'cors';\napp.use(cors({ origin: /a\\.com/ }));", expect: [['weak-origin-check', 2]] },
  { name: 'cors array origin', code: "import cors from 'cors';\napp.use(cors({ origin: ['https://a.com', /^https:\\/\\/b\\.com$/] }));", expect: [] },
  { name: 'cors origin function echoing', code: "import cors from 'cors';\napp.use(cors({ origin: (origin, cb) => cb(null, origin) }));", expect: [['reflected-origin', 2]] },
  { name: 'cors falsy origin disables', code: "import cors from 'cors';\napp.use(cors({ origin: false, credentials: true }));", expect: [] },
  { name: "require('cors')", code: "const cors = require('cors');\napp.use(cors({ origin: '*', credentials: true }));", expect: [['wildcard-with-credentials', 2]] },
  { name: "require('cors')(…) inline", code: "app.use(require('cors')({ origin: '*', credentials: true }));", expect: [['wildcard-with-credentials', 1]] },
  { name: 'options held in a const', code: "import cors from 'cors';\nconst corsOptions = { origin: ['https://a.com', 'null'] };\napp.use(cors(corsOptions));", expect: [['null-origin', 2]] },
  { name: '@koa/cors credentials: true reflects', code: "import Koa from 'koa';\nimport cors from '@koa/cors';\nconst app = new Koa();\napp.use(cors({ credentials: true }));", expect: [['reflected-origin', 4]] },
  { name: '@koa/cors without origin, version unknown: 5.0+ sends * (adapters-versions tests v4)', code: "import Koa from 'koa';\nimport cors from '@koa/cors';\nconst app = new Koa();\napp.use(cors());", expect: [['permissive-wildcard', 4]] },
  { name: 'Socket.IO new Server(x, { cors })', code: "import { Server } from 'socket.io';\nconst io = new Server(httpServer, { cors: { origin: '*', credentials: true } });", expect: [['wildcard-with-credentials', 2]] },
  { name: 'Apollo new ApolloServer({ cors })', code: "import { ApolloServer } from 'apollo-server-express';\nconst server = new ApolloServer({ typeDefs, resolvers, cors: { origin: true, credentials: true } });", expect: [['reflected-origin', 2]] },
  { name: '@middy/http-cors origins', code: "import middy from '@middy/core';\nimport cors from '@middy/http-cors';\nexport const handler = middy(base).use(cors({ origins: ['https://a.com', 'null'] }));", expect: [['null-origin', 3]] },
  { name: '@middy/http-cors credentials with default origin reflects', code: "import middy from '@middy/core';\nimport httpCors from '@middy/http-cors';\nexport const handler = middy(fn).use(httpCors({ credentials: true }));", expect: [['reflected-origin', 3]] },
  { name: 'next.config.js headers() { key, value }', filename: 'next.config.js', code: "module.exports = {\n  async headers() {\n    return [\n      {\n        source: '/api/:path*',\n        headers: [\n          { key: 'Access-Control-Allow-Origin', value: 'null' },\n        ],\n      },\n    ];\n  },\n};", expect: [['null-origin', 7]] },
  { name: 'next.config.js headers() * + credentials', filename: 'next.config.js', code: "module.exports = {\n  async headers() {\n    return [\n      {\n        source: '/api/:path*',\n        headers: [\n          { key: 'Access-Control-Allow-Credentials', value: 'true' },\n          { key: 'Access-Control-Allow-Origin', value: '*' },\n        ],\n      },\n    ];\n  },\n};", expect: [['wildcard-with-credentials', 8]] },
]);

suite('Values', [
  { name: 'header name through a const', code: "const ACAO = 'Access-Control-Allow-Origin';\napp.get('/x', (req, res) => {\n  res.setHeader(ACAO, 'null');\n});", expect: [['null-origin', 3]] },
  { name: 'object literal const spread into headers', code: "const CORS = { 'Access-Control-Allow-Origin': 'null' };\nexport async function GET() {\n  return new Response('ok', { headers: CORS });\n}", expect: [['null-origin', 1]] },
  { name: 'array literal joined', code: "const list = ['https://a.com', 'https://b.com'];\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', list.join(', '));\n});", expect: [['multiple-origins', 3]] },
  { name: 'template literal', code: "const A = 'https://a.com';\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', `${A}, https://b.com`);\n});", expect: [['multiple-origins', 3]] },
  { name: 'string concatenation', code: "const A = 'https://a.com';\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', A + ',' + 'https://b.com');\n});", expect: [['multiple-origins', 3]] },
  { name: 'ternary', code: "const prod = process.env.NODE_ENV === 'production';\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', prod ? 'https://a.com' : 'null');\n});", expect: [['null-origin', 3]] },
  { name: '|| fallback to *', code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', req.headers.origin || '*');\n});", expect: [['reflected-origin', 2]] },
  { name: '?? fallback', code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', process.env.CORS_ORIGIN ?? 'null');\n});", expect: [['null-origin', 2]] },
  { name: 'handler parameter', code: "function setCors(res, origin) {\n  res.setHeader('Access-Control-Allow-Origin', origin);\n}\napp.get('/x', (req, res) => {\n  setCors(res, 'null');\n});", expect: [['null-origin', 2]] },
  { name: 'destructuring const { origin } = req.headers', code: "app.get('/x', (req, res) => {\n  const { origin } = req.headers;\n  res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n});", expect: [['reflected-origin', 3]] },
  { name: 'helper function getOrigin(req)', code: "function getOrigin(req) {\n  const o = req.headers.origin;\n  return o;\n}\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', getOrigin(req));\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n});", expect: [['reflected-origin', 6]] },
  { name: 'env value is not reflected', code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', process.env.CORS_ORIGIN);\n});", expect: [] },
]);

suite('Suppressions', [
  { name: '// cors-lint-disable-next-line null-origin -- reason', code: "app.get('/x', (req, res) => {\n  // cors-lint-disable-next-line null-origin -- sandboxed docs viewer\n  res.setHeader('Access-Control-Allow-Origin', 'null');\n});", expect: [] },
  { name: '// cors-lint-disable-line (all rules, trailing comment)', code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'null'); // cors-lint-disable-line\n});", expect: [] },
  { name: '// cors-lint-disable-line null-origin (trailing comment)', code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'null'); // cors-lint-disable-line null-origin\n});", expect: [] },
  { name: '/* cors-lint-disable null-origin */ for the file', code: "/* cors-lint-disable null-origin */\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'null');\n});", expect: [] },
  { name: 'directive for another rule does not suppress, and is unused', code: "app.get('/x', (req, res) => {\n  // cors-lint-disable-next-line reflected-origin\n  res.setHeader('Access-Control-Allow-Origin', 'null');\n});", withText: true, expect: [['unused-disable-directive', 2, 'reflected-origin'], ['null-origin', 3, "'null'"]] },
  { name: 'unused directive', code: "app.get('/x', (req, res) => {\n  // cors-lint-disable-next-line null-origin\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n});", expect: [['unused-disable-directive', 2]] },
  { name: 'one unused id in a list', code: "app.get('/x', (req, res) => {\n  // cors-lint-disable-next-line null-origin, reflected-origin\n  res.setHeader('Access-Control-Allow-Origin', 'null');\n});", withText: true, expect: [['unused-disable-directive', 2, 'reflected-origin']] },
  { name: 'directive text inside a string is not a directive', code: "const s = '// cors-lint-disable-next-line null-origin';\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'null');\n});", expect: [['null-origin', 3]] },
]);
