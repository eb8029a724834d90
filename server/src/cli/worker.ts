// Worker thread entry (bundled to dist/worker.js): lints the batches of files the pool sends.
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { loadWithCodeCache } from './code-cache';
import { setEngineLoader } from '../project/engine';
import type { Engine } from '../project/engine';
import { lintFile } from '../project/lint-file';
import type { LintFileOptions } from '../project/lint-file';
import { Project } from '../project/project';
import type { WorkerRequest, WorkerResponse } from './pool';

// As on the main thread (main.ts), the engine loads on the first file that needs it; the main thread
// writes the code cache, workers only read it.
setEngineLoader(() => loadWithCodeCache(join(__dirname, 'core.js'), { store: false }) as Engine);

const options = workerData as LintFileOptions;
// Each thread has its own project (module index, resolution caches); it reads what its files need.
const project = options.project ? new Project(options.project) : undefined;
parentPort?.on('message', (request: WorkerRequest) => {
  const outcomes = request.files.map((file) => lintFile(file, options, project));
  parentPort?.postMessage({ first: request.first, outcomes } satisfies WorkerResponse);
});
