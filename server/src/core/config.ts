// .corslintrc.json: parsing, validation and defaults. Never throws: every problem comes back as data
// with the key and offset it concerns, and the valid parts of the file still apply.
// The JSON is read with jsonc-parser (as VS Code's JSON editor reads it: comments and trailing commas
// allowed), not TypeScript: the CLI reads the config at every start, and TypeScript is ~100 ms to load
// that a run whose files have no CORS code never needs otherwise.
import { parseTree, type Node as JsonNode, type ParseError, ParseErrorCode } from 'jsonc-parser';
import { configuredOriginProblem } from './origins';
import { ConfigProblem, CorsLintConfig, RULE_IDS, RuleId, RuleSetting, UNUSED_DIRECTIVE_ID } from './types';

export const CONFIG_FILE_NAME = '.corslintrc.json';
const SETTINGS: readonly RuleSetting[] = ['off', 'info', 'warning', 'error'];
const KNOWN_KEYS = ['$schema', 'rules', 'allowedOrigins', 'ignore', 'reportUnusedDisableDirectives'];

/** The values one rule option takes, and words that mean one of them. */
interface OptionSpec {
  values: readonly string[];
  aliases?: Record<string, string>;
}

/**
 * The options rules take (types.ts RuleOptions), written ESLint-style as
 * `"rule-id": ["warning", { "option": value }]`.
 */
const RULE_OPTIONS: Partial<Record<RuleId, Record<string, OptionSpec>>> = {
  'weak-origin-check': {
    // "ignore" is the word the issue asking for the option used for "off".
    subdomains: { values: SETTINGS, aliases: { ignore: 'off' } },
  },
};

export function defaultConfig(): CorsLintConfig {
  return { rules: {}, allowedOrigins: [], ignore: [], reportUnusedDisableDirectives: 'warning', ruleOptions: {} };
}

export function isRuleId(id: string): id is RuleId {
  return (RULE_IDS as readonly string[]).includes(id);
}

export function isRuleSetting(value: string): value is RuleSetting {
  return (SETTINGS as readonly string[]).includes(value);
}

export interface ConfigResult {
  config: CorsLintConfig;
  problems: ConfigProblem[];
}

