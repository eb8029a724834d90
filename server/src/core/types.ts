// The engine's public data shapes. Everything the LSP server, the CLI and the audit report see
// comes through these types; offsets are UTF-16 code unit offsets into the analysed text, like LSP.

export type Severity = 'error' | 'warning' | 'info';
export type RuleSetting = Severity | 'off';

export const RULE_IDS = [
  'duplicate-origin-header',
  'insecure-origin',
  'invalid-origin',
  'missing-preflight',
  'missing-vary-origin',
  'multiple-origins',
  'null-origin',
  'permissive-wildcard',
  'reflected-origin',
  'weak-origin-check',
  'wildcard-with-credentials',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Findings about the suppression comments themselves (not a rule: cannot be disabled by a directive). */
export const UNUSED_DIRECTIVE_ID = 'unused-disable-directive';
/** A platform configuration file (vercel.json, serverless.yml…) that does not parse: one finding at the first error. */
export const PLATFORM_SYNTAX_ERROR_ID = 'platform-syntax-error';
export type FindingId = RuleId | typeof UNUSED_DIRECTIVE_ID | typeof PLATFORM_SYNTAX_ERROR_ID;

export interface TextRange {
  start: number;
  end: number;
}

export interface TextEdit extends TextRange {
  newText: string;
  /** The file this edit applies to, when it is not the analysed file (a fix that edits where a value is written). */
  file?: string;
}

/**
 * safe: behaviour-preserving (or only repairing something the browser already rejects);
 * applied by fix-all and `--fix`. suggestion: changes who is allowed; the user picks it.
 */
export type FixKind = 'safe' | 'suggestion';

export interface Fix {
  title: string;
  kind: FixKind;
  edits: TextEdit[];
}

export interface RelatedLocation extends TextRange {
  message: string;
  /** The file of this location, when it is not the analysed file (offsets are into that file's text). */
  file?: string;
}

export interface Finding extends TextRange {
  ruleId: FindingId;
  severity: Severity;
  message: string;
  related: RelatedLocation[];
  fixes: Fix[];
}

/** Who a policy lets read responses cross-origin. */
export type OriginGrant =
  | { kind: 'any' } // `*`
  | { kind: 'reflected' } // any origin, echoed back
  // echoed back after a check an attacker passes; `bypass`: an origin the check accepts (computed) and its class
  | { kind: 'weakly-checked'; detail: string; bypass?: { origin: string; attack: string } }
  // fixed origins (includes checked reflection against a list); `proven`: the check was evaluated and accepts
  // exactly these; `subdomainsOf`: it accepts any subdomain of this domain (and nothing an attacker can register)
  | { kind: 'list'; origins: string[]; proven?: boolean; subdomainsOf?: string }
  | { kind: 'null' }
  | { kind: 'disabled' }
  | { kind: 'unknown'; detail?: string };

/** One place in the code that grants cross-origin access: a header write group or a middleware config. */
export interface Policy extends TextRange {
  /** 'header' for hand-written headers, 'middleware' for a CORS library/option object. */
  source: 'header' | 'middleware';
  /** Framework or library, e.g. 'express', 'node:http', 'fetch', 'cors', '@fastify/cors'. */
  framework: string;
  /** Route or handler description when known, e.g. 'PUT /items/:id' or 'export function GET'. */
  route?: string;
  origins: OriginGrant;
  credentials: boolean | 'unknown';
  /** Allowed methods ('*' = any) or undefined when not stated (library default / not answered). */
  methods?: string[];
  /** Allowed request headers, or undefined when not stated / reflected by the library. */
  allowedHeaders?: string[];
  preflight: 'answered' | 'missing' | 'not-needed' | 'unknown';
  vary: boolean | 'not-needed';
  /** Rule ids of findings located inside this policy's range. */
  findings: RuleId[];
  /**
   * Where its parts come from, when not written in place: `origin ← allowedOrigins (src/config/cors.ts:3)
   * ← ALLOWED_ORIGINS (.env.production)`, the app middleware that answers its preflights, where exported
   * options are applied. Absent when everything is written at the policy.
   */
  provenance?: string[];
  /**
   * True for a header write that a later write of the same header replaces on every path (so no
   * response carries this value); absent otherwise. Removing such a write changes no policy.
   */
  overwritten?: true;
  /** Library defaults the policy relies on, e.g. "credentials: true — GraphQL Yoga default". */
  defaults?: string[];
}

/**
 * An origin check written here and applied in other modules (an exported `isAllowedOrigin`), with what it
 * accepts as applied there: the hover's answer where the module grants no policy of its own.
 */
export interface OriginCheckSummary extends TextRange {
  /** "exactly https://a.com and https://b.com", "also https://evilexample.com — suffix match", one per distinct use */
  accepts: string[];
  /** Where it is applied: "src/app.js:5 (cors)" */
  appliedIn: string[];
}

/** A rule that threw: the other rules' findings still come back. */
export interface InternalError {
  ruleId: string;
  message: string;
  /** 1-based line of the node being analysed when the error happened, when known. */
  line?: number;
  stack?: string;
}

export interface AnalysisResult {
  findings: Finding[];
  policies: Policy[];
  internalErrors: InternalError[];
  /** True when the cheap text prefilter decided the file cannot contain CORS code. */
  skipped: boolean;
  /**
   * Other files the analysis read through the host (modules, `.env*`, package manifests and lockfiles):
   * when one of them changes, this result is stale. Absent or empty when the file stood alone.
   */
  dependencies?: string[];
  /** Origin checks exported here and applied elsewhere (project model only); absent when there are none. */
  checks?: OriginCheckSummary[];
}

export interface CorsLintConfig {
  /** Per-rule severity override or 'off'. Absent = the rule's default (which may depend on credentials). */
  rules: Partial<Record<RuleId, RuleSetting>>;
  /** Trusted origins: used by fixes and to accept checks against them. */
  allowedOrigins: string[];
  /** Glob patterns (relative to the config file's folder) of files not to analyse. */
  ignore: string[];
  reportUnusedDisableDirectives: RuleSetting;
  /** Options of the rules that take some (`"weak-origin-check": ["warning", { "subdomains": "info" }]`); absent = defaults. */
  ruleOptions?: RuleOptions;
}

/** The options each rule takes (config.ts RULE_OPTIONS validates them). */
export interface RuleOptions {
  'weak-origin-check'?: {
    /** The severity of a check that accepts any subdomain of the trusted domain; 'off' reports none. Absent: info (or the rule's configured severity). */
    subdomains?: RuleSetting;
  };
}

export interface ConfigProblem {
  message: string;
  /** JSON path of the offending key, e.g. 'rules.null-origin'. */
  key?: string;
  /** 0-based offset into the config text, when known. */
  offset?: number;
}
