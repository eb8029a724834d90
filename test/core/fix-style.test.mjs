// Fix style (issue 11 item 10): comments stay attached to the code they describe, and generated code
// follows the file's semicolons, quotes and indentation. Each case applies one fix and compares the
// whole text.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { analyzeFile, applyEdits, defaultConfig } from '../../dist/core.js';

const CASES = [
  {
    name: "a '// set CORS' comment directly above a removed write, ending its paragraph, goes with it (and no blank line is left doubled)",
    filename: 'a.js',
    rule: 'duplicate-origin-header',
    title: "Remove the overwritten write",
    code: "app.get('/x', (req, res) => {\n  // set CORS\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n\n  // the real value\n  res.setHeader('Access-Control-Allow-Origin', 'https://b.com');\n  res.end();\n});\n" ,
    output: "app.get('/x', (req, res) => {\n  // the real value\n  res.setHeader('Access-Control-Allow-Origin', 'https://b.com');\n  res.end();\n});\n",
  },
  {
    name: "a comment above a group of writes stays when one of them is removed",
    filename: 'b.js',
    rule: 'duplicate-origin-header',
    title: "Remove the overwritten write",
    code: "app.get('/x', (req, res) => {\n  // CORS headers\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n  res.setHeader('Access-Control-Allow-Origin', 'https://b.com');\n  res.end();\n});\n" ,
    output: "app.get('/x', (req, res) => {\n  // CORS headers\n  res.setHeader('Access-Control-Allow-Origin', 'https://b.com');\n  res.end();\n});\n",
  },
  {
    name: "a cors-lint directive directly above a removed write goes with it",
    filename: 'i.js',
    rule: 'duplicate-origin-header',
    title: "Remove the overwritten write",
    code: "app.get('/x', (req, res) => {\n  // cors-lint-disable-next-line invalid-origin\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com/');\n  res.setHeader('Access-Control-Allow-Origin', 'https://b.com');\n  res.end();\n});\n" ,
    output: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://b.com');\n  res.end();\n});\n",
  },
  {
    name: "a trailing comment on a line whose value is replaced stays on that line; the added Vary goes below it",
    filename: 'c.js',
    rule: 'permissive-wildcard',
    title: "Allow only the origins",
    code: "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*'); // public for now\n  res.json({});\n});\n" ,
    output: "const allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', allowedOrigins.includes(req.headers.origin) ? req.headers.origin : allowedOrigins[0]); // public for now\n  res.setHeader('Vary', 'Origin');\n  res.json({});\n});\n",
  },
  {
    name: "Vary inserted before a conditional goes above the comment that describes the conditional",
    filename: 'd.js',
    rule: 'missing-vary-origin',
    title: "Add Vary: Origin",
    code: "const allowed = ['https://a.com'];\napp.get('/x', (req, res) => {\n  // only trusted origins\n  if (allowed.includes(req.headers.origin)) {\n    res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n  }\n  res.end();\n});\n" ,
    output: "const allowed = ['https://a.com'];\napp.get('/x', (req, res) => {\n  res.setHeader('Vary', 'Origin');\n  // only trusted origins\n  if (allowed.includes(req.headers.origin)) {\n    res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n  }\n  res.end();\n});\n",
  },
  {
    name: "a new OPTIONS route goes above the comment describing the route; the allowlist goes after the import's trailing comment",
    filename: 'e.js',
    rule: 'missing-preflight',
    title: "Answer preflight",
    code: "import express from 'express'; // the web framework\nconst app = express();\n// update an item\napp.put('/items/:id', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n  res.json({});\n});\n" ,
    output: "import express from 'express'; // the web framework\n\nconst allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\nconst app = express();\napp.options('/items/:id', (req, res) => {\n  res.set({\n    'Access-Control-Allow-Origin': allowedOrigins.includes(req.headers.origin) ? req.headers.origin : allowedOrigins[0],\n    'Access-Control-Allow-Methods': 'GET, POST, PUT',\n    'Access-Control-Allow-Headers': 'Content-Type, Authorization',\n    Vary: 'Origin',\n  });\n  res.sendStatus(204);\n});\n// update an item\napp.put('/items/:id', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n  res.json({});\n});\n",
  },
  {
    name: "with no imports, the allowlist goes above the comment describing the first statement",
    filename: 'g.js',
    rule: 'permissive-wildcard',
    title: "Allow only the origins",
    code: "// The public API\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.json({});\n});\n" ,
    output: "const allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\n// The public API\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', allowedOrigins.includes(req.headers.origin) ? req.headers.origin : allowedOrigins[0]);\n  res.setHeader('Vary', 'Origin');\n  res.json({});\n});\n",
  },
  {
    name: "a // @ts-check pragma stays the first line",
    filename: 'h.js',
    rule: 'permissive-wildcard',
    title: "Allow only the origins",
    code: "// @ts-check\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.json({});\n});\n" ,
    output: "// @ts-check\nconst allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\napp.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', allowedOrigins.includes(req.headers.origin) ? req.headers.origin : allowedOrigins[0]);\n  res.setHeader('Vary', 'Origin');\n  res.json({});\n});\n",
  },
  {
    name: "a semicolon-less, double-quoted, tab-indented file: the OPTIONS route and the allowlist follow its style",
    filename: 'f.js',
    rule: 'missing-preflight',
    title: "Answer preflight",
    code: "import express from \"express\"\nconst app = express()\n\napp.put(\"/items/:id\", (req, res) => {\n\tres.setHeader(\"Access-Control-Allow-Origin\", req.headers.origin)\n\tres.json({})\n})\n" ,
    output: "import express from \"express\"\n\nconst allowedOrigins = [\"https://app.example.com\"] // placeholder: replace with the origins you trust\n\nconst app = express()\n\napp.options(\"/items/:id\", (req, res) => {\n\tres.set({\n\t\t\"Access-Control-Allow-Origin\": allowedOrigins.includes(req.headers.origin) ? req.headers.origin : allowedOrigins[0],\n\t\t\"Access-Control-Allow-Methods\": \"GET, POST, PUT\",\n\t\t\"Access-Control-Allow-Headers\": \"Content-Type, Authorization\",\n\t\tVary: \"Origin\",\n\t})\n\tres.sendStatus(204)\n})\napp.put(\"/items/:id\", (req, res) => {\n\tres.setHeader(\"Access-Control-Allow-Origin\", req.headers.origin)\n\tres.json({})\n})\n",
  },
  {
    name: "a semicolon-less, double-quoted, tab-indented file: the allowlist check and Vary follow its style",
    filename: 'f.js',
    rule: 'reflected-origin',
    title: "Echo the origin",
    code: "import express from \"express\"\nconst app = express()\n\napp.put(\"/items/:id\", (req, res) => {\n\tres.setHeader(\"Access-Control-Allow-Origin\", req.headers.origin)\n\tres.json({})\n})\n" ,
    output: "import express from \"express\"\n\nconst allowedOrigins = [\"https://app.example.com\"] // placeholder: replace with the origins you trust\n\nconst app = express()\n\napp.put(\"/items/:id\", (req, res) => {\n\tres.setHeader(\"Access-Control-Allow-Origin\", allowedOrigins.includes(req.headers.origin) ? req.headers.origin : allowedOrigins[0])\n\tres.setHeader(\"Vary\", \"Origin\")\n\tres.json({})\n})\n",
  },
];

for (const c of CASES) {
  it(c.name, () => {
    const fixes = analyzeFile(c.code, c.filename, defaultConfig()).findings.filter((f) => f.ruleId === c.rule).flatMap((f) => f.fixes);
    const fix = fixes.find((x) => x.title.startsWith(c.title));
    assert.ok(fix, `no "${c.title}" fix among: ${fixes.map((x) => x.title).join(' | ')}`);
    assert.equal(applyEdits(c.code, fix.edits), c.output);
  });
}
