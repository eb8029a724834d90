// cors-lint example: the fixed version of server.js. One CORS policy for the whole API, in one place:
// the `cors` middleware checks the request's Origin against a list, echoes only a listed origin, adds
// Vary: Origin, allows credentials for those origins only, and answers preflight (OPTIONS) requests
// for PUT and DELETE with 204 and the allowed methods and headers.
const express = require('express');
const cors = require('cors');

const ALLOWED_ORIGINS = ['https://app.example.com', 'https://admin.example.com'];

const app = express();
app.use(
  cors({
    origin: ALLOWED_ORIGINS,
    credentials: true,
    methods: ['GET', 'PUT', 'DELETE'],
    allowedHeaders: ['Content-Type'],
    maxAge: 600,
  }),
);
app.use(express.json());

const items = new Map([['1', { id: '1', name: 'Desk lamp', price: 39 }]]);

app.get('/api/products', (req, res) => {
  res.json([...items.values()]);
});

app.get('/api/catalog', (req, res) => {
  const limit = Number(req.query.limit) || 10;
  res.json([...items.values()].slice(0, limit));
});

app.get('/api/me', (req, res) => {
  res.json({ id: 'u1', name: 'Ada Lovelace' });
});

app.put('/api/items/:id', (req, res) => {
  const item = { ...req.body, id: req.params.id };
  items.set(item.id, item);
  res.json(item);
});

app.delete('/api/items/:id', (req, res) => {
  items.delete(req.params.id);
  res.sendStatus(204);
});

app.listen(3000, () => console.log('API on http://localhost:3000'));
