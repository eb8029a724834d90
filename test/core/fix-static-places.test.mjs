// Places whose value is fixed before any request arrives (issue 11 item 3): a NestJS @Header argument,
// a next.config headers() entry, a header object outside a handler, a helper that receives no request.
// No fix of any rule may write code that reads a request there; each offers one fixed origin instead.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { analyzeFile, applyEdits, defaultConfig } from '../../dist/core.js';
import { newDiagnostics } from './fix-typecheck.mjs';

const nest = (headers) => `import { Controller, Get, Header, Req } from '@nestjs/common';\n\n@Controller('me')\nexport class MeController {\n  @Get()\n${headers.map((h) => `  @Header(${h})\n`).join('')}  me(@Req() req) {\n    return req.user;\n  }\n}\n`;
const nextConfig = (entries) => `module.exports = {\n  async headers() {\n    return [\n      {\n        source: '/api/:path*',\n        headers: [\n${entries.map((e) => `          ${e},\n`).join('')}        ],\n      },\n    ];\n  },\n};\n`;

const CASES = [
  { name: "NestJS @Header '*'", filename: 'me.controller.ts', code: nest(["'Access-Control-Allow-Origin', '*'"]) },
  { name: "NestJS @Header '*' with credentials", filename: 'me.controller.ts', code: nest(["'Access-Control-Allow-Origin', '*'", "'Access-Control-Allow-Credentials', 'true'"]) },
  { name: 'NestJS @Header with two origins', filename: 'me.controller.ts', code: nest(["'Access-Control-Allow-Origin', 'https://a.com, https://b.com'"]) },
  { name: "NestJS @Header 'null'", filename: 'me.controller.ts', code: nest(["'Access-Control-Allow-Origin', 'null'"]) },
  { name: "next.config '*'", filename: 'next.config.js', code: nextConfig(["{ key: 'Access-Control-Allow-Origin', value: '*' }"]) },
  { name: "next.config '*' with credentials", filename: 'next.config.js', code: nextConfig(["{ key: 'Access-Control-Allow-Credentials', value: 'true' }", "{ key: 'Access-Control-Allow-Origin', value: '*' }"]) },
  { name: 'next.config with two origins', filename: 'next.config.js', code: nextConfig(["{ key: 'Access-Control-Allow-Origin', value: 'https://a.com https://b.com' }"]) },
  { name: 'a module-level header object', filename: 'headers.ts', code: "export const corsHeaders = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' };\n" },
  { name: 'a helper whose parameter is not a request', filename: 'cors.ts', code: "export function corsHeaders(origin: string) {\n  return { 'Access-Control-Allow-Origin': 'https://a.com, https://b.com' };\n}\n" },
];

/** A read of the request (or of a variable that would have to hold it) in inserted text. */
const REQUEST_READ = /\b(req|request|ctx|context|c|event|origin)\.|\.headers\b|\.get\(|\.header\(/;

for (const c of CASES) {
  it(`${c.name}: no fix reads a request, and the fixed text type-checks`, () => {
    const result = analyzeFile(c.code, c.filename, defaultConfig());
    const fixes = result.findings.flatMap((f) => f.fixes.map((fix) => ({ ...fix, ruleId: f.ruleId })));
    assert.ok(fixes.some((f) => f.kind === 'suggestion' && !/^Keep it public/.test(f.title)), `no fix offered: ${result.findings.map((f) => f.ruleId).join(', ')}`);
    for (const fix of fixes) {
      for (const edit of fix.edits) assert.doesNotMatch(edit.newText, REQUEST_READ, `${fix.ruleId} "${fix.title}" writes ${edit.newText}`);
    }
    if (/\.ts$/.test(c.filename)) {
      const cases = fixes.map((fix) => ({ fileName: c.filename, before: c.code, after: applyEdits(c.code, fix.edits) }));
      assert.deepEqual(newDiagnostics(cases).flat(), []);
    }
  });
}
