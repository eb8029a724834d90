// cors-lint example: the fixed version of server.js. Staging is trusted over https:// only, and the
// regular expression is anchored at both ends with its dots escaped, so it matches exactly
// https://example.com and https://www.example.com.
const fastify = require('fastify')({ logger: true });
const cors = require('@fastify/cors');

fastify.register(cors, {
  origin: ['https://app.example.com', 'https://staging.example.com', /^https:\/\/(www\.)?example\.com$/],
  credentials: true,
});

fastify.get('/api/orders', async (request) => {
  return { user: request.headers.cookie ? 'signed-in' : 'anonymous', orders: [{ id: 7, total: 39 }] };
});

fastify.listen({ port: 3000 });
