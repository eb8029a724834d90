// Checks across the platform file and the handler code behind it (DESIGN §13), through the project host:
// a Serverless Framework REST event whose `cors` answers preflights with '*' while its Lambda-proxy
// handler allows credentials. API Gateway answers the preflight from serverless.yml (a mock integration)
// and the actual response from the handler, so a credentialed request that needs a preflight fails:
// the preflight says '*' without credentials. https://www.serverless.com/framework/docs/providers/aws/events/apigateway#enabling-cors
// Without a host, or when the handler's file or export cannot be found, nothing is reported.
import ts from 'typescript';
import type { ProjectHost } from '../host';
import type { AnalysisResult, CorsLintConfig, Policy } from '../types';
import type { PlatformChecker } from './checks';
import type { PlatformCors } from './model';

/** Analyses a code file (analyzeFile for code, passed in so this module does not import analyze.ts). */
export type AnalyzeCode = (text: string, fileName: string, config: CorsLintConfig, host: ProjectHost) => AnalysisResult;

export interface HandlerCode {
  file: string;
  text: string;
  /** The exported function's range in `text`. */
  range: { start: number; end: number };
  policies: Policy[];
}

/**
 * The handler `src/items.update` of a serverless.yml: the module `src/items` (any source extension the
 * host resolves) next to the config file, its export `update`, and the analysis of that module.
 */
export function findHandler(handler: string, configFile: string, config: CorsLintConfig, host: ProjectHost, analyzeCode: AnalyzeCode): HandlerCode | undefined {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const modulePath = handler.slice(0, dot).replace(/^\.\//, '');
  const exportName = handler.slice(dot + 1);
  const file = host.resolveModule(`./${modulePath}`, configFile);
  const text = file ? host.readFile(file) : undefined;
  if (!file || text === undefined) return undefined;
  const range = exportedFunctionRange(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true), exportName);
  if (!range) return undefined;
  return { file, text, range, policies: analyzeCode(text, file, config, host).policies };
}

/** `exports.x = …`, `module.exports.x = …`, `export function x`, `export const x = …`: the function's range. */
function exportedFunctionRange(sourceFile: ts.SourceFile, name: string): { start: number; end: number } | undefined {
  const rangeOf = (node: ts.Node) => ({ start: node.getStart(sourceFile), end: node.end });
  for (const statement of sourceFile.statements) {
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exported && ts.isFunctionDeclaration(statement) && statement.name?.text === name) return rangeOf(statement);
    if (exported && ts.isVariableStatement(statement)) {
      const declaration = statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name);
      if (declaration?.initializer) return rangeOf(declaration.initializer);
    }
    if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = statement.expression.left.getText(sourceFile).replace(/\s/g, '');
      if (target === `exports.${name}` || target === `module.exports.${name}`) return rangeOf(statement.expression.right);
    }
  }
  return undefined;
}

/** The cross-layer findings for one CORS setting; the handler's file is returned as a dependency. */
export function checkHandlerCredentials(cors: PlatformCors, configFile: string, config: CorsLintConfig, host: ProjectHost, analyzeCode: AnalyzeCode, checker: PlatformChecker): string | undefined {
  if (cors.library !== 'Serverless http event cors' || !cors.handler || cors.origin !== 'any' || cors.credentials === true) return undefined;
  const code = findHandler(cors.handler, configFile, config, host, analyzeCode);
  if (!code) return undefined;
  const credentialed = code.policies.find((p) => p.credentials === true && p.start >= code.range.start && p.end <= code.range.end);
  if (credentialed) {
    const range = cors.entries.find((e) => e.text?.trim() === '*') ?? cors.originRange;
    // As in code, '*' with credentials is wildcard-with-credentials rather than permissive-wildcard.
    checker.withdraw('permissive-wildcard', range);
    checker.report({
      ruleId: 'wildcard-with-credentials',
      start: range.start,
      end: range.end,
      message: `${cors.library} answers preflight requests with Access-Control-Allow-Origin '*' and no credentials, but the handler ${cors.handler} allows credentials: browsers reject every credentialed request that needs a preflight. List the allowed origins and set allowCredentials: true.`,
      related: [{ file: code.file, start: credentialed.start, end: credentialed.end, message: 'The handler allows credentials here.' }],
    });
  }
  return code.file;
}
