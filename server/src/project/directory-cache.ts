// What each folder holds, read once with `readdir` (file types included) and kept until a watcher says
// the folder changed. Module resolution asks "does `src/config/cors.ts` exist?" dozens of times per
// import; one listing per folder answers all of them without a `stat` per candidate.
import * as fs from 'node:fs';
import * as path from 'node:path';

export type EntryKind = 'file' | 'directory';

export class DirectoryCache {
  private readonly listings = new Map<string, ReadonlyMap<string, EntryKind> | null>();

  /** The entries of `folder` (symbolic links followed), or undefined when it cannot be read. */
  list(folder: string): ReadonlyMap<string, EntryKind> | undefined {
    let listing = this.listings.get(folder);
    if (listing === undefined) {
      listing = readListing(folder);
      this.listings.set(folder, listing);
    }
    return listing ?? undefined;
  }

  isFile(file: string): boolean {
    return this.list(path.dirname(file))?.get(path.basename(file)) === 'file';
  }

  isDirectory(folder: string): boolean {
    return this.list(path.dirname(folder))?.get(path.basename(folder)) === 'directory';
  }

  /** A file was created, deleted or renamed in `folder`: its listing is read again when next asked. */
  forget(folder: string): void {
    this.listings.delete(folder);
  }

  forgetAll(): void {
    this.listings.clear();
  }
}

function readListing(folder: string): Map<string, EntryKind> | null {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return null;
  }
  const listing = new Map<string, EntryKind>();
  for (const entry of entries) {
    let kind: EntryKind | undefined = entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : undefined;
    if (entry.isSymbolicLink()) {
      try {
        const stat = fs.statSync(path.join(folder, entry.name));
        kind = stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : undefined;
      } catch {
        kind = undefined; // a broken link resolves to nothing
      }
    }
    if (kind) listing.set(entry.name, kind);
  }
  return listing;
}
