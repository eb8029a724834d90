// Names, shapes and settings validation shared by the language server and the VS Code client. The
// client may import this module (and only this one) from the server, so it imports nothing.

/** The settings section pulled with `workspace/configuration` (`corsLint.*`). */
export const SETTINGS_SECTION = 'corsLint';

/** Command a "Show documentation" code action runs, with the rule id as its only argument. */
export const SHOW_RULE_DOCUMENTATION_COMMAND = 'corsLint.showRuleDocumentation';

/** Code action kind of "apply every safe fix in the file" (editor.codeActionsOnSave). */
export const FIX_ALL_KIND = 'source.fixAll.corsLint';

/** `source` of every diagnostic the server reports. */
export const DIAGNOSTIC_SOURCE = 'cors-lint';

export const DEFAULT_MAX_FILE_SIZE = 2_000_000;

/**
 * The platform configuration files the engine reads (core/platform platformKindOf, by base name), as
 * one glob for the client's document selector and the server's file watcher. A test keeps them equal.
 */
export const PLATFORM_FILES_GLOB =
  '**/{vercel.json,now.json,firebase.json,netlify.toml,_headers,serverless.yml,serverless.yaml,template.yaml,template.yml,template.json,cloudformation.yaml,cloudformation.yml,cloudformation.json,*.template.yaml,*.template.yml,*.template.json,*.cfn.yaml,*.cfn.yml,*.cfn.json,*.sam.yaml,*.sam.yml,*.sam.json}';

export type RunMode = 'onType' | 'onSave';

export type CustomizationSeverity = 'off' | 'info' | 'warning' | 'error' | 'downgrade' | 'upgrade' | 'default';

/** One entry of `corsLint.rules.customizations`: `rule` is a rule id or a glob such as `missing-*` or `*`. */
export interface RuleCustomization {
  rule: string;
  severity: CustomizationSeverity;
}

/** `corsLint.*` as the server reads it (the VS Code client sends exactly this shape). */
export interface CorsLintSettings {
  enable: boolean;
  run: RunMode;
  rules: { customizations: RuleCustomization[] };
  maxFileSize: number;
}

/** The defaults; package.json's `contributes.configuration` states the same values for VS Code. */
export const DEFAULT_SETTINGS: Readonly<Omit<CorsLintSettings, 'rules'>> = {
  enable: true,
  run: 'onType',
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
};

/** `initializationOptions` a client may send. */
export interface InitializationOptions {
  /**
   * Commands the client implements itself. The server does not advertise these in
   * `executeCommandProvider`: vscode-languageclient registers every advertised command, which would
   * clash with the extension's own registration.
   */
  clientCommands?: string[];
}

const CUSTOMIZATION_SEVERITIES: readonly CustomizationSeverity[] = ['off', 'info', 'warning', 'error', 'downgrade', 'upgrade', 'default'];

/** `corsLint.*` from user JSON, each value checked and defaulted. */
export function normalizeSettings(raw: unknown): CorsLintSettings {
  const value = isObject(raw) ? raw : {};
  const rules = isObject(value.rules) ? value.rules : {};
  const customizations = Array.isArray(rules.customizations) ? rules.customizations.filter(isCustomization) : [];
  const maxFileSize = value.maxFileSize;
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    run: value.run === 'onSave' || value.run === 'onType' ? value.run : DEFAULT_SETTINGS.run,
    rules: { customizations: customizations.map((c) => ({ rule: c.rule, severity: c.severity })) },
    maxFileSize: typeof maxFileSize === 'number' && Number.isFinite(maxFileSize) && maxFileSize >= 0 ? maxFileSize : DEFAULT_SETTINGS.maxFileSize,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCustomization(value: unknown): value is RuleCustomization {
  return (
    isObject(value) &&
    typeof value.rule === 'string' &&
    typeof value.severity === 'string' &&
    (CUSTOMIZATION_SEVERITIES as readonly string[]).includes(value.severity)
  );
}

// ---------------------------------------------------------------------------------------------
// Workspace audit (DESIGN §1): every JS/TS file of every workspace folder, not only open documents.

/** Command that runs the audit; the server implements it for clients other than VS Code. */
export const AUDIT_WORKSPACE_COMMAND = 'corsLint.auditWorkspace';

/** Client-only command: the report view of the last audit. */
export const SHOW_AUDIT_REPORT_COMMAND = 'corsLint.showAuditReport';

/**
 * Request `corsLint/audit` (params AuditParams, result AuditResult): runs the audit with `$/progress`
 * (on the client's workDoneToken, else on a server-created token) and answers when it ends or is
 * cancelled. A second request supersedes (cancels) a running audit.
 */
export const AUDIT_REQUEST = 'corsLint/audit';

/** Request `corsLint/auditReport` (params AuditReportParams, result AuditReportResult or null before any audit). */
export const AUDIT_REPORT_REQUEST = 'corsLint/auditReport';

export interface AuditParams {
  workDoneToken?: string | number;
}

export interface AuditResult {
  /** Stopped by the user (or superseded by a newer audit) before every file was analysed. */
  cancelled: boolean;
  /** Files found in the workspace folders (after files.exclude, .gitignore and the config's ignore). */
  filesTotal: number;
  /** Files analysed by this run. */
  filesScanned: number;
  /** Findings in the files this run analysed, by severity. */
  findings: { error: number; warning: number; info: number };
  /** CORS policies (places that grant cross-origin access) in those files. */
  policies: number;
  /** Files not analysed: too large, binary or unreadable. */
  skippedFiles: number;
  durationMs: number;
  /** Why the audit could not run or stopped early (e.g. no workspace folder); absent when it ran. */
  error?: string;
}

/** `html` is the report page for a VS Code webview; the others are the export files. */
export type AuditReportFormat = 'html' | 'json' | 'markdown' | 'sarif';

export const AUDIT_REPORT_FORMATS: readonly AuditReportFormat[] = ['html', 'json', 'markdown', 'sarif'];

export interface AuditReportParams {
  format: AuditReportFormat;
  /** html: the webview's `cspSource`, allowed by the page's Content-Security-Policy. */
  cspSource?: string;
}

export interface AuditReportResult {
  /** Paths in the report are relative to this folder (absolute). */
  root: string;
  /** ISO 8601 time of the audit the report shows. */
  generatedAt: string;
  content: string;
}
