// h3 / Nuxt / Nitro, as read from
//   h3 v1.15.11 src/utils/cors/utils.ts (resolveCorsOptions: origin '*', credentials false; createOriginHeaders:
//     a falsy origin or '*' sends '*'; isCorsOriginAllowed: array entries compared exactly or as RegExp) and
//     src/utils/cors/handler.ts (handleCors answers the preflight); src/utils/response.ts setResponseHeader(s);
//   nitro v2.13.4 src/config/resolvers/route-rules.ts (`cors: true` adds access-control-allow-origin '*'
//     under the rule's own `headers`).
// Nuxt auto-imports the h3 utilities, so server routes often import nothing.
import { ruleTester } from './rule-tester.mjs';

const route = (body) => `export default defineEventHandler((event) => {\n${body}\n  return 'ok';\n});`;

ruleTester('wildcard-with-credentials', {
  valid: [
    { name: 'handleCors with an allowlist and credentials', code: route("  if (handleCors(event, { origin: ['https://app.example.com'], credentials: true })) return;") },
    { name: 'routeRules cors: true with its own origin header', filename: 'nuxt.config.ts', code: "export default defineNuxtConfig({\n  nitro: { routeRules: {\n    '/api/**': { cors: true, headers: { 'Access-Control-Allow-Origin': 'https://app.example.com', 'Access-Control-Allow-Credentials': 'true' } },\n  } },\n});" },
  ],
  invalid: [
    {
      name: "handleCors origin '*' with credentials sends both (browsers reject)",
      code: "import { defineEventHandler, handleCors } from 'h3';\n" + route("  if (handleCors(event, { origin: '*', credentials: true })) return;"),
      errors: [{ line: 3, column: 35, text: "'*'", severity: 'error', message: "h3 handleCors allows any origin ('*') together with credentials: true; it sends '*' with Access-Control-Allow-Credentials: true, which browsers reject. List the allowed origins instead." }],
    },
    {
      name: 'setResponseHeaders(event, { … })',
      code: route("  setResponseHeaders(event, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' });"),
      errors: [{ line: 2, column: 62, text: "'*'", suggestions: [
        { title: /^Echo the request origin from an allowlist/ },
        { output: "export default defineEventHandler((event) => {\n  setResponseHeaders(event, { 'Access-Control-Allow-Origin': '*' });\n  return 'ok';\n});" },
      ] }],
    },
    {
      name: 'nuxt.config routeRules: cors: true sends * and the rule headers add credentials',
      filename: 'nuxt.config.ts',
      code: "export default defineNuxtConfig({\n  routeRules: {\n    '/api/**': { cors: true, headers: { 'Access-Control-Allow-Credentials': 'true' } },\n  },\n});",
      errors: [{
        line: 3, column: 24, text: 'true', severity: 'error',
        suggestions: [{ title: /^Drop Access-Control-Allow-Credentials/, output: "export default defineNuxtConfig({\n  routeRules: {\n    '/api/**': { cors: true, headers: {} },\n  },\n});" }],
      }],
    },
  ],
});

ruleTester('permissive-wildcard', {
  invalid: [
    { name: 'handleCors(event, {}) sends *', filename: 'server/api/hello.ts', code: route('  if (handleCors(event, {})) return;'), errors: [{ text: 'handleCors(event, {})', severity: 'info', message: /^h3 handleCors with no origin option sends \*: every website/ }] },
    { name: 'nitro.config routeRules cors: true', filename: 'nitro.config.ts', code: "export default defineNitroConfig({\n  routeRules: {\n    '/api/**': { cors: true },\n  },\n});", errors: [{ line: 3, text: 'true', severity: 'info' }] },
  ],
});

ruleTester('reflected-origin', {
  invalid: [{
    name: 'setResponseHeader with getRequestHeader(event, origin) and credentials',
    code: route("  setResponseHeader(event, 'Access-Control-Allow-Origin', getRequestHeader(event, 'origin'));\n  setResponseHeader(event, 'Access-Control-Allow-Credentials', 'true');"),
    errors: [{
      line: 2, column: 59, text: "getRequestHeader(event, 'origin')", severity: 'error',
      suggestions: [{ output: "const allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\n" + route("  setResponseHeader(event, 'Access-Control-Allow-Origin', allowedOrigins.find((allowed) => allowed === (getRequestHeader(event, 'origin'))) ?? allowedOrigins[0]);\n  setResponseHeader(event, 'Vary', 'Origin');\n  setResponseHeader(event, 'Access-Control-Allow-Credentials', 'true');") }],
    }],
  }],
});

ruleTester('invalid-origin', {
  valid: [{ name: 'a setHeader that is not h3', code: "import { setHeader } from './util';\nsetHeader(x, 'Access-Control-Allow-Origin', 'https://app.example.com/');" }],
  invalid: [{
    name: "appendCorsHeaders origin ['*'] matches nothing",
    code: route("  appendCorsHeaders(event, { origin: ['*'] });"),
    errors: [{ text: "'*'", message: /^The allowed origin '\*' can never match: h3 compares the entries of an origin array/, suggestions: [{ output: route("  appendCorsHeaders(event, { origin: '*' });") }] }],
  }],
});

ruleTester('weak-origin-check', {
  invalid: [{
    name: 'handleCors origin predicate with endsWith',
    code: route("  handleCors(event, { origin: (origin) => origin.endsWith('example.com'), credentials: true });"),
    errors: [{ text: "origin.endsWith('example.com')", severity: 'error' }],
  }],
});
