// cors-lint example: a Fastify server with two CORS mistakes (server-fixed.js is the corrected version).
//   1. The staging front-end is trusted over plain http://, so anyone on its network path can inject a
//      script there and read this API with the user's cookies (insecure-origin).
//   2. /example\.com$/ has no ^ anchor: https://evilexample.com matches it (weak-origin-check).
const fastify = require('fastify')({ logger: true });
const cors = require('@fastify/cors');

fastify.register(cors, {
  origin: ['https://app.example.com', 'http://staging.example.com', /example\.com$/],
  credentials: true,
});

fastify.get('/api/orders', async (request) => {
  return { user: request.headers.cookie ? 'signed-in' : 'anonymous', orders: [{ id: 7, total: 39 }] };
});

fastify.listen({ port: 3000 });
