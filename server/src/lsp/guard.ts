// Handlers never throw (DESIGN §8): a failure becomes one log line and an empty result, and the
// server keeps serving. Every handler and every timer callback goes through these wrappers.
import { CancellationToken, LSPErrorCodes, ResponseError, type RemoteConsole } from 'vscode-languageserver/node';

export type Log = Pick<RemoteConsole, 'error' | 'warn' | 'info' | 'log'>;

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

export class Guard {
  constructor(private readonly log: Log) {}

  /**
   * Wraps a request handler: a throw or a rejection answers `fallback` instead of an error. A
   * ResponseError is a deliberate answer (a cancelled request) and reaches the client as one.
   */
  request<P, R, T extends unknown[]>(
    name: string,
    fallback: () => R,
    handler: (params: P, ...rest: T) => R | Promise<R>,
  ): (params: P, ...rest: T) => Promise<R> {
    return async (params: P, ...rest: T) => {
      try {
        return await handler(params, ...rest);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        this.log.error(`cors-lint: ${name} failed: ${describeError(error)}`);
        return fallback();
      }
    };
  }

  /** Wraps a notification handler or a callback; async failures are logged too. */
  notification<P extends unknown[]>(name: string, handler: (...params: P) => void | Promise<void>): (...params: P) => void {
    return (...params: P) => {
      try {
        const result = handler(...params);
        if (result instanceof Promise) {
          result.catch((error: unknown) => this.log.error(`cors-lint: ${name} failed: ${describeError(error)}`));
        }
      } catch (error) {
        this.log.error(`cors-lint: ${name} failed: ${describeError(error)}`);
      }
    };
  }
}

/**
 * Ends a request the client cancelled ($/cancelRequest) while it waited for settings or a previous
 * analysis: the client gets RequestCancelled and the server skips the work.
 */
export function throwIfCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled by the client');
}
