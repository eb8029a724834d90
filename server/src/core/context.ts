// What a rule sees: the file, its facts, the config, and `report`. Severity overrides from the config
// are applied here so rules only state their default (which may depend on credentials).
import ts from 'typescript';
import type { FactsBundle } from './facts';
import type { ProjectHost } from './host';
import { qualifyByCondition } from './conditions';
import { ProjectScope, placeInFile, relatedLocation } from './modules';
import { FixBuilder } from './fixers';
import type { RuleMeta } from './rules/rule';
import type { CorsLintConfig, Finding, Fix, RelatedLocation, RuleSetting, Severity } from './types';

export interface ReportDescriptor {
  node: ts.Node;
  message: string;
  /** Defaults to the rule's default severity. */
  severity?: Severity;
  /**
   * The severity was chosen by one of the rule's own options (`"subdomains": "warning"`): it wins over
   * the severity configured for the rule as a whole.
   */
  severityFromOptions?: boolean;
  related?: { node: ts.Node; message: string }[];
  fixes?: (Fix | undefined)[];
}

export class RuleContext {
  readonly findings: Finding[] = [];
  /** The node the current rule is looking at, for internal-error reports. */
  currentNode: ts.Node | undefined;
  private meta: RuleMeta | undefined;
  private setting: RuleSetting | undefined;
  private readonly reported = new Set<string>();
  /** Edit builders for fixes, sharing the file's quote and indentation style. */
  readonly fixer: FixBuilder = new FixBuilder(this);

  constructor(
    readonly sourceFile: ts.SourceFile,
    readonly facts: FactsBundle,
    readonly config: CorsLintConfig,
    /** The project around the file, when the caller has one (see host.ts). */
    readonly host?: ProjectHost,
    /** The modules this analysis reached (see modules.ts): findings about values written there are placed here. */
    readonly project?: ProjectScope,
  ) {}

  get text(): string {
    return this.sourceFile.text;
  }

  beginRule(meta: RuleMeta, setting: RuleSetting | undefined): void {
    this.meta = meta;
    this.setting = setting;
    this.currentNode = undefined;
  }

  /** Marks the node being examined, so an exception can be located. Returns the node. */
  at<T extends ts.Node>(node: T): T {
    this.currentNode = node;
    return node;
  }

  report(descriptor: ReportDescriptor): void {
    if (!this.meta) throw new Error('report() outside a rule');
    // A policy that holds only in development, when an env variable is unset…, says so (conditions.ts).
    descriptor = qualifyByCondition(descriptor, this.facts.evaluator, this.setting !== undefined && this.setting !== 'off');
    // A value written in another module: shown where this file uses it, pointing at where it is written.
    if (this.project) descriptor = placeInFile(this.project, descriptor);
    if (!descriptor.node) return;
    const start = descriptor.node.getStart(this.sourceFile);
    const end = descriptor.node.end;
    // One finding per rule and range: several facts can lead to the same node.
    const key = `${this.meta.id}:${start}:${end}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const severity: Severity = descriptor.severityFromOptions && descriptor.severity ? descriptor.severity
      : this.setting && this.setting !== 'off' ? this.setting : descriptor.severity ?? this.meta.defaultSeverity;
    const related: RelatedLocation[] = (descriptor.related ?? [])
      .filter((r) => r.node !== descriptor.node)
      .map((r) => relatedLocation(r, this.sourceFile));
    this.findings.push({
      ruleId: this.meta.id,
      severity,
      start,
      end,
      message: descriptor.message,
      related,
      fixes: (descriptor.fixes ?? []).filter((f): f is Fix => f !== undefined && f.edits.length > 0),
    });
  }

  /** True when any response or middleware in the file allows credentials (severity of file-level checks). */
  get fileAllowsCredentials(): boolean {
    return this.facts.writes.some((w) => w.name === 'access-control-allow-credentials' && w.value.variants.some((v) => (v.kind === 'literal' && v.text === 'true') || (v.kind === 'boolean' && v.value)))
      || this.facts.configs.some((c) => c.credentials === true);
  }

  line(node: ts.Node): number {
    return this.sourceFile.getLineAndCharacterOfPosition(node.getStart(this.sourceFile)).line + 1;
  }
}
