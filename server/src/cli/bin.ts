// The `cors-lint` executable (dist/cli.js): starts the CLI bundle (dist/cli-main.js, built from
// main.ts) through V8's code cache, which halves start-up. Kept tiny: it is compiled on every run.
import { join } from 'node:path';
import { runWithCodeCache } from './code-cache';

runWithCodeCache(join(__dirname, 'cli-main.js'));
