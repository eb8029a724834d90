// Builds the benchmark corpus reproducibly: pinned server-side packages installed into bench/corpus
// (git-ignored; third-party code is never committed), and the comparison tools into bench/.tools.
// Idempotent: a marker file records what was installed.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Real server-side packages: frameworks, CORS middleware users, and large libraries. */
export const CORPUS_PACKAGES = [
  'express@5.1.0', 'koa@3.0.1', '@koa/router@14.0.0', '@koa/cors@5.0.0', 'fastify@5.6.1', '@fastify/cors@11.1.0',
  '@nestjs/core@11.1.6', '@nestjs/common@11.1.6', '@nestjs/platform-express@11.1.6', '@hapi/hapi@21.4.3',
  'next@15.5.4', 'hono@4.9.9', 'socket.io@4.8.1', '@apollo/server@5.0.0', 'aws-sdk@2.1692.0',
  'restify@11.1.0', 'typescript@5.9.3', 'cors@2.8.5', '@middy/http-cors@6.4.5',
];
// eslint-plugin-sonarjs loads typescript at start-up, so it is a tool dependency too.
export const TOOL_PACKAGES = ['eslint@9.39.1', 'eslint-plugin-sonarjs@3.0.5', '@typescript-eslint/parser@8.46.0', 'typescript@5.9.3'];

function install(folder, packages) {
  const marker = join(folder, '.installed.json');
  const wanted = JSON.stringify(packages);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return false;
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'cors-lint-bench-' + folder.split('/').pop().replace(/\W/g, ''), private: true }, null, 2));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', '--legacy-peer-deps', ...packages], { cwd: folder, stdio: 'inherit' });
  writeFileSync(marker, wanted);
  return true;
}

/**
 * The installed packages, copied to bench/corpus/src with every `node_modules` folder renamed, so the
 * CLI (which skips node_modules, as users want) scans them like an application's own source.
 */
function flatten(from, to) {
  rmSync(to, { recursive: true, force: true });
  const copy = (src, dst) => {
    mkdirSync(dst, { recursive: true });
    for (const entry of readdirSync(src, { withFileTypes: true })) {
      const s = join(src, entry.name);
      const d = join(dst, entry.name === 'node_modules' ? 'deps' : entry.name);
      if (entry.isDirectory()) copy(s, d);
      else if (entry.isFile()) copyFileSync(s, d);
    }
  };
  copy(from, to);
}

export function ensureCorpus() {
  const corpus = join(here, 'corpus');
  const tools = join(here, '.tools');
  const fresh = install(corpus, CORPUS_PACKAGES);
  const src = join(corpus, 'src');
  if (fresh || !existsSync(src)) flatten(join(corpus, 'node_modules'), src);
  // The corpus is a repository of its own, as a user's project is. Inside this one, discovery would
  // honour this repository's .gitignore, which ignores bench/corpus/, and find no files at all.
  if (!existsSync(join(src, '.git'))) execFileSync('git', ['init', '--quiet', src], { stdio: 'inherit' });
  install(tools, TOOL_PACKAGES);
  return { corpus: src, tools };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { corpus, tools } = ensureCorpus();
  console.log(`corpus: ${corpus}\ntools: ${tools}`);
}
