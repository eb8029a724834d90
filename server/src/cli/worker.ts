// Worker thread entry (bundled to dist/worker.js): lints the batches of files the pool sends.
import { parentPort, workerData } from 'node:worker_threads';
import { lintFile } from '../project/lint-file';
import type { LintFileOptions } from '../project/lint-file';
import { Project } from '../project/project';
import type { WorkerRequest, WorkerResponse } from './pool';

const options = workerData as LintFileOptions;
// Each thread has its own project (module index, resolution caches); it reads what its files need.
const project = options.project ? new Project(options.project) : undefined;
parentPort?.on('message', (request: WorkerRequest) => {
  const outcomes = request.files.map((file) => lintFile(file, options, project));
  parentPort?.postMessage({ first: request.first, outcomes } satisfies WorkerResponse);
});
