// The whole CLI as a function: argv in, exit code out. It prints through `io` and never exits, so it
// can be called from tests and wrappers; main.ts is the only place that touches `process`.
//
// Exit codes: 0 clean; 1 errors, more warnings than --max-warnings (default 0), or a file that could
// not be read (a file that was not checked is not a clean result); 2 usage or config error (unknown
// option, bad value, unknown rule id, invalid config, a path that does not exist, an unwritable
// --output). Infos never fail a run; files skipped on purpose (too large, binary) do not either.
import * as fs from 'node:fs';
import * as path from 'node:path';
// Only modules without TypeScript at run time: the engine loads when a file needs it (engine.ts).
import { applyRuleOverrides } from '../core/config';
import { UNUSED_DIRECTIVE_ID } from '../core/types';
import type { CorsLintConfig, RuleSetting } from '../core';
import { CliOptions, FormatName, parseArgs } from './args';
import { loadConfig } from './config-loader';
import { discoverFiles, planScan } from '../project/discover';
import { describeFsError } from '../project/fs-errors';
import { formatHtml } from './formatters/html';
import { formatMarkdown } from './formatters/markdown';
import { formatGithub } from './formatters/github';
import { formatJson } from '../project/formatters/json';
import { formatSarif } from '../project/formatters/sarif';
import { formatText, plural } from './formatters/text';
import { helpText } from './help';
import type { CliIo } from './io';
import { lintFiles } from './pool';
import type { FileNotice, FileOutcome } from '../project/lint-file';
import { displayPath, relativePath } from '../project/paths';
import { ProgressLine } from './progress';
import { summarize } from '../project/report';
import type { FileReport, Formatter, LintReport, Notice } from '../project/report';
import { CLI_VERSION } from '../project/version';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const FORMATTERS: Record<FormatName, Formatter> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  html: formatHtml,
  markdown: formatMarkdown,
};

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await runCli(argv, io);
  } catch (error) {
    // A bug in the CLI itself: say so in one line (the stack only on request), never a raw crash.
    const err = error instanceof Error ? error : new Error(String(error));
    io.stderr.write(`cors-lint: internal error: ${err.message} (please report it; set CORS_LINT_DEBUG=1 for details)\n`);
    if (io.env.CORS_LINT_DEBUG) io.stderr.write(`${err.stack ?? ''}\n`);
    return EXIT_USAGE;
  }
}

