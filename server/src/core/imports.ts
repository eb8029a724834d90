// The module specifiers a file names, for the project's import index (project/module-index.ts): one
// linear pass over the characters, no TypeScript. It replaced `ts.preProcessFile` (a full token scan
// through TypeScript's scanner, ~1 s of a 6,500-file audit, and the engine bundle loaded to index files
// that never reach the engine). The contract is one-sided: it finds every specifier preProcessFile
// finds (test/project/import-scan.test.mjs compares the two over the fixtures and tricky cases); an
// extra one is harmless (a spurious edge only makes a file an importer that the engine reads and
// finds nothing in), a missed one loses a cross-file finding.
//
// What it records, as preProcessFile does: `… from 's'` (import and export clauses of every shape,
// `import type`, multi-line), `import 's'`, `import('s')`, `require('s')` (also `x.require('s')`, and
// `import x = require('s')`), AMD `define(['a', 'b'], …)`, and `declare module 's'`. Strings,
// template literals (with `${…}` code inside, scanned as code) and comments are skipped as tokens, so
// an import written inside a comment or a string is not one. Like TypeScript's scanner, a string or
// a regular expression never runs past the end of its line: a wrong guess costs at most that line.

const enum Token {
  // Punctuation keeps its character code (< 128); everything else is above.
  Identifier = 1000,
  From,
  Import,
  Require,
  Define,
  Declare,
  Module,
  Export,
  Type,
  /** A keyword after which an expression starts, so a `/` begins a regular expression (`return /x/`). */
  ExpressionKeyword,
  String,
  /** A template literal without `${…}` (`import(\`./x\`)` is a specifier too). */
  PlainTemplate,
  /** A template literal's text around substitutions: ends an expression, never a specifier. */
  TemplatePart,
  Number,
  RegExp,
  Spread,
  OptionalDot,
  None,
}

const CH_LF = 10;
const CH_CR = 13;
const CH_BACKSLASH = 92;
const CH_SLASH = 47;
const CH_STAR = 42;
const CH_DOT = 46;
const CH_BACKTICK = 96;
const CH_DOLLAR = 36;
const CH_OPEN_BRACE = 123;
const CH_CLOSE_BRACE = 125;
const CH_OPEN_BRACKET = 91;
const CH_CLOSE_BRACKET = 93;
const CH_OPEN_PAREN = 40;
const CH_CLOSE_PAREN = 41;
const CH_COMMA = 44;
const CH_QUESTION = 63;

function isLineBreak(c: number): boolean {
  return c === CH_LF || c === CH_CR || c === 0x2028 || c === 0x2029;
}

/** Character classes, looked up per character (a table is several times faster than a chain of comparisons); 0 is anything else. */
const SPACE = 1;
const WORD = 2;
const DIGIT = 3;
const CHAR_CLASS = (() => {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000) table[c] = SPACE;
    else if (c >= 48 && c <= 57) table[c] = DIGIT;
    // Non-ASCII letters and surrogates are identifier characters (`π`, `𝒳`); a backslash starts a `\u` escape in a name.
    else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === CH_DOLLAR || c === CH_BACKSLASH || c >= 128) table[c] = WORD;
  }
  return table;
})();

/** A name's characters (letters, digits, `_`, `$`); false past the end of the text (charCodeAt gives NaN). */
function isWordPart(c: number): boolean {
  const cls = CHAR_CLASS[c];
  return cls === WORD || cls === DIGIT;
}

/** After these a `/` divides; after anything else (an operator, `(`, `,`, a keyword like `return`) it starts a regular expression. */
function endsExpression(token: number): boolean {
  switch (token) {
    case CH_CLOSE_PAREN:
    case CH_CLOSE_BRACKET:
    case CH_CLOSE_BRACE:
    case Token.Identifier:
    case Token.From:
    case Token.Import:
    case Token.Require:
    case Token.Define:
    case Token.Declare:
    case Token.Module:
    case Token.Export:
    case Token.Type:
    case Token.String:
    case Token.PlainTemplate:
    case Token.TemplatePart:
    case Token.Number:
    case Token.RegExp:
      return true;
    default:
      return false;
  }
}

