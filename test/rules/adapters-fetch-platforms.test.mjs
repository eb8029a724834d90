// Platforms whose CORS is written by hand with the Fetch API or their own response objects: the generic
// header shapes (core/facts/headers.ts) cover them, so no adapter of their own is needed. Each case is the
// documented handler shape of the platform: Bun.serve / Deno.serve `fetch(req) → Response`, SvelteKit
// `handle` hooks (response.headers.set), Remix/React Router `headers` exports, Astro `APIRoute`s, Azure
// Functions v4 (`HttpResponseInit.headers`) and v3 (`context.res`), Google Cloud Functions (Express `res`).
import { ruleTester } from './rule-tester.mjs';

const reflected = (name, code, text, filename) => ({ name, code, filename, errors: [{ text, severity: 'error', message: /^The request's Origin header is echoed into Access-Control-Allow-Origin without an allowlist check while credentials are allowed/ }] });

ruleTester('reflected-origin', {
  invalid: [
    reflected('Bun.serve', "Bun.serve({\n  fetch(req) {\n    return new Response('ok', { headers: { 'Access-Control-Allow-Origin': req.headers.get('origin') ?? '*', 'Access-Control-Allow-Credentials': 'true' } });\n  },\n});", "req.headers.get('origin') ?? '*'"),
    reflected('Deno.serve', "Deno.serve((req) => new Response('ok', { headers: { 'Access-Control-Allow-Origin': req.headers.get('Origin')!, 'Access-Control-Allow-Credentials': 'true' } }));", "req.headers.get('Origin')!"),
    reflected('SvelteKit handle hook', "import type { Handle } from '@sveltejs/kit';\nexport const handle: Handle = async ({ event, resolve }) => {\n  const response = await resolve(event);\n  response.headers.set('Access-Control-Allow-Origin', event.request.headers.get('origin') ?? '');\n  response.headers.set('Access-Control-Allow-Credentials', 'true');\n  return response;\n};", "event.request.headers.get('origin') ?? ''", 'src/hooks.server.ts'),
    reflected('Astro APIRoute', "import type { APIRoute } from 'astro';\nexport const GET: APIRoute = ({ request }) => new Response('{}', { headers: { 'Access-Control-Allow-Origin': request.headers.get('origin') ?? '', 'Access-Control-Allow-Credentials': 'true' } });", "request.headers.get('origin') ?? ''", 'src/pages/api/data.ts'),
    reflected('Azure Functions v4 HttpResponseInit', "import { app } from '@azure/functions';\napp.http('hello', { methods: ['GET'], handler: async (request, context) => ({ status: 200, headers: { 'Access-Control-Allow-Origin': request.headers.get('origin'), 'Access-Control-Allow-Credentials': 'true' }, body: 'ok' }) });", "request.headers.get('origin')"),
    reflected('Azure Functions v3 context.res', "module.exports = async function (context, req) {\n  context.res = { status: 200, headers: { 'Access-Control-Allow-Origin': req.headers.origin, 'Access-Control-Allow-Credentials': 'true' }, body: 'ok' };\n};", 'req.headers.origin', 'index.js'),
    reflected('Google Cloud Functions', "const functions = require('@google-cloud/functions-framework');\nfunctions.http('hello', (req, res) => {\n  res.set('Access-Control-Allow-Origin', req.get('origin'));\n  res.set('Access-Control-Allow-Credentials', 'true');\n  res.send('ok');\n});", "req.get('origin')", 'index.js'),
  ],
});

ruleTester('wildcard-with-credentials', {
  invalid: [{
    name: 'Remix / React Router headers export',
    filename: 'app/routes/api.tsx',
    code: "import type { HeadersFunction } from '@remix-run/node';\nexport const headers: HeadersFunction = () => ({\n  'Access-Control-Allow-Origin': '*',\n  'Access-Control-Allow-Credentials': 'true',\n});",
    errors: [{ line: 3, text: "'*'", severity: 'error' }],
  }],
});
