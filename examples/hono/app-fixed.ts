// cors-lint example: the fixed version of app.ts. /api/* names the front-end that may send credentials,
// and the partner list holds serialized origins only (scheme://host, no path, no wildcard).
import { Hono } from 'hono';
import { cors } from 'hono/cors';

const app = new Hono();

app.use('/api/*', cors({ origin: ['https://app.example.com', 'https://admin.example.com'], credentials: true }));
app.use('/partner/*', cors({ origin: ['https://partner.example.com', 'https://eu.partner.example.com'] }));

app.get('/api/me', (c) => c.json({ name: 'Ada Lovelace' }));
app.get('/partner/stock', (c) => c.json([{ sku: 'LAMP-1', available: 12 }]));

export default app;
