// One small Express file per rule id, each showing that rule's mistake.
const express = "const express = require('express');\nconst app = express();\n";

export const RULE_CASES = {
  'multiple-origins': `${express}
app.get('/data', (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', 'https://a.com, https://b.com');
  res.json({ ok: true });
});
`,
  'wildcard-with-credentials': `${express}
app.get('/data', (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.json({ ok: true });
});
`,
  'null-origin': `${express}
app.get('/data', (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', 'null');
  res.json({ ok: true });
});
`,
  'reflected-origin': `${express}
app.get('/data', (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
  res.setHeader('Vary', 'Origin');
  res.json({ ok: true });
});
`,
  'weak-origin-check': `${express}
app.get('/data', (req, res) => {
  const origin = req.headers.origin;
  if (origin.endsWith('example.com')) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
  }
  res.json({ ok: true });
});
`,
  'missing-preflight': `${express}
app.put('/items/:id', (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com');
  res.json({ ok: true });
});
`,
  'missing-vary-origin': `${express}
const allowed = ['https://a.example.com', 'https://b.example.com'];
app.get('/data', (req, res) => {
  const origin = req.headers.origin;
  if (allowed.includes(origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin);
  }
  res.json({ ok: true });
});
`,
  'invalid-origin': `${express}
app.get('/data', (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', 'https://a.com/');
  res.json({ ok: true });
});
`,
  'duplicate-origin-header': `${express}
app.get('/data', (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com');
  res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com');
  res.json({ ok: true });
});
`,
  'permissive-wildcard': `${express}
app.get('/public', (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.json({ ok: true });
});
`,
  'insecure-origin': `${express}
app.get('/data', (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', 'http://example.com');
  res.json({ ok: true });
});
`,
};

/** A trailing-slash origin on a line that has an `é` and an emoji (2 UTF-16 units) before it. */
export const UNICODE_CASE = `${express}
app.get('/café', (req, res) => { /* 😀 */ res.setHeader('Access-Control-Allow-Origin', 'https://a.com/'); res.end(); });
`;
