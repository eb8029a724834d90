// The engine's public surface. Adapters (LSP server, CLI, tests) import from here only.
export * from './types';
export { analyzeFile } from './analyze';
export type { AnalyzeOptions } from './analyze';
export type { ProjectHost, EnvValue, PackageVersion } from './host';
export { parseConfig, defaultConfig, applyRuleOverrides, isIgnored, globToRegExp, isRuleId, isRuleSetting, CONFIG_FILE_NAME } from './config';
export { UNUSED_DIRECTIVE_META } from './directives';
export type { ConfigResult } from './config';
export { RULES } from './rules';
export type { Rule, RuleMeta } from './rules';
export { applyEdits, safeFixEdits } from './fix';
export { fixAll, wholeTextEdit, MAX_FIX_PASSES } from './fix-all';
export type { FixAllOptions, FixAllResult } from './fix-all';
export { mayContainCors, isAnalyzableFile, ANALYZABLE_EXTENSIONS } from './prefilter';
export { analyzePlatformFile, directiveCommentOf, isPlatformConfigFile, platformKindOf } from './platform';
export { ruleDocsUrl, DOCS_BASE_URL } from './docs';
export { describePolicy, describeOriginGrant } from './describe';
export { parseSource, reparseIncrementally, syntaxErrorCount, scriptKindFor } from './parse';
export { judgeOriginCheckAt, attackOrigins, trustedHostsIn, isTrustedOrSubdomain, SHARED_HOSTING, ATTACK_CLASSES } from './origin-checks';
