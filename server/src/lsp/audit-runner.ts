// Runs audit jobs on the worker thread, and keeps them going when the thread cannot: a file that hangs
// the analysis (a large minified bundle can keep the engine busy for minutes) or ends the thread is
// skipped with a notice, and every job goes on from where it was in a fresh worker. The file at fault
// is known from shared memory the worker updates around each file, readable while it is stuck.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AuditEvent, AuditJob } from './audit-job';
import { FromAuditWorker, STATE_ANALYSING, STATE_INDEX, STATE_LENGTH, ToAuditWorker, AUDIT_WORKER_ROLE } from './audit-worker';
import { describeError, Log } from './guard';

export interface JobHandlers {
  onEvent(event: AuditEvent): void;
  onFailed(message: string): void;
}

export interface AuditRunnerOptions {
  /** The worker's script: the server bundle (main.ts starts the audit side when it is a worker). */
  script: string;
  log: Log;
  /** No message from a worker that is analysing a file for this long: the file is skipped. */
  stallMs: number;
  /** A cancelled job still analysing one file after this long: the thread is replaced. */
  cancelGraceMs: number;
}

interface RunningJob {
  job: AuditJob;
  handlers: JobHandlers;
  state: Int32Array;
  /** The files in the order the worker analyses them; undefined until discovery has listed them. */
  queue: string[] | undefined;
  /** Results received so far: they arrive in queue order. */
  received: number;
  cancelled: boolean;
  /** Restarts that could not blame a file: a job that keeps ending the thread is given up. */
  blindRestarts: number;
}

const MAX_BLIND_RESTARTS = 2;

export class AuditRunner {
  private worker: Worker | undefined;
  private readonly jobs = new Map<number, RunningJob>();
  private watchdog: NodeJS.Timeout | undefined;
  /** The file the watchdog last saw being analysed (job id and queue index), and since when. */
  private watched: { key: string; since: number } | undefined;
  /** Why the current worker is ending (its 'error' event comes before 'exit'). */
  private workerError: string | undefined;

  constructor(private readonly options: AuditRunnerOptions) {}

  start(job: AuditJob, handlers: JobHandlers, blindRestarts = 0): void {
    const running: RunningJob = {
      job,
      handlers,
      state: new Int32Array(new SharedArrayBuffer(STATE_LENGTH * Int32Array.BYTES_PER_ELEMENT)),
      queue: job.files,
      received: 0,
      cancelled: false,
      blindRestarts,
    };
    this.jobs.set(job.id, running);
    this.post({ type: 'run', job, state: running.state.buffer as SharedArrayBuffer });
    this.startWatchdog();
  }

  cancel(id: number): void {
    const running = this.jobs.get(id);
    if (!running || running.cancelled) return;
    running.cancelled = true;
    this.worker?.postMessage({ type: 'cancel', id } satisfies ToAuditWorker);
    // The job notices the cancel between two files; one that takes long would hold the thread.
    setTimeout(() => {
      if (this.jobs.get(id) === running && Atomics.load(running.state, STATE_ANALYSING) === 1) {
        this.recover('the audit was cancelled while this file was analysed');
      }
    }, this.options.cancelGraceMs).unref();
  }

  dispose(): void {
    this.stopWatchdog();
    const worker = this.worker;
    this.worker = undefined;
    this.jobs.clear();
    void worker?.terminate();
  }

