// Bundles the entry points. typescript is bundled into the server and the engine (dist/core.js) so the
// packaged extension and `npx cors-lint` need no node_modules at run time. The CLI's own bundles
// (dist/cli-main.js, dist/worker.js) leave the engine out and load dist/core.js only when a file passes
// the prefilter (server/src/cli/engine.ts), so a run without CORS code never loads TypeScript.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const entries = [
  // dist/cli.js starts dist/cli-main.js from V8's code cache (server/src/cli/code-cache.ts).
  { in: 'server/src/cli/bin.ts', out: 'cli', banner: '#!/usr/bin/env node', separateEngine: true },
  { in: 'server/src/cli/main.ts', out: 'cli-main', separateEngine: true },
  // The engine alone: the CLI loads it on demand; tests and benchmarks import it.
  { in: 'server/src/core/index.ts', out: 'core' },
  // The project layer (resolution, module index, env files), for tests and benchmarks.
  { in: 'server/src/project/index.ts', out: 'project' },
  // The audit report renderer (HTML/Markdown), shared by the CLI and the webview; tests import it.
  { in: 'server/src/report/index.ts', out: 'report' },
  { in: 'server/src/lsp/main.ts', out: 'server' },
  { in: 'server/src/cli/worker.ts', out: 'worker', separateEngine: true },
  { in: 'client/src/extension.ts', out: 'client', external: ['vscode'] },
].filter((e) => existsSync(e.in));

/**
 * `import ts from 'typescript'` in an ES module makes esbuild wrap the CommonJS module in `__toESM`,
 * which copies every one of TypeScript's thousands of exports onto a new object, once per importing
 * file (20 copies at start-up). This resolves `typescript` to a module whose default export is
 * `require('typescript')` itself: no copy for `import ts from 'typescript'`. It has no side effects, so a bundle that uses only the parts
 * of a core module that never touch `ts` (the CLI's config defaults, say) leaves TypeScript out.
 * It has only the default export: an `export * from 'typescript'` here made esbuild build the namespace
 * object (two more copies of every export, ~25 ms of the engine's load) in every bundle, used or not.
 * The code uses `import ts from 'typescript'` and `import type * as ts`; a named or namespace import of
 * a value fails the build ("No matching export") rather than costing the copy.
 */
const typescriptWithoutInterop = {
  name: 'typescript-without-interop',
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, (args) => (args.namespace === 'typescript-default' ? undefined : { path: 'typescript', namespace: 'typescript-default', sideEffects: false }));
    build.onLoad({ filter: /.*/, namespace: 'typescript-default' }, () => ({ contents: "const ts = require('typescript');\nexport default ts;\n", resolveDir: process.cwd(), loader: 'js' }));
  },
};

/**
 * refa (the regex automata of core/origin-checks/regex.ts) is a CommonJS module, so esbuild keeps it in
 * every bundle that merely reaches it through an import chain (prefilter → platform → rules → origin
 * checks), even where nothing of it is used: it was 80% of the CLI's bundle, read and run at every
 * start-up. Its module body only defines functions and classes, so it is marked free of side effects:
 * bundles that use it keep it, the others drop it.
 */
const sideEffectFreeCommonJs = {
  name: 'side-effect-free-commonjs',
  setup(build) {
    build.onResolve({ filter: /^refa$/ }, async (args) => {
      if (args.pluginData?.sideEffectFree) return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { sideEffectFree: true } });
      return resolved.errors.length > 0 ? resolved : { ...resolved, sideEffects: false };
    });
  },
};

const contexts = await Promise.all(entries.map((e) => esbuild.context({
  entryPoints: { [e.out]: e.in },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  // Smaller bundles are faster to read and to compile; the source maps keep stack traces readable.
  // CORS_LINT_NO_MINIFY=1 keeps names, for CPU profiles (`node --cpu-prof`) that name functions.
  minify: process.env.CORS_LINT_NO_MINIFY !== '1',
  sourcemap: true,
  external: e.external ?? [],
  banner: e.banner ? { js: e.banner } : undefined,
  define: { CORS_LINT_SEPARATE_ENGINE: e.separateEngine ? 'true' : 'false' },
  plugins: [typescriptWithoutInterop, sideEffectFreeCommonJs],
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
