// Framework configuration files, as read from
//   @adonisjs/cors v2.2.1 src/define_config.ts (defaults origin: true, credentials: true), src/cors_middleware.ts
//     #computeResponseOrigin (true echoes; '*' echoes when credentials are on; lists and comma strings exact),
//     stubs/config/cors.stub (the generated config/cors.ts sets origin: true, credentials: true);
//   strapi/strapi packages/core/core/src/middlewares/cors.ts @ 578cd34 (v5): defaults origin '*', credentials
//     true, handed to @koa/cors (5.0.0 index.js: `credentials && origin === '*'` echoes the request Origin);
//   balderdashy/sails lib/hooks/cors/index.js (v1): allowOrigins '*' with allowCredentials refuses to lift
//     unless allowAnyOriginWithCredentialsUnsafe, which echoes every Origin.
import { ruleTester } from './rule-tester.mjs';

const adonisStub = (origin, credentials) => `import { defineConfig } from '@adonisjs/cors'\n\nconst corsConfig = defineConfig({\n  enabled: true,\n  origin: ${origin},\n  methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],\n  headers: true,\n  exposeHeaders: [],\n  credentials: ${credentials},\n  maxAge: 90,\n})\n\nexport default corsConfig\n`;
// The inserted declaration follows the file's style: no semicolon in a file written without them.
const allowlist = (text) => text.replace("\n\nconst corsConfig", `\n\nconst allowedOrigins = ['https://app.example.com']${/;\n/.test(text) ? ';' : ''} // placeholder: replace with the origins you trust\n\nconst corsConfig`);

