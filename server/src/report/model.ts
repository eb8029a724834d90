// The workspace audit as data: what the HTML and Markdown renderers (and a JSON export) read.
// Offsets from the engine become 1-based lines and UTF-16 columns here, once, so renderers only print.
// Pure like the core: no fs, imports only ../core; it reads the clock only when the caller passes no
// generatedAt.
import type { AnalysisResult, Finding, FindingId, OriginGrant, Policy, Severity } from '../core';

export interface AuditPosition {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units (what VS Code and the LSP count). */
  column: number;
}

export interface AuditRange extends AuditPosition {
  endLine: number;
  /** Exclusive end column, 1-based. */
  endColumn: number;
}

export interface AuditFinding extends AuditRange {
  ruleId: FindingId;
  severity: Severity;
  message: string;
}

/** A finding that lies inside a policy's range, with its severity (Policy.findings only has rule ids). */
export interface AuditPolicyProblem {
  ruleId: FindingId;
  severity: Severity;
}

export interface AuditPolicy extends Policy, AuditRange {
  problems: AuditPolicyProblem[];
}

export interface AuditFile {
  /** Relative to the report root, '/'-separated. */
  path: string;
  findings: AuditFinding[];
  policies: AuditPolicy[];
}

export interface AuditReport {
  /** The scanned folder as the caller named it (absolute in the editor and the CLI). */
  root: string;
  /** ISO 8601. */
  generatedAt: string;
  durationMs: number;
  /** Every file analysed, including those without findings or policies (which `files` leaves out). */
  filesScanned: number;
  /** Files with at least one finding or policy, sorted by path. */
  files: AuditFile[];
}

export interface AuditEntry {
  /** Absolute, or relative to the root; either separator. */
  path: string;
  /** The text that was analysed: offsets in `result` index into it. */
  text: string;
  result: Pick<AnalysisResult, 'findings' | 'policies'>;
}

export interface BuildAuditReportOptions {
  /** Defaults to now; tests pass a fixed time. */
  generatedAt?: Date | string;
}

/**
 * Report from the engine's results and the texts they were computed on: offsets become 1-based
 * lines and UTF-16 columns. The editor's audit, which has the texts, calls this.
 */
export function buildAuditReport(root: string, entries: readonly AuditEntry[], durationMs: number, options: BuildAuditReportOptions = {}): AuditReport {
  const located = entries.map((entry): LocatedFile => {
    const { findings, policies } = entry.result;
    if (findings.length === 0 && policies.length === 0) return { path: entry.path, findings: [], policies: [] };
    const lines = new LineIndex(entry.text);
    const range = (start: number, end: number): AuditRange => {
      const from = lines.position(start);
      const to = lines.position(end);
      return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
    };
    return {
      path: entry.path,
      findings: findings.map((f) => ({ ...f, ...range(f.start, f.end) })),
      policies: policies.map((p) => ({ ...p, ...range(p.start, p.end) })),
    };
  });
  return auditReportFromLocated(root, located, entries.length, durationMs, options);
}

/** A finding or policy whose lines and columns are already known (the CLI computes them per file). */
export type LocatedFinding = Pick<Finding, 'ruleId' | 'severity' | 'message' | 'start' | 'end'> & AuditRange;
export type LocatedPolicy = Policy & AuditRange;

export interface LocatedFile {
  /** Absolute, or relative to the root; either separator. */
  path: string;
  findings: readonly LocatedFinding[];
  policies: readonly LocatedPolicy[];
}

/**
 * Report from results that already carry positions, e.g. the CLI's FileReport[] (extra fields are
 * dropped). `filesScanned` counts every analysed file, also those not in `files`.
 */
