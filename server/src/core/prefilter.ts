// A cheap text test run before parsing. It must be conservative: every file the engine could report
// on passes it (a test checks this over every fixture, and the rule tester over every rule case). Every
// finding needs a CORS response header name or a CORS library; concretely, one of:
//   - a header name: "Access-Control-…", also spelled ACCESS_CONTROL_… in constants such as Node's
//     http2.constants;
//   - `cors` as a whole word in code: a call (`cors()`), a member (`mw.cors()`), a binding;
//   - a `cors-lint-disable` directive, in any comment (an unused one is a finding);
//   - a CORS library specifier (`require('@fastify/cors')`, `from 'hono/cors'`, `kcors`…) or `enableCors`;
//   - a `cors:` key, which the engine reads only in files that import a framework taking that option
//     (NestJS, Socket.IO, Apollo, hapi: facts/middleware.ts, CORS_OPTION_HOSTS; Firebase's onRequest,
//     facts/firebase.ts; GraphQL Yoga, facts/graphql.ts);
//   - a framework that grants CORS by default without naming it in lower case: GraphQL Yoga's
//     createYoga and @whatwg-node/server's useCORS, Firebase's onCall (`cors: true` unless given) and
//     oRPC's `new CORSPlugin()` (echoes every Origin unless given an origin);
//   - a list named for origins bound to an array (`const allowedOrigins = [`, `whitelist: string[] = [`),
//     checked on its own (facts/index.ts namesOriginList: a variable so named whose initializer is an array
//     literal); a key or a word (`AllowedOrigins:` in an API table, `Origins` in prose) is not one;
//   - a function named for checking origins (`isAllowedOrigin`, `checkOrigin`, `validateOrigin`): when
//     another module applies it as an origin check, its weakness is reported where it is written.
// Files that only mention the word do not pass: `CORS` in prose, `"corsConfiguration"` as a string, `"cors": true` in an AWS
// service table, "cors" inside another word (`asyncOrSync`), or a line comment / doc-comment line that
// says "cors" (a line whose first characters are `//` or `*` holds no code).
import { isPlatformConfigFile } from './platform';