async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const started = performance.now();
  const say = (line: string) => io.stderr.write(`cors-lint: ${line}\n`);
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    say(parsed.error);
    return EXIT_USAGE;
  }
  const options = parsed.options;
  if (options.help) {
    io.stdout.write(helpText());
    return EXIT_CLEAN;
  }
  if (options.version) {
    io.stdout.write(`${CLI_VERSION}\n`);
    return EXIT_CLEAN;
  }

  const plan = planScan(io.cwd, options.paths);
  const loaded = loadConfig({ cwd: io.cwd, explicitPath: options.config, searchFrom: plan.configSearchStart });
  if (!loaded.ok) {
    for (const error of loaded.errors) say(error);
    return EXIT_USAGE;
  }
  const config = loaded.loaded.config;
  const overrideProblems = applyCommandLineRules(config, options.rules);
  if (overrideProblems.length > 0) {
    for (const problem of overrideProblems) say(problem);
    return EXIT_USAGE;
  }

  const progress = new ProgressLine(io.stderr, io.stderr.isTTY === true);
  const notices: Notice[] = [];
  const notify = (notice: Notice) => {
    notices.push(notice);
    progress.clear();
    const where = notice.displayPath !== undefined ? `${notice.displayPath}${notice.line !== undefined ? `:${notice.line}` : ''}: ` : '';
    const level = notice.level === 'info' ? '' : `${notice.level}: `;
    say(`${level}${where}${notice.message}`);
  };
  const pathsOf = (absolute: string) => ({ path: relativePath(plan.root, absolute), displayPath: displayPath(absolute, io.cwd) });

  let usageError = false;
  const discovery = discoverFiles({
    root: plan.root,
    targets: plan.targets,
    ignore: { baseDir: loaded.loaded.baseDir, globs: config.ignore },
  });
  let unreadableFiles = 0;
  for (const problem of discovery.problems) {
    if (problem.kind === 'not-found') usageError = true;
    if (problem.kind === 'unreadable') unreadableFiles++;
    notify({
      kind: problem.kind,
      level: problem.kind === 'not-found' || problem.kind === 'unreadable' ? 'error' : 'info',
      message: problem.message,
      ...pathsOf(problem.absolutePath),
    });
  }

  const files = discovery.files
    .map((file) => ({ ...file, ...pathsOf(file.absolutePath) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (files.length === 0 && discovery.problems.length === 0) {
    notify({ kind: 'no-files', level: 'info', message: `no JavaScript or TypeScript files to lint in ${plan.targets.map((t) => displayPath(t, io.cwd)).join(', ')}` });
  }

  const reports: FileReport[] = [];
  let skippedFiles = 0;
  // Outcomes arrive in completion order from the workers; they are reported in path order.
  const outcomes: FileOutcome[] = new Array(files.length);
  let done = 0;
  const lintOptions = {
    config,
    fix: options.fix,
    quiet: options.quiet,
    maxFileSize: options.maxFileSize,
    project: {
      roots: [plan.root],
      ignore: { baseDir: loaded.loaded.baseDir, globs: config.ignore },
      // Linting the scan root itself (`cors-lint .`), discovery walked exactly what the import index would.
      files: plan.targets.length === 1 && plan.targets[0] === plan.root ? discovery.files.map((f) => f.absolutePath) : undefined,
    },
  };
  await lintFiles(files.map((f) => f.absolutePath), lintOptions, options.jobs, (index, outcome) => {
    outcomes[index] = outcome;
    progress.update(++done, files.length, files[index].displayPath);
  });
  files.forEach((file, index) => {
    const outcome = outcomes[index];
    const fileNotice = (n: FileNotice) => notify({ ...n, path: file.path, displayPath: file.displayPath });
    if (outcome.kind === 'unreadable') {
      unreadableFiles++;
      fileNotice(outcome.notice);
      return;
    }
    if (outcome.kind === 'skipped') {
      skippedFiles++;
      fileNotice(outcome.notice);
      return;
    }
    outcome.notices.forEach(fileNotice);
    reports.push({
      path: file.path,
      displayPath: file.displayPath,
      absolutePath: file.absolutePath,
      findings: outcome.findings,
      policies: outcome.policies,
      fixesApplied: outcome.fixesApplied,
    });
  });
  progress.clear();

  const report: LintReport = {
    toolVersion: CLI_VERSION,
    root: plan.root,
    files: reports,
    notices,
    summary: summarize(reports, unreadableFiles, skippedFiles),
    fixMode: options.fix,
    durationMs: performance.now() - started,
  };
  const text = FORMATTERS[options.format](report, { color: useColor(options, io) });
  if (options.output !== undefined) {
    const target = path.resolve(io.cwd, options.output);
    try {
      fs.writeFileSync(target, text);
    } catch (error) {
      say(`cannot write --output ${options.output}: ${describeFsError(error)}`);
      return EXIT_USAGE;
    }
  } else {
    io.stdout.write(text);
  }
  if (options.fix && options.format !== 'text' && report.summary.fixesApplied > 0) {
    say(`fixed ${plural(report.summary.fixesApplied, 'problem')} in ${plural(report.summary.filesFixed, 'file')}`);
  }

  if (usageError) return EXIT_USAGE;
  const { errors, warnings } = report.summary;
  if (errors > 0 || unreadableFiles > 0) return EXIT_FINDINGS;
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    say(`too many warnings: ${warnings} (--max-warnings is ${options.maxWarnings})`);
    return EXIT_FINDINGS;
  }
  return EXIT_CLEAN;
}

const SETTINGS: readonly string[] = ['off', 'info', 'warning', 'error'];

/** --rule values on top of the config. `unused-disable-directive:<setting>` maps to the config key. */
function applyCommandLineRules(config: CorsLintConfig, rules: readonly string[]): string[] {
  const problems: string[] = [];
  for (const raw of rules) {
    const [id, setting, ...rest] = raw.split(':');
    if (id === UNUSED_DIRECTIVE_ID && rest.length === 0 && setting !== undefined && SETTINGS.includes(setting)) {
      config.reportUnusedDisableDirectives = setting as RuleSetting;
      continue;
    }
    for (const problem of applyRuleOverrides(config, [raw])) problems.push(`--rule ${raw}: ${problem.message}`);
  }
  return problems;
}

/** --no-color and NO_COLOR (https://no-color.org) win; FORCE_COLOR forces; else only on a terminal. */
function useColor(options: CliOptions, io: CliIo): boolean {
  if (options.noColor || options.output !== undefined) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return io.stdout.isTTY === true;
}