export function auditReportFromLocated(
  root: string,
  located: readonly LocatedFile[],
  filesScanned: number,
  durationMs: number,
  options: BuildAuditReportOptions = {},
): AuditReport {
  const files: AuditFile[] = [];
  for (const file of located) {
    const { findings, policies } = file;
    if (findings.length === 0 && policies.length === 0) continue;
    files.push({
      path: relativePath(root, file.path),
      findings: findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, ...rangeOf(f) })),
      policies: policies.map((p) => ({
        ...copyPolicy(p),
        ...rangeOf(p),
        // The same containment test the engine uses to fill Policy.findings, so the two agree.
        problems: findings
          .filter((f) => f.start >= p.start && f.end <= p.end && f.ruleId !== 'unused-disable-directive')
          .map((f) => ({ ruleId: f.ruleId, severity: f.severity })),
      })),
    });
  }
  // Code-unit order, not locale order: the same report on every machine.
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const generatedAt = options.generatedAt === undefined ? new Date().toISOString() : typeof options.generatedAt === 'string' ? options.generatedAt : options.generatedAt.toISOString();
  return { root, generatedAt, durationMs, filesScanned, files };
}

function rangeOf(r: AuditRange): AuditRange {
  return { line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

/** A deep-enough copy so a report never aliases the engine's (possibly cached) results. */
function copyPolicy(p: Policy): Policy {
  const origins: OriginGrant = p.origins.kind === 'list' ? { ...p.origins, origins: [...p.origins.origins] } : { ...p.origins };
  const copy: Policy = {
    start: p.start,
    end: p.end,
    source: p.source,
    framework: p.framework,
    origins,
    credentials: p.credentials,
    preflight: p.preflight,
    vary: p.vary,
    findings: [...p.findings],
  };
  if (p.route !== undefined) copy.route = p.route;
  if (p.methods !== undefined) copy.methods = [...p.methods];
  if (p.allowedHeaders !== undefined) copy.allowedHeaders = [...p.allowedHeaders];
  if (p.provenance !== undefined) copy.provenance = [...p.provenance];
  return copy;
}

/** `path` relative to `root`, '/'-separated. Paths outside the root stay as given (with '/'). */
export function relativePath(root: string, path: string): string {
  const p = path.replace(/\\/g, '/');
  const r = root.replace(/\\/g, '/').replace(/\/+$/, '');
  if (r !== '' && p.startsWith(`${r}/`)) return p.slice(r.length + 1);
  return p.replace(/^\.\//, '');
}

/**
 * Line starts of a text. Line breaks are \n, \r\n and \r only, like the LSP and VS Code (not
 * U+2028/U+2029), so report positions match what the editor shows and what the CLI prints.
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  private readonly length: number;

  constructor(text: string) {
    this.length = text.length;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        this.starts.push(i + 1);
      }
    }
  }

  /** 1-based line and column (UTF-16 code units) of an offset, clamped to the text. */
  position(offset: number): AuditPosition {
    const at = Math.max(0, Math.min(Number.isFinite(offset) ? Math.floor(offset) : 0, this.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: at - this.starts[low] + 1 };
  }
}

// ---------------------------------------------------------------------------------------------
// Risk: which policies the inventory makes stand out.

export type RiskReason = 'reflected' | 'weakly-checked' | 'null-origin' | 'any-with-credentials' | 'error-finding';

const RISK_LABELS: Record<RiskReason, string> = {
  reflected: 'reflects any origin',
  'weakly-checked': 'weak origin check',
  'null-origin': 'allows the null origin',
  'any-with-credentials': 'any origin with credentials',
  'error-finding': 'has error findings',
};

/**
 * Why a policy is risky, empty when it is not. Risky = another site can read responses it should not
 * (reflection, a check an attacker passes, `null` which any sandboxed iframe sends, `*` with
 * credentials) or the engine reported an error inside it.
 */
export function policyRisks(policy: AuditPolicy): RiskReason[] {
  const reasons: RiskReason[] = [];
  const { origins } = policy;
  if (origins.kind === 'reflected') reasons.push('reflected');
  if (origins.kind === 'weakly-checked') reasons.push('weakly-checked');
  if (origins.kind === 'null' || (origins.kind === 'list' && origins.origins.some((o) => o.trim().toLowerCase() === 'null'))) reasons.push('null-origin');
  if (origins.kind === 'any' && policy.credentials === true) reasons.push('any-with-credentials');
  if (policy.problems.some((p) => p.severity === 'error')) reasons.push('error-finding');
  return reasons;
}

export function riskLabel(reason: RiskReason): string {
  return RISK_LABELS[reason];
}

/** Short inventory labels, the table-cell cousin of describeOriginGrant's sentences. */
export function originKindLabel(origins: OriginGrant): string {
  switch (origins.kind) {
    case 'any':
      return 'any (*)';
    case 'reflected':
      return 'reflected (any origin)';
    case 'weakly-checked':
      return origins.bypass ? `weakly checked (bypass: ${origins.bypass.origin})` : 'weakly checked';
    case 'list':
      if (origins.subdomainsOf) return `any subdomain of ${origins.subdomainsOf}`;
      if (origins.proven) return origins.origins.length === 1 ? 'proven list (1 origin)' : `proven list (${origins.origins.length} origins)`;
      return origins.origins.length === 0 ? 'checked list' : origins.origins.length === 1 ? '1 origin' : `${origins.origins.length} origins`;
    case 'null':
      return 'null';
    case 'disabled':
      return 'disabled';
    case 'unknown':
      return 'unknown';
  }
}

/** The detail that goes with originKindLabel: the origins of a list, the weakness, why unknown. */
export function originDetail(origins: OriginGrant): string[] {
  switch (origins.kind) {
    case 'list':
      return origins.origins;
    case 'weakly-checked':
      return [origins.detail];
    case 'unknown':
      return origins.detail ? [origins.detail] : [];
    default:
      return [];
  }
}

export function credentialsLabel(credentials: Policy['credentials']): string {
  return credentials === 'unknown' ? 'unknown' : credentials ? 'yes' : 'no';
}

export function preflightLabel(preflight: Policy['preflight']): string {
  return { answered: 'answered', missing: 'missing', 'not-needed': 'not needed', unknown: 'unknown' }[preflight];
}

export function varyLabel(vary: Policy['vary']): string {
  return vary === 'not-needed' ? 'not needed' : vary ? 'sent' : 'missing';
}

/** Methods/headers cell: 'default' when not stated (the browser's simple set, or the library default). */
export function listLabel(list: string[] | undefined): string {
  return list === undefined || list.length === 0 ? 'default' : list.join(', ');
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'unknown';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

// ---------------------------------------------------------------------------------------------
// Summary

export interface RuleCount {
  ruleId: FindingId;
  error: number;
  warning: number;
  info: number;
  total: number;
}

export interface AuditSummary {
  filesScanned: number;
  filesWithFindings: number;
  findings: Record<Severity, number> & { total: number };
  /** Rules with at least one finding, most findings first, then by id. */
  byRule: RuleCount[];
  policies: {
    total: number;
    risky: number;
    byOriginKind: Record<OriginGrant['kind'], number>;
  };
}

export function summarize(report: AuditReport): AuditSummary {
  const findings = { error: 0, warning: 0, info: 0, total: 0 };
  const byRule = new Map<FindingId, RuleCount>();
  const byOriginKind: Record<OriginGrant['kind'], number> = { any: 0, reflected: 0, 'weakly-checked': 0, list: 0, null: 0, disabled: 0, unknown: 0 };
  let policies = 0;
  let risky = 0;
  let filesWithFindings = 0;
  for (const file of report.files) {
    if (file.findings.length > 0) filesWithFindings++;
    for (const f of file.findings) {
      findings[f.severity]++;
      findings.total++;
      let count = byRule.get(f.ruleId);
      if (!count) byRule.set(f.ruleId, (count = { ruleId: f.ruleId, error: 0, warning: 0, info: 0, total: 0 }));
      count[f.severity]++;
      count.total++;
    }
    for (const p of file.policies) {
      policies++;
      byOriginKind[p.origins.kind]++;
      if (policyRisks(p).length > 0) risky++;
    }
  }
  return {
    filesScanned: report.filesScanned,
    filesWithFindings,
    findings,
    byRule: [...byRule.values()].sort((a, b) => b.total - a.total || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)),
    policies: { total: policies, risky, byOriginKind },
  };
}
