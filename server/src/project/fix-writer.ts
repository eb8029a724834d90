// Writing a fixed file without ever losing work: the new content goes to a temporary file in the same
// folder (same filesystem, so the rename is atomic), with the original's mode (and owner, when running
// as root); just before the rename the original is read again, and if it is no longer the bytes the
// fixes were computed from (an editor saved it meanwhile), the temporary file is dropped and the
// original is left alone. A small window between that check and the rename remains; no portable API
// closes it.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeFsError } from './fs-errors';

export type WriteOutcome =
  | { ok: true }
  | { ok: false; reason: 'changed' | 'error'; message: string };

/**
 * Replaces `file` with `contents` if it still holds exactly `expected`. A symbolic link is followed
 * (the link stays a link; its target is replaced).
 */
export function writeFileIfUnchanged(file: string, expected: Uint8Array, contents: Uint8Array): WriteOutcome {
  let target: string;
  let stat: fs.Stats;
  try {
    target = fs.realpathSync(file);
    stat = fs.statSync(target);
  } catch (error) {
    return { ok: false, reason: 'error', message: `cannot write the fixed file: ${describeFsError(error)}` };
  }
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.cors-lint-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(temp, 'wx', 0o600);
    try {
      writeAll(fd, contents);
      // openSync's mode is filtered by the umask; the original's mode is restored exactly.
      fs.fchmodSync(fd, stat.mode & 0o7777);
      if (process.getuid?.() === 0 && (stat.uid !== 0 || stat.gid !== 0)) fs.fchownSync(fd, stat.uid, stat.gid);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const current = fs.readFileSync(target);
    if (!current.equals(expected)) {
      removeQuietly(temp);
      return { ok: false, reason: 'changed', message: 'not fixed: the file changed on disk while cors-lint was running' };
    }
    fs.renameSync(temp, target);
    return { ok: true };
  } catch (error) {
    removeQuietly(temp);
    return { ok: false, reason: 'error', message: `cannot write the fixed file: ${describeFsError(error)}` };
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
}

function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // already gone, or never created
  }
}
