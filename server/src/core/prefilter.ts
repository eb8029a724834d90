// A cheap text test run before parsing. It must be conservative: every file the engine could report
// on passes it (a test checks this over every fixture). Every finding needs either a CORS response
// header name ("Access-Control-…", also spelled ACCESS_CONTROL_… in constants such as Node's
// http2.constants) or a CORS library/option ("cors", "enableCors", "cors:").
import { isPlatformConfigFile } from './platform';

// Frameworks that grant CORS by default name none of these: GraphQL Yoga's createYoga (useCORS unless
// `cors: false`) and Firebase's onCall (`cors: true` unless given).
// Lists named for origins (`allowedOrigins`, `ALLOWED_ORIGINS`, `whitelist`) are checked on their own (issue 12, item 7).
const CORS_MARKER = /access[-_]control[-_]|cors|createYoga|\bonCall\b|origins\b|whitelist|allowlist/i;

export function mayContainCors(text: string): boolean {
  if (CORS_MARKER.test(text)) return true;
  // 'Access-Control-…' may be spelled with escapes ('\x41ccess', '\u0041ccess') or broken by a line
  // continuation (a backslash before a line break inside a string): decode and look again.
  if (!/\\[ux\r\n\u2028\u2029]/.test(text)) return false;
  const decoded = text.replace(/\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})|\\(\r\n|[\r\n\u2028\u2029])/g, (m, braced, u, x, lineBreak) => {
    if (lineBreak) return '';
    const code = parseInt(braced ?? u ?? x, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
  return CORS_MARKER.test(decoded);
}

export const ANALYZABLE_EXTENSIONS = ['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs', '.mts', '.cts'] as const;

/** JS/TS code, or a platform configuration file (vercel.json, netlify.toml, _headers, serverless.yml…). */
export function isAnalyzableFile(fileName: string): boolean {
  if (isPlatformConfigFile(fileName)) return true;
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.d.ts') || lower.endsWith('.d.mts') || lower.endsWith('.d.cts')) return false;
  return ANALYZABLE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}
