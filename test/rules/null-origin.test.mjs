import { ruleTester } from './rule-tester.mjs';

ruleTester('null-origin', {
  valid: [
    "res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com');",
    { name: "comparison with 'null' is not an allowlist", code: "const o = req.headers.origin;\nif (o === 'null') reject();" },
  ],
  invalid: [
    {
      code: "import http from 'node:http';\nhttp.createServer((req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'null');\n  res.end();\n});",
      errors: [{
        line: 3, column: 48, endColumn: 54, text: "'null'", severity: 'warning', message: /^Access-Control-Allow-Origin is 'null': any page can send Origin: null/,
        suggestions: [{ title: /Remove/, output: "import http from 'node:http';\nhttp.createServer((req, res) => {\n  res.end();\n});" }],
      }],
    },
    {
      name: 'error with credentials, and the configured origin offered',
      code: "app.get('/me', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'null');\n  res.set('Access-Control-Allow-Credentials', 'true');\n});",
      config: { allowedOrigins: ['https://app.example.com'] },
      errors: [{
        line: 2, severity: 'error', message: /credentials are allowed/,
        suggestions: [
          { title: /Allow https:\/\/app.example.com/, output: "app.get('/me', (req, res) => {\n  res.set('Access-Control-Allow-Origin', 'https://app.example.com');\n  res.set('Access-Control-Allow-Credentials', 'true');\n});" },
          { title: /Remove/ },
        ],
      }],
    },
    {
      name: "'null' in a cors() allowlist",
      code: "import cors from 'cors';\napp.use(cors({ origin: ['https://a.example.com', 'null'] }));",
      errors: [{ line: 2, text: "'null'", message: /'null' is on the origin allowlist/, suggestions: [{ output: "import cors from 'cors';\napp.use(cors({ origin: ['https://a.example.com'] }));" }] }],
    },
    {
      name: 'Fetch API Response headers',
      filename: 'worker.ts',
      code: "export default {\n  async fetch(request: Request) {\n    return new Response('ok', { headers: { 'Access-Control-Allow-Origin': 'null' } });\n  },\n};",
      errors: [{ line: 3, text: "'null'" }],
    },
  ],
});
