// A one-line "12/340 src/app.ts" counter on stderr, redrawn in place with \r and erased at the end.
// Only on a terminal: in CI logs and pipes it would be hundreds of lines of noise.
import type { OutputStream } from './io';

const MIN_INTERVAL_MS = 80;

export class ProgressLine {
  private lastDraw = 0;
  private visible = false;

  constructor(
    private readonly stream: OutputStream,
    private readonly enabled: boolean,
  ) {}

  update(done: number, total: number, label: string): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < MIN_INTERVAL_MS && done !== total) return;
    this.lastDraw = now;
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    let line = `cors-lint ${done}/${total} ${label}`;
    if (line.length > width) line = `${line.slice(0, width - 1)}…`;
    this.stream.write(`\r\x1b[K${line}`);
    this.visible = true;
  }

  /** Erases the line, e.g. before a message is printed or at the end of the run. */
  clear(): void {
    if (!this.visible) return;
    this.stream.write('\r\x1b[K');
    this.visible = false;
  }
}
