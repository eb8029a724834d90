// The values environment variables take in a project's `.env`, `.env.<mode>`, `.env.local`,
// `.env.example`… files, for messages such as "when ALLOWED_ORIGINS comes from .env.production".
// Parsed with dotenv's `parse` (never `config`: nothing is loaded into this process), each value with
// the file and the offset it was written at.
import * as path from 'node:path';
import { parse } from 'dotenv';
import type { EnvValue } from '../core/host';
import type { DirectoryCache } from './directory-cache';

export interface EnvFileSource {
  directories: DirectoryCache;
  readFile(file: string): string | undefined;
  /** Folders the search never walks above (workspace folders, the scan root). */
  isProjectRoot(folder: string): boolean;
}

/** `.env` and `.env.<anything>` (`.envrc` is direnv's shell script, not a dotenv file). */
export function isEnvFileName(name: string): boolean {
  return name === '.env' || (name.startsWith('.env.') && name.length > 5);
}

/** Files people commit as documentation of the variables: read last, after the real ones. */
const TEMPLATE_SUFFIXES = ['example', 'sample', 'template', 'defaults', 'dist'];

function envFileOrder(name: string): [number, string] {
  if (name === '.env') return [0, name];
  if (name === '.env.local') return [1, name];
  return [TEMPLATE_SUFFIXES.includes(name.slice(5)) ? 3 : 2, name];
}

export class EnvFiles {
  /** file → parsed variables with offsets; null when unreadable. */
  private readonly parsed = new Map<string, Map<string, EnvValue> | null>();
  /** folder → the env files that apply to files in it. */
  private readonly applicable = new Map<string, string[]>();

  constructor(private readonly source: EnvFileSource) {}

  /** Each env file that defines `name` and applies to `fromFile`, in precedence-free reading order. */
  valuesOf(name: string, fromFile: string): EnvValue[] {
    const values: EnvValue[] = [];
    for (const file of this.filesFor(path.dirname(fromFile))) {
      const value = this.variables(file)?.get(name);
      if (value) values.push(value);
    }
    return values;
  }

  /**
   * The env files of the nearest folder (from the file's own up to the project root) that has any:
   * frameworks read them from the package root, and a monorepo's app has its own.
   */
  filesFor(folder: string): string[] {
    let files = this.applicable.get(folder);
    if (files === undefined) {
      files = [];
      for (let dir = folder; ; ) {
        const names = [...(this.source.directories.list(dir) ?? [])].filter(([name, kind]) => kind === 'file' && isEnvFileName(name)).map(([name]) => name);
        if (names.length > 0) {
          names.sort((a, b) => {
            const [ra, na] = envFileOrder(a);
            const [rb, nb] = envFileOrder(b);
            return ra - rb || (na < nb ? -1 : na > nb ? 1 : 0);
          });
          files = names.map((n) => path.join(dir, n));
          break;
        }
        const parent = path.dirname(dir);
        if (parent === dir || this.source.isProjectRoot(dir)) break;
        dir = parent;
      }
      this.applicable.set(folder, files);
    }
    return files;
  }

  /** An env file was created, changed or deleted. */
  forget(file: string): void {
    this.parsed.delete(file);
    if (isEnvFileName(path.basename(file))) this.applicable.clear();
  }

  forgetAll(): void {
    this.parsed.clear();
    this.applicable.clear();
  }

  private variables(file: string): Map<string, EnvValue> | undefined {
    let variables = this.parsed.get(file);
    if (variables === undefined) {
      const text = this.source.readFile(file);
      variables = text === undefined ? null : parseEnvFile(text, file);
      this.parsed.set(file, variables);
    }
    return variables ?? undefined;
  }
}

/**
 * dotenv's values, each with the offset of its first character in `text` (after an opening quote).
 * dotenv 18.0.10 (dist/index.cjs, the default line parser) lets a later assignment of a name win, so the
 * offset is that of the last line assigning it.
 */
export function parseEnvFile(text: string, file: string): Map<string, EnvValue> {
  const values = new Map<string, EnvValue>();
  for (const [name, value] of Object.entries(parse(text))) {
    values.set(name, { value, file, offset: valueOffset(text, name) });
  }
  return values;
}

function valueOffset(text: string, name: string): number | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  const line = new RegExp(`^[ \\t]*(?:export[ \\t]+)?${escaped}(?:[ \\t]*=[ \\t]*|:[ \\t]+)(['"\`]?)`, 'gm');
  let offset: number | undefined;
  for (let match = line.exec(text); match; match = line.exec(text)) offset = match.index + match[0].length;
  return offset;
}