ruleTester('reflected-origin', {
  valid: [
    { name: 'AdonisJS: an exact origin list', filename: 'config/cors.ts', code: adonisStub("['https://app.example.com']", 'true') },
    { name: 'AdonisJS: enabled: false', filename: 'config/cors.ts', code: "import { defineConfig } from '@adonisjs/cors'\nexport default defineConfig({ enabled: false, origin: true })\n" },
    { name: 'AdonisJS: comma-separated origins are split and compared exactly', filename: 'config/cors.ts', code: "import { defineConfig } from '@adonisjs/cors'\nexport default defineConfig({ origin: 'https://a.example.com,https://b.example.com' })\n" },
    { name: 'Strapi: an origin list', filename: 'config/middlewares.ts', code: "export default [\n  'strapi::errors',\n  {\n    name: 'strapi::cors',\n    config: { origin: ['https://app.example.com'] },\n  },\n];\n" },
    { name: "Strapi: 'strapi::cors' outside config/middlewares is only a string", filename: 'src/index.ts', code: "export default ['strapi::cors'];\n" },
    { name: 'Sails: allowOrigins * with credentials does not lift without the unsafe flag', filename: 'config/security.js', code: "module.exports.security = {\n  cors: {\n    allRoutes: true,\n    allowOrigins: '*',\n    allowCredentials: true,\n  },\n};\n" },
    { name: 'Sails: allRoutes off', filename: 'config/security.js', code: "module.exports.security = {\n  cors: { allowOrigins: '*', allowCredentials: true, allowAnyOriginWithCredentialsUnsafe: true },\n};\n" },
  ],
  invalid: [
    {
      name: 'AdonisJS: the generated config/cors.ts (origin: true, credentials: true)',
      filename: 'config/cors.ts',
      code: adonisStub('true', 'true'),
      errors: [{
        line: 5, column: 3, text: 'origin: true', severity: 'error',
        message: "@adonisjs/cors `origin: true` echoes the request Origin, and credentials are allowed, so any website can read responses with the user's cookies. List the allowed origins.",
        suggestions: [
          { output: allowlist(adonisStub('allowedOrigins', 'true')) },
          { title: /Turn credentials off/, output: adonisStub('true', 'false') },
        ],
      }],
    },
    {
      name: 'AdonisJS: defineConfig defaults (origin: true, credentials: true)',
      filename: 'config/cors.ts',
      code: "import { defineConfig } from '@adonisjs/cors'\n\nexport default defineConfig({ maxAge: 90 })\n",
      errors: [{ text: 'defineConfig({ maxAge: 90 })', severity: 'error', message: "@adonisjs/cors defineConfig defaults to `origin: true`, which echoes the request Origin with credentials (on by default), so any website can read responses with the user's cookies. List the allowed origins." }],
    },
    {
      name: "AdonisJS: origin '*' with the default credentials echoes",
      filename: 'config/cors.ts',
      code: "import { defineConfig } from '@adonisjs/cors'\n\nexport default defineConfig({ origin: '*' })\n",
      errors: [{ text: "origin: '*'", severity: 'error', message: "@adonisjs/cors echoes the request Origin for origin '*' when credentials are on, so any website can read responses with the user's cookies. List the allowed origins." }],
    },
    {
      name: 'AdonisJS 5: config/cors.ts exporting a CorsConfig object',
      filename: 'config/cors.ts',
      code: "import type { CorsConfig } from '@ioc:Adonis/Core/Cors'\n\nconst corsConfig: CorsConfig = {\n  enabled: true,\n  origin: '*',\n  credentials: true,\n}\n\nexport default corsConfig\n",
      errors: [{ line: 5, text: "origin: '*'", severity: 'error' }],
    },
    {
      name: "Strapi: 'strapi::cors' with its defaults (origin '*', credentials) echoes every Origin",
      filename: 'config/middlewares.js',
      code: "module.exports = [\n  'strapi::logger',\n  'strapi::errors',\n  'strapi::cors',\n  'strapi::poweredBy',\n];\n",
      errors: [{
        line: 4, column: 3, text: "'strapi::cors'", severity: 'error',
        message: "strapi::cors defaults to origin '*' with credentials, which @koa/cors answers by echoing the request Origin, so any website can read responses with the user's cookies. List the allowed origins.",
        suggestions: [
          { output: "module.exports = [\n  'strapi::logger',\n  'strapi::errors',\n  { name: 'strapi::cors', config: { origin: allowedOrigins } },\n  'strapi::poweredBy',\n];\n".replace('module.exports', "const allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\nmodule.exports") },
          { output: "module.exports = [\n  'strapi::logger',\n  'strapi::errors',\n  { name: 'strapi::cors', config: { credentials: false } },\n  'strapi::poweredBy',\n];\n" },
        ],
      }],
    },
    {
      name: 'Sails: allowAnyOriginWithCredentialsUnsafe echoes every Origin',
      filename: 'config/security.js',
      code: "module.exports.security = {\n  cors: {\n    allRoutes: true,\n    allowOrigins: '*',\n    allowCredentials: true,\n    allowAnyOriginWithCredentialsUnsafe: true,\n  },\n};\n",
      errors: [{ line: 4, column: 5, text: "allowOrigins: '*'", severity: 'error', message: "Sails `allowAnyOriginWithCredentialsUnsafe: true` with allowOrigins '*' echoes the request Origin, and credentials are allowed, so any website can read responses with the user's cookies. List the allowed origins." }],
    },
  ],
});

ruleTester('invalid-origin', {
  invalid: [{
    name: "Strapi: origin ['*'] matches nothing",
    filename: 'config/middlewares.js',
    code: "module.exports = ({ env }) => [\n  { name: 'strapi::cors', config: { origin: ['*'], credentials: false } },\n];\n",
    errors: [{ text: "'*'", message: /^The allowed origin '\*' can never match: Strapi strapi::cors compares the entries/ }],
  }],
});

ruleTester('insecure-origin', {
  invalid: [{
    name: 'Sails: an http origin in allowOrigins',
    filename: 'config/security.js',
    code: "module.exports.security = {\n  cors: {\n    allRoutes: true,\n    allowOrigins: ['https://app.example.com', 'http://partner.example.com'],\n    allowCredentials: true,\n  },\n};\n",
    errors: [{ text: "'http://partner.example.com'" }],
  }],
});
