// What the CLI needs from its surroundings. `run()` takes this instead of touching `process`, so it
// returns an exit code and never exits, prints or reads the environment behind the caller's back.

export interface OutputStream {
  write(text: string): unknown;
  /** True for a terminal: colours (stdout) and the progress line (stderr) depend on it. */
  readonly isTTY?: boolean;
  /** Terminal width, used to keep the progress line on one line. */
  readonly columns?: number;
}

export interface CliIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: OutputStream;
  stderr: OutputStream;
}
