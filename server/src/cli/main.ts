// The CLI program (bundled to dist/cli-main.js; dist/cli.js starts it, see bin.ts). Everything else lives in run.ts.
import { join } from 'node:path';
import { loadWithCodeCache } from './code-cache';
import { setEngineLoader } from '../project/engine';
import type { Engine } from '../project/engine';
import { run } from './run';

// The engine (dist/core.js, TypeScript inside) loads from V8's code cache when the first file passes
// the prefilter; a run without CORS code never loads it.
setEngineLoader(() => loadWithCodeCache(join(__dirname, 'core.js')) as Engine);

// The reader went away (`cors-lint | head`): there is nobody left to print to, which is not a crash.
// The run still finishes and exits with its own code.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
});

run(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    // exitCode, not process.exit(): exit() can cut off output still queued for a pipe.
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`cors-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
