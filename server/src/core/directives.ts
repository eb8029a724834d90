// Suppression comments (in YAML, TOML and `_headers` platform files the same words follow a `#`):
//   // cors-lint-disable-next-line <rule>[, <rule>] -- <reason>
//   // cors-lint-disable-line <rule>
//   /* cors-lint-disable <rule> */            (whole file)
// Without a rule list a directive covers every rule. A directive (or one rule id of it) that
// suppresses nothing is reported as `unused-disable-directive`, with a safe fix that removes it.
import ts from 'typescript';
import { isRuleId } from './config';
import { Finding, RuleSetting, UNUSED_DIRECTIVE_ID } from './types';

/** Metadata for reports (SARIF) about unused or unknown suppression directives. */
export const UNUSED_DIRECTIVE_META = {
  id: UNUSED_DIRECTIVE_ID,
  description: 'A cors-lint-disable directive that suppresses nothing, or names an unknown rule.',
  defaultSeverity: 'warning' as const,
  cwe: [] as string[],
  fixKinds: ['safe' as const],
};

export type DirectiveKind = 'next-line' | 'line' | 'file';

export interface DirectiveRule {
  id: string;
  start: number;
  end: number;
  used: boolean;
}

export interface Directive {
  kind: DirectiveKind;
  /** Range of the whole comment. */
  commentStart: number;
  commentEnd: number;
  /** 0-based line the directive applies to (unused for 'file'). */
  targetLine: number;
  /** Empty = all rules. */
  rules: DirectiveRule[];
  usedWithoutList: boolean;
}

const DIRECTIVE = /(?<![\w-])cors-lint-disable(-next-line|-line)?(?=\s|\*\/|$)/g;

export function findDirectives(sourceFile: ts.SourceFile): Directive[] {
  const text = sourceFile.text;
  if (!text.includes('cors-lint-disable')) return [];
  const directives: Directive[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const at = match.index ?? 0;
    const comment = enclosingComment(sourceFile, at);
    if (!comment) continue;
    // The directive must open the comment (`// cors-lint-…`, `/* cors-lint-…`, ` * cors-lint-…`), so
    // prose that mentions one is not one.
    const lead = text.slice(comment.pos + 2, at);
    const lineLead = lead.slice(lead.lastIndexOf('\n') + 1);
    if (!(/^\s*$/.test(lead) || (comment.kind === ts.SyntaxKind.MultiLineCommentTrivia && /^\s*\*?\s*$/.test(lineLead)))) continue;
    const multiLine = comment.kind === ts.SyntaxKind.MultiLineCommentTrivia;
    directives.push(directiveAt(text, at, match, { start: comment.pos, end: comment.end }, multiLine ? 2 : 0, sourceFile.getLineAndCharacterOfPosition(at).line));
  }
  return directives;
}

/**
 * Directives in `#` comments (YAML, TOML and `_headers` platform files): `comments` are the ranges of
 * comments that fill their line; `lineOf` maps an offset to its 0-based line.
 */
export function findHashDirectives(text: string, comments: readonly { start: number; end: number }[], lineOf: (offset: number) => number): Directive[] {
  if (!text.includes('cors-lint-disable')) return [];
  const directives: Directive[] = [];
  for (const comment of comments) {
    const body = text.slice(comment.start, comment.end);
    // The directive must open the comment, as in code files.
    const lead = /^#\s*/.exec(body)![0].length;
    const found = [...body.matchAll(DIRECTIVE)].find((m) => m.index === lead);
    if (!found) continue;
    const at = comment.start + lead;
    directives.push(directiveAt(text, at, found, comment, 0, lineOf(at)));
  }
  return directives;
}

/** The directive whose keyword `match` found at offset `at`, inside `comment` (`closing` = length of a closing `*\/`). */
function directiveAt(text: string, at: number, match: RegExpMatchArray, comment: { start: number; end: number }, closing: number, line: number): Directive {
  const kind: DirectiveKind = match[1] === '-next-line' ? 'next-line' : match[1] === '-line' ? 'line' : 'file';
  // The rule list runs from after the keyword to ` -- reason`, the end of the comment or the line.
  const listStart = at + match[0].length;
  let listEnd = comment.end - closing;
  const newline = text.slice(listStart, listEnd).search(/\r?\n/);
  if (kind !== 'file' && newline >= 0) listEnd = listStart + newline;
  const reason = text.slice(listStart, listEnd).indexOf('--');
  if (reason >= 0) listEnd = listStart + reason;
  const rules: DirectiveRule[] = [];
  for (const idMatch of text.slice(listStart, listEnd).matchAll(/[A-Za-z0-9@/_-]+/g)) {
    const start = listStart + (idMatch.index ?? 0);
    rules.push({ id: idMatch[0], start, end: start + idMatch[0].length, used: false });
  }
  return {
    kind,
    commentStart: comment.start,
    commentEnd: comment.end,
    targetLine: kind === 'next-line' ? line + 1 : line,
    rules,
    usedWithoutList: false,
  };
}

