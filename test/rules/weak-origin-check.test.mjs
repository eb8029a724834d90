import { ruleTester } from './rule-tester.mjs';

const wrap = (cond) => `app.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (${cond}) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Vary', 'Origin');\n});`;
const COL = 7; // start of the condition on line 3
const ADVICE = ' Compare against exact origins or an anchored, escaped pattern.';
const weak = (bypass) => `Weak origin check: ${bypass}.${ADVICE}`;

ruleTester('weak-origin-check', {
  valid: [
    { name: 'anchored escaped regex with an optional www group', code: wrap(String.raw`/^https:\/\/(www\.)?example\.com$/.test(origin)`) },
    { name: 'anchored alternation of subdomains', code: wrap(String.raw`/^https:\/\/(app|admin)\.example\.com$/.test(origin)`) },
    { name: 'exact equality', code: wrap("origin === 'https://a.com'") },
    { name: '=== chain', code: wrap("origin === 'https://a.com' || origin === 'https://b.com'") },
    { name: 'allowlist includes', code: wrap("['https://a.com'].includes(origin)") },
    { name: 'allowlist indexOf !== -1', code: "const allowlist = ['https://a.com'];\n" + wrap('allowlist.indexOf(origin) !== -1') },
    { name: 'Set has', code: "const allowed = new Set(['https://a.com']);\n" + wrap('allowed.has(origin)') },
    { name: 'URL hostname compared exactly', code: wrap("new URL(origin).hostname === 'app.example.com'") },
    { name: 'startsWith on a path, not the origin', code: "app.get('/x', (req, res) => {\n  if (req.url.startsWith('/api')) res.setHeader('Access-Control-Allow-Origin', '*');\n});" },
    { name: 'weak check ANDed with an exact one', code: wrap("origin.startsWith('https://a.com') && ['https://a.com'].includes(origin)") },
    { name: 'localhost with any port, http or https', code: wrap(String.raw`/^https?:\/\/localhost(:\d+)?$/.test(origin)`) },
    { name: 'localhost prefix ending in a port colon', code: wrap("origin.startsWith('http://localhost:')") },
    { name: 'localhost port without $: a port cannot continue into a host', code: wrap(String.raw`/^https?:\/\/localhost:\d+/.test(origin)`) },
    { name: 'switch in a helper', code: "function isAllowed(o) {\n  switch (o) {\n    case 'https://a.com':\n    case 'https://b.com':\n      return true;\n    default:\n      return false;\n  }\n}\n" + wrap('isAllowed(origin)') },
    { name: 'cors() with anchored regexes and strings', code: "import cors from 'cors';\napp.use(cors({ origin: [/^https:\\/\\/(app|admin)\\.example\\.com$/, 'https://a.com'] }));" },
    { name: 'cors callback with an allowlist and early accept of no origin', code: "import cors from 'cors';\nconst allowed = ['https://a.com', 'https://b.com'];\napp.use(cors({ origin: (origin, callback) => {\n  if (!origin || allowed.indexOf(origin) !== -1) callback(null, true);\n  else callback(new Error('Not allowed'));\n} }));" },
  ],
  invalid: [
    {
      name: "endsWith('a.com') without a dot boundary",
      code: wrap("origin.endsWith('a.com')"),
      errors: [{
        line: 3, column: COL, endColumn: 31, text: "origin.endsWith('a.com')", severity: 'warning', message: weak('https://evila.com passes (suffix match)'),
        suggestions: [{ title: /^Use a strict, anchored check \(accepts https:\/\/a\.com, https:\/\/app\.a\.com\)$/, output: wrap(String.raw`/^https:\/\/([a-z0-9-]+\.)*a\.com$/.test(origin)`) }],
      }],
    },
    {
      name: 'startsWith prefix check',
      code: wrap("origin.startsWith('https://a.com')"),
      errors: [{
        line: 3, column: COL, text: "origin.startsWith('https://a.com')", severity: 'warning', message: weak('https://a.com.evil.net passes (prefix match)'),
        suggestions: [{ output: wrap("origin === 'https://a.com'") }],
      }],
    },
    {
      name: 'includes substring check',
      code: wrap("origin.includes('a.com')"),
      errors: [{
        line: 3, column: COL, text: "origin.includes('a.com')", severity: 'warning', message: weak('https://a.com.evil.net passes (prefix match)'),
        suggestions: [{ output: wrap(String.raw`/^https:\/\/([a-z0-9-]+\.)*a\.com$/.test(origin)`) }],
      }],
    },
    {
      name: 'indexOf substring check: the fix replaces the whole comparison',
      code: wrap("origin.indexOf('a.com') !== -1"),
      errors: [{
        line: 3, column: COL, text: "origin.indexOf('a.com') !== -1", severity: 'warning', message: weak('https://a.com.evil.net passes (prefix match)'),
        suggestions: [{ output: wrap(String.raw`/^https:\/\/([a-z0-9-]+\.)*a\.com$/.test(origin)`) }],
      }],
    },
    {
      name: 'indexOf === -1 in a ternary: the fix keeps the negation',
      code: wrap("origin.indexOf('example.com') === -1 ? false : true"),
      errors: [{
        line: 3, column: COL, text: "origin.indexOf('example.com') === -1", severity: 'warning', message: weak('https://example.com.evil.net passes (prefix match)'),
        suggestions: [{ output: wrap(String.raw`!/^https:\/\/([a-z0-9-]+\.)*example\.com$/.test(origin) ? false : true`) }],
      }],
    },
    {
      name: 'unanchored regex',
      code: wrap(String.raw`/a\.com/.test(origin)`),
      errors: [{
        line: 3, column: COL, endColumn: 15, text: String.raw`/a\.com/`, severity: 'warning', message: weak('https://a.com.evil.net passes (prefix match)'),
        suggestions: [{ output: wrap(String.raw`/^https:\/\/a\.com$/.test(origin)`) }],
      }],
    },
    {
      name: 'unescaped dot in an anchored regex',
      code: wrap(String.raw`/^https:\/\/www.a.com$/.test(origin)`),
      errors: [{
        line: 3, column: COL, text: String.raw`/^https:\/\/www.a.com$/`, severity: 'warning', message: weak('https://wwwxa.com passes (unescaped dot)'),
        suggestions: [{ output: wrap(String.raw`/^https:\/\/www\.a\.com$/.test(origin)`) }],
      }],
    },
    {
      name: 'regex without $',
      code: wrap(String.raw`/^https:\/\/a\.com/.test(origin)`),
      errors: [{
        line: 3, column: COL, text: String.raw`/^https:\/\/a\.com/`, severity: 'warning', message: weak('https://a.com.evil.net passes (prefix match)'),
        suggestions: [{ output: wrap(String.raw`/^https:\/\/a\.com$/.test(origin)`) }],
      }],
    },
    {
      name: 'a character class that admits the dot before the trusted domain',
      code: wrap(String.raw`/^https:\/\/[\w.-]*example\.com$/.test(origin)`),
      errors: [{
        line: 3, column: COL, text: String.raw`/^https:\/\/[\w.-]*example\.com$/`, severity: 'warning', message: weak('https://evilexample.com passes (suffix match)'),
        suggestions: [{ output: wrap(String.raw`/^https:\/\/([a-z0-9-]+\.)*example\.com$/.test(origin)`) }],
      }],
    },
    {
      name: 'indexOf on a string that joins several origins',
      code: wrap("'https://a.example.com,https://b.example.com'.indexOf(origin) !== -1"),
      errors: [{
        line: 3, column: COL, text: "'https://a.example.com,https://b.example.com'.indexOf(origin) !== -1", severity: 'warning', message: weak('https://a.example.co passes (substring match)'),
        suggestions: [{ output: wrap("['https://a.example.com', 'https://b.example.com'].includes(origin)") }],
      }],
    },
    {
      name: 'a string given to match is an unanchored regex with unescaped dots',
      code: wrap("origin.match('example.com')"),
      errors: [{
        line: 3, column: 20, text: "'example.com'", severity: 'warning', message: weak('https://example.com.evil.net passes (prefix match)'),
        suggestions: [{ output: wrap(String.raw`origin.match('^https:\\/\\/example\\.com$')`) }],
      }],
    },
    {
      name: 'a top-level | that splits the scheme from the domain: the repair keeps both hosts',
      code: wrap(String.raw`/^https:\/\/app|admin\.example\.com$/.test(origin)`),
      errors: [{
        line: 3, column: COL, severity: 'warning', message: weak('https://app.evil.net passes (attacker-controlled host)'),
        suggestions: [{ title: /accepts https:\/\/app\.example\.com, https:\/\/admin\.example\.com\)$/, output: wrap(String.raw`/^https:\/\/(app|admin)\.example\.com$/.test(origin)`) }],
      }],
    },
    {
      name: 'a subdomain group without $: found on the automaton, beyond the battery',
      code: wrap(String.raw`/^https:\/\/(app|admin)\.example\.com/.test(origin)`),
      errors: [{
        line: 3, column: COL, severity: 'warning', message: weak('https://app.example.com.evil.net passes (prefix match)'),
        suggestions: [{ output: wrap(String.raw`/^https:\/\/(app|admin)\.example\.com$/.test(origin)`) }],
      }],
    },
    {
      name: "includes('localhost'): the repair keeps http and any port",
      code: wrap("origin.includes('localhost')"),
      errors: [{
        line: 3, column: COL, severity: 'warning', message: weak('http://localhost.evil.net passes (localhost prefix)'),
        suggestions: [{ output: wrap(String.raw`/^https?:\/\/localhost(:\d+)?$/.test(origin)`) }],
      }],
    },
    {
      name: 'cors() RegExp option with credentials is an error',
      code: "import cors from 'cors';\napp.use(cors({ origin: /example\\.com$/, credentials: true }));",
      errors: [{
        line: 2, column: 24, text: '/example\\.com$/', severity: 'error',
        message: "Weak origin check: https://evilexample.com passes (suffix match). Credentials are allowed, so that site can read users' data." + ADVICE,
        suggestions: [{ output: "import cors from 'cors';\napp.use(cors({ origin: /^https:\\/\\/example\\.com$/, credentials: true }));" }],
      }],
    },
    {
      name: 'weak check inside a cors origin callback',
      code: "import cors from 'cors';\napp.use(cors({ origin: (origin, cb) => cb(null, origin.endsWith('example.com')) }));",
      errors: [{
        line: 2, column: 49, text: "origin.endsWith('example.com')", severity: 'warning', message: weak('https://evilexample.com passes (suffix match)'),
        suggestions: [{ output: "import cors from 'cors';\napp.use(cors({ origin: (origin, cb) => cb(null, /^https:\\/\\/([a-z0-9-]+\\.)*example\\.com$/.test(origin)) }));" }],
      }],
    },
    {
      name: 'origin.match(regex) with credentials',
      code: "app.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (origin.match(/example\\.com/)) {\n    res.setHeader('Access-Control-Allow-Origin', origin);\n    res.setHeader('Access-Control-Allow-Credentials', 'true');\n  }\n  res.setHeader('Vary', 'Origin');\n});",
      errors: [{ line: 3, column: 20, text: '/example\\.com/', severity: 'error', message: "Weak origin check: https://example.com.evil.net passes (prefix match). Credentials are allowed, so that site can read users' data." + ADVICE }],
    },
    {
      name: 'a dot-bounded suffix on a shared hosting domain trusts strangers',
      code: "app.use((req, res, next) => {\n  const origin = req.headers.origin;\n  if (origin && origin.endsWith('.vercel.app')) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Vary', 'Origin');\n  next();\n});",
      errors: [{ line: 3, text: "origin.endsWith('.vercel.app')", severity: 'warning', message: weak('https://attacker.vercel.app passes (shared hosting)') }],
    },
    {
      name: 'an anchored regex for any subdomain of github.io',
      code: "import cors from 'cors';\napp.use(cors({ origin: /^https:\\/\\/[a-z0-9-]+\\.github\\.io$/ }));",
      errors: [{ line: 2, column: 24, severity: 'warning', message: weak('https://attacker.github.io passes (shared hosting)') }],
    },
    {
      name: 'a weak check in a helper predicate',
      code: "function isAllowed(o) {\n  return o.includes('example.com');\n}\n" + wrap('isAllowed(origin)'),
      errors: [{
        line: 2, column: 10, text: "o.includes('example.com')", severity: 'warning', message: weak('https://example.com.evil.net passes (prefix match)'),
        suggestions: [{ output: "function isAllowed(o) {\n  return /^https:\\/\\/([a-z0-9-]+\\.)*example\\.com$/.test(o);\n}\n" + wrap('isAllowed(origin)') }],
      }],
    },
    {
      name: 'a suffix test on the parsed hostname (no rewrite offered: the hostname drops the scheme)',
      code: wrap("new URL(origin).hostname.endsWith('example.com')"),
      errors: [{ line: 3, column: COL, severity: 'warning', message: weak('https://evilexample.com passes (suffix match)'), suggestions: [] }],
    },
    {
      name: 'any subdomain is information',
      code: wrap("origin.endsWith('.example.com')"),
      errors: [{
        line: 3, column: COL, text: "origin.endsWith('.example.com')", severity: 'info',
        message: 'Origin check accepts any subdomain of example.com, including ones that could be taken over (e.g. https://evil.example.com). List the subdomains you serve if you can.',
        suggestions: [],
      }],
    },
    {
      name: 'any subdomain in a hono/cors origin function',
      code: "import { cors } from 'hono/cors';\napp.use('*', cors({ origin: (origin) => (origin.endsWith('.example.com') ? origin : null) }));",
      errors: [{ line: 2, column: 42, text: "origin.endsWith('.example.com')", severity: 'info', message: /^Origin check accepts any subdomain of example\.com/ }],
    },
    {
      name: 'an early accept of no origin, then a subdomain regex, in a cors callback',
      code: "import cors from 'cors';\napp.use(cors({ origin: (origin, cb) => {\n  if (!origin) return cb(null, true);\n  if (/\\.example\\.com$/.test(origin)) return cb(null, true);\n  cb(new Error('no'));\n} }));",
      errors: [{ line: 4, column: 7, text: '/\\.example\\.com$/', severity: 'info', message: /any subdomain of example\.com/ }],
    },
  ],
});
