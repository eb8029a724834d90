import { ruleTester } from './rule-tester.mjs';

const wrap = (cond) => `app.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (${cond}) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Vary', 'Origin');\n});`;
const COL = 7; // start of the condition on line 3

ruleTester('weak-origin-check', {
  valid: [
    { name: "dot-bounded endsWith('.example.com')", code: wrap("origin.endsWith('.example.com')") },
    { name: 'anchored escaped regex', code: wrap('/^https:\\/\\/(www\\.)?example\\.com$/.test(origin)') },
    { name: 'exact equality', code: wrap("origin === 'https://a.com'") },
    { name: 'allowlist includes', code: wrap("['https://a.com'].includes(origin)") },
    { name: 'allowlist indexOf !== -1', code: "const allowlist = ['https://a.com'];\n" + wrap('allowlist.indexOf(origin) !== -1') },
    { name: 'Set has', code: "const allowed = new Set(['https://a.com']);\n" + wrap('allowed.has(origin)') },
    { name: 'URL hostname dot-bounded suffix', code: wrap("new URL(origin).hostname.endsWith('.example.com')") },
    { name: 'startsWith on a path, not the origin', code: "app.get('/x', (req, res) => {\n  if (req.url.startsWith('/api')) res.setHeader('Access-Control-Allow-Origin', '*');\n});" },
    { name: 'weak check ANDed with an exact one', code: wrap("origin.startsWith('https://a.com') && ['https://a.com'].includes(origin)") },
    { name: 'cors() with anchored regex and string entries', code: "import cors from 'cors';\napp.use(cors({ origin: [/^https:\\/\\/([a-z0-9-]+\\.)*example\\.com$/, 'https://a.com'] }));" },
  ],
  invalid: [
    {
      name: "endsWith('a.com') without a dot boundary",
      code: wrap("origin.endsWith('a.com')"),
      errors: [{
        line: 3, column: COL, endColumn: 31, text: "origin.endsWith('a.com')", severity: 'warning', message: /^Weak origin check: endsWith\('a\.com'\) has no dot boundary: https:\/\/evila\.com passes\./,
        suggestions: [{ title: /strict, anchored/, output: wrap('/^https:\\/\\/([a-z0-9-]+\\.)*a\\.com$/.test(origin)') }],
      }],
    },
    {
      name: 'startsWith prefix check',
      code: wrap("origin.startsWith('https://a.com')"),
      errors: [{
        line: 3, column: COL, text: "origin.startsWith('https://a.com')", severity: 'warning', message: /prefix check: https:\/\/a\.com\.evil\.net passes/,
        suggestions: [{ output: wrap("origin === 'https://a.com'") }],
      }],
    },
    {
      name: 'includes substring check',
      code: wrap("origin.includes('a.com')"),
      errors: [{
        line: 3, column: COL, text: "origin.includes('a.com')", severity: 'warning', message: /a substring check: any origin containing 'a\.com' passes/,
        suggestions: [{ output: wrap('/^https:\\/\\/([a-z0-9-]+\\.)*a\\.com$/.test(origin)') }],
      }],
    },
    {
      name: 'indexOf substring check: the fix replaces the whole comparison',
      code: wrap("origin.indexOf('a.com') !== -1"),
      errors: [{
        line: 3, column: COL, severity: 'warning', message: /a substring check: any origin containing 'a\.com' passes/,
        suggestions: [{ output: wrap('/^https:\\/\\/([a-z0-9-]+\\.)*a\\.com$/.test(origin)') }],
      }],
    },
    {
      name: 'unanchored regex',
      code: wrap('/a\\.com/.test(origin)'),
      errors: [{
        line: 3, column: COL, endColumn: 15, text: '/a\\.com/', severity: 'warning', message: /regular expression \/a\\\.com\/ is weak: it is not anchored/,
        suggestions: [{ output: wrap('/^https:\\/\\/a\\.com$/.test(origin)') }],
      }],
    },
    {
      name: 'unescaped dot in an anchored regex',
      code: wrap('/^https:\\/\\/a.com$/.test(origin)'),
      errors: [{
        line: 3, column: COL, text: '/^https:\\/\\/a.com$/', severity: 'warning', message: /an unescaped '\.' matches any character/,
        suggestions: [{ output: wrap('/^https:\\/\\/a\\.com$/.test(origin)') }],
      }],
    },
    {
      name: 'regex without $',
      code: wrap('/^https:\\/\\/a\\.com/.test(origin)'),
      errors: [{
        line: 3, column: COL, text: '/^https:\\/\\/a\\.com/', severity: 'warning', message: /not anchored with \$: https:\/\/a\.com\.evil\.net passes/,
        suggestions: [{ output: wrap('/^https:\\/\\/a\\.com$/.test(origin)') }],
      }],
    },
    {
      name: 'cors() RegExp option with credentials is an error',
      code: "import cors from 'cors';\napp.use(cors({ origin: /example\\.com$/, credentials: true }));",
      errors: [{
        line: 2, column: 24, text: '/example\\.com$/', severity: 'error', message: /^Weak origin check: cors origin pattern: .*Credentials are allowed/,
        suggestions: [{ output: "import cors from 'cors';\napp.use(cors({ origin: /^https:\\/\\/example\\.com$/, credentials: true }));" }],
      }],
    },
    {
      name: 'weak check inside a cors origin callback',
      code: "import cors from 'cors';\napp.use(cors({ origin: (origin, cb) => cb(null, origin.endsWith('example.com')) }));",
      errors: [{
        line: 2, column: 49, text: "origin.endsWith('example.com')", severity: 'warning',
        suggestions: [{ output: "import cors from 'cors';\napp.use(cors({ origin: (origin, cb) => cb(null, /^https:\\/\\/([a-z0-9-]+\\.)*example\\.com$/.test(origin)) }));" }],
      }],
    },
    {
      name: 'origin.match(regex) with credentials',
      code: "app.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (origin.match(/example\\.com/)) {\n    res.setHeader('Access-Control-Allow-Origin', origin);\n    res.setHeader('Access-Control-Allow-Credentials', 'true');\n  }\n  res.setHeader('Vary', 'Origin');\n});",
      errors: [{ line: 3, column: 20, text: '/example\\.com/', severity: 'error', message: /Credentials are allowed, so that site can read users' data/ }],
    },
    {
      name: 'a dot-bounded suffix on a shared hosting domain trusts strangers',
      code: "app.use((req, res, next) => {\n  const origin = req.headers.origin;\n  if (origin && origin.endsWith('.vercel.app')) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Vary', 'Origin');\n  next();\n});",
      errors: [{ line: 3, text: "origin.endsWith('.vercel.app')", severity: 'warning', message: /trusts every site on \.vercel\.app, where anyone can deploy/ }],
    },
    {
      name: 'an anchored regex for any subdomain of github.io',
      code: "import cors from 'cors';\napp.use(cors({ origin: /^https:\\/\\/[a-z0-9-]+\\.github\\.io$/ }));",
      errors: [{ line: 2, severity: 'warning', message: /accepts every site on \.github\.io/ }],
    },
  ],
});
