// .gitignore semantics (https://git-scm.com/docs/gitignore), implemented here because the CLI must
// not shell out to git or depend on one being installed:
// - blank lines and `#` comments are skipped; `\#`, `\!` and `\ ` escape; trailing spaces are dropped;
// - `!pattern` re-includes; the last matching pattern wins, deeper .gitignore files after shallower;
// - a trailing `/` matches folders only; a pattern with a `/` elsewhere is relative to its .gitignore's
//   folder, one without matches a name at any depth;
// - `*`, `?`, `[...]` never cross `/`; `**/`, `/**/` and a trailing `/**` cross folders.
// A file inside an ignored folder cannot be re-included (git does not descend there, and neither
// does the walker), so the matcher only answers for one path at a time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInside, toSlashes } from './paths';

export interface GitignoreRule {
  negated: boolean;
  dirOnly: boolean;
  /** Matches the basename only (the pattern had no inner or leading slash). */
  basename: boolean;
  regex: RegExp;
}

export function parseGitignore(text: string): GitignoreRule[] {
  const rules: GitignoreRule[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    let line = rawLine.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    let negated = false;
    if (line.startsWith('!')) {
      negated = true;
      line = line.slice(1);
    }
    let dirOnly = false;
    if (line.endsWith('/') && !line.endsWith('\\/')) {
      dirOnly = true;
      line = line.replace(/\/+$/, '');
    }
    if (line === '') continue;
    const basename = !line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    const regex = patternToRegExp(line);
    if (regex) rules.push({ negated, dirOnly, basename, regex });
  }
  return rules;
}

function patternToRegExp(pattern: string): RegExp | undefined {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      if (i < pattern.length) re += escapeRegExp(pattern[i]);
    } else if (c === '*') {
      const atSegmentStart = i === 0 || pattern[i - 1] === '/';
      if (pattern[i + 1] === '*' && atSegmentStart && (i + 2 === pattern.length || pattern[i + 2] === '/')) {
        if (i + 2 === pattern.length) {
          re += '.*'; // `dir/**`: everything inside
          i += 1;
        } else {
          re += '(?:.*/)?'; // `**/` and `/**/`: zero or more folders
          i += 2;
        }
      } else {
        while (pattern[i + 1] === '*') i++; // any other run of stars is one star
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const close = findClassEnd(pattern, i);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      let negate = false;
      if (body.startsWith('!') || body.startsWith('^')) {
        negate = true;
        body = body.slice(1);
      }
      body = body.replace(/\\(.)/g, '$1').replace(/[\\\]^]/g, '\\$&');
      re += negate ? `(?!/)[^${body}]` : `(?!/)[${body}]`;
      i = close;
    } else {
      re += escapeRegExp(c);
    }
  }
  try {
    return new RegExp(`^${re}$`);
  } catch {
    return undefined; // a malformed class: git ignores such a line too
  }
}

function findClassEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '!' || pattern[i] === '^') i++;
  if (pattern[i] === ']') i++; // `[]a]` contains ']'
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return -1;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** undefined = no rule matched; true = ignored; false = re-included by a negation. */
export function matchGitignore(rules: readonly GitignoreRule[], relativePath: string, isDir: boolean): boolean | undefined {
  let result: boolean | undefined;
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  for (const rule of rules) {
    if (rule.dirOnly && !isDir) continue;
    if (rule.regex.test(rule.basename ? name : relativePath)) result = !rule.negated;
  }
  return result;
}

interface Level {
  dir: string;
  rules: GitignoreRule[];
}

/**
 * The .gitignore files that apply below `top`: the repository root when the scan root is inside a
 * git work tree (so `cors-lint packages/api` honours the root .gitignore), else the scan root.
 */
export class GitignoreStack {
  private readonly levels = new Map<string, Level[]>();

  constructor(private readonly top: string) {}

  static forScanRoot(root: string): GitignoreStack {
    let dir = root;
    for (;;) {
      if (fs.existsSync(path.join(dir, '.git'))) return new GitignoreStack(dir);
      const parent = path.dirname(dir);
      if (parent === dir) return new GitignoreStack(root);
      dir = parent;
    }
  }

  /** True when `absolutePath` (a file or folder below the top folder) is ignored. */
  isIgnored(absolutePath: string, isDir: boolean): boolean {
    const parent = path.dirname(absolutePath);
    if (!isInside(this.top, parent)) return false;
    let result: boolean | undefined;
    for (const level of this.levelsFor(parent)) {
      const relative = toSlashes(path.relative(level.dir, absolutePath));
      const match = matchGitignore(level.rules, relative, isDir);
      if (match !== undefined) result = match;
    }
    return result === true;
  }

  private levelsFor(dir: string): Level[] {
    const cached = this.levels.get(dir);
    if (cached) return cached;
    const above = dir === this.top || path.dirname(dir) === dir ? [] : this.levelsFor(path.dirname(dir));
    const rules = readRules(dir);
    const levels = rules.length > 0 ? [...above, { dir, rules }] : above;
    this.levels.set(dir, levels);
    return levels;
  }
}

function readRules(dir: string): GitignoreRule[] {
  try {
    return parseGitignore(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8'));
  } catch {
    return []; // absent or unreadable: git would not apply it either
  }
}
