// The shape of one rule module: metadata the CLI/SARIF/docs use, and a check over the file's facts.
import type { FixKind, RuleId, Severity } from '../types';
import type { RuleContext } from '../context';

export interface RuleMeta {
  id: RuleId;
  /** One sentence, shown in SARIF rule metadata and the README table. */
  description: string;
  /** Severity when nothing depends on credentials (rules raise it themselves where DESIGN §4 says so). */
  defaultSeverity: Severity;
  /** CWE ids, e.g. ['CWE-942']. */
  cwe: string[];
  /** Which kinds of fixes the rule offers. */
  fixKinds: FixKind[];
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
