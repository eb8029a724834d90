// Worker thread entry (bundled to dist/worker.js): lints the batches of files the pool sends.
import { parentPort, workerData } from 'node:worker_threads';
import { lintFile } from '../project/lint-file';
import type { LintFileOptions } from '../project/lint-file';
import type { WorkerRequest, WorkerResponse } from './pool';

const options = workerData as LintFileOptions;
parentPort?.on('message', (request: WorkerRequest) => {
  const outcomes = request.files.map((file) => lintFile(file, options));
  parentPort?.postMessage({ first: request.first, outcomes } satisfies WorkerResponse);
});