/** The words the scan tells apart; every other name is a plain identifier. */
const WORDS: readonly (readonly [string, Token])[] = [
  ['from', Token.From],
  ['import', Token.Import],
  ['require', Token.Require],
  ['define', Token.Define],
  ['declare', Token.Declare],
  ['module', Token.Module],
  ['export', Token.Export],
  ['type', Token.Type],
  // After these an expression starts: a `/` opens a regular expression (`return /x/`).
  ...['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await'].map((w) => [w, Token.ExpressionKeyword] as const),
];
/** WORDS by first character: most names are rejected on it, and no string is made of any name. */
const WORDS_BY_FIRST: (readonly [string, Token])[][] = [];
for (const entry of WORDS) (WORDS_BY_FIRST[entry[0].charCodeAt(0)] ??= []).push(entry);

function classifyWord(text: string, start: number, end: number, afterDot: boolean): Token {
  const candidates = WORDS_BY_FIRST[text.charCodeAt(start)] as (typeof WORDS_BY_FIRST)[number] | undefined;
  if (candidates === undefined) return Token.Identifier;
  const length = end - start;
  for (const [word, token] of candidates) {
    if (word.length !== length || !text.startsWith(word, start)) continue;
    // TypeScript's preProcessFile takes `require(…)` and `define(…)` after a dot too (`module.require('x')`);
    // any other word after a dot is a property name (`obj.import`, `x.return / 2`).
    return afterDot && token !== Token.Require && token !== Token.Define ? Token.Identifier : token;
  }
  return Token.Identifier;
}

/** A string literal's or plain template's value (escapes decoded as the language does). */
function literalValue(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== '\\' || i + 1 >= raw.length) {
      out += c;
      continue;
    }
    const next = raw[++i];
    switch (next) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case '0': out += '\0'; break;
      case '\r':
        if (raw[i + 1] === '\n') i++;
        break;
      case '\n':
      case '\u2028':
      case '\u2029':
        break; // a line continuation
      case 'x': {
        const code = parseInt(raw.slice(i + 1, i + 3), 16);
        if (/^[0-9a-fA-F]{2}$/.test(raw.slice(i + 1, i + 3))) {
          out += String.fromCharCode(code);
          i += 2;
        } else out += next;
        break;
      }
      case 'u': {
        const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(raw.slice(i + 1, i + 10));
        const plain = /^[0-9a-fA-F]{4}/.exec(raw.slice(i + 1, i + 5));
        if (braced) {
          out += String.fromCodePoint(parseInt(braced[1], 16));
          i += braced[0].length;
        } else if (plain) {
          out += String.fromCharCode(parseInt(plain[0], 16));
          i += 4;
        } else out += next;
        break;
      }
      default:
        out += next;
    }
  }
  return out;
}

/** Static and dynamic imports, re-exports, require, AMD define, `declare module`: each specifier once, in order. */
export function scanImports(text: string): string[] {
  return new ImportScanner(text).scan();
}

/**
 * Can the module re-export another's names (`export … from`, `export * from`)? True whenever it has an
 * `export {` or `export *` (with or without `type`), so a module with neither re-exports nothing: the
 * cross-file passes need not parse it to follow a re-export chain (core/composition.ts).
 */
export function mayReexport(text: string): boolean {
  if (!text.includes('export')) return false;
  const scanner = new ImportScanner(text);
  scanner.scan();
  return scanner.exportsList;
}

