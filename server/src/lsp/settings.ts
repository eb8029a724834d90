// `corsLint.*` settings: pulled per resource with workspace/configuration, cached per document,
// dropped on didChangeConfiguration. Values come from user JSON and are validated (normalizeSettings)
// with a fallback to the default rather than trusting the client.
import { Finding, globToRegExp, Severity } from '../core';
import { CorsLintSettings, CustomizationSeverity, normalizeSettings, RuleCustomization, SETTINGS_SECTION } from './protocol';

export interface SettingsSource {
  /** True when the client answers workspace/configuration. */
  readonly pullsConfiguration: boolean;
  fetch(uri: string, section: string): Promise<unknown>;
}

export class SettingsCache {
  private readonly perDocument = new Map<string, Promise<CorsLintSettings>>();
  /** Settings pushed with didChangeConfiguration, for clients without workspace/configuration. */
  private pushed: CorsLintSettings = normalizeSettings(undefined);

  constructor(private readonly source: SettingsSource) {}

  get(uri: string): Promise<CorsLintSettings> {
    if (!this.source.pullsConfiguration) return Promise.resolve(this.pushed);
    let settings = this.perDocument.get(uri);
    if (!settings) {
      // A client that fails the request still gets an analysis, with default settings.
      settings = this.source.fetch(uri, SETTINGS_SECTION).then(normalizeSettings, () => normalizeSettings(undefined));
      this.perDocument.set(uri, settings);
    }
    return settings;
  }

  forget(uri: string): void {
    this.perDocument.delete(uri);
  }

  /** didChangeConfiguration: drop everything; `settings` is the notification's payload, if any. */
  reset(settings: unknown): void {
    this.perDocument.clear();
    if (typeof settings === 'object' && settings !== null && SETTINGS_SECTION in settings) {
      this.pushed = normalizeSettings((settings as Record<string, unknown>)[SETTINGS_SECTION]);
    }
  }
}

const SEVERITY_ORDER: readonly Severity[] = ['info', 'warning', 'error'];

/**
 * Applies `corsLint.rules.customizations` on top of the findings (which already reflect the config
 * file). Entries are read in order and the last one whose rule pattern matches wins, so a specific
 * entry after `*` refines it. `off` drops the finding; `default` keeps the config file's severity.
 * Generic so the audit applies it to the findings of unopened files too (located by the CLI's lintFile).
 */
export function applyCustomizations<F extends Pick<Finding, 'ruleId' | 'severity'>>(findings: F[], customizations: readonly RuleCustomization[]): F[] {
  if (customizations.length === 0) return findings;
  const matchers = customizations.map((c) => ({ test: ruleMatcher(c.rule), severity: c.severity }));
  const out: F[] = [];
  for (const finding of findings) {
    let override: CustomizationSeverity = 'default';
    for (const matcher of matchers) if (matcher.test(finding.ruleId)) override = matcher.severity;
    if (override === 'off') continue;
    const severity = customizedSeverity(finding.severity, override);
    out.push(severity === finding.severity ? finding : { ...finding, severity });
  }
  return out;
}

function customizedSeverity(severity: Severity, override: Exclude<CustomizationSeverity, 'off'>): Severity {
  const index = SEVERITY_ORDER.indexOf(severity);
  switch (override) {
    case 'default':
      return severity;
    case 'downgrade':
      return SEVERITY_ORDER[Math.max(0, index - 1)];
    case 'upgrade':
      return SEVERITY_ORDER[Math.min(SEVERITY_ORDER.length - 1, index + 1)];
    default:
      return override;
  }
}

function ruleMatcher(pattern: string): (ruleId: string) => boolean {
  const trimmed = pattern.trim();
  if (!/[*?{]/.test(trimmed)) return (ruleId) => ruleId === trimmed;
  // Rule ids contain no '/', so the config's path globs give the expected `*` semantics.
  const regExp = globToRegExp(trimmed);
  return (ruleId) => regExp.test(ruleId);
}