/** Parses the text of a `.corslintrc.json`. `fileName` is only used in messages. */
export function parseConfig(text: string, fileName = CONFIG_FILE_NAME): ConfigResult {
  const config = defaultConfig();
  const problems: ConfigProblem[] = [];
  const problem = (message: string, node?: JsonNode, key?: string) =>
    problems.push({ message: `${fileName}: ${message}`, key, offset: node?.offset });

  if (text.trim() === '') {
    problems.push({ message: `${fileName}: the file is empty; expected a JSON object such as {"rules": {}}` });
    return { config, problems };
  }
  const errors: ParseError[] = [];
  // A byte order mark (the editor hands the text over with it) becomes a space: offsets stay those of the file.
  const json = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const root = parseTree(json, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  if (errors.length > 0) {
    const first = errors[0];
    const { line, column } = lineAndColumn(text, first.offset);
    problems.push({ message: `${fileName}:${line}:${column}: not valid JSON (${syntaxErrorMessage(first, json)})`, offset: first.offset });
    return { config, problems };
  }
  if (root?.type !== 'object') {
    problem('the top level must be a JSON object', root);
    return { config, problems };
  }
  for (const [keyNode, value] of properties(root)) {
    const key = keyNode.value as string;
    switch (key) {
      case '$schema':
        break;
      case 'rules':
        readRules(value, config, problem);
        break;
      case 'allowedOrigins':
        config.allowedOrigins = readOrigins(value, problem);
        break;
      case 'ignore':
        config.ignore = readStringArray(value, 'ignore', problem);
        break;
      case 'reportUnusedDisableDirectives': {
        const setting = stringValue(value);
        if (setting !== undefined && isRuleSetting(setting)) config.reportUnusedDisableDirectives = setting;
        else problem(`"reportUnusedDisableDirectives" must be one of ${SETTINGS.join(', ')}`, value, key);
        break;
      }
      default:
        problem(`unknown key "${key}" (known keys: ${KNOWN_KEYS.filter((k) => k !== '$schema').join(', ')})`, keyNode, key);
    }
  }
  return { config, problems };
}

/** What each of jsonc-parser's syntax errors means, in the words of a JSON editor. */
const SYNTAX_ERRORS: Record<ParseErrorCode, string> = {
  [ParseErrorCode.InvalidSymbol]: 'unexpected token',
  [ParseErrorCode.InvalidNumberFormat]: 'invalid number',
  [ParseErrorCode.PropertyNameExpected]: 'property name expected: keys are strings in double quotes',
  [ParseErrorCode.ValueExpected]: 'value expected',
  [ParseErrorCode.ColonExpected]: "':' expected",
  [ParseErrorCode.CommaExpected]: "',' expected",
  [ParseErrorCode.CloseBraceExpected]: "'}' expected",
  [ParseErrorCode.CloseBracketExpected]: "']' expected",
  [ParseErrorCode.EndOfFileExpected]: 'end of file expected: the file holds one JSON object',
  [ParseErrorCode.InvalidCommentToken]: 'invalid comment',
  [ParseErrorCode.UnexpectedEndOfComment]: 'unterminated comment',
  [ParseErrorCode.UnexpectedEndOfString]: 'unterminated string',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'unexpected end of number',
  [ParseErrorCode.InvalidUnicode]: 'invalid \\u escape',
  [ParseErrorCode.InvalidEscapeCharacter]: 'invalid escape character',
  [ParseErrorCode.InvalidCharacter]: 'invalid character in a string',
};

function syntaxErrorMessage(error: ParseError, text: string): string {
  // A file cut short (an unclosed object after a trailing comma, say) is "a name expected" to the
  // parser; what the reader needs to know is that the file ends there.
  const atEnd = error.offset >= text.trimEnd().length;
  if (atEnd && (error.error === ParseErrorCode.PropertyNameExpected || error.error === ParseErrorCode.ValueExpected)) return 'the file ends early';
  return SYNTAX_ERRORS[error.error];
}

/** 1-based line and column (UTF-16 units) of `offset`; lines end at \n, \r\n, \r, U+2028 and U+2029, as in an editor. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) continue;
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

type Report = (message: string, node?: JsonNode, key?: string) => void;

/** An object node's properties as [key node, value node] pairs, in the file's order (duplicates included). */
function properties(node: JsonNode): Array<[JsonNode, JsonNode]> {
  const out: Array<[JsonNode, JsonNode]> = [];
  for (const prop of node.children ?? []) {
    const [key, value] = prop.children ?? [];
    if (key && value) out.push([key, value]);
  }
  return out;
}

function stringValue(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

function readRules(value: JsonNode, config: CorsLintConfig, problem: Report): void {
  if (value.type !== 'object') {
    problem('"rules" must be an object mapping rule ids to off/info/warning/error', value, 'rules');
    return;
  }
  for (const [keyNode, ruleValue] of properties(value)) {
    const id = keyNode.value as string;
    if (!isRuleId(id)) {
      problem(`unknown rule "${id}" in "rules" (known rules: ${RULE_IDS.join(', ')})`, keyNode, `rules.${id}`);
      continue;
    }
    const options = RULE_OPTIONS[id];
    const severities = `one of ${SETTINGS.join(', ')}`;
    // ESLint's shape: [severity] for any rule, [severity, { …options }] for a rule that takes options.
    const tuple = ruleValue.type === 'array' ? (ruleValue.children ?? []) : undefined;
    if (tuple && (tuple.length === 0 || tuple.length > 2 || (tuple.length === 2 && !options))) {
      const why = options ? `must be ${severities}, or [severity, { options }]` : `takes no options; use ${severities}`;
      problem(`"rules.${id}" ${why}`, ruleValue, `rules.${id}`);
      continue;
    }
    const severityNode = tuple ? tuple[0] : ruleValue;
    const setting = stringValue(severityNode);
    if (setting === undefined || !isRuleSetting(setting)) {
      const key = tuple ? `rules.${id}[0]` : `rules.${id}`;
      problem(`"${key}" must be ${severities}${options && !tuple ? ', or [severity, { options }]' : ''}`, severityNode, key);
      continue;
    }
    config.rules[id] = setting;
    const optionsNode = tuple?.[1];
    if (optionsNode && options) readRuleOptions(id, optionsNode, options, config, problem);
  }
}

/** The options object of `[severity, { … }]`: each valid option applies; a bad one is reported and left out. */
function readRuleOptions(
  id: RuleId, node: JsonNode, known: Record<string, OptionSpec>, config: CorsLintConfig, problem: Report,
): void {
  const key = `rules.${id}[1]`;
  if (node.type !== 'object') {
    problem(`"${key}" must be an object of options (known options: ${Object.keys(known).join(', ')})`, node, key);
    return;
  }
  const read: Record<string, string> = {};
  for (const [keyNode, optionValue] of properties(node)) {
    const name = keyNode.value as string;
    const spec = Object.prototype.hasOwnProperty.call(known, name) ? known[name] : undefined;
    if (!spec) {
      problem(`unknown option "${name}" of ${id} (known options: ${Object.keys(known).join(', ')})`, keyNode, `${key}.${name}`);
      continue;
    }
    const text = stringValue(optionValue);
    const value = text !== undefined ? (spec.aliases?.[text] ?? text) : undefined;
    if (value === undefined || !spec.values.includes(value)) {
      const words = [...spec.values, ...Object.keys(spec.aliases ?? {})];
      problem(`option "${name}" of ${id} must be one of ${words.join(', ')}`, optionValue, `${key}.${name}`);
      continue;
    }
    read[name] = value;
  }
  config.ruleOptions = { ...config.ruleOptions, [id]: read };
}

/**
 * An array of strings; `invalid` may refuse an entry with a reason (it is reported and left out), so
 * one bad entry does not cost the others.
 */
function readStringArray(value: JsonNode, key: string, problem: Report, invalid?: (text: string) => string | undefined): string[] {
  if (value.type !== 'array') {
    problem(`"${key}" must be an array of strings`, value, key);
    return [];
  }
  const out: string[] = [];
  (value.children ?? []).forEach((element, i) => {
    const text = stringValue(element);
    if (text === undefined) {
      problem(`"${key}[${i}]" must be a string`, element, `${key}[${i}]`);
      return;
    }
    const why = invalid?.(text);
    if (why) problem(`"${key}[${i}]" ${JSON.stringify(text)} ${why}`, element, `${key}[${i}]`);
    else out.push(text);
  });
  return out;
}

/** allowedOrigins: entries that are not exact origins are reported and left out (fixes paste them into code). */
function readOrigins(value: JsonNode, problem: Report): string[] {
  return readStringArray(value, 'allowedOrigins', problem, (origin) => {
    const why = configuredOriginProblem(origin);
    return why && `is not a serialized origin: ${why}`;
  });
}

/** Applies `--rule id:severity`-style overrides on top of a config; returns problems for bad ones. */
export function applyRuleOverrides(config: CorsLintConfig, overrides: string[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const raw of overrides) {
    const [id, setting, ...rest] = raw.split(':');
    if (rest.length > 0 || setting === undefined) {
      problems.push({ message: `"${raw}" is not of the form <rule-id>:<off|info|warning|error>` });
    } else if (id === UNUSED_DIRECTIVE_ID && isRuleSetting(setting)) {
      config.reportUnusedDisableDirectives = setting;
    } else if (!isRuleId(id)) {
      problems.push({ message: `unknown rule "${id}" (known rules: ${RULE_IDS.join(', ')})`, key: id });
    } else if (!isRuleSetting(setting)) {
      problems.push({ message: `"${setting}" is not a severity for ${id}; use off, info, warning or error`, key: id });
    } else {
      config.rules[id] = setting;
    }
  }
  return problems;
}

/**
 * Converts a gitignore-style glob to a RegExp over '/'-separated relative paths.
 * `**` crosses folders, `*` and `?` do not; a pattern without '/' matches at any depth;
 * a trailing '/' matches a folder and everything under it.
 */
export function globToRegExp(glob: string): RegExp {
  let pattern = glob.trim().replace(/\\/g, '/');
  const anchored = pattern.startsWith('/') || pattern.slice(0, -1).includes('/');
  pattern = pattern.replace(/^\//, '').replace(/^\.\//, '');
  const dirOnly = pattern.endsWith('/');
  if (dirOnly) pattern = pattern.slice(0, -1);
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = pattern.indexOf('}', i);
      if (close > i) {
        re += '(?:' + pattern.slice(i + 1, close).split(',').map(escapeRegExp).join('|') + ')';
        i = close;
      } else re += '\\{';
    } else re += escapeRegExp(c);
  }
  return new RegExp(`${anchored ? '^' : '(?:^|/)'}${re}(?:/.*)?$`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when `relativePath` ('/'-separated, relative to the config folder) matches one of the globs. */
export function isIgnored(relativePath: string, globs: readonly string[]): boolean {
  const path = relativePath.replace(/\\/g, '/');
  return globs.some((g) => g.trim() !== '' && !g.startsWith('#') && globToRegExp(g).test(path));
}
