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

// Nuxt's useRuntimeConfig() (facts/nuxt-runtime-config.ts): the runtimeConfig value of the nuxt.config next to
// the project's package.json, read through the host, under "when NUXT_<KEY> is unset" (nuxt/nuxt
// packages/schema/src/types/config.ts `Overrideable`: `NUXT${Path}_${UpperSnakeCase<K>}`), plus the
// variable's values in .env files. Without a host the read is unknown. The CLI test with a fixture project:
// test/cli/nuxt-runtime-config.test.mjs.
const nuxtProject = (config, env = {}) => ({
  name: `nuxt ${config} ${JSON.stringify(env)}`, resolveModule: () => undefined, importersOf: () => undefined, packageVersion: () => undefined,
  readFile: (file) => ({ '/shop/package.json': '{ "name": "shop" }', '/shop/nuxt.config.ts': `export default defineNuxtConfig({\n  runtimeConfig: ${config},\n});\n` })[file],
  envValues: (name) => (env[name] === undefined ? [] : [{ value: env[name], file: '/shop/.env.development' }]),
});
const nuxtRoute = '/shop/server/api/me.get.ts';

ruleTester('wildcard-with-credentials', {
  valid: [
    { name: 'useRuntimeConfig() without a host: unknown, silent', filename: nuxtRoute, code: route('  if (handleCors(event, { origin: useRuntimeConfig().corsOrigin, credentials: true })) return;') },
    { name: 'a trusted origin in runtimeConfig', filename: nuxtRoute, host: nuxtProject("{ corsOrigin: 'https://shop.example.com' }"), code: route('  if (handleCors(event, { origin: useRuntimeConfig().corsOrigin, credentials: true })) return;') },
    { name: 'a useRuntimeConfig the file declares is not Nuxt\'s', filename: nuxtRoute, host: nuxtProject("{ corsOrigin: '*' }"), code: `const useRuntimeConfig = () => ({ corsOrigin: 'https://shop.example.com' });\n${route('  if (handleCors(event, { origin: useRuntimeConfig().corsOrigin, credentials: true })) return;')}` },
  ],
  invalid: [
    {
      name: "runtimeConfig.corsOrigin '*' (nuxt.config), read inline",
      filename: nuxtRoute,
      host: nuxtProject("{ corsOrigin: '*' }"),
      code: route('  if (handleCors(event, { origin: useRuntimeConfig(event).corsOrigin, credentials: true })) return;'),
      errors: [{
        line: 2, column: 35, text: 'useRuntimeConfig(event).corsOrigin', severity: 'error',
        message: "When NUXT_CORS_ORIGIN is unset: h3 handleCors allows any origin ('*') together with credentials: true; it sends '*' with Access-Control-Allow-Credentials: true, which browsers reject. List the allowed origins instead.",
      }],
    },
    {
      name: 'config.public.corsOrigin: NUXT_PUBLIC_CORS_ORIGIN',
      filename: nuxtRoute,
      host: nuxtProject("{ public: { corsOrigin: '*' } }"),
      code: route('  const config = useRuntimeConfig();\n  if (handleCors(event, { origin: config.public.corsOrigin, credentials: true })) return;'),
      errors: [{ line: 3, column: 35, text: 'config.public.corsOrigin', message: /^When NUXT_PUBLIC_CORS_ORIGIN is unset: h3 handleCors allows any origin/ }],
    },
  ],
});

ruleTester('wildcard-with-credentials', {
  invalid: [{
    name: 'a standalone Nitro app: runtimeConfig in nitro.config, overridden by NITRO_CORS_ORIGIN',
    filename: '/svc/routes/me.ts',
    host: {
      name: 'nitro', resolveModule: () => undefined, importersOf: () => undefined, packageVersion: () => undefined, envValues: () => [],
      readFile: (file) => ({ '/svc/package.json': '{ "name": "svc" }', '/svc/nitro.config.ts': "export default defineNitroConfig({ runtimeConfig: { corsOrigin: '*' } });\n" })[file],
    },
    code: "import { defineEventHandler, handleCors } from 'h3';\nimport { useRuntimeConfig } from 'nitropack/runtime';\n\n" + route('  if (handleCors(event, { origin: useRuntimeConfig().corsOrigin, credentials: true })) return;'),
    errors: [{ line: 5, column: 35, text: 'useRuntimeConfig().corsOrigin', severity: 'error', message: /^When NITRO_CORS_ORIGIN is unset: h3 handleCors allows any origin \('\*'\) together with credentials: true/ }],
  }],
});

ruleTester('reflected-origin', {
  valid: [{
    // h3 v1.15 isCorsOriginAllowed calls an origin that is not '*', a string or an array: `true` throws.
    name: 'runtimeConfig corsOrigin: true is no echo for h3 (it is called as a function and throws)',
    filename: nuxtRoute,
    host: nuxtProject('{ corsOrigin: true }'),
    code: route('  const { corsOrigin } = useRuntimeConfig();\n  if (handleCors(event, { origin: corsOrigin, credentials: true })) return;'),
  }],
});

ruleTester('permissive-wildcard', {
  invalid: [{
    name: "NUXT_CORS_ORIGIN='*' in .env.development overrides a trusted nuxt.config default: development only (info)",
    filename: nuxtRoute,
    host: nuxtProject("{ corsOrigin: 'https://shop.example.com' }", { NUXT_CORS_ORIGIN: '*' }),
    code: route('  appendCorsHeaders(event, { origin: useRuntimeConfig().corsOrigin });'),
    errors: [{ line: 2, column: 38, text: 'useRuntimeConfig().corsOrigin', severity: 'info', message: /^With NUXT_CORS_ORIGIN=\* from \.env\.development: h3 appendCorsHeaders allows origin '\*'/ }],
  }],
});
