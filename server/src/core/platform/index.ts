// Platform configuration files (DESIGN §13): which files are platform configuration, and their analysis.
// analyzeFile routes them here by name; the result has the same shape as for code, so the CLI, the
// audit, the language server and the report treat them alike.
import { applyDirectives, findHashDirectives } from '../directives';
import { mayContainCors } from '../prefilter';
import type { AnalysisResult, CorsLintConfig, Finding } from '../types';
import { PLATFORM_SYNTAX_ERROR_ID } from '../types';
import type { ProjectHost } from '../host';
import { PlatformChecker } from './checks';
import { checkActualResponseHeader, checkHandlerCredentials, checkIgnoredHandlerHeaders, checkVercelFunctionHeaders, HandlerLookup, type AnalyzeCode } from './cross-layer';
import { isTemplate, templateCors } from './cloudformation';
import { firebaseRules } from './firebase';
import type { PlatformFacts } from './model';
import { headersFileRules, netlifyTomlRules } from './netlify';
import { hashComments, parseTreeOf } from './parse';
import { platformPolicies } from './policies';
import { serverlessCors } from './serverless';
import type { ParsedTree, Syntax } from './tree';
import { vercelRules } from './vercel';

export type PlatformKind = 'vercel' | 'firebase' | 'netlify-toml' | 'headers' | 'serverless' | 'cloudformation';

/** The platform file a name is, by its base name, or undefined for any other file. */
export function platformKindOf(fileName: string): PlatformKind | undefined {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1).toLowerCase();
  if (base === 'vercel.json' || base === 'now.json') return 'vercel';
  if (base === 'firebase.json') return 'firebase';
  if (base === 'netlify.toml') return 'netlify-toml';
  if (base === '_headers') return 'headers';
  if (/^serverless\.ya?ml$/.test(base)) return 'serverless';
  // SAM's default template name, and the names CloudFormation templates usually get.
  if (/^(template|cloudformation)\.(ya?ml|json)$/.test(base) || /\.(template|cfn|sam)\.(ya?ml|json)$/.test(base)) return 'cloudformation';
  return undefined;
}

export function isPlatformConfigFile(fileName: string): boolean {
  return platformKindOf(fileName) !== undefined;
}

/**
 * How a cors-lint-disable comment starts in this file: `//` in code, `#` in YAML, TOML and `_headers`;
 * undefined for JSON, which has no comments (there the config's `rules` or `ignore` apply).
 */
export function directiveCommentOf(fileName: string): '//' | '#' | undefined {
  const kind = platformKindOf(fileName);
  if (!kind) return '//';
  return syntaxOf(kind, fileName) === 'json' ? undefined : '#';
}

function syntaxOf(kind: PlatformKind, fileName: string): Syntax {
  if (kind === 'headers') return 'headers';
  if (kind === 'netlify-toml') return 'toml';
  if (kind === 'serverless') return 'yaml';
  if (kind === 'cloudformation') return /\.json$/i.test(fileName) ? 'json' : 'yaml';
  return 'json';
}

const LABELS: Record<PlatformKind, string> = {
  vercel: 'vercel.json',
  firebase: 'firebase.json',
  'netlify-toml': 'netlify.toml',
  headers: '_headers',
  serverless: 'serverless.yml',
  cloudformation: 'template',
};

/**
 * Findings and policies of a platform configuration file. Never throws: a file that does not parse
 * gets one `platform-syntax-error` finding at the first error, and nothing else.
 */
export function analyzePlatformFile(text: string, fileName: string, config: CorsLintConfig, project?: { host: ProjectHost; analyzeCode: AnalyzeCode }): AnalysisResult {
  const kind = platformKindOf(fileName)!;
  const syntax = syntaxOf(kind, fileName);
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const label = kind === 'cloudformation' || kind === 'vercel' || kind === 'serverless' ? base : LABELS[kind];
  let facts: PlatformFacts;
  let tree: ParsedTree;
  if (syntax === 'headers') {
    const parsed = headersFileRules(text, 'cloudflare-pages');
    tree = { root: undefined, error: parsed.error, comments: hashComments(text) };
    facts = { syntax, label, rules: parsed.rules, cors: [] };
  } else {
    tree = parseTreeOf(text, syntax);
    facts = { syntax, label, rules: [], cors: [] };
    if (!tree.error) {
      if (kind === 'vercel') facts.rules = vercelRules(text, tree.root);
      else if (kind === 'firebase') facts.rules = firebaseRules(text, tree.root);
      else if (kind === 'netlify-toml') facts.rules = netlifyTomlRules(text, tree.root);
      else if (kind === 'serverless') facts.cors = serverlessCors(text, tree.root);
      else if (isTemplate(tree.root)) facts.cors = templateCors(text, tree.root);
    }
  }
  if (tree.error) {
    return { findings: [syntaxErrorFinding(label, tree.error)], policies: [], internalErrors: [], skipped: false };
  }
  if (facts.rules.length === 0 && facts.cors.length === 0) return { findings: [], policies: [], internalErrors: [], skipped: !mayContainCors(text) };
  const checker = new PlatformChecker(text, syntax, config);
  let findings = checker.check(facts);
  // Checks with the handler code behind the configuration, when the caller has a project.
  let dependencies: string[] = [];
  if (project) {
    const lookup = new HandlerLookup(fileName, config, project.host, project.analyzeCode);
    for (const cors of facts.cors) {
      checkHandlerCredentials(cors, lookup, checker);
      checkActualResponseHeader(cors, lookup, checker);
      checkIgnoredHandlerHeaders(cors, lookup, checker);
    }
    checkVercelFunctionHeaders(facts.rules, lookup, checker);
    dependencies = [...lookup.dependencies];
  }
  const lineOf = lineIndex(text);
  findings = applyDirectives(findings, findHashDirectives(text, tree.comments, lineOf), lineOf, config.reportUnusedDisableDirectives, text);
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  const result: AnalysisResult = { findings, policies: platformPolicies(facts, checker, findings), internalErrors: [], skipped: false };
  if (dependencies.length > 0) result.dependencies = dependencies;
  return result;
}

function syntaxErrorFinding(label: string, error: NonNullable<ParsedTree['error']>): Finding {
  return {
    ruleId: PLATFORM_SYNTAX_ERROR_ID,
    severity: 'error',
    start: error.start,
    end: error.end,
    message: `${label} does not parse (${error.message}), so the platform cannot use it and cors-lint cannot check its CORS settings. Fix the syntax.`,
    related: [],
    fixes: [],
  };
}

/** 0-based line of an offset, by binary search over the line starts. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
}
