// A small LSP client over stdio for the protocol tests: Content-Length framing, requests with
// timeouts, server→client requests answered by handlers, and waits on notifications (never sleeps).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const SERVER_PATH = fileURLToPath(new URL('../../dist/server.js', import.meta.url));
export const DEFAULT_TIMEOUT_MS = 10_000;

export class LspClient {
  /** @param {{ env?: Record<string, string>, args?: string[] }} [options] */
  static spawn(options = {}) {
    const child = spawn(process.execPath, [SERVER_PATH, ...(options.args ?? ['--stdio'])], {
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return new LspClient(child);
  }

  constructor(child) {
    this.child = child;
    this.nextId = 1;
    this.pending = new Map();
    /** Every notification and request from the server, in order: { method, params, index, isRequest }. */
    this.received = [];
    this.waiters = new Set();
    this.requestHandlers = new Map();
    this.stderr = '';
    this.exited = false;
    this.buffer = Buffer.alloc(0);
    this.settings = {};
    child.stdout.on('data', (chunk) => this.onData(chunk));
    child.stderr.on('data', (chunk) => (this.stderr += chunk.toString('utf8')));
    child.stdin.on('error', () => {});
    child.on('exit', (code, signal) => {
      this.exited = true;
      this.exitCode = code ?? signal;
      const error = new Error(`server exited (${code ?? signal})\nstderr:\n${this.stderr}`);
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
      for (const waiter of this.waiters) waiter.fail(error);
    });
    // Defaults a well-behaved client gives; tests override with onRequest().
    this.onRequest('workspace/configuration', (params) => params.items.map((item) => (item.section === 'corsLint' ? this.settings : null)));
    this.onRequest('client/registerCapability', () => null);
    this.onRequest('client/unregisterCapability', () => null);
    this.onRequest('window/workDoneProgress/create', () => null);
    this.onRequest('workspace/diagnostic/refresh', () => null);
    this.onRequest('window/showDocument', () => ({ success: true }));
    this.onRequest('window/showMessageRequest', () => null);
  }

  onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const match = /Content-Length: *(\d+)/i.exec(header);
      if (!match) throw new Error(`bad header from server: ${header}`);
      const length = Number(match[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString('utf8');
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(JSON.parse(body));
    }
  }

  dispatch(message) {
    if (message.id !== undefined && message.method === undefined) {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.error) pending.reject(Object.assign(new Error(`${pending.method}: ${message.error.message}`), { code: message.error.code }));
      else pending.resolve(message.result);
      return;
    }
    const entry = { method: message.method, params: message.params, index: this.received.length, isRequest: message.id !== undefined };
    this.received.push(entry);
    if (entry.isRequest) void this.answer(message);
    for (const waiter of [...this.waiters]) waiter.check(entry);
  }

  async answer(message) {
    const handler = this.requestHandlers.get(message.method);
    if (!handler) {
      this.send({ jsonrpc: '2.0', id: message.id, error: { code: -32601, message: `unhandled ${message.method}` } });
      return;
    }
    try {
      const result = await handler(message.params);
      this.send({ jsonrpc: '2.0', id: message.id, result: result ?? null });
    } catch (error) {
      this.send({ jsonrpc: '2.0', id: message.id, error: { code: -32603, message: String(error) } });
    }
  }

  /** Handles a server→client request; the handler may return a promise to answer later. */
  onRequest(method, handler) {
    this.requestHandlers.set(method, handler);
  }

  frame(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
  }

  send(message) {
    if (!this.exited) this.child.stdin.write(this.frame(message));
  }

  /** Writes several messages in one write, so the server reads them as one burst. */
  sendBatch(messages) {
    if (!this.exited) this.child.stdin.write(Buffer.concat(messages.map((m) => this.frame(m))));
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  request(method, params, { timeout = DEFAULT_TIMEOUT_MS } = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.exited) {
        reject(new Error(`server exited before ${method}\nstderr:\n${this.stderr}`));
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} timed out after ${timeout} ms\nstderr:\n${this.stderr}`));
      }, timeout);
      this.pending.set(id, {
        method,
        resolve: (value) => (clearTimeout(timer), resolve(value)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** Index to pass as `since` so that only later notifications count. */
  mark() {
    return this.received.length;
  }

  /**
   * Resolves with the params of the first notification or server request `method` (at or after
   * index `since`) that satisfies `predicate`; rejects after `timeout` with what did arrive.
   */
  waitFor(method, predicate = () => true, { since = 0, timeout = DEFAULT_TIMEOUT_MS } = {}) {
    const found = this.received.find((e) => e.index >= since && e.method === method && predicate(e.params));
    if (found) return Promise.resolve(found.params);
    return new Promise((resolve, reject) => {
      const waiter = {
        check: (entry) => {
          if (entry.index >= since && entry.method === method && predicate(entry.params)) {
            done();
            resolve(entry.params);
          }
        },
        fail: (error) => (done(), reject(error)),
      };
      const timer = setTimeout(() => {
        done();
        const seen = this.received.filter((e) => e.method === method).map((e) => JSON.stringify(e.params).slice(0, 300));
        reject(new Error(`timed out after ${timeout} ms waiting for ${method}; received:\n${seen.join('\n')}\nstderr:\n${this.stderr}`));
      }, timeout);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
    });
  }

  /** Params of every notification (or server request) `method` received so far. */
  notifications(method) {
    return this.received.filter((e) => e.method === method).map((e) => e.params);
  }

  /** window/logMessage texts. */
  logs() {
    return this.notifications('window/logMessage').map((p) => p.message);
  }

  async shutdown() {
    if (this.exited) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    try {
      await this.request('shutdown', null, { timeout: 5000 });
      this.notify('exit');
    } catch {
      this.child.kill();
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