class ImportScanner {
  private readonly found = new Set<string>();
  // The last four tokens (comments and whitespace are not tokens): enough for `define('name', [`.
  private prev1: number = Token.None;
  private prev2: number = Token.None;
  private prev3: number = Token.None;
  private prev4: number = Token.None;
  /** Inside an AMD dependency list (`define([…` up to its `]`): every string is a specifier. */
  private inDefineList = false;
  /** Open `{` and `${`: true marks a template substitution, whose `}` resumes the template's text. */
  private readonly braces: boolean[] = [];
  /** Saw `export {` or `export *` (also after `type`): every re-export has one of these shapes. */
  exportsList = false;

  constructor(private readonly text: string) {}

  scan(): string[] {
    const text = this.text;
    const length = text.length;
    let i = 0;
    // A shebang line is not code.
    if (text.startsWith('#!')) while (i < length && !isLineBreak(text.charCodeAt(i))) i++;
    while (i < length) {
      const c = text.charCodeAt(i);
      const cls = CHAR_CLASS[c];
      if (cls === SPACE) {
        i++;
        continue;
      }
      if (cls === WORD) {
        const start = i++;
        while (isWordPart(text.charCodeAt(i))) i++;
        this.push(classifyWord(text, start, i, this.prev1 === CH_DOT));
        continue;
      }
      if (cls === DIGIT) {
        i = numberEnd(text, i + 1);
        this.push(Token.Number);
        continue;
      }
      switch (c) {
        case 39: // '
        case 34: // "
          i = this.string(i + 1, c);
          continue;
        case CH_BACKTICK:
          i = this.templateText(i + 1, true);
          continue;
        case CH_SLASH: {
          const next = text.charCodeAt(i + 1);
          if (next === CH_SLASH) {
            i += 2;
            while (i < length && !isLineBreak(text.charCodeAt(i))) i++;
            continue;
          }
          if (next === CH_STAR) {
            const close = text.indexOf('*/', i + 2);
            i = close < 0 ? length : close + 2;
            continue;
          }
          if (!endsExpression(this.prev1)) {
            const end = regExpEnd(text, i + 1);
            if (end >= 0) {
              i = end;
              this.push(Token.RegExp);
              continue;
            }
          }
          // A division, or a `/` that opens no regular expression on its line: punctuation.
          i++;
          this.push(CH_SLASH);
          continue;
        }
        case CH_DOT:
          if (text.charCodeAt(i + 1) === CH_DOT && text.charCodeAt(i + 2) === CH_DOT) {
            i += 3;
            this.push(Token.Spread);
          } else if (CHAR_CLASS[text.charCodeAt(i + 1)] === DIGIT) {
            i = numberEnd(text, i + 1);
            this.push(Token.Number);
          } else {
            i++;
            this.push(CH_DOT);
          }
          continue;
        case CH_QUESTION:
          // `?.` is optional chaining (not a dot before `import`), unless a digit follows (`a?.5:b`).
          if (text.charCodeAt(i + 1) === CH_DOT && CHAR_CLASS[text.charCodeAt(i + 2)] !== DIGIT) {
            i += 2;
            this.push(Token.OptionalDot);
          } else {
            i++;
            this.push(CH_QUESTION);
          }
          continue;
        case CH_OPEN_BRACE:
          this.noteExportList();
          this.braces.push(false);
          i++;
          this.push(CH_OPEN_BRACE);
          continue;
        case CH_CLOSE_BRACE:
          if (this.braces.pop() === true) {
            i = this.templateText(i + 1, false);
            continue;
          }
          i++;
          this.push(CH_CLOSE_BRACE);
          continue;
        case CH_OPEN_BRACKET:
          // `define([` or `define('name', [`: an AMD dependency list.
          if (this.prev1 === CH_OPEN_PAREN && this.prev2 === Token.Define) this.inDefineList = true;
          else if (this.prev1 === CH_COMMA && (this.prev2 === Token.String || this.prev2 === Token.PlainTemplate) && this.prev3 === CH_OPEN_PAREN && this.prev4 === Token.Define) this.inDefineList = true;
          i++;
          this.push(CH_OPEN_BRACKET);
          continue;
        case CH_CLOSE_BRACKET:
          this.inDefineList = false;
          i++;
          this.push(CH_CLOSE_BRACKET);
          continue;
        default:
          if (c === CH_STAR) this.noteExportList();
          i++;
          this.push(c);
      }
    }
    return [...this.found];
  }

