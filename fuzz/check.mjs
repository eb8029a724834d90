// The properties every input must satisfy, shared by fuzz/run.mjs and test/fuzz/fuzz.test.mjs:
//   - analyzeFile returns (never throws) a well-formed result;
//   - every finding, related location and policy range lies inside the text and does not split a
//     surrogate pair (offsets are UTF-16 code units, as in LSP);
//   - every fix's edits lie inside the text, do not overlap, and applying them (applyEdits) changes the
//     text without adding syntax errors; the same for the safe fix-all set (safeFixEdits);
//   - no rule, adapter or stage reports an internal error, except the TypeScript parser running out of
//     stack on pathological nesting (a known limitation, counted as "parser recursion limit");
//   - the text prefilter is conservative: a skipped input has no findings without the prefilter either.
// Timing is measured here but judged only by fuzz/run.mjs (tests never assert speed).
import { performance } from 'node:perf_hooks';

const STACK_OVERFLOW = /Maximum call stack size exceeded/;

const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;

/** True when `offset` falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text, offset) {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

function rangeProblem(text, start, end) {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return 'not-integer';
  if (start < 0 || end > text.length) return 'out-of-bounds';
  if (start > end) return 'start-after-end';
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) return 'splits-surrogate-pair';
  return undefined;
}

/** JS string/identifier escapes decoded (roughly: enough to tell whether a marker was escaped). */
function decodeEscapes(text) {
  return text
    .replace(/\\u\{([0-9a-fA-F]+)\}/g, (m, h) => safeCodePoint(parseInt(h, 16), m))
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, h) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\x([0-9a-fA-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\(\r\n|\r|\n|\u2028|\u2029)/g, '');
}
const safeCodePoint = (n, fallback) => (n <= 0x10ffff ? String.fromCodePoint(n) : fallback);

