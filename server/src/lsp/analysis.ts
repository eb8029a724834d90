// Per-document analysis, cached by document version and by the settings and config objects it was
// computed with (both keep their identity until they change). Edits re-parse incrementally from the document's previous SourceFile.
import type * as ts from 'typescript';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver/node';
import { analyzeFile, Finding, InternalError, isPlatformConfigFile, mayContainCors, OriginCheckSummary, Policy } from '../core';
import type { ProjectHost } from '../core/host';
import { parseSource, reparseIncrementally } from '../core/parse';
import type { ResolvedConfig } from './config-watch';
import { binaryDocumentDiagnostic, fileTooLargeDiagnostic, findingToDiagnostic } from './diagnostics';
import { analysisFileName } from './documents';
import type { Log } from './guard';
import type { OtherFiles } from './other-files';
import type { CorsLintSettings } from './protocol';
import { applyCustomizations } from './settings';

export interface DocumentAnalysis {
  uri: string;
  version: number;
  /** After the config file and the `corsLint.rules.customizations` setting. */
  findings: Finding[];
  policies: Policy[];
  /** Origin checks written here and applied in other modules, with what they accept there (hover). */
  checks: OriginCheckSummary[];
  /** findings[i] ↔ diagnostics[i]; a skipped large file has one extra informational diagnostic. */
  diagnostics: Diagnostic[];
  settings: CorsLintSettings;
  config: ResolvedConfig;
  /** Other files the analysis read through the project host: a change to one re-analyses this document. */
  dependencies: string[];
}

/** The project the analyses ask about other files (the language server's ProjectService). */
export interface AnalysisProject {
  hostFor(dependencies: Set<string>): ProjectHost | undefined;
}

export class AnalysisCache {
  private readonly results = new Map<string, DocumentAnalysis>();
  /** The last SourceFile of each document, the base of the next incremental re-parse. */
  private readonly sourceFiles = new Map<string, ts.SourceFile>();

  /** `failingRule`: fault injection for the protocol tests (see analyzeFile's option). */
  constructor(
    private readonly log: Log,
    private readonly failingRule?: string,
    private readonly project?: AnalysisProject,
    private readonly others?: OtherFiles,
  ) {}

  /** The analysis of the document's current text; synchronous, so it cannot go stale while it runs. */
  analyze(document: TextDocument, settings: CorsLintSettings, config: ResolvedConfig): DocumentAnalysis {
    const cached = this.results.get(document.uri);
    if (
      cached &&
      cached.version === document.version &&
      cached.settings === settings &&
      cached.config.config === config.config &&
      cached.config.ignored === config.ignored
    ) {
      return cached;
    }
    const analysis = this.compute(document, settings, config);
    this.results.set(document.uri, analysis);
    return analysis;
  }

  forget(uri: string): void {
    this.results.delete(uri);
    this.sourceFiles.delete(uri);
  }

  /** Another file changed: the next request analyses the document again (its SourceFile is kept). */
  invalidate(uri: string): void {
    this.results.delete(uri);
  }

  invalidateAll(): void {
    this.results.clear();
  }

  /** Documents whose last analysis read `filePath`. */
  dependentsOf(filePath: string): string[] {
    return [...this.results.values()].filter((a) => a.dependencies.includes(filePath)).map((a) => a.uri);
  }

  private compute(document: TextDocument, settings: CorsLintSettings, config: ResolvedConfig): DocumentAnalysis {
    const base = { uri: document.uri, version: document.version, settings, config, policies: [] as Policy[], checks: [] as OriginCheckSummary[], dependencies: [] as string[] };
    const fileName = analysisFileName(document);
    if (!fileName || !settings.enable || config.ignored) return { ...base, findings: [], diagnostics: [] };
    const text = document.getText();
    if (text.length > settings.maxFileSize) {
      this.sourceFiles.delete(document.uri);
      return { ...base, findings: [], diagnostics: [fileTooLargeDiagnostic(text.length, settings.maxFileSize)] };
    }
    if (text.includes('\0')) {
      this.sourceFiles.delete(document.uri);
      return { ...base, findings: [], diagnostics: [binaryDocumentDiagnostic()] };
    }
    // The prefilter runs before parsing: most files have no CORS code and need no SourceFile at all.
    // Platform configuration (vercel.json, serverless.yml…) is not TypeScript: the engine reads it itself.
    const sourceFile = mayContainCors(text) && !isPlatformConfigFile(fileName) ? this.parse(document.uri, fileName, text) : undefined;
    const dependencies = new Set<string>();
    const host = this.project?.hostFor(dependencies);
    const result = analyzeFile(text, fileName, config.config, { sourceFile, failingRule: this.failingRule, host, describeChecks: true });
    for (const dependency of result.dependencies ?? []) dependencies.add(dependency);
    dependencies.delete(fileName);
    for (const error of result.internalErrors) this.logInternalError(fileName, error);
    const findings = applyCustomizations(result.findings, settings.rules.customizations);
    return {
      ...base,
      findings,
      policies: result.policies,
      checks: result.checks ?? [],
      dependencies: [...dependencies].sort(),
      diagnostics: findings.map((finding) => findingToDiagnostic(finding, document, this.others)),
    };
  }

  /** Undefined when parsing throws: analyzeFile then parses itself and reports the failure as data. */
  private parse(uri: string, fileName: string, text: string): ts.SourceFile | undefined {
    const previous = this.sourceFiles.get(uri);
    this.sourceFiles.delete(uri);
    let sourceFile: ts.SourceFile | undefined;
    if (previous && previous.fileName === fileName) {
      try {
        sourceFile = reparseIncrementally(previous, text);
      } catch (error) {
        this.log.warn(`cors-lint: incremental re-parse of ${fileName} failed, parsing it again: ${String(error)}`);
      }
    }
    try {
      sourceFile ??= parseSource(text, fileName);
    } catch {
      return undefined;
    }
    this.sourceFiles.set(uri, sourceFile);
    return sourceFile;
  }

  private logInternalError(fileName: string, error: InternalError): void {
    const where = error.line === undefined ? `${fileName} (line unknown)` : `${fileName}:${error.line}`;
    this.log.error(
      `cors-lint: internal error in rule ${error.ruleId} at ${where}: ${error.message}` +
        ' (the other rules\' results are still reported)' +
        (error.stack ? `\n${error.stack}` : ''),
    );
  }
}
