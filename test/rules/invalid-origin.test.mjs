import { ruleTester } from './rule-tester.mjs';

ruleTester('invalid-origin', {
  valid: [
    "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n});",
    { name: 'localhost with port', code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'http://localhost:3000');\n});" },
    { name: 'IPv6 with a non-default port', code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://[::1]:8443');\n});" },
    { name: 'hapi accepts wildcard patterns in its origin list', code: "import Hapi from '@hapi/hapi';\nconst server = Hapi.server({ routes: { cors: { origin: ['https://*.example.com'] } } });" },
    { name: 'multiple origins in a cors() string are multiple-origins only', code: "import cors from 'cors';\napp.use(cors({ origin: 'https://a.com,https://b.com' }));" },
    { name: 'multiple origins in a header are multiple-origins only', code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com, https://b.com');\n});" },
    { name: 'a URL with a path that is not used as an origin', code: "const url = 'https://a.com/api/';\nfetch(url);\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n});" },
    { name: "'null' and '*' are other rules' business", code: "import cors from 'cors';\napp.use(cors({ origin: ['https://a.com', 'null'] }));" },
  ],
  invalid: [
    {
      name: 'trailing slash in a header (safe fix)',
      code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com/');\n});",
      errors: [{ line: 2, column: 48, endColumn: 64, text: "'https://a.com/'", severity: 'error', message: "Access-Control-Allow-Origin 'https://a.com/' can never match: it ends with a slash, but an Origin header never does. Browsers will block these cross-origin requests." }],
      output: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n});",
    },
    {
      name: 'path and missing scheme in a cors() list (suggestions)',
      code: "import cors from 'cors';\napp.use(cors({ origin: ['https://a.com/app', 'a.com'] }));",
      errors: [
        { line: 2, column: 25, text: "'https://a.com/app'", severity: 'error', message: /^The allowed origin 'https:\/\/a\.com\/app' can never match: it has a path/, suggestions: [{ title: /Use https:\/\/a\.com/, output: "import cors from 'cors';\napp.use(cors({ origin: ['https://a.com', 'a.com'] }));" }] },
        { line: 2, column: 46, text: "'a.com'", severity: 'error', message: /it has no scheme/, suggestions: [{ output: "import cors from 'cors';\napp.use(cors({ origin: ['https://a.com/app', 'https://a.com'] }));" }] },
      ],
    },
    {
      name: 'wildcard subdomain in a header value',
      code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://*.example.com');\n});",
      errors: [{ line: 2, column: 48, text: "'https://*.example.com'", severity: 'error', message: /wildcards are not patterns here/ }],
    },
    {
      name: 'wildcard subdomain in cors(): suggest an anchored regex',
      code: "import cors from 'cors';\napp.use(cors({ origin: 'https://*.example.com' }));",
      errors: [{
        line: 2, column: 24, text: "'https://*.example.com'", severity: 'error', message: /^The allowed origin 'https:\/\/\*\.example\.com' can never match: wildcards are not patterns here/,
        suggestions: [{ title: /Match subdomains of example\.com/, output: "import cors from 'cors';\napp.use(cors({ origin: /^https:\\/\\/([a-z0-9-]+\\.)*example\\.com$/ }));" }],
      }],
    },
    {
      name: 'upper case and default port in an allowlist (safe fixes, applied together)',
      code: "const allowed = ['https://A.com', 'https://b.com:443'];\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (allowed.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Vary', 'Origin');\n});",
      errors: [
        { line: 1, column: 18, text: "'https://A.com'", severity: 'error', message: /upper-case letters/ },
        { line: 1, column: 35, text: "'https://b.com:443'", severity: 'error', message: /names the default port/ },
      ],
      output: "const allowed = ['https://a.com', 'https://b.com'];\napp.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (allowed.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Vary', 'Origin');\n});",
    },
    {
      name: 'comparison with a trailing slash',
      code: "app.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (origin === 'https://a.com/') res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Vary', 'Origin');\n});",
      errors: [{ line: 3, column: 18, text: "'https://a.com/'", severity: 'error', message: /^The origin compared against 'https:\/\/a\.com\/' can never match/ }],
      output: "app.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (origin === 'https://a.com') res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Vary', 'Origin');\n});",
    },
    {
      name: 'surrounding whitespace',
      code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', ' https://a.com');\n});",
      errors: [{ line: 2, column: 48, text: "' https://a.com'", severity: 'error', message: /surrounding whitespace/ }],
      output: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n});",
    },
    {
      name: 'trailing slash built with a template literal',
      code: "const host = 'a.com';\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', `https://${host}/`);\n});",
      errors: [{ line: 3, column: 48, text: '`https://${host}/`', severity: 'error', message: /ends with a slash/ }],
    },
    {
      name: 'trailing slash built with +',
      code: "const host = 'a.com';\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://' + host + '/');\n});",
      errors: [{ line: 3, column: 48, text: "'https://' + host + '/'", severity: 'error', message: /ends with a slash/ }],
    },
  ],
});
