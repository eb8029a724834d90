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
