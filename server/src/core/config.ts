// .corslintrc.json: parsing, validation and defaults. Never throws: every problem comes back as data
// with the key and offset it concerns, and the valid parts of the file still apply.
import ts from 'typescript';
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
  const problem = (message: string, node?: ts.Node, key?: string) =>
    problems.push({ message: `${fileName}: ${message}`, key, offset: node ? node.getStart(json) : undefined });

  if (text.trim() === '') {
    problems.push({ message: `${fileName}: the file is empty; expected a JSON object such as {"rules": {}}` });
    return { config, problems };
  }
  const json = ts.parseJsonText(fileName, text);
  const syntax = (json as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  if (syntax.length > 0) {
    const first = syntax[0];
    const { line, character } = json.getLineAndCharacterOfPosition(first.start ?? 0);
    problems.push({
      message: `${fileName}:${line + 1}:${character + 1}: not valid JSON (${ts.flattenDiagnosticMessageText(first.messageText, ' ')})`,
      offset: first.start,
    });
    return { config, problems };
  }
  const root = json.statements[0]?.expression;
  if (!root || !ts.isObjectLiteralExpression(root)) {
    problem('the top level must be a JSON object', root);
    return { config, problems };
  }
  for (const prop of root.properties) {
    if (!ts.isPropertyAssignment(prop)) continue;
    const key = propertyKey(prop);
    const value = prop.initializer;
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
        const setting = ts.isStringLiteral(value) ? value.text : undefined;
        if (setting !== undefined && isRuleSetting(setting)) config.reportUnusedDisableDirectives = setting;
        else problem(`"reportUnusedDisableDirectives" must be one of ${SETTINGS.join(', ')}`, value, key);
        break;
      }
      default:
        problem(`unknown key "${key}" (known keys: ${KNOWN_KEYS.filter((k) => k !== '$schema').join(', ')})`, prop.name, key);
    }
  }
  return { config, problems };
}

type Report = (message: string, node?: ts.Node, key?: string) => void;

function propertyKey(prop: ts.PropertyAssignment): string {
  const name = prop.name;
  return ts.isStringLiteral(name) || ts.isIdentifier(name) || ts.isNumericLiteral(name) ? name.text : name.getText();
}

function readRules(value: ts.Expression, config: CorsLintConfig, problem: Report): void {
  if (!ts.isObjectLiteralExpression(value)) {
    problem('"rules" must be an object mapping rule ids to off/info/warning/error', value, 'rules');
    return;
  }
  for (const prop of value.properties) {
    if (!ts.isPropertyAssignment(prop)) continue;
    const id = propertyKey(prop);
    if (!isRuleId(id)) {
      problem(`unknown rule "${id}" in "rules" (known rules: ${RULE_IDS.join(', ')})`, prop.name, `rules.${id}`);
      continue;
    }
    const options = RULE_OPTIONS[id];
    const severities = `one of ${SETTINGS.join(', ')}`;
    // ESLint's shape: [severity] for any rule, [severity, { …options }] for a rule that takes options.
    const tuple = ts.isArrayLiteralExpression(prop.initializer) ? prop.initializer : undefined;
    if (tuple && (tuple.elements.length === 0 || tuple.elements.length > 2 || (tuple.elements.length === 2 && !options))) {
      const why = options ? `must be ${severities}, or [severity, { options }]` : `takes no options; use ${severities}`;
      problem(`"rules.${id}" ${why}`, prop.initializer, `rules.${id}`);
      continue;
    }
    const severityNode = tuple ? tuple.elements[0] : prop.initializer;
    const setting = ts.isStringLiteral(severityNode) ? severityNode.text : undefined;
    if (setting === undefined || !isRuleSetting(setting)) {
      const key = tuple ? `rules.${id}[0]` : `rules.${id}`;
      problem(`"${key}" must be ${severities}${options && !tuple ? ', or [severity, { options }]' : ''}`, severityNode, key);
      continue;
    }
    config.rules[id] = setting;
    const optionsNode = tuple?.elements[1];
    if (optionsNode && options) readRuleOptions(id, optionsNode, options, config, problem);
  }
}

/** The options object of `[severity, { … }]`: each valid option applies; a bad one is reported and left out. */
function readRuleOptions(
  id: RuleId, node: ts.Expression, known: Record<string, OptionSpec>, config: CorsLintConfig, problem: Report,
): void {
  const key = `rules.${id}[1]`;
  if (!ts.isObjectLiteralExpression(node)) {
    problem(`"${key}" must be an object of options (known options: ${Object.keys(known).join(', ')})`, node, key);
    return;
  }
  const read: Record<string, string> = {};
  for (const prop of node.properties) {
    if (!ts.isPropertyAssignment(prop)) continue;
    const name = propertyKey(prop);
    const spec = Object.prototype.hasOwnProperty.call(known, name) ? known[name] : undefined;
    if (!spec) {
      problem(`unknown option "${name}" of ${id} (known options: ${Object.keys(known).join(', ')})`, prop.name, `${key}.${name}`);
      continue;
    }
    const text = ts.isStringLiteral(prop.initializer) ? prop.initializer.text : undefined;
    const value = text !== undefined ? (spec.aliases?.[text] ?? text) : undefined;
    if (value === undefined || !spec.values.includes(value)) {
      const words = [...spec.values, ...Object.keys(spec.aliases ?? {})];
      problem(`option "${name}" of ${id} must be one of ${words.join(', ')}`, prop.initializer, `${key}.${name}`);
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
function readStringArray(value: ts.Expression, key: string, problem: Report, invalid?: (text: string) => string | undefined): string[] {
  if (!ts.isArrayLiteralExpression(value)) {
    problem(`"${key}" must be an array of strings`, value, key);
    return [];
  }
  const out: string[] = [];
  value.elements.forEach((element, i) => {
    if (!ts.isStringLiteral(element)) {
      problem(`"${key}[${i}]" must be a string`, element, `${key}[${i}]`);
      return;
    }
    const why = invalid?.(element.text);
    if (why) problem(`"${key}[${i}]" ${JSON.stringify(element.text)} ${why}`, element, `${key}[${i}]`);
    else out.push(element.text);
  });
  return out;
}

/** allowedOrigins: entries that are not exact origins are reported and left out (fixes paste them into code). */
function readOrigins(value: ts.Expression, problem: Report): string[] {
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
