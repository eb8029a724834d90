// GraphQL Yoga and @whatwg-node/server useCORS, as read from
//   @whatwg-node/server 0.9.71 / 0.10.18 packages/server/src/plugins/useCors.ts (getCORSHeadersByRequestAndOptions):
//     origin null/''/[]/containing '*' → the request Origin is echoed; credentials: true unless `credentials: false`;
//   graphql-yoga 5.13.2 (same since 3.0.0) packages/graphql-yoga/src/server.ts: `options?.cors !== false && useCORS(options?.cors)`.
import { ruleTester } from './rule-tester.mjs';

const yoga = "import { createYoga } from 'graphql-yoga';\n";

ruleTester('reflected-origin', {
  valid: [
    { name: 'cors: false switches useCORS off', code: `${yoga}export const yoga = createYoga({ schema, cors: false });` },
    { name: 'a list of two origins is checked (the request Origin only when listed)', code: `${yoga}export const yoga = createYoga({ schema, cors: { origin: ['https://a.example.com', 'https://b.example.com'] } });` },
    { name: 'one fixed origin', code: `${yoga}export const yoga = createYoga({ schema, cors: { origin: 'https://app.example.com', credentials: true } });` },
    { name: 'createYoga from another module is not Yoga', code: "import { createYoga } from './my-yoga';\nexport const yoga = createYoga({ schema, cors: true });" },
  ],
  invalid: [
    {
      name: 'createYoga with no cors option echoes every Origin with credentials',
      code: `${yoga}import { schema } from './schema';\n\nexport const yoga = createYoga({ schema, graphqlEndpoint: '/graphql' });`,
      errors: [{
        line: 4, column: 21, endColumn: 31, text: 'createYoga', severity: 'error',
        message: "GraphQL Yoga with no cors option echoes the request Origin with credentials (on by default), so any website can read responses with the user's cookies. List the allowed origins.",
        suggestions: [
          { title: /^Allow only the origins in allowedOrigins/, output: `${yoga}import { schema } from './schema';\n\nconst allowedOrigins = ['https://app.example.com'];\n\nexport const yoga = createYoga({ cors: { origin: allowedOrigins }, schema, graphqlEndpoint: '/graphql' });` },
          { title: /^Turn credentials off \(GraphQL Yoga sends them by default\)$/, output: `${yoga}import { schema } from './schema';\n\nexport const yoga = createYoga({ cors: { credentials: false }, schema, graphqlEndpoint: '/graphql' });` },
        ],
      }],
    },
    {
      name: "origin: '*' with credentials: true is echoed, not rejected by browsers (the fix turns credentials off rather than removing a no-op)",
      code: `${yoga}export const yoga = createYoga({\n  schema,\n  cors: { origin: '*', credentials: true },\n});`,
      errors: [{
        line: 4, column: 11, endColumn: 22, text: "origin: '*'", severity: 'error',
        message: "useCORS echoes the request Origin for '*' (any origin containing '*'), and credentials are allowed, so any website can read responses with the user's cookies. List the allowed origins.",
        suggestions: [
          { output: `${yoga}\nconst allowedOrigins = ['https://app.example.com'];\n\nexport const yoga = createYoga({\n  schema,\n  cors: { origin: allowedOrigins, credentials: true },\n});` },
          { output: `${yoga}export const yoga = createYoga({\n  schema,\n  cors: { origin: '*', credentials: false },\n});` },
        ],
      }],
    },
    {
      name: "a wildcard-subdomain string contains '*', so useCORS echoes every Origin",
      code: `${yoga}export const yoga = createYoga({ schema, cors: { origin: 'https://*.example.com', credentials: false } });`,
      errors: [{
        line: 2, column: 50, text: "origin: 'https://*.example.com'", severity: 'warning',
        message: "useCORS echoes the request Origin for 'https://*.example.com' (any origin containing '*'), so any website can read responses (without credentials this equals '*'). List the allowed origins.",
        suggestions: [{ output: `${yoga}\nconst allowedOrigins = ['https://app.example.com'];\n\nexport const yoga = createYoga({ schema, cors: { origin: allowedOrigins, credentials: false } });` }],
      }],
    },
    {
      name: 'cors: true is the default',
      code: `${yoga}export const yoga = createYoga({ schema, cors: true });`,
      errors: [{ text: 'cors: true', severity: 'error', message: "GraphQL Yoga `cors: true` echoes the request Origin with credentials (on by default), so any website can read responses with the user's cookies. List the allowed origins.", suggestions: [{ output: `${yoga}\nconst allowedOrigins = ['https://app.example.com'];\n\nexport const yoga = createYoga({ schema, cors: { origin: allowedOrigins } });` }, { output: `${yoga}export const yoga = createYoga({ schema, cors: { credentials: false } });` }] }],
    },
    {
      name: '@whatwg-node/server useCORS() in a server adapter',
      code: "import { createServerAdapter, useCORS } from '@whatwg-node/server';\nexport const adapter = createServerAdapter(handler, { plugins: [useCORS()] });",
      errors: [{ text: 'useCORS()', severity: 'error', message: "useCORS with no origin option echoes the request Origin with credentials (on by default), so any website can read responses with the user's cookies. List the allowed origins.", suggestions: [{ output: "import { createServerAdapter, useCORS } from '@whatwg-node/server';\n\nconst allowedOrigins = ['https://app.example.com'];\n\nexport const adapter = createServerAdapter(handler, { plugins: [useCORS({ origin: allowedOrigins })] });" }, { output: "import { createServerAdapter, useCORS } from '@whatwg-node/server';\nexport const adapter = createServerAdapter(handler, { plugins: [useCORS({ credentials: false })] });" }] }],
    },
  ],
});

ruleTester('wildcard-with-credentials', {
  valid: [
    { name: "Yoga's origin '*' with credentials is echoed (reflected-origin), never '*'", code: `${yoga}export const yoga = createYoga({ schema, cors: { origin: '*', credentials: true } });` },
  ],
});
