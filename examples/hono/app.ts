// cors-lint example: a Hono app with two CORS mistakes (app-fixed.ts is the corrected version).
//   1. /api/* allows '*' together with credentials, which browsers reject: the signed-in front-end
//      cannot read any response (wildcard-with-credentials).
//   2. The partner list holds origins that can never match a browser's Origin header: one with a
//      trailing slash and one with a wildcard subdomain (invalid-origin).
import { Hono } from 'hono';
import { cors } from 'hono/cors';

const app = new Hono();

app.use('/api/*', cors({ origin: '*', credentials: true }));
app.use('/partner/*', cors({ origin: ['https://partner.example.com/', 'https://*.partner.example.com'] }));

app.get('/api/me', (c) => c.json({ name: 'Ada Lovelace' }));
app.get('/partner/stock', (c) => c.json([{ sku: 'LAMP-1', available: 12 }]));

export default app;
