// The one entry point: text in, findings and policies out. Used unchanged by the LSP server, the CLI,
// the audit and the tests. Pure: no I/O, never throws for any input text.
import ts from 'typescript';
import { defaultConfig } from './config';
import { RuleContext } from './context';
import { applyDirectives, findDirectives } from './directives';
import { collectFacts } from './facts';
import { applyEdits } from './fix';
import { parseSource, parseSourceForFactWalk, syntaxErrorCount } from './parse';
import { analyzePlatformFile, isPlatformConfigFile } from './platform';
import { buildPolicies } from './policies';
import { mayContainCors } from './prefilter';
import { RULES } from './rules';
import type { ProjectHost } from './host';
import { relateApplications } from './exported';
import { ProjectScope, projectModelFor } from './modules';
import { checkSummaries } from './origin-checks/uses';
import { AnalysisResult, CorsLintConfig, Finding, InternalError, OriginCheckSummary } from './types';

export interface AnalyzeOptions {
  /** An already-parsed SourceFile for exactly `text` (e.g. from reparseIncrementally), to skip parsing. */
  sourceFile?: ts.SourceFile;
  /** Skip the text prefilter (tests use this to prove the prefilter is conservative). */
  noPrefilter?: boolean;
  /**
   * Fault injection for tests of the adapters: this rule throws as if it had a bug, to prove that one
   * broken rule cannot hide the others' findings or take the server down.
   */
  failingRule?: string;
  /** The project around the file (imports, .env files, package versions); without it the file stands alone. */
  host?: ProjectHost;
  /** Describe the origin checks this module exports for other modules (AnalysisResult.checks: the editor's hover). */
  describeChecks?: boolean;
}

export function analyzeFile(
  text: string,
  fileName: string,
  config: CorsLintConfig = defaultConfig(),
  options: AnalyzeOptions = {},
): AnalysisResult {
  if (isPlatformConfigFile(fileName)) return analyzePlatformFileSafely(text, fileName, config, options.host);
  if (!options.noPrefilter && !mayContainCors(text)) {
    return { findings: [], policies: [], internalErrors: [], skipped: true };
  }
  const internalErrors: InternalError[] = [];
  let sourceFile: ts.SourceFile;
  try {
    sourceFile = options.sourceFile && options.sourceFile.text === text ? options.sourceFile : parseSourceForFactWalk(text, fileName);
  } catch (error) {
    internalErrors.push(toInternalError('parse', error));
    return { findings: [], policies: [], internalErrors, skipped: false };
  }

  let context: RuleContext;
  let project: ProjectScope | undefined;
  try {
    project = options.host ? new ProjectScope(projectModelFor(options.host), sourceFile) : undefined;
    const facts = collectFacts(sourceFile, project);
    context = new RuleContext(sourceFile, facts, config, options.host, project);
  } catch (error) {
    internalErrors.push(toInternalError('facts', error, sourceFile, undefined));
    return { findings: [], policies: [], internalErrors, skipped: false };
  }

  for (const rule of RULES) {
    const setting = config.rules[rule.meta.id];
    if (setting === 'off') continue;
    context.beginRule(rule.meta, setting);
    try {
      if (options.failingRule === rule.meta.id) throw new Error(`injected failure in ${rule.meta.id}`);
      rule.check(context);
    } catch (error) {
      // One broken rule must not hide the others: log it with the node it was looking at.
      internalErrors.push(toInternalError(rule.meta.id, error, sourceFile, context.currentNode));
    }
  }

  let findings: Finding[] = context.findings;
  try {
    const directives = findDirectives(sourceFile);
    findings = applyDirectives(
      findings,
      directives,
      (offset) => sourceFile.getLineAndCharacterOfPosition(offset).line,
      config.reportUnusedDisableDirectives,
      text,
    );
  } catch (error) {
    internalErrors.push(toInternalError('directives', error, sourceFile));
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  if (project) relateApplications(findings, context.facts.configs, sourceFile);
  try {
    dropFixesThatBreakSyntax(findings, sourceFile);
  } catch (error) {
    internalErrors.push(toInternalError('fixes', error, sourceFile));
  }

  let policies: AnalysisResult['policies'] = [];
  try {
    policies = buildPolicies(context, findings);
  } catch (error) {
    internalErrors.push(toInternalError('policies', error, sourceFile));
  }
  let checks: OriginCheckSummary[] = [];
  if (options.describeChecks) {
    try {
      checks = checkSummaries(context);
    } catch (error) {
      internalErrors.push(toInternalError('origin-checks', error, sourceFile));
    }
  }
  const dependencies = project ? [...project.dependencies].filter((f) => f !== fileName).sort() : [];
  return { findings, policies, internalErrors, skipped: false, ...(dependencies.length > 0 ? { dependencies } : {}), ...(checks.length > 0 ? { checks } : {}) };
}

/**
 * How much re-parsed text the fix check may cost per analysis: two re-parses of the file, at least
 * 100 KB (every fix of a small file) and at most 1 MB. Fixes past the budget on a broken file are
 * dropped (they come back once the file parses), so a half-written file with hundreds of findings
 * costs a bounded multiple of its own parse per keystroke.
 */
function fixCheckBudget(textLength: number): number {
  return Math.min(1_000_000, Math.max(100_000, 2 * textLength));
}

/**
 * Fixes are written for valid code. On half-written code (the usual state while typing) a fix can
 * land next to a syntax error and make it worse, so each fix is re-parsed and dropped when it adds
 * errors. Valid files skip this: their fixes are proven by the rule tests and the fuzzer.
 */
function dropFixesThatBreakSyntax(findings: Finding[], sourceFile: ts.SourceFile): void {
  const before = syntaxErrorCount(sourceFile);
  if (before === 0) return;
  const text = sourceFile.text;
  let budget = fixCheckBudget(text.length);
  for (const finding of findings) {
    if (finding.fixes.length === 0) continue;
    finding.fixes = finding.fixes.filter((fix) => {
      // Edits of another file leave this file's syntax alone.
      if (fix.edits.some((e) => e.file !== undefined)) return true;
      budget -= text.length;
      if (budget < 0) return false;
      const after = syntaxErrorCount(parseSource(applyEdits(text, fix.edits), sourceFile.fileName));
      return after <= before;
    });
  }
}

/** Platform configuration (vercel.json, serverless.yml…): its own parsers, the same rules and result. */
function analyzePlatformFileSafely(text: string, fileName: string, config: CorsLintConfig, host: ProjectHost | undefined): AnalysisResult {
  try {
    // With a project, the handlers behind the configuration are analysed too (cross-layer checks).
    return analyzePlatformFile(text, fileName, config, host && { host, analyzeCode: (code, file, codeConfig, codeHost) => analyzeFile(code, file, codeConfig, { host: codeHost }) });
  } catch (error) {
    return { findings: [], policies: [], internalErrors: [toInternalError('platform', error)], skipped: false };
  }
}

function toInternalError(ruleId: string, error: unknown, sourceFile?: ts.SourceFile, node?: ts.Node): InternalError {
  const err = error instanceof Error ? error : new Error(String(error));
  let line: number | undefined;
  if (sourceFile && node) {
    try {
      line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
    } catch {
      line = undefined;
    }
  }
  return { ruleId, message: err.message, line, stack: err.stack };
}
