// What is a response (issue 13, item 3): header objects count where the framework sends them — a returned
// Lambda/Vercel result's `headers`, `new Response(…, { headers })`, `Response.json(body, init)`'s init,
// `res.set({…})`, `writeHead` — and never inside a body: `JSON.stringify(…)`, a `body:` property,
// `res.json(x)` / `res.send(x)`, `new Response(x)`'s first argument, `ctx.body = x`. Such objects send
// nothing (one repository had 9 false errors from `body: JSON.stringify({ headers: {…} })`).
import { ruleTester } from './rule-tester.mjs';

ruleTester('wildcard-with-credentials', {
  valid: [
    { name: 'headers inside JSON.stringify in a Lambda body', code: "export const handler = async () => ({\n  statusCode: 200,\n  body: JSON.stringify({ headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' } }),\n});" },
  ],
});

ruleTester('null-origin', {
  valid: [
    { name: 'an object under body:', code: "export const handler = async () => ({\n  statusCode: 200,\n  headers: { 'Content-Type': 'application/json' },\n  body: { 'Access-Control-Allow-Origin': 'null' },\n});" },
    { name: 'res.json(x) sends x as the body', code: "import express from 'express';\nconst app = express();\napp.get('/debug', (req, res) => {\n  res.json({ headers: { 'Access-Control-Allow-Origin': 'null' } });\n});" },
    { name: "new Response(JSON.stringify(x), init): x is the body", code: "export async function GET() {\n  return new Response(JSON.stringify({ 'Access-Control-Allow-Origin': 'null' }), { headers: { 'Content-Type': 'application/json' } });\n}" },
    { name: 'ctx.body = x', code: "import Koa from 'koa';\nconst app = new Koa();\napp.use((ctx) => {\n  ctx.body = { 'Access-Control-Allow-Origin': 'null' };\n});" },
  ],
  invalid: [
    {
      name: "Response.json(body, init): only init's headers are sent",
      code: "export async function GET() {\n  return Response.json({ 'Access-Control-Allow-Origin': 'null' }, { headers: { 'Access-Control-Allow-Origin': 'null' } });\n}",
      errors: [{ line: 2, column: 111, text: "'null'", severity: 'warning' }],
    },
    {
      name: "a Lambda result's headers next to a JSON body",
      code: "export const handler = async () => ({\n  statusCode: 200,\n  headers: { 'Access-Control-Allow-Origin': 'null' },\n  body: JSON.stringify({ ok: true }),\n});",
      errors: [{ line: 3, column: 45, text: "'null'", severity: 'warning' }],
    },
  ],
});
