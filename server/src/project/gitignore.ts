// .gitignore semantics (https://git-scm.com/docs/gitignore) from the `ignore` package, which follows
// git's matcher (negation, folder-only patterns, anchoring, `**`, character classes, escapes) without
// shelling out to git or needing one installed. One matcher per .gitignore file; deeper files are asked
// after shallower ones and the last file with a matching rule decides, as in git. A file inside an
// ignored folder cannot be re-included (git does not descend there, and neither does the walker).
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import { isInside, toSlashes } from './paths';

/** The rules of one .gitignore file; undefined when it has none. */
export function parseGitignore(text: string): Ignore | undefined {
  // Case-sensitive, as git is by default (core.ignoreCase is false except on case-insensitive disks).
  const rules = ignore({ ignorecase: false }).add(text);
  return text.split(/\r?\n/).some((line) => line.trim() !== '' && !line.startsWith('#')) ? rules : undefined;
}

/** undefined = no rule matched; true = ignored; false = re-included by a negation. */
export function matchGitignore(rules: Ignore | undefined, relativePath: string, isDir: boolean): boolean | undefined {
  if (!rules) return undefined;
  // `ignore` tells folders from files by a trailing slash (ignore 7.0.17 index.d.ts, `Pathname`).
  let result: { ignored: boolean; unignored: boolean };
  try {
    result = rules.test(isDir ? `${relativePath}/` : relativePath);
  } catch {
    return undefined; // a path `ignore` rejects (a name of only dots) is not one a pattern names
  }
  return result.ignored ? true : result.unignored ? false : undefined;
}

interface Level {
  dir: string;
  rules: Ignore;
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
    const levels = rules ? [...above, { dir, rules }] : above;
    this.levels.set(dir, levels);
    return levels;
  }
}

function readRules(dir: string): Ignore | undefined {
  try {
    return parseGitignore(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8'));
  } catch {
    return undefined; // absent or unreadable: git would not apply it either
  }
}