/** The comment that contains `offset`, or undefined when it is code or inside a string/template. */
function enclosingComment(sourceFile: ts.SourceFile, offset: number): ts.CommentRange | undefined {
  // Every comment is leading trivia of the next token; descend (tokens included) to that token.
  let node: ts.Node = sourceFile;
  for (;;) {
    const next: ts.Node | undefined = node.getChildren(sourceFile).find((c) => c.pos <= offset && offset < c.end);
    if (!next) break;
    node = next;
  }
  if (offset >= node.getStart(sourceFile)) return undefined;
  // A comment after code on the same line is a trailing comment of the previous token.
  const ranges = [...(ts.getTrailingCommentRanges(sourceFile.text, node.pos) ?? []), ...(ts.getLeadingCommentRanges(sourceFile.text, node.pos) ?? [])];
  return ranges.find((c) => c.pos <= offset && offset < c.end);
}

/**
 * Drops suppressed findings, marks directives used, and appends unused-directive findings.
 * `lineOf` maps an offset to its 0-based line.
 */
export function applyDirectives(
  findings: Finding[],
  directives: Directive[],
  lineOf: (offset: number) => number,
  reportUnused: RuleSetting,
  text: string,
): Finding[] {
  if (directives.length === 0) return findings;
  const kept = findings.filter((finding) => {
    const line = lineOf(finding.start);
    let suppressed = false;
    for (const directive of directives) {
      if (directive.kind !== 'file' && directive.targetLine !== line) continue;
      if (directive.rules.length === 0) {
        directive.usedWithoutList = true;
        suppressed = true;
        continue;
      }
      for (const rule of directive.rules) {
        if (rule.id === finding.ruleId) {
          rule.used = true;
          suppressed = true;
        }
      }
    }
    return !suppressed;
  });
  if (reportUnused === 'off') return kept;
  for (const directive of directives) {
    const removeComment = removalOfComment(text, directive);
    if (directive.rules.length === 0) {
      if (!directive.usedWithoutList) {
        kept.push(unusedFinding(directive.commentStart, directive.commentEnd, 'Unused cors-lint-disable directive: nothing is reported here.', reportUnused, removeComment));
      }
      continue;
    }
    const unused = directive.rules.filter((r) => !r.used);
    if (unused.length === 0) continue;
    for (const rule of unused) {
      const unknown = !isRuleId(rule.id);
      const message = unknown
        ? `Unknown rule "${rule.id}" in cors-lint-disable directive.`
        : `Unused cors-lint-disable directive: no ${rule.id} problem is reported here.`;
      const fix = unused.length === directive.rules.length ? removeComment : removalOfRuleId(text, directive, rule);
      kept.push(unusedFinding(rule.start, rule.end, message, reportUnused, fix));
    }
  }
  return kept;
}

function unusedFinding(start: number, end: number, message: string, severity: RuleSetting, fix: { start: number; end: number; newText: string }): Finding {
  return {
    ruleId: UNUSED_DIRECTIVE_ID,
    severity: severity === 'off' ? 'info' : severity,
    start,
    end,
    message,
    related: [],
    fixes: [{ title: 'Remove unused cors-lint-disable directive', kind: 'safe', edits: [fix] }],
  };
}

/** Removes the comment; a comment alone on its line takes the line with it. */
function removalOfComment(text: string, directive: Directive) {
  let start = directive.commentStart;
  let end = directive.commentEnd;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  const newline = text.indexOf('\n', end);
  const lineEnd = newline < 0 ? text.length : newline;
  const after = text.slice(end, lineEnd);
  if (before.trim() === '' && after.trim() === '') {
    start = lineStart;
    end = newline < 0 ? lineEnd : newline + 1;
  } else {
    while (start > lineStart && /[ \t]/.test(text[start - 1])) start--;
  }
  return { start, end, newText: '' };
}

/** Removes one id (and its separating comma) from the directive's list. */
function removalOfRuleId(text: string, directive: Directive, rule: DirectiveRule) {
  const index = directive.rules.indexOf(rule);
  if (index > 0) {
    const previous = directive.rules[index - 1];
    return { start: previous.end, end: rule.end, newText: '' };
  }
  const next = directive.rules[1];
  void text;
  return { start: rule.start, end: next.start, newText: '' };
}