  private post(message: ToAuditWorker): void {
    this.ensureWorker().postMessage(message);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // TypeScript's parser recurses deeply on nested code: a roomier stack, as the CLI's workers have.
    const worker = new Worker(this.options.script, { workerData: { role: AUDIT_WORKER_ROLE }, resourceLimits: { stackSizeMb: 16 } });
    this.workerError = undefined;
    worker.on('message', (message: FromAuditWorker) => this.onMessage(message));
    worker.on('error', (error) => {
      if (this.worker === worker) this.workerError = describeError(error);
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return; // terminated on purpose
      const why = this.workerError ?? `exit code ${code}`;
      this.options.log.error(`cors-lint: the audit's worker thread ended (${why})`);
      this.recover(`analysing this file ended the audit's worker thread (${firstLine(why)})`);
    });
    // An idle worker must not keep the server process alive after `exit`.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private onMessage(message: FromAuditWorker): void {
    const running = this.jobs.get(message.id);
    if (!running) return;
    if ('failed' in message) {
      this.jobs.delete(message.id);
      running.handlers.onFailed(message.failed);
      return;
    }
    const { event } = message;
    if (event.type === 'discovered') running.queue = event.files;
    else if (event.type === 'results') running.received += event.results.length;
    else this.jobs.delete(message.id);
    running.handlers.onEvent(event);
  }

  /**
   * The worker is stuck in a file or gone: a new one takes over. The file being analysed is reported
   * as skipped; every job resumes after its last received result (results of the lost last batch are
   * computed again).
   */
  private recover(reason: string): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    const jobs = [...this.jobs.values()];
    this.jobs.clear();
    for (const running of jobs) {
      if (running.cancelled) {
        running.handlers.onEvent({ type: 'done', cancelled: true });
        continue;
      }
      if (!running.queue) {
        // Not listed yet: it may not have started (a superseded job held the thread), or its own listing
        // stopped the thread. It lists again on the new thread, a bounded number of times.
        if (++running.blindRestarts > MAX_BLIND_RESTARTS) running.handlers.onFailed(`the audit's worker thread stopped while listing files (${reason})`);
        else this.start(running.job, running.handlers, running.blindRestarts);
        continue;
      }
      const remaining = running.queue.slice(running.received);
      let blindRestarts = running.blindRestarts;
      const index = Atomics.load(running.state, STATE_INDEX);
      const stuck = Atomics.load(running.state, STATE_ANALYSING) === 1 ? running.queue[index] : undefined;
      if (stuck !== undefined && index >= running.received) {
        remaining.splice(index - running.received, 1);
        this.options.log.warn(`cors-lint: audit: skipped ${stuck}: ${reason}`);
        running.handlers.onEvent({
          type: 'results',
          folder: folderName(running.job, stuck),
          results: [{ path: stuck, kind: 'skipped', notice: { kind: 'internal-error', level: 'warning', message: `skipped: ${reason}; the rest of the audit went on (please report this file)` } }],
        });
      } else if (++blindRestarts > MAX_BLIND_RESTARTS) {
        running.handlers.onFailed(reason);
        continue;
      }
      this.start({ ...running.job, files: remaining }, running.handlers, blindRestarts);
    }
  }

  /** Samples the shared state: the same file still being analysed after `stallMs` is skipped. */
  private startWatchdog(): void {
    if (this.watchdog) return;
    this.watchdog = setInterval(() => {
      if (this.jobs.size === 0) {
        this.stopWatchdog();
        return;
      }
      const busy = [...this.jobs.values()].find((j) => Atomics.load(j.state, STATE_ANALYSING) === 1);
      const key = busy ? `${busy.job.id}:${Atomics.load(busy.state, STATE_INDEX)}` : undefined;
      if (key === undefined) {
        this.watched = undefined;
      } else if (this.watched?.key !== key) {
        this.watched = { key, since: Date.now() };
      } else if (Date.now() - this.watched.since >= this.options.stallMs) {
        this.watched = undefined;
        this.recover(`analysing it took longer than ${formatSeconds(this.options.stallMs)}`);
      }
    }, Math.max(10, Math.min(1000, this.options.stallMs / 10)));
    this.watchdog.unref();
  }

  private stopWatchdog(): void {
    clearInterval(this.watchdog);
    this.watchdog = undefined;
  }
}

function folderName(job: AuditJob, file: string): string {
  let best: { path: string; name: string } | undefined;
  for (const folder of job.folders) {
    if (file.startsWith(folder.path + path.sep) && (!best || folder.path.length > best.path.length)) best = folder;
  }
  return best?.name ?? '';
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0];
}