  /** At a `{` or `*`: does it follow `export` or `export type`? */
  private noteExportList(): void {
    if (this.prev1 === Token.Export || (this.prev1 === Token.Type && this.prev2 === Token.Export)) this.exportsList = true;
  }

  private push(token: number): void {
    this.prev4 = this.prev3;
    this.prev3 = this.prev2;
    this.prev2 = this.prev1;
    this.prev1 = token;
  }

  /** A quoted string from i (after its quote); returns the index after it. */
  private string(i: number, quote: number): number {
    const text = this.text;
    const start = i;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === quote) break;
      if (c === CH_BACKSLASH) {
        // An escaped line break continues the string (`\` CR LF included).
        i += text.charCodeAt(i + 1) === CH_CR && text.charCodeAt(i + 2) === CH_LF ? 3 : 2;
      } else if (isLineBreak(c)) break; // unterminated: it ends at the line, as in TypeScript's scanner
      else i++;
    }
    const end = Math.min(i, text.length);
    this.literal(start, end, Token.String);
    return text.charCodeAt(end) === quote ? end + 1 : end;
  }

  /** A template's text from i (after '`' or a substitution's '}'); returns the index after it. */
  private templateText(i: number, opensLiteral: boolean): number {
    const text = this.text;
    const start = i;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === CH_BACKSLASH) i += 2;
      else if (c === CH_BACKTICK) {
        if (opensLiteral) this.literal(start, i, Token.PlainTemplate);
        else this.push(Token.TemplatePart);
        return i + 1;
      } else if (c === CH_DOLLAR && text.charCodeAt(i + 1) === CH_OPEN_BRACE) {
        this.push(Token.TemplatePart);
        this.braces.push(true);
        return i + 2;
      } else i++;
    }
    this.push(Token.TemplatePart);
    return text.length;
  }

  /** A string or plain template between start and end (inside its quotes): a specifier where the tokens before say so. */
  private literal(start: number, end: number, token: Token): void {
    const { prev1, prev2 } = this;
    if (
      this.inDefineList ||
      (token === Token.String && (prev1 === Token.From || prev1 === Token.Import)) ||
      (prev1 === CH_OPEN_PAREN && (prev2 === Token.Import || prev2 === Token.Require)) ||
      (token === Token.String && prev1 === Token.Module && prev2 === Token.Declare)
    ) {
      this.found.add(literalValue(this.text, start, end));
    }
    this.push(token);
  }
}

/** The index after a number's remaining characters from i: digits, letters (hex, exponent, bigint), `_`, `.`, an exponent's sign. */
function numberEnd(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isWordPart(c) || c === CH_DOT) i++;
    else if ((c === 43 || c === 45) && (text.charCodeAt(i - 1) | 0x20) === 101) i++; // 1e+5, 1e-5
    else break;
  }
  return i;
}

/**
 * The index after a regular expression whose body starts at `i` (after its `/`), or -1 when none closes
 * on this line (then the `/` was a division after all). Classes (`[/]`) and escapes do not close it.
 */
function regExpEnd(text: string, i: number): number {
  let inClass = false;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isLineBreak(c)) return -1;
    if (c === CH_BACKSLASH) {
      if (isLineBreak(text.charCodeAt(i + 1))) return -1;
      i += 2;
      continue;
    }
    if (c === CH_OPEN_BRACKET) inClass = true;
    else if (c === CH_CLOSE_BRACKET) inClass = false;
    else if (c === CH_SLASH && !inClass) {
      i++;
      while (isWordPart(text.charCodeAt(i))) i++; // flags
      return i;
    }
    i++;
  }
  return -1;
}
