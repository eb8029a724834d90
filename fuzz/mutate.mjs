// Input generation for the fuzzer: a seedable PRNG, the seed files (examples/, the code blocks of
// docs/rules/*.md, the `code:` strings of test/rules/*.test.mjs) and mutators over them.
//
// Reproducibility: every generated input is a pure function of (seed, phase, index). Nothing on a
// reproducible path calls Math.random or reads the clock, so `node fuzz/run.mjs --seed S --only I`
// rebuilds exactly the input a run reported.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import ts from 'typescript';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------------
// PRNG

/** 32-bit string hash (FNV-1a followed by a murmur3 finaliser so nearby strings spread). */
export function hash32(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: tiny, fast, good enough for choosing mutations; state is one 32-bit integer. */
export class Rng {
  constructor(seed) {
    this.state = (typeof seed === 'number' ? seed : hash32(String(seed))) >>> 0;
  }

  /** A float in [0, 1). */
  next() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n) {
    return Math.floor(this.next() * n);
  }

  /** An integer in [lo, hi]. */
  range(lo, hi) {
    return lo + this.int(hi - lo + 1);
  }

  chance(p) {
    return this.next() < p;
  }

  pick(items) {
    return items[this.int(items.length)];
  }

  /** `entries` = [[weight, value], …]. */
  weighted(entries) {
    const total = entries.reduce((sum, [w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [w, value] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1][1];
  }
}

/** The PRNG for one input: independent of how many inputs came before, so any index can be replayed alone. */
export function rngFor(seed, phase, index) {
  return new Rng(hash32(`${seed}:${phase}:${index}`));
}

// ---------------------------------------------------------------------------------------------------
// Tokens

/**
 * Token spans [start, end) of `text`, from the TypeScript scanner. Trivia (whitespace, comments) lies
 * between spans. Template literals and regular expressions are re-scanned the way the parser would,
 * so a template's `${…}` parts and a regex are whole tokens; elsewhere the scanner's context-free
 * guess is good enough for mutation.
 */
export function tokenize(text, languageVariant = ts.LanguageVariant.Standard) {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, languageVariant, text);
  const tokens = [];
  const braces = []; // 'template' or 'brace'
  let previous;
  for (let guard = 0; guard < text.length + 2; guard++) {
    let kind = scanner.scan();
    if (kind === ts.SyntaxKind.EndOfFileToken) break;
    if (kind === ts.SyntaxKind.CloseBraceToken && braces.at(-1) === 'template') {
      braces.pop();
      kind = scanner.reScanTemplateToken(false);
      if (kind === ts.SyntaxKind.TemplateMiddle) braces.push('template');
    } else if (kind === ts.SyntaxKind.TemplateHead) {
      braces.push('template');
    } else if (kind === ts.SyntaxKind.OpenBraceToken) {
      braces.push('brace');
    } else if (kind === ts.SyntaxKind.CloseBraceToken) {
      braces.pop();
    } else if ((kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) && !endsExpression(previous)) {
      kind = scanner.reScanSlashToken();
    }
    tokens.push({ kind, start: scanner.getTokenStart(), end: scanner.getTokenEnd() });
    previous = kind;
  }
  return tokens;
}

function endsExpression(kind) {
  if (kind === undefined) return false;
  const K = ts.SyntaxKind;
  return kind === K.Identifier || kind === K.CloseParenToken || kind === K.CloseBracketToken || kind === K.CloseBraceToken ||
    kind === K.StringLiteral || kind === K.NumericLiteral || kind === K.BigIntLiteral || kind === K.NoSubstitutionTemplateLiteral ||
    kind === K.TemplateTail || kind === K.RegularExpressionLiteral || kind === K.ThisKeyword || kind === K.TrueKeyword ||
    kind === K.FalseKeyword || kind === K.NullKeyword || kind === K.PlusPlusToken || kind === K.MinusMinusToken;
}

const isStringToken = (t) => t.kind === ts.SyntaxKind.StringLiteral || t.kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral;

// ---------------------------------------------------------------------------------------------------
// Seeds

const EXTENSION_OF_LANG = { js: 'js', javascript: 'js', jsx: 'jsx', ts: 'ts', typescript: 'ts', tsx: 'tsx' };
const SOURCE_FILE = /\.(js|jsx|ts|tsx|mjs|cjs|mts|cts)$/;

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

/** Every fenced js/ts block of a markdown file (any section: Incorrect, Correct and the prose's). */
export function codeBlocksOf(markdown) {
  const blocks = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(js|javascript|ts|typescript|jsx|tsx)\s*$/.exec(lines[i]);
    if (!fence) continue;
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    blocks.push({ lang: fence[1], line: i + 2, code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}

/**
 * The test cases' code strings: `code: '…'` properties (with their `filename:` sibling when present)
 * and bare strings in `valid: [...]` arrays. Read with the TypeScript parser, so escapes are decoded
 * exactly as the tests see them.
 */
export function testSnippetsOf(source) {
  const sf = ts.createSourceFile('t.mjs', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const out = [];
  const literalText = (node) => node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
  const visit = (node) => {
    if (ts.isObjectLiteralExpression(node)) {
      let code;
      let filename;
      for (const p of node.properties) {
        if (!ts.isPropertyAssignment(p) || !p.name || !ts.isIdentifier(p.name)) continue;
        if (p.name.text === 'code') code = literalText(p.initializer);
        if (p.name.text === 'filename') filename = literalText(p.initializer);
      }
      if (code !== undefined) out.push({ code, filename, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
    }
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'valid' && ts.isArrayLiteralExpression(node.initializer)) {
      for (const element of node.initializer.elements) {
        const code = literalText(element);
        if (code !== undefined) out.push({ code, filename: undefined, line: sf.getLineAndCharacterOfPosition(element.getStart(sf)).line + 1 });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

let cachedSeeds;

/**
 * All seeds, in a fixed order: { id, fileName, text, group }. `id` names the seed in corpus records
 * (e.g. 'examples/koa-app/app.js', 'docs/rules/null-origin.md:41', 'test/rules/cors.test.mjs:12').
 * The last seed is the minified bundle of all others.
 */
export function loadSeeds(root = ROOT) {
  if (cachedSeeds && cachedSeeds.root === root) return cachedSeeds.seeds;
  const seeds = [];
  for (const path of walk(join(root, 'examples'))) {
    if (!SOURCE_FILE.test(path)) continue;
    const id = relative(root, path);
    seeds.push({ id, fileName: id.split('/').pop(), text: readFileSync(path, 'utf8'), group: 'examples' });
  }
  const docsDir = join(root, 'docs/rules');
  for (const name of existsSync(docsDir) ? readdirSync(docsDir).sort() : []) {
    if (!name.endsWith('.md')) continue;
    for (const block of codeBlocksOf(readFileSync(join(docsDir, name), 'utf8'))) {
      seeds.push({ id: `docs/rules/${name}:${block.line}`, fileName: `example.${EXTENSION_OF_LANG[block.lang]}`, text: block.code, group: 'docs' });
    }
  }
  const testsDir = join(root, 'test/rules');
  for (const name of existsSync(testsDir) ? readdirSync(testsDir).sort() : []) {
    if (!name.endsWith('.test.mjs')) continue;
    for (const snippet of testSnippetsOf(readFileSync(join(testsDir, name), 'utf8'))) {
      seeds.push({ id: `test/rules/${name}:${snippet.line}`, fileName: (snippet.filename ?? 'file.ts').split('/').pop(), text: snippet.code, group: 'tests' });
    }
  }
  seeds.push({ id: 'bundle.min.js', fileName: 'bundle.min.js', text: minifiedBundle(seeds), group: 'bundle' });
  cachedSeeds = { root, seeds };
  return seeds;
}

/**
 * All seeds in one line, as a bundler would ship them: each seed whitespace-minified by esbuild (types
 * stripped) and wrapped in its own function scope, joined with ';'. A seed esbuild cannot parse is
 * collapsed naively (comments dropped by the scanner, tokens joined by single spaces).
 */
export function minifiedBundle(seeds) {
  const parts = [];
  for (const seed of seeds) {
    let code;
    try {
      const loader = /\.tsx?$|\.[mc]ts$/.test(seed.fileName) ? (seed.fileName.endsWith('x') ? 'tsx' : 'ts') : 'jsx';
      code = esbuild.transformSync(seed.text, { loader, minifyWhitespace: true, format: 'cjs', logLevel: 'silent' }).code;
      code = code.replace(/\n(?=.)/g, '').trim();
    } catch {
      code = collapseWhitespace(seed.text);
    }
    parts.push(`(function(){${code}})()`);
  }
  return parts.join(';') + ';';
}

/** Joins tokens with one space where two would otherwise merge; comments and line breaks vanish. */
export function collapseWhitespace(text) {
  let out = '';
  for (const t of tokenize(text)) {
    const piece = text.slice(t.start, t.end);
    if (out && /[\w$]$/.test(out) && /^[\w$]/.test(piece)) out += ' ';
    out += piece;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Mutators. Each takes (rng, text, ctx) and returns { text, note } or undefined when it does not apply;
// `note` records the parameters chosen, for the corpus record.

/** Tokens a mutation inserts or substitutes: CORS vocabulary and the punctuation parsers choke on. */
const DICTIONARY = [
  '(', ')', '{', '}', '[', ']', '=>', ',', ';', ':', '?', '?.', '...', '.', '=', '===', '!', '||', '&&', '??', '+', '`', '${', '/*', '*/', '//', '<', '>', '</', '/>',
  'async', 'await', 'function', 'return', 'export', 'default', 'const', 'let', 'if', 'else', 'new', 'class', 'switch', 'case', 'yield', 'typeof', 'as', 'satisfies', '@Header',
  'true', 'false', 'null', 'undefined', 'this', '0', '1e309', '-0', 'NaN',
  'req', 'res', 'ctx', 'reply', 'request', 'response', 'event', 'c', 'origin', 'callback', 'cb', 'next',
  'req.headers.origin', "req.get('origin')", "ctx.get('Origin')", "request.headers.get('origin')", 'event.headers.origin', "c.req.header('origin')",
  "res.setHeader", "res.set", "res.header", "ctx.set", "reply.header", 'res.writeHead', 'headers', 'cors(', 'cors()', 'app.use(', 'app.options(', 'enableCors(',
  "'Access-Control-Allow-Origin'", "'Access-Control-Allow-Credentials'", "'Access-Control-Allow-Methods'", "'Access-Control-Allow-Headers'", "'Vary'",
  "'*'", "'null'", "'true'", "'https://a.example.com'", "'http://evil.com'", "'https://a.com/'", "'https://*.a.com'",
  'origin: true', 'origin: "*"', 'credentials: true', "methods: ['PUT']", 'allowed.includes(origin)', "origin.endsWith('a.com')", '/^https:\\/\\/a\\.com$/',
  '// cors-lint-disable-next-line', '/* cors-lint-disable */', '// cors-lint-disable-line null-origin',
];

const INTERESTING_STRINGS = [
  '', ' ', '*', 'null', 'true', 'false', 'https://a.example.com', 'https://a.example.com/', 'http://a.example.com', 'a.example.com',
  'https://*.example.com', ' https://a.com ', 'https://a.com, https://b.com', 'https://a.com https://b.com', 'HTTPS://A.COM', 'https://a.com:443',
  'https://😀.example', 'https://xn--ls8h.example', 'https://a.com/\uD800', '\u0000', '\r\n', 'Access-Control-Allow-Origin', 'access-control-allow-origin',
  'ACCESS-CONTROL-ALLOW-ORIGIN', 'Origin', 'Vary', 'GET, PUT, DELETE', 'Content-Type, X-Custom', 'https://a.com\nhttps://b.com', '${origin}',
];

const EMOJI = ['😀', '👩‍👩‍👧‍👦', '🇺🇸', '🏳️‍🌈', 'e\u0301', '\u{10FFFF}', '\u{1F600}\u{1F601}', '𝒜', '\u200B', '\u2028', '\u2029', '\uFEFF', '\u00A0'];
const LONE_SURROGATES = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDFFF\uD800'];

const ONE_MB = 1 << 20;

function spliceAt(text, position, insert, removeCount = 0) {
  return text.slice(0, position) + insert + text.slice(position + removeCount);
}

/** A position not inside a surrogate pair (inserting there would be a different mutation: splitting the pair). */
function boundaryNear(text, position) {
  if (position > 0 && position < text.length && isHigh(text.charCodeAt(position - 1)) && isLow(text.charCodeAt(position))) return position - 1;
  return position;
}
const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;

function tokensOf(ctx, text) {
  if (ctx.tokensFor !== text) {
    ctx.tokens = tokenize(text);
    ctx.tokensFor = text;
  }
  return ctx.tokens;
}

/** A random string-literal token, preferring ones that look like CORS header names or origins. */
function pickString(rng, tokens, text) {
  const strings = tokens.filter(isStringToken);
  if (strings.length === 0) return undefined;
  const cors = strings.filter((t) => /access-control|origin|https?:|\*|null|vary/i.test(text.slice(t.start, t.end)));
  return cors.length > 0 && rng.chance(0.75) ? rng.pick(cors) : rng.pick(strings);
}

/** A random gap between tokens (or the start/end of the text). */
function tokenBoundary(rng, tokens, text) {
  if (tokens.length === 0) return rng.int(text.length + 1);
  const t = rng.pick(tokens);
  return rng.chance(0.5) ? t.start : t.end;
}

const MUTATORS = {
  deleteTokens(rng, text, ctx) {
    const tokens = tokensOf(ctx, text);
    if (tokens.length === 0) return undefined;
    const first = rng.int(tokens.length);
    const count = rng.weighted([[6, 1], [3, 2], [2, rng.range(3, 8)]]);
    const last = Math.min(tokens.length - 1, first + count - 1);
    return { text: text.slice(0, tokens[first].start) + text.slice(tokens[last].end), note: { at: tokens[first].start, tokens: last - first + 1 } };
  },

  insertToken(rng, text, ctx) {
    const tokens = tokensOf(ctx, text);
    const position = tokenBoundary(rng, tokens, text);
    let piece;
    if (rng.chance(0.6)) piece = rng.pick(DICTIONARY);
    else {
      const donor = rng.pick(ctx.seeds).text;
      const donorTokens = tokenize(donor);
      if (donorTokens.length === 0) return undefined;
      const t = rng.pick(donorTokens);
      piece = donor.slice(t.start, t.end);
    }
    const spaced = rng.chance(0.5) ? ` ${piece} ` : piece;
    return { text: spliceAt(text, position, spaced), note: { at: position, inserted: piece.slice(0, 80) } };
  },

  duplicateTokens(rng, text, ctx) {
    const tokens = tokensOf(ctx, text);
    if (tokens.length === 0) return undefined;
    const first = rng.int(tokens.length);
    const last = Math.min(tokens.length - 1, first + rng.range(0, 20));
    const run = text.slice(tokens[first].start, tokens[last].end);
    const position = rng.chance(0.5) ? tokens[last].end : tokenBoundary(rng, tokens, text);
    return { text: spliceAt(text, position, run), note: { from: tokens[first].start, length: run.length, at: position } };
  },

  swapTokens(rng, text, ctx) {
    const tokens = tokensOf(ctx, text);
    if (tokens.length < 2) return undefined;
    let a = rng.pick(tokens);
    let b = rng.pick(tokens);
    if (a === b) return undefined;
    if (a.start > b.start) [a, b] = [b, a];
    const out = text.slice(0, a.start) + text.slice(b.start, b.end) + text.slice(a.end, b.start) + text.slice(a.start, a.end) + text.slice(b.end);
    return { text: out, note: { a: a.start, b: b.start } };
  },

  replaceToken(rng, text, ctx) {
    const tokens = tokensOf(ctx, text);
    if (tokens.length === 0) return undefined;
    const t = rng.pick(tokens);
    const piece = rng.pick(DICTIONARY);
    return { text: spliceAt(text, t.start, piece, t.end - t.start), note: { at: t.start, replacedBy: piece } };
  },

  replaceString(rng, text, ctx) {
    const tokens = tokensOf(ctx, text);
    const t = pickString(rng, tokens, text);
    if (!t) return undefined;
    const q = text[t.start];
    const value = rng.pick(INTERESTING_STRINGS);
    const body = value.replace(/\\/g, '\\\\').replace(new RegExp(q === '`' ? '`|\\$\\{' : q, 'g'), (m) => `\\${m}`).replace(/\n/g, '\\n').replace(/\r/g, '\\r');
    return { text: spliceAt(text, t.start, q + body + q, t.end - t.start), note: { at: t.start, value } };
  },

  /** Cross-over: a prefix of this input up to a token boundary, then a suffix of another seed. */
  spliceSeeds(rng, text, ctx) {
    const tokens = tokensOf(ctx, text);
    const donor = rng.pick(ctx.seeds);
    const donorTokens = tokenize(donor.text);
    if (tokens.length === 0 || donorTokens.length === 0) return undefined;
    const cut = rng.pick(tokens).end;
    const from = rng.pick(donorTokens).start;
    return { text: text.slice(0, cut) + donor.text.slice(from), note: { cut, donor: donor.id, from } };
  },

  truncate(rng, text) {
    const at = rng.int(text.length + 1);
    return { text: text.slice(0, at), note: { at } };
  },

  binaryBytes(rng, text) {
    const count = rng.range(1, 16);
    let bytes = '';
    for (let i = 0; i < count; i++) bytes += String.fromCharCode(rng.chance(0.3) ? 0 : rng.int(256));
    const at = boundaryNear(text, rng.int(text.length + 1));
    return { text: spliceAt(text, at, bytes), note: { at, bytes: [...bytes].map((c) => c.charCodeAt(0)) } };
  },

  nul(rng, text, ctx) {
    const tokens = tokensOf(ctx, text);
    const t = rng.chance(0.5) ? pickString(rng, tokens, text) : undefined;
    const at = t ? rng.range(t.start + 1, Math.max(t.start + 1, t.end - 1)) : boundaryNear(text, rng.int(text.length + 1));
    return { text: spliceAt(text, at, '\0'), note: { at } };
  },

  loneSurrogate(rng, text, ctx) {
    const tokens = tokensOf(ctx, text);
    const lone = rng.pick(LONE_SURROGATES);
    // Between the halves of an existing pair, when there is one: the sharpest test of range arithmetic.
    const pairs = [];
    for (let i = 0; i + 1 < text.length && pairs.length < 64; i++) if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) pairs.push(i + 1);
    if (pairs.length > 0 && rng.chance(0.3)) {
      const at = rng.pick(pairs);
      return { text: spliceAt(text, at, rng.chance(0.5) ? lone : ''), note: { at, splitPair: true } };
    }
    const t = rng.chance(0.6) ? pickString(rng, tokens, text) : undefined;
    const at = t ? rng.range(t.start + 1, Math.max(t.start + 1, t.end - 1)) : boundaryNear(text, rng.int(text.length + 1));
    return { text: spliceAt(text, at, lone), note: { at, inserted: lone.split('').map((c) => c.charCodeAt(0).toString(16)) } };
  },

  emoji(rng, text, ctx) {
    const tokens = tokensOf(ctx, text);
    const e = rng.pick(EMOJI);
    const t = rng.chance(0.7) ? pickString(rng, tokens, text) ?? (tokens.length ? rng.pick(tokens) : undefined) : undefined;
    // Inside a token (most often an origin or header string), or before one.
    const at = t ? rng.range(t.start, t.end) : boundaryNear(text, rng.int(text.length + 1));
    const n = rng.chance(0.2) ? rng.range(2, 50) : 1;
    return { text: spliceAt(text, at, e.repeat(n)), note: { at, emoji: e, times: n } };
  },

  longString(rng, text, ctx) {
    const tokens = tokensOf(ctx, text);
    const kind = rng.pick(['plain', 'origins', 'subdomains', 'escapes', 'template', 'comment', 'header-value', 'regex']);
    const fill = (unit) => unit.repeat(Math.ceil(ONE_MB / unit.length)).slice(0, ONE_MB);
    let literal;
    switch (kind) {
      case 'plain': literal = `'${fill('a')}'`; break;
      case 'origins': literal = `'${fill('https://a.example.com, ')}'`; break;
      case 'subdomains': literal = `'https://${fill('a.')}example.com'`; break;
      case 'escapes': literal = `'${fill('\\u0041')}'`; break;
      case 'template': literal = `\`${fill('https://a.com ${origin} ')}\``; break;
      case 'regex': literal = `/^https:\\/\\/(${fill('a|').slice(0, -1)})\\.example\\.com$/`; break;
      case 'comment': return { text: `/* ${fill('x ')} */\n${text}`, note: { kind } };
      default: {
        const statement = `\nres.setHeader('Access-Control-Allow-Origin', '${fill('https://a.com/')}');\n`;
        const at = tokenBoundary(rng, tokens, text);
        return { text: spliceAt(text, at, statement), note: { kind, at } };
      }
    }
    const t = pickString(rng, tokens, text);
    if (!t || kind === 'regex') {
      const statement = kind === 'regex'
        ? `\nif (${literal}.test(req.headers.origin)) res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n`
        : `\nres.setHeader('Access-Control-Allow-Origin', ${literal});\n`;
      const at = tokenBoundary(rng, tokens, text);
      return { text: spliceAt(text, at, statement), note: { kind, at, statement: true } };
    }
    return { text: spliceAt(text, t.start, literal, t.end - t.start), note: { kind, at: t.start } };
  },

  deepNesting(rng, text, ctx) {
    const tokens = tokensOf(ctx, text);
    const kind = rng.pick(Object.keys(NESTINGS));
    // 10,000 is the depth the robustness issue names; shallower depths find recursion in the engine's
    // own walks that the parser (which gives up first on most shapes) would otherwise hide.
    const depth = rng.weighted([[6, 10000], [2, rng.range(500, 5000)], [1, 50000]]);
    const nested = NESTINGS[kind](depth);
    const at = tokenBoundary(rng, tokens, text);
    return { text: spliceAt(text, at, `\n${nested}\n`), note: { kind, depth, at } };
  },

  lineEndings(rng, text) {
    const style = rng.pick(['crlf', 'cr', 'u2028', 'mixed']);
    let out;
    if (style === 'crlf') out = text.replace(/\r?\n/g, '\r\n');
    else if (style === 'cr') out = text.replace(/\r?\n/g, '\r');
    else if (style === 'u2028') out = text.replace(/\n/g, rng.chance(0.5) ? '\u2028' : '\u2029');
    else out = text.replace(/\n/g, () => rng.pick(['\n', '\r\n', '\r', '\n\r']));
    return { text: out, note: { style } };
  },

  bom(rng, text) {
    const where = rng.pick(['start', 'start', 'twice', 'middle']);
    if (where === 'start') return { text: '\uFEFF' + text, note: { where } };
    if (where === 'twice') return { text: '\uFEFF\uFEFF' + text, note: { where } };
    const at = boundaryNear(text, rng.int(text.length + 1));
    return { text: spliceAt(text, at, '\uFEFF'), note: { where, at } };
  },

  mixedQuotes(rng, text, ctx) {
    const tokens = tokensOf(ctx, text).filter(isStringToken);
    if (tokens.length === 0) return undefined;
    const broken = rng.chance(0.25);
    let out = text;
    const changed = [];
    // Right to left so earlier offsets stay valid.
    for (const t of [...tokens].reverse()) {
      if (!rng.chance(0.5)) continue;
      const raw = text.slice(t.start, t.end);
      const q = raw[0];
      const target = rng.pick(['"', "'", '`'].filter((c) => c !== q));
      let replacement;
      if (broken) replacement = target + raw.slice(1); // mismatched: opens with one quote, closes with another
      else {
        const inner = raw.slice(1, -1)
          .replace(new RegExp(`\\\\${q === '`' ? '`' : q}`, 'g'), q) // unescape the old quote
          .replace(new RegExp(target === '`' ? '`|\\$\\{' : target, 'g'), (m) => `\\${m}`);
        replacement = target + inner + target;
      }
      out = out.slice(0, t.start) + replacement + out.slice(t.end);
      changed.push(t.start);
    }
    return changed.length ? { text: out, note: { broken, strings: changed.length } } : undefined;
  },

  unicodeEscapes(rng, text, ctx) {
    const tokens = tokensOf(ctx, text);
    const candidates = tokens.filter((t) => {
      const raw = text.slice(t.start, t.end);
      return (isStringToken(t) && /access-control|origin|vary|credentials|https?:/i.test(raw)) ||
        (t.kind === ts.SyntaxKind.Identifier && /^(origin|headers|setHeader|set|header|cors|credentials|Origin)$/.test(raw));
    });
    if (candidates.length === 0) return undefined;
    const t = rng.pick(candidates);
    const raw = text.slice(t.start, t.end);
    const isString = isStringToken(t);
    const letters = [];
    for (let i = isString ? 1 : 0; i < raw.length - (isString ? 1 : 0); i++) if (/[A-Za-z-]/.test(raw[i]) && raw[i - 1] !== '\\') letters.push(i);
    if (letters.length === 0) return undefined;
    const escape = (c) => {
      const code = c.charCodeAt(0);
      const style = isString ? rng.pick(['u4', 'ubrace', 'x', 'continuation']) : rng.pick(['u4', 'ubrace']);
      if (style === 'u4') return `\\u${code.toString(16).padStart(4, '0').toUpperCase()}`;
      if (style === 'ubrace') return `\\u{${code.toString(16)}}`;
      if (style === 'x') return `\\x${code.toString(16).padStart(2, '0')}`;
      return `\\\n${c}`; // a line continuation before the letter
    };
    const everyLetter = rng.chance(0.2);
    const chosen = new Set(everyLetter ? letters : Array.from({ length: rng.range(1, 3) }, () => rng.pick(letters)));
    let out = '';
    for (let i = 0; i < raw.length; i++) out += chosen.has(i) ? escape(raw[i]) : raw[i];
    return { text: spliceAt(text, t.start, out, raw.length), note: { at: t.start, token: raw.slice(0, 60), escaped: chosen.size } };
  },
};

/** Nested shapes with a CORS write at the innermost point, so the engine has to walk all the way down. */
const SINK = "res.setHeader('Access-Control-Allow-Origin', req.headers.origin)";
const NESTINGS = {
  parens: (d) => `res.setHeader('Access-Control-Allow-Origin', ${'('.repeat(d)}req.headers.origin${')'.repeat(d)});`,
  arrays: (d) => `app.use(cors({ origin: ${'['.repeat(d)}'null'${']'.repeat(d)} }));`,
  objects: (d) => `app.use(cors(${'{ origin: '.repeat(d)}true${' }'.repeat(d)}));`,
  callbacks: (d) => `${'f(() => {'.repeat(d)}${SINK};${'});'.repeat(d)}`,
  functions: (d) => `${'function f() {'.repeat(d)}${SINK};${'}'.repeat(d)}`,
  blocks: (d) => `app.get('/x', (req, res) => {${'{'.repeat(d)}${SINK};${'}'.repeat(d)}});`,
  ifElse: (d) => `app.get('/x', (req, res) => { ${Array.from({ length: d }, (_, i) => `if (req.headers.origin === 'https://a${i}.com') res.setHeader('Access-Control-Allow-Origin', 'https://a${i}.com');`).join(' else ')} });`,
  concat: (d) => `res.setHeader('Access-Control-Allow-Origin', ${"'https://a.com' + ".repeat(d)}req.headers.origin);`,
  or: (d) => `res.setHeader('Access-Control-Allow-Origin', ${'req.headers.origin || '.repeat(d)}'*');`,
  ternary: (d) => `res.setHeader('Access-Control-Allow-Origin', ${"req.headers.origin === 'https://a.com' ? 'https://a.com' : ".repeat(d)}'*');`,
  members: (d) => `res.setHeader('Access-Control-Allow-Origin', req${'.headers'.repeat(d)}.origin);`,
  calls: (d) => `fetchThing()${'.then((res) => res)'.repeat(d)}.then((res) => ${SINK});`,
  templates: (d) => `res.setHeader('Access-Control-Allow-Origin', ${'`${'.repeat(d)}req.headers.origin${'}`'.repeat(d)});`,
  jsx: (d) => `const page = ${'<div>'.repeat(d)}{cors()}${'</div>'.repeat(d)};`,
  typeArgs: (d) => `const c: ${'Array<'.repeat(d)}string${'>'.repeat(d)} = cors();`,
  unary: (d) => `res.setHeader('Access-Control-Allow-Origin', ${'!'.repeat(d)}req.headers.origin);`,
  arrows: (d) => `const h = ${'() => '.repeat(d)}${SINK};`,
};

export const MUTATOR_NAMES = Object.keys(MUTATORS);
export const NESTING_KINDS = Object.keys(NESTINGS);

/** How often each mutator is chosen. The heavy ones (1 MB strings, 10,000-deep nesting) are rarer. */
const WEIGHTS = {
  deleteTokens: 12, insertToken: 12, duplicateTokens: 6, swapTokens: 4, replaceToken: 8, replaceString: 10, spliceSeeds: 4,
  truncate: 6, binaryBytes: 4, nul: 3, loneSurrogate: 5, emoji: 5, longString: 2, deepNesting: 2,
  lineEndings: 4, bom: 3, mixedQuotes: 4, unicodeEscapes: 8,
};
const HEAVY = new Set(['longString', 'deepNesting']);

export function applyMutator(name, rng, text, ctx) {
  return MUTATORS[name](rng, text, ctx);
}

// ---------------------------------------------------------------------------------------------------
// File names and configurations

const OTHER_NAMES = ['a.js', 'a.ts', 'a.tsx', 'a.jsx', 'a.mjs', 'a.cjs', 'a.mts', 'a.cts', 'next.config.js', 'route.ts', 'a.d.ts', 'A.JS', 'noextension', '', 'a.json', 'dir/😀.ts'];

/**
 * Configurations an input is analysed with: the default most of the time, otherwise one built from
 * .corslintrc.json text through parseConfig (as the CLI and the server do), including allowedOrigins
 * that fixes copy into code: quotes, backslashes, line breaks, emoji.
 */
export const CONFIG_TEXTS = [
  '{}',
  '{ "allowedOrigins": ["https://app.example.com", "https://admin.example.com"] }',
  '{ "allowedOrigins": ["https://a.com\'); alert(1); (\'", "https://b.com\\\\"] }',
  '{ "allowedOrigins": ["https://a.com\\nhttps://b.com", "https://\\u2028.example"] }',
  '{ "allowedOrigins": ["https://😀.example", "https://\\ud800.example", "${x}`"] }',
  '{ "allowedOrigins": [""] }',
  '{ "rules": { "permissive-wildcard": "error", "missing-preflight": "off", "null-origin": "info" }, "reportUnusedDisableDirectives": "error" }',
  '{ "rules": { "reflected-origin": "off", "weak-origin-check": "off", "invalid-origin": "off", "multiple-origins": "off", "null-origin": "off", "missing-vary-origin": "off", "duplicate-origin-header": "off", "insecure-origin": "off", "permissive-wildcard": "off", "missing-preflight": "off", "wildcard-with-credentials": "off" } }',
  '{ "rules": { "nope": "error" }, "allowedOrigins": "https://a.com", "extra": 1 }',
  '{ "allowedOrigins": [',
];

// ---------------------------------------------------------------------------------------------------
// Inputs

/**
 * The input for (seed, 'random', index): a seed file with 1–3 stacked mutations, sometimes under
 * another file name or configuration. Returns { text, fileName, configText, seedId, mutations }.
 */
export function randomInput(seeds, seed, index) {
  const rng = rngFor(seed, 'random', index);
  const base = rng.weighted([
    [3, () => rng.pick(seeds.filter((s) => s.group === 'examples'))],
    [3, () => rng.pick(seeds.filter((s) => s.group === 'docs'))],
    [4, () => rng.pick(seeds.filter((s) => s.group === 'tests'))],
    [0.15, () => seeds.find((s) => s.group === 'bundle')],
  ])() ?? rng.pick(seeds);
  const ctx = { seeds };
  let text = base.text;
  const mutations = [];
  const count = rng.weighted([[5, 1], [3, 2], [2, 3]]);
  let heavyUsed = false;
  for (let i = 0; i < count; i++) {
    const entries = Object.entries(WEIGHTS).filter(([name]) => !(heavyUsed && HEAVY.has(name))).map(([name, w]) => [w, name]);
    const name = rng.weighted(entries);
    const result = MUTATORS[name](rng, text, ctx);
    if (!result) {
      mutations.push({ mutator: name, skipped: true });
      continue;
    }
    if (HEAVY.has(name)) heavyUsed = true;
    text = result.text;
    mutations.push({ mutator: name, ...result.note });
  }
  const fileName = rng.chance(0.1) ? rng.pick(OTHER_NAMES) : base.fileName;
  const configText = rng.chance(0.25) ? rng.pick(CONFIG_TEXTS.slice(1)) : undefined;
  return { text, fileName, configText, seedId: base.id, mutations };
}

/** The seeds chosen for truncation at every position: the examples, shortest first. */
export function truncationSeeds(seeds, count) {
  return seeds.filter((s) => s.group === 'examples').sort((a, b) => a.text.length - b.text.length || (a.id < b.id ? -1 : 1)).slice(0, count);
}

/** Every (seed, position) task of the truncation phase; `stride` > 1 keeps every stride-th position. */
export function truncationTasks(seeds, count, stride = 1) {
  const tasks = [];
  for (const s of truncationSeeds(seeds, count)) {
    for (let at = 0; at <= s.text.length; at += stride) tasks.push({ phase: 'truncate', seedId: s.id, at });
  }
  return tasks;
}

/** Builds the input of any task: { phase: 'seed' | 'truncate' | 'random', … }. */
export function inputFor(seeds, task, seed) {
  if (task.phase === 'random') return { ...randomInput(seeds, seed, task.index), task };
  const base = seeds.find((s) => s.id === task.seedId);
  if (!base) throw new Error(`no seed ${task.seedId}`);
  if (task.phase === 'truncate') {
    return { text: base.text.slice(0, task.at), fileName: base.fileName, configText: undefined, seedId: base.id, mutations: [{ mutator: 'truncate', at: task.at }], task };
  }
  return { text: base.text, fileName: base.fileName, configText: task.configText, seedId: base.id, mutations: [], task };
}

export function contentHash(text, fileName) {
  return createHash('sha256').update(fileName).update('\0').update(text).digest('hex').slice(0, 16);
}
