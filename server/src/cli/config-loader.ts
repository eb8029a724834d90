// Finds and reads .corslintrc.json. Validation is the core's (parseConfig), so the editor and CI agree;
// this file only does the I/O and turns problems into one line each, located as file:line:column.
// parseConfig is imported from core/config itself, not through the engine: it needs no TypeScript, so
// a config never makes a run load the engine (see project/engine.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, defaultConfig, parseConfig } from '../core/config';
import type { CorsLintConfig } from '../core';
import { describeFsError } from '../project/fs-errors';
import { displayPath } from '../project/paths';
import { LineIndex } from '../project/text-file';

/** A config is a few lines of JSON; anything this large is a mistake (or not a config at all). */
export const MAX_CONFIG_SIZE = 1024 * 1024;

export interface LoadedConfig {
  config: CorsLintConfig;
  /** Absolute path of the file read, or undefined when none was found (defaults apply). */
  path?: string;
  /** The folder `ignore` globs are relative to. */
  baseDir: string;
}

export type ConfigLoadResult = { ok: true; loaded: LoadedConfig } | { ok: false; errors: string[] };

export interface ConfigLoadOptions {
  cwd: string;
  /** --config, as given. */
  explicitPath?: string;
  /** Where the upward search starts. */
  searchFrom: string;
}

export function loadConfig(options: ConfigLoadOptions): ConfigLoadResult {
  if (options.explicitPath !== undefined) {
    return readConfigFile(path.resolve(options.cwd, options.explicitPath), options.cwd);
  }
  const found = findConfigFile(options.searchFrom);
  if (found === undefined) return { ok: true, loaded: { config: defaultConfig(), baseDir: options.searchFrom } };
  return readConfigFile(found, options.cwd);
}

/** The nearest .corslintrc.json from `start` up to the filesystem root. */
export function findConfigFile(start: string): string | undefined {
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function readConfigFile(file: string, cwd: string): ConfigLoadResult {
  const shown = displayPath(file, cwd);
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return { ok: false, errors: [`${shown}: the config must be a JSON file, but this is not a regular file`] };
    if (stat.size > MAX_CONFIG_SIZE) {
      return { ok: false, errors: [`${shown}: the config file is ${Math.round(stat.size / 1024)} KB; a .corslintrc.json larger than ${MAX_CONFIG_SIZE / 1024} KB is not a config file`] };
    }
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, errors: [`${shown}: cannot read the config file: ${describeFsError(error)}`] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const { config, problems } = parseConfig(text, shown);
  if (problems.length > 0) {
    const lines = new LineIndex(text);
    return { ok: false, errors: problems.map((p) => locate(p.message, p.offset, shown, lines)) };
  }
  return { ok: true, loaded: { config, path: file, baseDir: path.dirname(file) } };
}

/** 'cfg.json: unknown rule "x"' -> 'cfg.json:3:5: unknown rule "x"' when the core knows the offset. */
function locate(message: string, offset: number | undefined, shown: string, lines: LineIndex): string {
  const prefix = `${shown}: `;
  if (offset === undefined || !message.startsWith(prefix)) return message;
  const { line, column } = lines.position(offset);
  return `${shown}:${line}:${column}: ${message.slice(prefix.length)}`;
}
