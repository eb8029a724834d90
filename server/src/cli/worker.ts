// Worker thread entry (bundled to dist/worker.js): lints the batches of files the pool sends.
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { loadWithCodeCache } from './code-cache';
import { setEngineLoader } from './engine';
import type { Engine } from './engine';
import { lintFile } from './lint-file';
import type { LintFileOptions } from './lint-file';
import type { WorkerRequest, WorkerResponse } from './pool';

// As on the main thread (main.ts), the engine loads on the first file that needs it; the main thread
// writes the code cache, workers only read it.
setEngineLoader(() => loadWithCodeCache(join(__dirname, 'core.js'), { store: false }) as Engine);

const options = workerData as LintFileOptions;
parentPort?.on('message', (request: WorkerRequest) => {
  const outcomes = request.files.map((file) => lintFile(file, options));
  parentPort?.postMessage({ first: request.first, outcomes } satisfies WorkerResponse);
});
