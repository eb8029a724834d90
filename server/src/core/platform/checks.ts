// The rules, applied to platform facts. The decisions about a value (is it a valid origin, several
// origins, an insecure one, 'null', '*') and every message come from the rule modules themselves
// (origins.ts and the helpers each rule exports), so a platform file and a code file with the same
// mistake get the same finding; what differs is only how a platform combines headers (merged
// `_headers` rules) and how a fix is written (in the file's JSON/YAML/TOML syntax).
import { normaliseOrigin, originProblem } from '../origins';
import { duplicateAddedMessage, duplicateInObjectMessage } from '../rules/duplicate-origin-header';
import { insecureOriginMessage, isInsecureOrigin } from '../rules/insecure-origin';
import { invalidOriginMessage, listsSeveralOrigins } from '../rules/invalid-origin';
import { multipleOriginsConfigMessage, multipleOriginsHeaderMessage, originsIn } from '../rules/multiple-origins';
import { nullHeaderMessage, nullListMessage } from '../rules/null-origin';
import { permissiveConfigMessage, permissiveHeaderMessage } from '../rules/permissive-wildcard';
import { WILDCARD_CREDENTIALS_HEADER_MESSAGE, wildcardCredentialsConfigMessage } from '../rules/wildcard-with-credentials';
import { RULES } from '../rules';
import type { CorsLintConfig, Finding, Fix, FixKind, RelatedLocation, RuleId, Severity, TextEdit, TextRange } from '../types';
import { listText, replaceRange, scalarText } from './edits';
import { patternCovers } from './netlify';
import type { HeaderRule, PlatformCors, PlatformFacts, PlatformHeader, PlatformValue } from './model';
import type { Syntax } from './tree';

const ACAO = 'access-control-allow-origin';
const ACAC = 'access-control-allow-credentials';

export interface Report extends TextRange {
  ruleId: RuleId;
  message: string;
  severity?: Severity;
  related?: RelatedLocation[];
  fixes?: (Fix | undefined)[];
}

