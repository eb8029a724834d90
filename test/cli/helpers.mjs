// Shared helpers for the CLI tests: throw-away projects in the OS temp folder and a runner for the
// built CLI. The tests run dist/cli.js (built by `node esbuild.mjs`, which the test command runs
// first) as a child process and look only at what a user sees: exit code, stdout, stderr, files.
// CORS_LINT_CLI=/path/to/cli.js runs the same tests against another build (e.g. an installed one).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = process.env.CORS_LINT_CLI ? path.resolve(process.env.CORS_LINT_CLI) : path.join(REPO, 'dist', 'cli.js');

if (!fs.existsSync(CLI)) {
  throw new Error(`${CLI} does not exist: build it first with \`node esbuild.mjs\``);
}

/** The engine bundle next to the CLI (dist/core.js): rule metadata to compare output against. */
export function loadCore() {
  return createRequire(import.meta.url)(path.join(path.dirname(CLI), 'core.js'));
}

/** Source snippets the engine must report (DESIGN §4), each on line 1. */
export const SNIPPETS = {
  /** multiple-origins, error. */
  multipleOrigins: "res.setHeader('Access-Control-Allow-Origin', 'https://a.com, https://b.com');\n",
  /** invalid-origin, error; the literal is at 1:46-1:62, its safe fix removes the slash. */
  trailingSlash: "res.setHeader('Access-Control-Allow-Origin', 'https://a.com/');\n",
  trailingSlashFixed: "res.setHeader('Access-Control-Allow-Origin', 'https://a.com');\n",
  /** null-origin, warning; the literal is at 1:46-1:52. */
  nullOrigin: "res.setHeader('Access-Control-Allow-Origin', 'null');\n",
  /** permissive-wildcard, info. */
  wildcard: "res.setHeader('Access-Control-Allow-Origin', '*');\n",
  /** Nothing to report. */
  clean: "export function add(a, b) {\n  return a + b;\n}\n",
};

/**
 * One handler function per snippet, so each header write belongs to its own response (two writes
 * in one response would also be a duplicate-origin-header). Snippet i is on line 3 * i + 2.
 */
export function handlers(...snippets) {
  return snippets.map((snippet, i) => `function handler${i}(req, res) {\n${snippet}}\n`).join('');
}

/**
 * Creates a temporary project from { 'relative/path': string | Buffer } and removes it after the test.
 * Returns the project's real path (macOS's /var -> /private/var would otherwise differ from cwd).
 */
export function makeProject(t, files = {}) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cors-lint-cli-')));
  t.after(() => removeTree(dir));
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir, files) {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

function removeTree(dir) {
  // Give back any permissions a test removed, so the tree can be deleted when not running as root.
  const restore = (p) => {
    let stat;
    try {
      stat = fs.lstatSync(p);
    } catch {
      return;
    }
    if (stat.isSymbolicLink()) return;
    try {
      fs.chmodSync(p, stat.isDirectory() ? 0o755 : 0o644);
    } catch {
      // not ours
    }
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) restore(path.join(p, name));
  };
  restore(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Loads one CLI module from source, bundled with the project's esbuild into the test's temp folder.
 * For the few behaviours that cannot be reached deterministically through the executable.
 */
export async function loadSourceModule(t, relativePath) {
  const { build } = await import('esbuild');
  const dir = makeProject(t);
  const outfile = path.join(dir, `${path.basename(relativePath, '.ts')}.cjs`);
  await build({ entryPoints: [path.join(REPO, relativePath)], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'silent' });
  return createRequire(import.meta.url)(outfile);
}

/** Environment variables that change the CLI's output; removed so the tests do not depend on the caller's shell. */
const OUTPUT_ENV = ['NO_COLOR', 'FORCE_COLOR', 'CORS_LINT_DEBUG'];

/**
 * Runs the CLI synchronously. `env` is merged over a cleaned copy of this process's environment.
 * Returns { code, stdout, stderr, stderrLines }.
 */
export function runCli(args, { cwd, env = {}, uid, gid } = {}) {
  const baseEnv = { ...process.env };
  for (const name of OUTPUT_ENV) delete baseEnv[name];
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...baseEnv, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // A safety net, not a timing assertion: a hang (e.g. a link loop) fails the test instead of the suite.
    timeout: 120_000,
    ...(uid !== undefined ? { uid, gid } : {}),
  });
  if (result.error) throw result.error;
  if (result.signal) throw new Error(`cors-lint ${args.join(' ')} was killed by ${result.signal}\nstderr: ${result.stderr}`);
  return {
    code: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
    stderrLines: result.stderr.split('\n').filter((line) => line !== ''),
  };
}

/** Runs with --format json and parses stdout. */
export function runJson(args, options) {
  const result = runCli(['--format', 'json', ...args], options);
  let json;
  try {
    json = JSON.parse(result.stdout);
  } catch (error) {
    throw new Error(`stdout is not JSON (exit ${result.code}): ${error.message}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  }
  return { ...result, json };
}

/** All findings of a JSON report as "path:line:column ruleId severity" strings, for compact assertions. */
export function findingKeys(json) {
  return json.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line}:${x.column} ${x.ruleId} ${x.severity}`));
}

/** A human-readable dump to attach to assertion messages. */
export function dump(result) {
  return `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}
