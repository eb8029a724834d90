import { ruleTester } from './rule-tester.mjs';

const msg = (o) => new RegExp(`^${o.replace(/[.:/]/g, '\\$&')} is trusted over plain http: anyone on the network path`);

ruleTester('insecure-origin', {
  valid: [
    { name: 'localhost', code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'http://localhost:3000');\n});" },
    { name: 'loopback addresses and *.localhost', code: "import cors from 'cors';\napp.use(cors({ origin: ['http://127.0.0.1:5173', 'http://[::1]:3000', 'http://app.localhost'] }));" },
    { name: 'https', code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n});" },
    { name: 'an http URL that is not an origin', code: "const docs = 'http://example.com/docs';\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n});" },
    { name: 'an http origin compared to be rejected', code: "app.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (origin === 'http://evil.com') return res.sendStatus(403);\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n});" },
  ],
  invalid: [
    {
      name: 'http origin in a header',
      code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'http://a.com');\n});",
      errors: [{
        line: 2, column: 48, endColumn: 62, text: "'http://a.com'", severity: 'warning', message: msg('http://a.com'),
        suggestions: [{ title: /Trust https:\/\/a\.com instead/, output: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n});" }],
      }],
    },
    {
      name: 'http origin in a cors() list',
      code: "import cors from 'cors';\napp.use(cors({ origin: ['https://a.com', 'http://b.com'] }));",
      errors: [{ line: 2, column: 42, text: "'http://b.com'", severity: 'warning', message: msg('http://b.com'), suggestions: [{ output: "import cors from 'cors';\napp.use(cors({ origin: ['https://a.com', 'https://b.com'] }));" }] }],
    },
    {
      name: 'http origin in an allowlist array, double quotes kept',
      code: "const allowedOrigins = [\"http://a.com\", \"https://b.com\"];\n\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (allowedOrigins.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Vary', 'Origin');\n});",
      errors: [{ line: 1, column: 25, text: '"http://a.com"', severity: 'warning', suggestions: [{ output: "const allowedOrigins = [\"https://a.com\", \"https://b.com\"];\n\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (allowedOrigins.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Vary', 'Origin');\n});" }] }],
    },
    {
      name: 'http origin in an accepting comparison',
      code: "app.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (origin === 'http://staging.a.com') res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Vary', 'Origin');\n});",
      errors: [{ line: 3, column: 18, text: "'http://staging.a.com'", severity: 'warning', message: msg('http://staging.a.com') }],
    },
    {
      name: 'LAN address in Socket.IO cors',
      code: "import { Server } from 'socket.io';\nconst io = new Server(3000, { cors: { origin: 'http://192.168.1.10:8080' } });",
      errors: [{ line: 2, column: 47, text: "'http://192.168.1.10:8080'", severity: 'warning' }],
    },
  ],
});