export class PlatformChecker {
  readonly findings: Finding[] = [];
  private readonly reported = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly syntax: Syntax,
    private readonly config: CorsLintConfig,
  ) {}

  check(facts: PlatformFacts): Finding[] {
    for (const rule of facts.rules) this.checkHeaderRule(rule, facts.rules);
    for (const cors of facts.cors) this.checkCors(cors);
    return this.findings;
  }

  /** Every header a response on the rule's paths gets: its own, and for merging platforms the others' that match too. */
  effectiveHeaders(rule: HeaderRule, all: HeaderRule[]): PlatformHeader[] {
    if (!rule.merges) return rule.headers;
    return all.filter((other) => other === rule || (other.platform === rule.platform && patternCovers(other.pattern, rule.pattern))).flatMap((r) => r.headers);
  }

  private checkHeaderRule(rule: HeaderRule, all: HeaderRule[]): void {
    const effective = this.effectiveHeaders(rule, all);
    const credentials = effective.find((h) => h.name === ACAC && h.value.text?.trim().toLowerCase() === 'true');
    const credentialsRelated = credentials ? [{ ...credentials.entry, message: 'Credentials are allowed here.' }] : [];
    const own = rule.headers.filter((h) => h.name === ACAO);
    for (const header of own) {
      this.checkDuplicate(rule, header, own, effective);
      const text = header.value.text;
      if (text === undefined) continue;
      const value = text.trim();
      if (value === '*') {
        if (credentials) {
          this.report({
            ruleId: 'wildcard-with-credentials',
            ...header.value,
            message: WILDCARD_CREDENTIALS_HEADER_MESSAGE,
            related: credentialsRelated,
            fixes: [this.allowConfigured(header.value, 'Allow only'), this.fix('Drop Access-Control-Allow-Credentials (keep the public *)', 'suggestion', [credentials.removal])],
          });
        } else {
          this.report({ ruleId: 'permissive-wildcard', ...header.value, severity: 'info', message: permissiveHeaderMessage(false), fixes: [this.allowConfigured(header.value, 'Allow only')] });
        }
        continue;
      }
      if (value.toLowerCase() === 'null') {
        this.report({
          ruleId: 'null-origin',
          ...header.value,
          severity: credentials ? 'error' : 'warning',
          message: nullHeaderMessage(!!credentials),
          related: credentialsRelated,
          fixes: [this.allowConfigured(header.value, 'Allow', ' instead'), this.fix("Remove the 'null' origin header", 'suggestion', [header.removal])],
        });
        continue;
      }
      this.checkOrigin(header.value, 'Access-Control-Allow-Origin', multipleOriginsHeaderMessage);
    }
  }

  /**
   * Two Access-Control-Allow-Origin values for one response: twice in one rule, or (on Netlify and
   * Cloudflare Pages) in two rules that match the same paths, whose values the platform joins with ', '.
   */
  private checkDuplicate(rule: HeaderRule, header: PlatformHeader, own: PlatformHeader[], effective: PlatformHeader[]): void {
    const earlierOwn = own.slice(0, own.indexOf(header));
    const first = earlierOwn[0] ?? (rule.merges ? effective.find((h) => h.name === ACAO && !own.includes(h)) : undefined);
    if (!first) return;
    const line = this.lineOf(first.entry.start);
    const merged = !earlierOwn.includes(first);
    this.report({
      ruleId: 'duplicate-origin-header',
      ...header.value,
      message: rule.merges ? duplicateAddedMessage(line) : duplicateInObjectMessage(line),
      related: [{ ...first.entry, message: merged ? `First set here, by a rule whose pattern also matches ${rule.pattern}; both values are joined into one header.` : 'First set here.' }],
      fixes: [this.fix('Remove the duplicate header', merged ? 'suggestion' : 'safe', [header.removal])],
    });
  }

  private checkCors(cors: PlatformCors): void {
    const credentialsRelated = cors.credentials === true && cors.credentialsRange ? [{ ...cors.credentialsRange, message: 'Credentials are allowed here.' }] : [];
    if (cors.unquoted?.text !== undefined) {
      const inner = cors.unquoted.text;
      this.report({
        ruleId: 'invalid-origin',
        ...cors.unquoted,
        message: invalidOriginMessage('The allowed origin', inner, `${cors.library} values are API Gateway mapping expressions, and a static value needs single quotes inside the string ("'${inner}'"); without them the deployment fails`),
        fixes: [this.fix(`Quote it: "'${inner}'"`, 'safe', [this.replaceValue(cors.unquoted, `'${inner}'`)])],
      });
    }
    if (cors.origin === 'any') {
      const star = cors.entries.find((e) => e.text?.trim() === '*');
      if (cors.credentials === true) {
        this.report({
          ruleId: 'wildcard-with-credentials',
          ...(star ?? cors.credentialsRange ?? cors.originRange),
          message: wildcardCredentialsConfigMessage(cors.library, star ? "'*'" : cors.defaultNote ?? 'the default'),
          related: star ? credentialsRelated : [],
          fixes: [star ? this.allowConfigured(star, 'Allow only', '', cors.style) : undefined, this.fix('Drop credentials (keep the public *)', 'suggestion', [cors.credentialsRemoval])],
        });
      } else {
        this.report({
          ruleId: 'permissive-wildcard',
          ...(star ?? cors.originRange),
          severity: 'info',
          message: permissiveConfigMessage(star ? `${cors.library} allows origin '*'` : cors.defaultNote ?? `${cors.library} allows any origin`, false),
          fixes: [star ? this.allowConfigured(star, 'Allow only', '', cors.style) : undefined],
        });
      }
      return;
    }
    for (const entry of cors.entries) {
      const text = entry.text?.trim();
      if (text === undefined || text === '*') continue;
      if (text.toLowerCase() === 'null') {
        this.report({ ruleId: 'null-origin', ...entry, severity: cors.credentials === true ? 'error' : 'warning', message: nullListMessage(cors.credentials === true), related: credentialsRelated });
        continue;
      }
      // Lists (HTTP APIs, function URLs, the Serverless Framework) accept subdomain patterns such as
      // https://*.example.com; only SAM REST values are sent to the browser as written.
      if (cors.style === 'list' && text.includes('*')) continue;
      this.checkOrigin(entry, 'The allowed origin', (origins) => multipleOriginsConfigMessage(cors.library, origins), cors.style);
    }
  }

  /** A single origin value: several in one, can never match, or trusted over http. */
  private checkOrigin(value: PlatformValue, where: string, several: (origins: string[]) => string, style?: PlatformCors['style']): void {
    const text = value.text!.trim();
    const origins = originsIn(text);
    if (origins.length > 1) {
      this.report({ ruleId: 'multiple-origins', ...value, message: several(origins), fixes: [this.splitList(value, origins, style), this.replaceFix(value, `Allow only ${origins[0]}`, 'suggestion', origins[0], style)] });
      return;
    }
    const raw = value.text!;
    const problem = listsSeveralOrigins(raw) ? undefined : originProblem(raw);
    if (problem) {
      const normal = raw.includes('*') ? undefined : normaliseOrigin(raw);
      this.report({
        ruleId: 'invalid-origin',
        ...value,
        message: invalidOriginMessage(where, raw, problem),
        fixes: [normal ? this.replaceFix(value, `Use ${normal.origin}`, normal.safe ? 'safe' : 'suggestion', normal.origin, style) : undefined],
      });
      return;
    }
    if (isInsecureOrigin(text)) {
      const secure = text.replace(/^http:/i, 'https:');
      this.report({ ruleId: 'insecure-origin', ...value, message: insecureOriginMessage(text), fixes: [this.replaceFix(value, `Trust ${secure} instead`, 'suggestion', secure, style)] });
    }
  }

  /** `"https://a.example,https://b.example"` as an entry of a list → two entries of that list. */
  private splitList(value: PlatformValue, origins: string[], style?: PlatformCors['style']): Fix | undefined {
    if (style !== 'list' || !value.node) return undefined;
    const lineStart = this.text.lastIndexOf('\n', value.start - 1) + 1;
    const lead = this.text.slice(lineStart, value.start);
    const written = origins.map((o) => scalarText(this.syntax, o, value.node));
    // A block sequence item (`  - 'a,b'`) becomes one item per origin; a flow list gets ', '.
    const blockItem = /^[ \t]*-[ \t]+$/.test(lead);
    const inFlowList = /\[[^\]]*$/.test(this.text.slice(0, value.start).slice(-200)) || this.syntax === 'json';
    if (!blockItem && !inFlowList) {
      return this.fix('Pass the origins as a list', 'suggestion', [replaceRange(value, listText(this.syntax, origins, value.node))]);
    }
    return this.fix('Split into one entry per origin', 'suggestion', [replaceRange(value, written.join(blockItem ? `\n${lead}` : ', '))]);
  }

  /** Replaces a `*`/`null` value with the first configured origin (only when allowedOrigins has one). */
  private allowConfigured(value: PlatformValue, verb: string, suffix = '', style?: PlatformCors['style']): Fix | undefined {
    const origin = this.config.allowedOrigins[0];
    return origin ? this.replaceFix(value, `${verb} ${origin}${suffix}`, 'suggestion', origin, style) : undefined;
  }

  private replaceFix(value: PlatformValue, title: string, kind: FixKind, newValue: string, style?: PlatformCors['style']): Fix | undefined {
    return this.fix(title, kind, [this.replaceValue(value, style === 'sam-rest' ? `'${newValue}'` : newValue)]);
  }

  private replaceValue(value: PlatformValue, newValue: string): TextEdit {
    return replaceRange(value, scalarText(this.syntax, newValue, value.node));
  }

  private fix(title: string, kind: FixKind, edits: (TextEdit | undefined)[]): Fix | undefined {
    return edits.length > 0 && edits.every((e) => e !== undefined) ? { title, kind, edits: edits as TextEdit[] } : undefined;
  }

  private lineOf(offset: number): number {
    let line = 1;
    for (let i = this.text.indexOf('\n'); i >= 0 && i < offset; i = this.text.indexOf('\n', i + 1)) line++;
    return line;
  }

  /** Takes back a finding of `ruleId` at `range` (a cross-layer check found the stronger one there). */
  withdraw(ruleId: RuleId, range: TextRange): void {
    const index = this.findings.findIndex((f) => f.ruleId === ruleId && f.start === range.start && f.end === range.end);
    if (index >= 0) this.findings.splice(index, 1);
  }

  /** Like RuleContext.report: one finding per rule and range, severity from the config or the rule. */
  report(report: Report): void {
    const setting = this.config.rules[report.ruleId];
    if (setting === 'off') return;
    const key = `${report.ruleId}:${report.start}:${report.end}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const meta = RULES.find((r) => r.meta.id === report.ruleId)!.meta;
    this.findings.push({
      ruleId: report.ruleId,
      severity: setting ?? report.severity ?? meta.defaultSeverity,
      start: report.start,
      end: report.end,
      message: report.message,
      related: (report.related ?? []).map((r) => ({ start: r.start, end: r.end, message: r.message, ...(r.file ? { file: r.file } : {}) })),
      fixes: (report.fixes ?? []).filter((f): f is Fix => f !== undefined),
    });
  }
}
