// Lints many files on worker threads; results come back in file order as they complete, so the
// report and the progress line stream. Small runs stay on the main thread: starting a worker (and
// loading TypeScript into it) costs more than it saves below a few hundred files.
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { lintFile } from '../project/lint-file';
import type { FileOutcome, LintFileOptions } from '../project/lint-file';
import { Project } from '../project/project';

/** Below this many files the main thread lints alone. */
export const MIN_FILES_FOR_WORKERS = 300;
/** Files handed to a worker at a time: enough to amortise messaging, small enough to balance. */
const BATCH = 32;

export interface WorkerRequest { files: string[]; first: number }
export interface WorkerResponse { first: number; outcomes: FileOutcome[] }

export function defaultJobs(): number {
  // Measured on 2026-11-25 (npm run bench of that day): on two cores the prefilter leaves too little to
  // parse for workers to repay their start-up (each loads TypeScript), so the main thread alone is faster there.
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return cores > 2 ? cores : 1;
}

export async function lintFiles(
  files: readonly string[],
  options: LintFileOptions,
  jobs: number,
  onOutcome: (index: number, outcome: FileOutcome) => void,
): Promise<void> {
  const threads = Math.min(jobs || defaultJobs(), Math.ceil(files.length / BATCH));
  const workerScript = path.join(__dirname, 'worker.js');
  if (threads <= 1 || files.length < MIN_FILES_FOR_WORKERS || !require('node:fs').existsSync(workerScript)) {
    const project = options.project ? new Project(options.project) : undefined;
    files.forEach((file, index) => onOutcome(index, lintFile(file, options, project)));
    return;
  }
  let next = 0;
  const workers: Worker[] = [];
  await new Promise<void>((resolve, reject) => {
    let running = 0;
    const feed = (worker: Worker) => {
      if (next >= files.length) {
        void worker.terminate();
        if (--running === 0) resolve();
        return;
      }
      const first = next;
      next = Math.min(files.length, next + BATCH);
      worker.postMessage({ files: files.slice(first, next), first } satisfies WorkerRequest);
    };
    for (let i = 0; i < threads; i++) {
      // TypeScript's parser recurses deeply on nested code: give workers a roomier stack.
      const worker = new Worker(workerScript, { workerData: options, resourceLimits: { stackSizeMb: 16 } });
      workers.push(worker);
      running++;
      worker.on('message', (response: WorkerResponse) => {
        response.outcomes.forEach((outcome, i) => onOutcome(response.first + i, outcome));
        feed(worker);
      });
      worker.on('error', (error) => {
        for (const w of workers) void w.terminate();
        reject(error);
      });
      feed(worker);
    }
  });
}
