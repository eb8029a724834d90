// `.corslintrc.json` for a document: the nearest one walking up from the document's folder to its
// workspace folder root. Parsed with core/config (so the editor and the CLI agree), cached until the
// file changes on disk (didChangeWatchedFiles) or in an editor, and its problems are published as
// diagnostics on the config file itself; an invalid config falls back to the defaults it can't parse.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { CONFIG_FILE_NAME, ConfigProblem, CorsLintConfig, defaultConfig, parseConfig } from '../core';
import { matchesIgnoreGlobs } from '../project/ignore-globs';
import { DIAGNOSTIC_SOURCE } from './protocol';
import { fileUriOf, filePathOf } from './uri';

export interface ResolvedConfig {
  /** Same object for as long as the config file is unchanged (analysis caches compare identity). */
  config: CorsLintConfig;
  /** The config file in effect, if any. */
  filePath?: string;
  /** The document matches the config's `ignore` globs. */
  ignored: boolean;
}

export interface ConfigHost {
  /** Workspace folder roots (file system paths). */
  workspaceFolders(): string[];
  /** The text of the config file when it is open in the editor (unsaved edits count). */
  openText(filePath: string): { uri: string; text: string } | undefined;
  publishDiagnostics(uri: string, diagnostics: Diagnostic[]): void;
}

interface LoadedConfig {
  config: CorsLintConfig;
  problems: ConfigProblem[];
  text: string;
  exists: boolean;
}

export function isConfigFile(filePath: string | undefined): filePath is string {
  return filePath !== undefined && path.basename(filePath) === CONFIG_FILE_NAME;
}

export class ConfigResolver {
  /** Folder → the config file that applies to files in it (null: none). */
  private readonly nearest = new Map<string, Promise<string | null>>();
  private readonly loaded = new Map<string, Promise<LoadedConfig>>();
  /** Config path → URI and JSON of the diagnostics last published for it. */
  private readonly published = new Map<string, { uri: string; key: string }>();
  private readonly defaults = defaultConfig();

  constructor(private readonly host: ConfigHost) {}

  async forDocument(uri: string): Promise<ResolvedConfig> {
    const filePath = filePathOf(uri);
    const configPath = filePath ? await this.nearestConfig(path.dirname(filePath)) : await this.untitledConfig();
    if (!configPath) return { config: this.defaults, ignored: false };
    const loaded = await this.load(configPath);
    if (!loaded.exists) return { config: this.defaults, ignored: false };
    const relative = filePath ? path.relative(path.dirname(configPath), filePath).split(path.sep).join('/') : undefined;
    const ignored = relative !== undefined && loaded.config.ignore.length > 0 && matchesIgnoreGlobs(relative, loaded.config.ignore);
    return { config: loaded.config, filePath: configPath, ignored };
  }

  /**
   * A config file was created, changed or deleted (on disk or in an editor): forget what was read
   * and publish its problems again. Returns after the new problems are published.
   */
  async invalidate(configPath: string): Promise<void> {
    this.nearest.clear();
    this.loaded.delete(configPath);
    await this.load(configPath);
  }

  /** Workspace folders changed: which config applies to which folder must be looked up again. */
  forgetLookups(): void {
    this.nearest.clear();
  }

  private async untitledConfig(): Promise<string | null> {
    const root = this.host.workspaceFolders()[0];
    return root ? this.nearestConfig(root) : null;
  }

  private nearestConfig(folder: string): Promise<string | null> {
    let found = this.nearest.get(folder);
    if (!found) {
      found = this.findNearest(folder);
      this.nearest.set(folder, found);
    }
    return found;
  }

  private async findNearest(folder: string): Promise<string | null> {
    const candidate = path.join(folder, CONFIG_FILE_NAME);
    if (this.host.openText(candidate) !== undefined || (await isFile(candidate))) return candidate;
    const parent = path.dirname(folder);
    if (parent === folder || this.isWorkspaceRoot(folder)) return null;
    return this.nearestConfig(parent);
  }

  /** The walk stops at the root of the workspace folder holding the document (or at `/` outside one). */
  private isWorkspaceRoot(folder: string): boolean {
    return this.host.workspaceFolders().some((root) => path.resolve(root) === path.resolve(folder));
  }

  private load(configPath: string): Promise<LoadedConfig> {
    let loaded = this.loaded.get(configPath);
    if (!loaded) {
      loaded = this.read(configPath).then((result) => {
        this.publishProblems(configPath, result);
        return result;
      });
      this.loaded.set(configPath, loaded);
    }
    return loaded;
  }

  private async read(configPath: string): Promise<LoadedConfig> {
    const open = this.host.openText(configPath);
    let text: string;
    if (open) {
      text = open.text;
    } else {
      try {
        text = await fs.readFile(configPath, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return { config: this.defaults, problems: [], text: '', exists: false };
        const message = `${CONFIG_FILE_NAME}: could not be read (${code ?? String(error)}); using the default configuration`;
        return { config: this.defaults, problems: [{ message }], text: '', exists: true };
      }
    }
    const { config, problems } = parseConfig(text, CONFIG_FILE_NAME);
    return { config, problems, text, exists: true };
  }

  private publishProblems(configPath: string, loaded: LoadedConfig): void {
    const uri = this.host.openText(configPath)?.uri ?? this.published.get(configPath)?.uri ?? fileUriOf(configPath);
    const diagnostics = problemDiagnostics(loaded.text, loaded.problems);
    const key = JSON.stringify(diagnostics);
    const previous = this.published.get(configPath);
    if (previous?.key === key) return;
    if (diagnostics.length === 0 && !previous) return;
    this.published.set(configPath, { uri, key });
    this.host.publishDiagnostics(uri, diagnostics);
  }
}

/** Converts config problems (offsets into `text`) to diagnostics on the config file. */
export function problemDiagnostics(text: string, problems: readonly ConfigProblem[]): Diagnostic[] {
  const document = TextDocument.create('config', 'json', 0, text);
  return problems.map((problem) => {
    const start = problem.offset ?? 0;
    const end = problem.offset === undefined ? 0 : tokenEnd(text, start);
    return {
      range: { start: document.positionAt(start), end: document.positionAt(end) },
      severity: DiagnosticSeverity.Error,
      source: DIAGNOSTIC_SOURCE,
      message: problem.message,
    };
  });
}

/** End of the JSON token at `offset`: a whole string, or up to the next delimiter. */
function tokenEnd(text: string, offset: number): number {
  if (text[offset] === '"') {
    for (let i = offset + 1; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') return i + 1;
      else if (text[i] === '\n') return i;
    }
    return text.length;
  }
  if (text[offset] === '{' || text[offset] === '[') return offset + 1;
  const match = /[\s,:{}[\]]/.exec(text.slice(offset));
  const end = match ? offset + match.index : text.length;
  return end === offset ? Math.min(offset + 1, text.length) : end;
}

async function isFile(filePath: string): Promise<boolean> {
  try {
    return (await fs.stat(filePath)).isFile();
  } catch {
    return false;
  }
}