const HEADER_NAME = /access[-_]control[-_]/i;
// Frameworks that grant CORS by default without naming it in lower case.
const OTHER_MARKERS = /createYoga|useCORS|CORSPlugin|\bonCall\b/i;
// A binding named for origins given an array (`allowedOrigins = [`, `ALLOWED_ORIGINS: string[] = [`,
// `whitelist = ([` / `= <const>[`), which is checked on its own (issue 12, item 7). The names are
// facts/index.ts ORIGIN_LIST_NAME's; the type annotation is a simple one (no `=`, `,`, `;` or `{`), so a key
// in an object (`AllowedOrigins:{type:"list"}`) is never read as one. Generated bundles mention such words
// in API tables and prose; only this shape makes the engine look.
const ORIGIN_LIST_BINDING_SOURCE = /(?:origins|(?:whitelist|allowlist)[\w$]*)\s*(?::\s*[\w$.<>[\]|()\s]{1,120})?=\s*[[(<]/.source;
const ORIGIN_LIST_BINDING = new RegExp(ORIGIN_LIST_BINDING_SOURCE, 'gi');
/** The same, at one position (where the one-scan search found one of the names). */
const ORIGIN_LIST_BINDING_AT = new RegExp(ORIGIN_LIST_BINDING_SOURCE, 'iy');
// An initializer namesOriginList accepts is at most this long.
const ORIGIN_LIST_INITIALIZER_LENGTH = 20_000;
const HTTP_URL_STRING = /^['"`]https?:\/\//;

/** An origin-list binding whose name starts at `at` (the first letter of origins/whitelist/allowlist). */
function bindsOriginListAt(text: string, at: number): boolean {
  ORIGIN_LIST_BINDING_AT.lastIndex = at;
  const match = ORIGIN_LIST_BINDING_AT.exec(text);
  return match !== null && holdsOriginElement(text, at + match[0].length - 1);
}

function bindsOriginList(text: string): boolean {
  ORIGIN_LIST_BINDING.lastIndex = 0;
  for (let match = ORIGIN_LIST_BINDING.exec(text); match; match = ORIGIN_LIST_BINDING.exec(text)) {
    if (holdsOriginElement(text, match.index + match[0].length - 1)) return true;
  }
  return false;
}

/**
 * What namesOriginList needs in the initializer that starts at `start`: an http(s) URL in a string (its test
 * reads the initializer's whole text, comments included), or a pattern (a regex literal, `RegExp`). Reads up
 * to the bracket that closes the initializer, skipping strings and comments, so an allowlist of names in a
 * minified bundle is not read on into the code after it. Conservative: a `/` where an element starts counts
 * as a pattern, whether it begins a regex or a comment.
 */
function holdsOriginElement(text: string, start: number): boolean {
  const limit = Math.min(text.length, start + ORIGIN_LIST_INITIALIZER_LENGTH);
  let depth = 0;
  let elementStart = false;
  let i = start;
  // A type assertion before the array (`<const>[`, `<Array<string>>[`): its brackets are no initializer's.
  for (let angles = 0; i < limit && (angles > 0 || text.charCodeAt(i) === 60); i++) {
    const c = text.charCodeAt(i);
    if (c === 60) angles++;
    else if (c === 62) angles--;
  }
  for (; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (c === 39 || c === 34 || c === 96) {
      // ' " `: a string to its closing quote (escapes skipped; a template's `${…}` is read as its text).
      if (HTTP_URL_STRING.test(text.slice(i, i + 9))) return true;
      let j = i + 1;
      while (j < limit && text.charCodeAt(j) !== c) j += text.charCodeAt(j) === 92 ? 2 : 1;
      i = j;
      elementStart = false;
      continue;
    }
    if (c === 47 /* / */) {
      if (elementStart) return true;
      const next = text.charCodeAt(i + 1);
      if (next === 47 || next === 42) {
        const close = next === 47 ? text.indexOf('\n', i) : text.indexOf('*/', i + 2);
        const end = close === -1 || close > limit ? limit : close;
        if (/['"`]https?:\/\//.test(text.slice(i, end))) return true;
        i = next === 47 ? end : end + 1;
        continue;
      }
    }
    if (c === 91 || c === 40 || c === 123) depth++; // [ ( {
    else if (c === 93 || c === 41 || c === 125) { // ] ) }
      if (--depth <= 0) return false;
    } else if (c === 82 && text.startsWith('RegExp', i)) return true;
    elementStart = c === 91 || c === 44 || c === 40; // [ , (
  }
  return false;
}
const CORS_MENTION = /cors/gi;
// Origin-check helpers (issue 14): camelCase names that say they judge an origin.
const ORIGIN_CHECK_NAME = /\b(?:is|check|validate|verify|assert)[A-Za-z]*Origin/;
// An adapter that reads a `cors:` key under another framework adds that framework's module here.
const OPTION_HOSTS = /@nestjs\/|socket\.io|apollo|hapi|graphql-yoga|firebase-functions/;

export function mayContainCors(text: string): boolean {
  return prefilter(text, mentionsCors);
}

/** The same verdict, found with a regular expression per pattern (mentionsCorsByRegex). */
export function mayContainCorsByRegex(text: string): boolean {
  return prefilter(text, mentionsCorsByRegex);
}

function prefilter(text: string, mentions: (text: string) => boolean): boolean {
  if (mentions(text)) return true;
  // 'Access-Control-…' (or `cors`) may be spelled with escapes ('\x41ccess', '\u0041ccess') or broken by
  // a line continuation (a backslash before a line break inside a string): decode and look again.
  if (!/\\[ux\r\n\u2028\u2029]/.test(text)) return false;
  const decoded = text.replace(/\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})|\\(\r\n|[\r\n\u2028\u2029])/g, (m, braced, u, x, lineBreak) => {
    if (lineBreak) return '';
    const code = parseInt(braced ?? u ?? x, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
  return mentions(decoded);
}

/**
 * Every word a verdict starts from, in one case-insensitive scan: most files of a project hold none, and
 * one scan costs a third of a scan per pattern. Each match is the start of exactly one of them (no word
 * overlaps another's end), so the scan meets every occurrence the per-pattern regexes
 * (mentionsCorsByRegex) would: `useCORS`, `CORSPlugin` and a directive are found at their "cors".
 */
const MARKER_WORD = /access[-_]control[-_]|createYoga|\bonCall\b|cors|origins|whitelist|allowlist/gi;

function mentionsCors(text: string): boolean {
  if (namesOriginCheck(text)) return true;
  let hosts: boolean | undefined;
  MARKER_WORD.lastIndex = 0;
  for (let match = MARKER_WORD.exec(text); match; match = MARKER_WORD.exec(text)) {
    const at = match.index;
    const first = text.charCodeAt(at) | 0x20; // lower case
    if (first === 97 /* a */ && match[0].length > 9 || first === 99 /* c */ && match[0].length === 10 || first === 111 /* o */ && match[0].length === 6) return true; // access-control-, createYoga, onCall
    if (first === 99 /* c */) {
      if (USE_BEFORE.test(text.slice(Math.max(0, at - 3), at)) || PLUGIN_AFTER.test(text.slice(at + 4, at + 10))) return true; // useCORS, CORSPlugin
      const verdict = corsMention(text, at, hosts);
      if (verdict === true) return true;
      if (verdict === 'hosts') hosts = false;
    } else if (bindsOriginListAt(text, at)) return true;
  }
  return false;
}

const USE_BEFORE = /^use$/i;
const PLUGIN_AFTER = /^plugin$/i;

/**
 * ORIGIN_CHECK_NAME, from each case-sensitive `Origin` (rare; the regex would try every word that starts
 * with `is`): the letters before it make one word with it, which must start after a non-word character
 * with one of the verbs.
 */
function namesOriginCheck(text: string): boolean {
  for (let at = text.indexOf('Origin'); at !== -1; at = text.indexOf('Origin', at + 6)) {
    let start = at;
    while (start > 0 && isAsciiLetter(text.charCodeAt(start - 1))) start--;
    const before = text.charCodeAt(start - 1);
    if ((before >= 48 && before <= 57) || before === 95) continue; // 0-9 _: no word boundary
    const verb = ORIGIN_CHECK_VERB.exec(text.slice(start, at));
    if (verb) return true;
  }
  return false;
}

const ORIGIN_CHECK_VERB = /^(?:is|check|validate|verify|assert)/;
const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * The same verdict with a regular expression per pattern, as the prefilter was written first: the
 * definition the one-scan search follows (test/core/prefilter.test.mjs compares the two).
 */
function mentionsCorsByRegex(text: string): boolean {
  if (HEADER_NAME.test(text) || OTHER_MARKERS.test(text) || bindsOriginList(text) || ORIGIN_CHECK_NAME.test(text)) return true;
  CORS_MENTION.lastIndex = 0;
  let hosts: boolean | undefined;
  for (let match = CORS_MENTION.exec(text); match; match = CORS_MENTION.exec(text)) {
    const verdict = corsMention(text, match.index, hosts);
    if (verdict === true) return true;
    if (verdict === 'hosts') hosts = false;
  }
  return false;
}

/**
 * What one "cors" (any case) at `at` says: true when it makes the file pass; 'hosts' when it is a key and
 * the file imports no framework that reads it (then `hosts` is false and not looked up again).
 */
function corsMention(text: string, at: number, hosts: boolean | undefined): boolean | 'hosts' {
  // A `cors-lint-disable` directive lives in a comment, and an unused one is a finding.
  if (text.startsWith('cors-lint-disable', at)) return true;
  const kind = corsWordKind(text, at);
  if (kind === 'none' || inCommentLine(text, at)) return false;
  if (kind === 'code') return true;
  if (hosts === false) return false;
  return OPTION_HOSTS.test(text) || 'hosts';
}

const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36; // 0-9 A-Z a-z _ $

const isLowerLetter = (c: number) => c >= 97 && c <= 122;

const isQuote = (c: number) => c === 39 || c === 34 || c === 96; // ' " `

/**
 * What the "cors" at `at` is. `code`: a lower-case word or camelCase segment of a name that starts in
 * lower case (`cors`, `corsConfig`, `enableCors`, `handleCors`, `useCORS`, `kcors`), or the end of a
 * module-specifier-like string ('@fastify/cors', 'strapi::cors', '@ioc:Adonis/Core/Cors'). `key`: a
 * quoted key ('cors':), which counts only next to a framework that reads it. `none`: part of another
 * word (`asyncOrSync`), a name that starts in upper case (`CorsConfig`, `CORS_ORIGIN`, prose CORS), or
 * a string that is no module name ("/{Bucket}?cors").
 */
function corsWordKind(text: string, at: number): 'code' | 'key' | 'none' {
  const after = text.charCodeAt(at + 4);
  if (isLowerLetter(after)) return 'none';
  let wordStart = at;
  while (wordStart > 0 && isWordChar(text.charCodeAt(wordStart - 1))) wordStart--;
  const lower = text.charCodeAt(at) === 99; /* c */
  if (wordStart < at) {
    const before = text.charCodeAt(at - 1);
    // `kcors`, the old name of @koa/cors; otherwise a camelCase segment of a lower-case name.
    const kcors = lower && before === 107 /* k */ && wordStart === at - 1;
    if (!kcors && (lower || !isLowerLetter(text.charCodeAt(wordStart)) || !(isLowerLetter(before) || (before >= 48 && before <= 57)))) return 'none';
  }
  // A whole string that is a name starting with `cors` ("corsConfiguration" in an API table, config.get('corsOrigin')):
  // data, not code. A module specifier goes on to the closing quote only with `/`, `-`, `.` or `:` after `cors`.
  if (lower && wordStart === at && isWordChar(after) && isQuote(text.charCodeAt(at - 1))) {
    let end = at + 4;
    while (isWordChar(text.charCodeAt(end))) end++;
    if (text.charCodeAt(end) === text.charCodeAt(at - 1)) return 'none';
  }
  const quote = isQuote(after) ? after : undefined;
  if (quote === undefined) return lower || wordStart < at ? 'code' : 'none';
  // The end of a string: a module specifier, a quoted key ('cors':), or text that is neither.
  if (!isSpecifierEnd(text, wordStart, quote)) return 'none';
  let i = at + 5;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return text.charCodeAt(i) === 58 /* : */ ? 'key' : 'code';
}

/** True when the string closed by `quote` after the word at `at` holds only module-specifier characters. */
function isSpecifierEnd(text: string, at: number, quote: number): boolean {
  let i = at - 1;
  for (; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (!(isWordChar(c) || c === 64 /* @ */ || c === 46 /* . */ || c === 47 /* / */ || c === 45 /* - */ || c === 58 /* : */)) break;
  }
  return text.charCodeAt(i) === quote;
}

/**
 * True when the line holding `at` starts (after indentation) with `//`, or with `*` (a block comment's
 * inner line) and does not close the comment before `at`: a comment, never code.
 */
function inCommentLine(text: string, at: number): boolean {
  let start = at;
  while (start > 0) {
    const c = text.charCodeAt(start - 1);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) break;
    start--;
  }
  while (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9) start++;
  const first = text.charCodeAt(start);
  if (first === 47 /* / */) return text.charCodeAt(start + 1) === 47;
  return first === 42 /* * */ && text.charCodeAt(start + 1) !== 61 /* *= */ && !text.slice(start, at).includes('*/');
}

export const ANALYZABLE_EXTENSIONS = ['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs', '.mts', '.cts'] as const;

/** JS/TS code, or a platform configuration file (vercel.json, netlify.toml, _headers, serverless.yml…). */
export function isAnalyzableFile(fileName: string): boolean {
  if (isPlatformConfigFile(fileName)) return true;
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.d.ts') || lower.endsWith('.d.mts') || lower.endsWith('.d.cts')) return false;
  return ANALYZABLE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}
