// Bundles the three entry points. typescript is bundled into the server and the CLI so the
// packaged extension and `npx cors-lint` need no node_modules at run time.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const entries = [
  // dist/cli.js starts dist/cli-main.js from V8's code cache (server/src/cli/code-cache.ts).
  { in: 'server/src/cli/bin.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  { in: 'server/src/cli/main.ts', out: 'cli-main' },
  // The engine alone, for tests and benchmarks.
  { in: 'server/src/core/index.ts', out: 'core' },
  // The project layer (resolution, module index, env files), for tests and benchmarks.
  { in: 'server/src/project/index.ts', out: 'project' },
  // The audit report renderer (HTML/Markdown), shared by the CLI and the webview; tests import it.
  { in: 'server/src/report/index.ts', out: 'report' },
  { in: 'server/src/lsp/main.ts', out: 'server' },
  { in: 'server/src/cli/worker.ts', out: 'worker' },
  { in: 'client/src/extension.ts', out: 'client', external: ['vscode'] },
].filter((e) => existsSync(e.in));

const contexts = await Promise.all(entries.map((e) => esbuild.context({
  entryPoints: { [e.out]: e.in },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  external: e.external ?? [],
  banner: e.banner ? { js: e.banner } : undefined,
  logLevel: 'warning',
  // jsonc-parser's "main" is a UMD build whose factory requires its own files at run time, which a
  // bundle cannot resolve; its ES module build bundles.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
})));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
