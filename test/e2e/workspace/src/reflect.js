// Fixture for the E2E suite: the request's Origin echoed without an allowlist check (an express app).
module.exports = function routes(app) {
  app.get('/data', (req, res) => {
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
    res.json({ ok: true });
  });
};
