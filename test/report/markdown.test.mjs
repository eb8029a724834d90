// The Markdown summary for CI archives: what a reader of the rendered page sees, and that text from
// the scanned code can neither break a table nor inject HTML.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GENERATED_AT, examplesAudit, findingAt, hostileReport, policyAt, report } from './helpers.mjs';

const { buildAuditReport, renderMarkdown, summarize } = report;

/** Cells of a GFM table row: split at pipes that are not backslash-escaped. */
function cells(row) {
  assert.match(row, /^\|.*\|$/);
  return row.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim());
}

function section(markdown, heading) {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `no section ${heading}`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

test('totals, findings by rule, the inventory and findings by file', () => {
  const text = "app.use(cors({ origin: true, credentials: true }));\nres.setHeader('Access-Control-Allow-Origin', 'https://a.com/');\n";
  const audit = buildAuditReport('/repo', [
    {
      path: '/repo/src/server.js',
      text,
      result: {
        findings: [
          findingAt(text, 'origin: true', 'reflected-origin', 'error', 'NestJS enableCors: `origin: true` echoes the request Origin.'),
          findingAt(text, "'https://a.com/'", 'invalid-origin', 'error', "The allowed origin 'https://a.com/' can never match."),
        ],
        policies: [
          policyAt(text, 'cors({ origin: true, credentials: true })', { source: 'middleware', framework: 'cors', route: 'all requests', origins: { kind: 'reflected' }, credentials: true, preflight: 'answered', vary: true, findings: ['reflected-origin'] }),
          policyAt(text, "res.setHeader('Access-Control-Allow-Origin', 'https://a.com/')", { route: 'PUT /items/:id', origins: { kind: 'list', origins: ['https://a.com/'] }, methods: ['GET', 'PUT'], preflight: 'missing', findings: ['invalid-origin'] }),
        ],
      },
    },
    { path: '/repo/src/clean.js', text: 'x', result: { findings: [], policies: [] } },
  ], 2500, { generatedAt: GENERATED_AT });
  const md = renderMarkdown(audit);

  assert.ok(md.startsWith('# CORS audit\n\nScanned 2 files in 2.5 s (root `/repo`, generated `2025-01-02T03:04:05.000Z`).\n'), md);
  assert.ok(md.includes('\n- **Findings:** 2 (2 errors, 0 warnings, 0 info) in 1 file\n- **CORS policies:** 2, of which **2 risky**\n'), md);

  const byRule = section(md, 'Findings by rule').trim().split('\n').slice(1).filter((l) => l.startsWith('|'));
  assert.deepEqual(byRule.map(cells), [
    ['Rule', 'Errors', 'Warnings', 'Info', 'Total'],
    ['---', '---:', '---:', '---:', '---:'],
    ['[`invalid-origin`](https://github.com/cors-lint/cors-lint/blob/main/docs/rules/invalid-origin.md)', '1', '0', '0', '1'],
    ['[`reflected-origin`](https://github.com/cors-lint/cors-lint/blob/main/docs/rules/reflected-origin.md)', '1', '0', '0', '1'],
  ]);

  const inventory = section(md, 'CORS policy inventory').trim().split('\n').filter((l) => l.startsWith('|')).map(cells);
  assert.deepEqual(inventory[0], ['Risk', 'Location', 'Framework', 'Route / handler', 'Allowed origins', 'Credentials', 'Methods', 'Allowed headers', 'Preflight', 'Vary: Origin', 'Problems']);
  assert.deepEqual(inventory.slice(2), [
    ['⚠ reflects any origin, has error findings', '`src/server.js:1`', 'cors (middleware)', 'all requests', 'reflected (any origin)', 'yes', 'default', 'default', 'answered', 'sent', '`reflected-origin` (error)'],
    ['⚠ has error findings', '`src/server.js:2`', 'express (headers)', 'PUT /items/:id', '`https://a.com/`', 'no', 'GET, PUT', 'default', 'missing', 'not needed', '`invalid-origin` (error)'],
  ]);

  const findings = section(md, 'Findings');
  assert.equal(findings, [
    '\n## Findings',
    '',
    '### `src/server.js`',
    '',
    '2 errors',
    '',
    '- **error** `reflected-origin` at 1:16: NestJS enableCors: `origin: true` echoes the request Origin.',
    "- **error** `invalid-origin` at 2:46: The allowed origin 'https://a.com/' can never match.",
    '',
  ].join('\n'));
  assert.ok(md.endsWith('Origin.\n- **error** `invalid-origin` at 2:46: The allowed origin \'https://a.com/\' can never match.\n'));
});

test('an empty audit says so instead of printing empty tables', () => {
  const md = renderMarkdown(buildAuditReport('/repo', [{ path: '/repo/a.js', text: '', result: { findings: [], policies: [] } }], 12, { generatedAt: GENERATED_AT }));
  assert.match(md, /Scanned 1 file in 12 ms/);
  assert.match(md, /## Findings by rule\n\nNo CORS problems found\.\n/);
  assert.match(md, /## CORS policy inventory\n\nNo code grants cross-origin access\.\n/);
  assert.match(md, /## Findings\n\nNo findings in any scanned file\.\n$/);
  assert.doesNotMatch(md, /\| Rule \|/);
});

test('pipes, backticks, newlines and HTML from the scanned code cannot break the Markdown', () => {
  const md = renderMarkdown(hostileReport());
  const rows = section(md, 'CORS policy inventory').split('\n').filter((l) => l.startsWith('|'));
  assert.equal(rows.length, 3);
  for (const row of rows) assert.equal(cells(row).length, 11, row);
  const [risk, location, framework, route, origins] = cells(rows[2]);
  assert.equal(risk, '⚠ allows the null origin, has error findings');
  assert.equal(location, "`src/<img src=x onerror=alert(1)>\"'&.js:1`", 'a code span: shown literally, never parsed as HTML');
  assert.equal(framework, '\\<b onmouseover=alert(5)\\>x\\</b\\> (headers)');
  assert.equal(route, "src/\\<img src=x onerror=alert(1)\\>\"'\\&.js");
  assert.equal(origins, '`"><svg onload=alert(4)>`, `null`');
  // The message's own code span stays a code span; the rest is escaped text, the pipe included.
  assert.ok(md.includes('- **error** `reflected-origin` at 1:46: bad `</code><script>alert(2)</script>` and \\<img src=x onerror=alert(3)\\> \\| pipe\n'), md);
  assert.ok(md.includes("### `src/<img src=x onerror=alert(1)>\"'&.js`\n"));
  // Nothing outside a code span starts an HTML tag.
  const outsideCode = md.replace(/(`+)[^`]*?\1/g, '');
  assert.doesNotMatch(outsideCode, /(?<!\\)<[a-z/]/i);
});

test('the examples/ audit renders one inventory row per policy and one list item per finding', () => {
  const { audit } = examplesAudit();
  const summary = summarize(audit);
  const md = renderMarkdown(audit);
  const rows = section(md, 'CORS policy inventory').split('\n').filter((l) => l.startsWith('|')).slice(2);
  assert.equal(rows.length, summary.policies.total);
  assert.equal(rows.filter((r) => r.startsWith('| ⚠')).length, summary.policies.risky);
  for (const row of rows) assert.equal(cells(row).length, 11, row);
  assert.equal(section(md, 'Findings').split('\n').filter((l) => l.startsWith('- **')).length, summary.findings.total);
  assert.ok(rows.some((r) => cells(r)[1] === '`koa-app/app.js:14`' && cells(r)[4] === 'reflected (any origin)'), rows.join('\n'));
});
