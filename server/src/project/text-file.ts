// Bytes <-> text for source files, losslessly: --fix must write back exactly the bytes it did not
// change, in the encoding it found. Plus offset -> line/column the way editors count.
import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';

/**
 * utf8-bom keeps the BOM out of the analysed text (editors do not count it as a column) and puts it
 * back on write. latin1 is the fallback for bytes that are not UTF-8: one byte = one char code, so
 * decoding and re-encoding gives the same bytes back.
 */
export type SourceEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be' | 'latin1';

export type DecodedSource = { kind: 'text'; text: string; encoding: SourceEncoding } | { kind: 'binary' };

export function decodeSource(bytes: Buffer): DecodedSource {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe && bytes.length % 2 === 0) {
    return { kind: 'text', text: bytes.toString('utf16le', 2), encoding: 'utf16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff && bytes.length % 2 === 0) {
    return { kind: 'text', text: Buffer.from(bytes.subarray(2)).swap16().toString('utf16le'), encoding: 'utf16be' };
  }
  // Source code never contains NUL; images, archives, compiled output and databases do.
  if (bytes.includes(0)) return { kind: 'binary' };
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf && isUtf8(bytes)) {
    return { kind: 'text', text: bytes.toString('utf8', 3), encoding: 'utf8-bom' };
  }
  if (isUtf8(bytes)) return { kind: 'text', text: bytes.toString('utf8'), encoding: 'utf8' };
  return { kind: 'text', text: bytes.toString('latin1'), encoding: 'latin1' };
}

/** The bytes for `text` in `encoding`, or undefined when the text cannot be represented in it. */
export function encodeSource(text: string, encoding: SourceEncoding): Buffer | undefined {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    case 'latin1':
      return /[^\u0000-\u00ff]/.test(text) ? undefined : Buffer.from(text, 'latin1');
  }
}

/**
 * Line starts of a text. Line breaks are \n, \r\n and \r only: the LSP and VS Code do not break lines
 * at U+2028/U+2029, so the CLI's positions match what the editor shows.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        this.starts.push(i + 1);
      }
    }
  }

  /** 1-based line and column (UTF-16 code units) of an offset. */
  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low] + 1 };
  }
}

/** 2097152 -> '2 MB': sizes in notices and help text (binary units, as parseSize reads them). */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${trimZero(bytes / 1024 ** 2)} MB`;
  if (bytes >= 1024) return `${trimZero(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function trimZero(n: number): string {
  return n.toFixed(1).replace(/\.0$/, '');
}

const OPEN_FOR_READING = fs.constants.O_NONBLOCK === undefined ? fs.constants.O_RDONLY : fs.constants.O_RDONLY | fs.constants.O_NONBLOCK;

export type RegularFileRead = { kind: 'read'; bytes: Buffer } | { kind: 'not-a-file' } | { kind: 'too-large'; size: number };

/**
 * A regular file's bytes, unless it is larger than `maxSize` (0: no limit). One open, the checks on the
 * open file (fstat), then one read: no second lookup of the path. O_NONBLOCK: opening a FIFO that replaced
 * the file since discovery must not wait for a writer. Throws what the file system throws.
 */
export function readRegularFile(file: string, maxSize: number): RegularFileRead {
  const fd = fs.openSync(file, OPEN_FOR_READING);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { kind: 'not-a-file' };
    if (maxSize > 0 && stat.size > maxSize) return { kind: 'too-large', size: stat.size };
    return { kind: 'read', bytes: fs.readFileSync(fd) };
  } finally {
    fs.closeSync(fd);
  }
}