/** Digits and quoted fragments vary between inputs; the rest of a message identifies the bug. */
function normaliseMessage(message) {
  return String(message ?? '')
    .split('\n')[0]
    .replace(/[a-z][\w+.-]*:\/\/\S*(\s+[a-z][\w+.-]*:\/\/\S*)*/gi, '<url>')
    .replace(/(['"`]).*?\1/g, '<q>')
    .replace(/\d+/g, 'N')
    .slice(0, 160);
}

/** The first stack frame's function name, e.g. 'visit' or 'evaluateExpression'. */
function topFrame(stack) {
  const frame = String(stack ?? '').split('\n').find((l) => /^\s+at /.test(l));
  const m = frame && /^\s+at (?:async )?([^\s(]+)/.exec(frame);
  return m ? m[1] : '?';
}

/**
 * A stack overflow inside the TypeScript parser: the engine reports it as an internal error of the
 * 'parse' stage. Everything else (a rule, the fact collection, directives, policies) is an engine bug,
 * including a stack overflow in the engine's own recursive walks.
 */
export function isParserRecursionLimit(internalError) {
  return internalError.ruleId === 'parse' && STACK_OVERFLOW.test(internalError.message);
}

export function failureSignature(failure) {
  switch (failure.kind) {
    case 'crash':
    case 'internal-error':
      return STACK_OVERFLOW.test(failure.message)
        ? `${failure.kind}|${failure.ruleId ?? ''}|stack-overflow`
        : `${failure.kind}|${failure.ruleId ?? ''}|${normaliseMessage(failure.message)}|${topFrame(failure.stack)}`;
    case 'prefilter-miss':
      return `prefilter-miss|${failure.cause}`;
    case 'range':
      return `range|${failure.what}|${failure.ruleId ?? ''}|${failure.problem}`;
    case 'fix-edit-range':
    case 'fix-overlap':
    case 'fix-apply':
    case 'fix-noop':
    case 'fix-order':
    case 'fix-syntax':
      return `${failure.kind}|${failure.ruleId}|${normaliseMessage(failure.fixTitle)}`;
    case 'fix-all-syntax':
    case 'fix-all-apply':
      return `${failure.kind}|${(failure.ruleIds ?? []).join(',')}`;
    default:
      return `${failure.kind}|${failure.ruleId ?? ''}`;
  }
}

/** Resolves an input's configuration the way the CLI does: parseConfig on the .corslintrc.json text. */
export function configFor(core, configText) {
  if (configText === undefined) return core.defaultConfig();
  return core.parseConfig(configText).config;
}

/**
 * Runs every check on one input { text, fileName, configText }. Returns
 * { failures, ms, findings, fixesChecked, parserRecursion: [internalError], ruleCounts, result }.
 * Never throws (a throwing parseConfig is itself reported as a crash).
 */
export function checkInput(core, input) {
  const { text, fileName } = input;
  const failures = [];
  const report = { failures, ms: 0, findings: 0, fixesChecked: 0, fixesReparsed: 0, parserRecursion: [], ruleCounts: {}, skipped: false };
  const add = (failure) => failures.push({ ...failure, signature: failureSignature(failure) });

  let config;
  try {
    config = configFor(core, input.configText);
  } catch (error) {
    add({ kind: 'crash', ruleId: 'parseConfig', message: error?.message ?? String(error), stack: error?.stack });
    return report;
  }

  let result;
  const started = performance.now();
  try {
    result = core.analyzeFile(text, fileName, config);
  } catch (error) {
    report.ms = performance.now() - started;
    add({ kind: 'crash', ruleId: 'analyzeFile', message: error?.message ?? String(error), stack: error?.stack });
    return report;
  }
  report.ms = performance.now() - started;

  if (!result || !Array.isArray(result.findings) || !Array.isArray(result.policies) || !Array.isArray(result.internalErrors)) {
    add({ kind: 'bad-result', message: `analyzeFile returned ${JSON.stringify(result)?.slice(0, 200)}` });
    return report;
  }
  report.skipped = result.skipped === true;
  report.findings = result.findings.length;
  for (const f of result.findings) report.ruleCounts[f.ruleId] = (report.ruleCounts[f.ruleId] ?? 0) + 1;

  for (const e of result.internalErrors) {
    if (isParserRecursionLimit(e)) report.parserRecursion.push(e);
    else add({ kind: 'internal-error', ruleId: e.ruleId, message: e.message, line: e.line, stack: e.stack });
  }

  for (const f of result.findings) {
    const p = rangeProblem(text, f.start, f.end);
    if (p) add({ kind: 'range', what: 'finding', ruleId: f.ruleId, problem: p, start: f.start, end: f.end, length: text.length });
    for (const r of f.related ?? []) {
      const rp = rangeProblem(text, r.start, r.end);
      if (rp) add({ kind: 'range', what: 'related', ruleId: f.ruleId, problem: rp, start: r.start, end: r.end, length: text.length });
    }
  }
  for (const policy of result.policies) {
    const p = rangeProblem(text, policy.start, policy.end);
    if (p) add({ kind: 'range', what: 'policy', ruleId: policy.framework, problem: p, start: policy.start, end: policy.end, length: text.length });
  }

  checkFixes(core, text, fileName, result.findings, add, report);

  if (report.skipped) {
    try {
      const unfiltered = core.analyzeFile(text, fileName, config, { noPrefilter: true });
      if (unfiltered.findings.length > 0) {
        // Two causes so far: a marker spelled with escapes ('\\u0041ccess-Control-…'), which the engine
        // decodes and the text test does not; and a finding with no CORS marker in the file at all.
        const cause = core.mayContainCors(decodeEscapes(text)) ? 'escaped-marker' : `no-marker|${unfiltered.findings[0].ruleId}`;
        add({ kind: 'prefilter-miss', cause, ruleId: unfiltered.findings[0].ruleId, message: `the prefilter skipped an input with ${unfiltered.findings.length} finding(s): ${unfiltered.findings.map((f) => `${f.ruleId} at ${f.start}`).join(', ')}` });
      }
    } catch (error) {
      add({ kind: 'crash', ruleId: 'analyzeFile(noPrefilter)', message: error?.message ?? String(error), stack: error?.stack });
    }
  }
  report.result = result;
  return report;
}

/**
 * How many fixes of one input are applied and re-parsed: a re-parse costs about as much as the
 * analysis, and the large inputs (the bundle of all seeds, 1 MB strings) carry hundreds of fixes that
 * the seed phase already checks one by one. Up to 40, fewer as the input grows (about 2 MB of
 * re-parsed text per input, at least 3). Edit ranges, overlaps and no-op edits are checked for all.
 */
export function reparseLimit(textLength) {
  return Math.max(3, Math.min(40, Math.floor(2_000_000 / Math.max(1, textLength))));
}

/** The fixes to re-parse: the first of every distinct rule + fix title, then others spread evenly. */
function fixesToReparse(findings, limit) {
  const all = [];
  for (const finding of findings) for (const fix of finding.fixes ?? []) all.push(fix);
  if (all.length <= limit) return new Set(all);
  const chosen = new Set();
  const seen = new Set();
  for (const finding of findings) {
    for (const fix of finding.fixes ?? []) {
      const key = `${finding.ruleId}|${normaliseMessage(fix.title)}`;
      if (!seen.has(key) && chosen.size < limit) {
        seen.add(key);
        chosen.add(fix);
      }
    }
  }
  const step = all.length / Math.max(1, limit - chosen.size);
  for (let i = 0; chosen.size < limit && i < all.length; i += step) chosen.add(all[Math.floor(i)]);
  return chosen;
}

function checkFixes(core, text, fileName, findings, add, report) {
  const reparse = fixesToReparse(findings, reparseLimit(text.length));
  // A .json name makes parseSource read the text as JSON, whose error count says nothing about JS fixes.
  const countsSyntax = !/\.json$/i.test(fileName);
  let before;
  const errorsBefore = () => {
    if (before === undefined) before = syntaxErrors(core, text, fileName);
    return before;
  };
  for (const finding of findings) {
    for (const fix of finding.fixes ?? []) {
      report.fixesChecked++;
      const about = { ruleId: finding.ruleId, fixTitle: fix.title, fixKind: fix.kind };
      const edits = fix.edits ?? [];
      let editsOk = edits.length > 0;
      if (!editsOk) add({ kind: 'fix-noop', ...about, message: 'a fix with no edits' });
      for (const e of edits) {
        const p = typeof e.newText !== 'string' ? 'newText-not-a-string' : rangeProblem(text, e.start, e.end);
        if (p) {
          add({ kind: 'fix-edit-range', ...about, problem: p, start: e.start, end: e.end, length: text.length });
          editsOk = false;
        }
      }
      const overlap = findOverlap(edits);
      if (overlap) {
        add({ kind: 'fix-overlap', ...about, message: `edits ${overlap[0].start}-${overlap[0].end} and ${overlap[1].start}-${overlap[1].end} overlap` });
        editsOk = false;
      }
      if (!editsOk) continue;
      let output;
      try {
        output = core.applyEdits(text, edits);
      } catch (error) {
        add({ kind: 'fix-apply', ...about, message: error?.message ?? String(error), stack: error?.stack });
        continue;
      }
      if (output === text) {
        add({ kind: 'fix-noop', ...about, message: 'applying the fix leaves the text unchanged' });
        continue;
      }
      if (!reparse.has(fix)) continue;
      report.fixesReparsed++;
      if (applyInLspOrder(text, edits) !== output) {
        add({ kind: 'fix-order', ...about, message: 'applyEdits (CLI --fix) and an LSP client (edits with one start applied in array order) produce different text', edits: edits.map((e) => ({ ...e, newText: e.newText.slice(0, 400) })) });
      }
      if (!countsSyntax) continue;
      const b = errorsBefore();
      const a = syntaxErrors(core, output, fileName);
      if (b === 'recursion' || a === 'recursion') continue; // the parser cannot judge this text at all
      if (a > b) add({ kind: 'fix-syntax', ...about, message: `${b} syntax error(s) before the fix, ${a} after`, edits: edits.map((e) => ({ ...e, newText: e.newText.slice(0, 400) })) });
    }
  }

  // Fix-all (the LSP's source.fixAll and the CLI's --fix): every non-overlapping safe fix at once.
  if (typeof core.safeFixEdits !== 'function') return;
  let edits;
  try {
    edits = core.safeFixEdits(findings);
  } catch (error) {
    add({ kind: 'fix-all-apply', ruleIds: [], message: error?.message ?? String(error), stack: error?.stack });
    return;
  }
  if (!countsSyntax || edits.length === 0 || edits.some((e) => rangeProblem(text, e.start, e.end))) return; // reported per fix above
  const ruleIds = [...new Set(findings.filter((f) => f.fixes?.some((x) => x.kind === 'safe')).map((f) => f.ruleId))].sort();
  let output;
  try {
    output = core.applyEdits(text, edits);
  } catch (error) {
    add({ kind: 'fix-all-apply', ruleIds, message: error?.message ?? String(error), stack: error?.stack });
    return;
  }
  const b = errorsBefore();
  const a = syntaxErrors(core, output, fileName);
  if (b !== 'recursion' && a !== 'recursion' && a > b) add({ kind: 'fix-all-syntax', ruleIds, message: `${b} syntax error(s) before fix-all, ${a} after` });
}

/**
 * The text an LSP client produces from the same edits: LSP applies edits that start at one offset in
 * array order ("the order in the array defines the order in which the inserted strings appear").
 */
export function applyInLspOrder(text, edits) {
  const ordered = edits.map((e, i) => ({ e, i })).sort((x, y) => x.e.start - y.e.start || x.i - y.i).map((x) => x.e);
  let out = '';
  let at = 0;
  for (const e of ordered) {
    out += text.slice(at, e.start) + e.newText;
    at = Math.max(at, e.end);
  }
  return out + text.slice(at);
}

/** Syntax errors of `text`, or 'recursion' when the parser itself overflows the stack. */
function syntaxErrors(core, text, fileName) {
  try {
    return core.syntaxErrorCount(core.parseSource(text, fileName));
  } catch (error) {
    if (STACK_OVERFLOW.test(error?.message ?? '')) return 'recursion';
    throw error;
  }
}

/**
 * Two edits of one fix that overlap: a shared span, or an insertion strictly inside a replaced span.
 * (Two insertions at one offset are allowed: they apply in array order, as LSP text edits do.)
 */
function findOverlap(edits) {
  for (let i = 0; i < edits.length; i++) {
    for (let j = i + 1; j < edits.length; j++) {
      const a = edits[i];
      const b = edits[j];
      const spans = a.start < b.end && b.start < a.end;
      const insertInside = (x, y) => x.start === x.end && y.start < x.start && x.start < y.end;
      if (spans || insertInside(a, b) || insertInside(b, a)) return [a, b];
    }
  }
  return undefined;
}
