// The worker-thread side of the audit. The server bundle starts itself as the worker (main.ts checks
// the role), so there is no second bundle to build or package. Jobs run interleaved: each yields
// between files, which is also when it notices a cancel message.
import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { AuditEvent, AuditJob, runAuditJob } from './audit-job';
import { describeError } from './guard';

/** `workerData.role` of the audit worker. */
export const AUDIT_WORKER_ROLE = 'cors-lint-audit';

/**
 * `state` is shared memory the main thread reads while this thread may be stuck in one file:
 * [ANALYSING] is 1 while a file is analysed, [INDEX] its position in the job's queue.
 */
export type ToAuditWorker = { type: 'run'; job: AuditJob; state: SharedArrayBuffer } | { type: 'cancel'; id: number };

export type FromAuditWorker = { id: number; event: AuditEvent } | { id: number; failed: string };

export const STATE_INDEX = 0;
export const STATE_ANALYSING = 1;
export const STATE_LENGTH = 2;

export function serveAuditJobs(): void {
  const port = parentPort;
  if (!port) return;
  const cancelled = new Set<number>();
  const post = (message: FromAuditWorker) => port.postMessage(message);
  // Test hooks: a file with this base name hangs (or ends the thread) when analysed, so the protocol
  // tests can prove the audit skips it and carries on.
  const hangOn = process.env.CORS_LINT_TEST_AUDIT_HANG || undefined;
  const crashOn = process.env.CORS_LINT_TEST_AUDIT_CRASH || undefined;
  port.on('message', (message: ToAuditWorker) => {
    if (message.type === 'cancel') {
      cancelled.add(message.id);
      return;
    }
    const { id } = message.job;
    const state = new Int32Array(message.state);
    runAuditJob(message.job, {
      emit: (event: AuditEvent) => post({ id, event }),
      cancelled: () => cancelled.has(id),
      analysing: (index, file) => {
        if (index !== undefined) Atomics.store(state, STATE_INDEX, index);
        Atomics.store(state, STATE_ANALYSING, index === undefined ? 0 : 1);
        if (index === undefined) return;
        if (hangOn !== undefined && path.basename(file) === hangOn) for (;;);
        if (crashOn !== undefined && path.basename(file) === crashOn) process.exit(70);
      },
    })
      .catch((error: unknown) => post({ id, failed: describeError(error) }))
      .finally(() => cancelled.delete(id));
  });
}
