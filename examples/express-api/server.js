// cors-lint example: an Express API with four CORS mistakes (server-fixed.js is the corrected version).
//   1. GET /api/products sends two origins in one Access-Control-Allow-Origin value; browsers accept
//      exactly one, so both front-ends fail (multiple-origins).
//   2. GET /api/catalog echoes `req.headers.origin || '*'` without checking it (the snippet from a popular
//      reference page): any site may read the response, and caches are not told it varies by origin.
//   3. GET /api/me sends '*' together with Access-Control-Allow-Credentials: true, which browsers reject
//      (wildcard-with-credentials).
//   4. PUT and DELETE /api/items/:id need a preflight, but nothing answers OPTIONS with the CORS headers
//      (missing-preflight).
const express = require('express');

const app = express();
app.use(express.json());

const items = new Map([['1', { id: '1', name: 'Desk lamp', price: 39 }]]);

app.get('/api/products', (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com, https://admin.example.com');
  res.json([...items.values()]);
});

app.get('/api/catalog', (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin || '*');
  const limit = Number(req.query.limit) || 10;
  res.json([...items.values()].slice(0, limit));
});

app.get('/api/me', (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.json({ id: 'u1', name: 'Ada Lovelace' });
});

app.put('/api/items/:id', (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', 'https://admin.example.com');
  const item = { ...req.body, id: req.params.id };
  items.set(item.id, item);
  res.json(item);
});

app.delete('/api/items/:id', (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', 'https://admin.example.com');
  items.delete(req.params.id);
  res.sendStatus(204);
});

app.listen(3000, () => console.log('API on http://localhost:3000'));
