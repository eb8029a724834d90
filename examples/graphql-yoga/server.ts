// cors-lint example: a GraphQL Yoga server with two CORS mistakes (server-fixed.ts is the corrected version).
//   1. createYoga with no `cors` option runs @whatwg-node/server's useCORS with its defaults: it echoes
//      every request's Origin and sends Access-Control-Allow-Credentials: true, so any website can run
//      queries with the user's cookies (reflected-origin).
//   2. The admin endpoint sets origin '*' with credentials: useCORS echoes the Origin for anything
//      containing '*' rather than sending '*' (reflected-origin, not a browser-rejected '*').
import { createYoga } from 'graphql-yoga';
import { schema, adminSchema } from './schema';

export const yoga = createYoga({ schema, graphqlEndpoint: '/graphql' });

export const admin = createYoga({ schema: adminSchema, cors: { origin: '*', credentials: true } });
