// Entry point of dist/server.js. The transport comes from argv: `--stdio` (Neovim, Emacs, tests),
// `--node-ipc` (the VS Code client), `--socket=<port>` or `--pipe=<name>`. The same bundle is the
// workspace audit's worker thread (audit-worker.ts), started with this file as its script.
import { isMainThread, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { AUDIT_WORKER_ROLE, serveAuditJobs } from './audit-worker';
import { describeError } from './guard';
import { startServer } from './server';

if (!isMainThread && (workerData as { role?: unknown } | null)?.role === AUDIT_WORKER_ROLE) {
  serveAuditJobs();
} else {
  const connection = createConnection(ProposedFeatures.all);

  // Last resort: anything that escapes a handler's guard is logged, and the server keeps serving.
  process.on('uncaughtException', (error) => connection.console.error(`cors-lint: uncaught exception: ${describeError(error)}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`cors-lint: unhandled rejection: ${describeError(reason)}`));

  startServer(connection, { workerScript: __filename });
}
