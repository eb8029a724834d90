// Entry point of dist/server.js. The transport comes from argv: `--stdio` (Neovim, Emacs, tests),
// `--node-ipc` (the VS Code client), `--socket=<port>` or `--pipe=<name>`.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { describeError } from './guard';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);

// Last resort: anything that escapes a handler's guard is logged, and the server keeps serving.
process.on('uncaughtException', (error) => connection.console.error(`cors-lint: uncaught exception: ${describeError(error)}`));
process.on('unhandledRejection', (reason) => connection.console.error(`cors-lint: unhandled rejection: ${describeError(reason)}`));

startServer(connection);
