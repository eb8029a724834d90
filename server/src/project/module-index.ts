// The project's import graph: for every analysed file, the project files it imports, and the reverse
// (who imports a file), which the engine asks for app composition (`importersOf`) and the language
// server uses to re-analyse open dependents. Built with core/imports.ts's scanImports — one pass over
// the characters, no TypeScript, so the CLI indexes without loading the engine — which sees
// `import … from`, `export … from`, `import('…')` and `require('…')`; nothing of an unopened file is
// kept but its resolved edges.
import { scanImports } from '../core/imports';
import type { ModuleResolver } from './resolver';

export { scanImports };

/** [file, its specifiers, the project files they resolve to]. */
export type IndexSnapshot = [string, readonly string[], string[]][];

export class ModuleIndex {
  /** file → the specifiers it names (kept so imports can be re-resolved without reading the file). */
  private readonly specifiers = new Map<string, readonly string[]>();
  /** file → the project files it imports (resolved). */
  private readonly imports = new Map<string, ReadonlySet<string>>();
  /** file → the project files that import it. */
  private readonly importers = new Map<string, Set<string>>();
  /** Files with a specifier that resolved to nothing: a created file may be what it names. */
  private readonly withUnresolved = new Set<string>();

  constructor(private readonly resolver: ModuleResolver) {}

  get size(): number {
    return this.imports.size;
  }

  has(file: string): boolean {
    return this.imports.has(file);
  }

  files(): IterableIterator<string> {
    return this.imports.keys();
  }

  /** (Re)indexes one file from its text; undefined text removes it (deleted, or no longer analysed). */
  update(file: string, text: string | undefined): void {
    if (text === undefined) {
      this.link(file, undefined);
      this.specifiers.delete(file);
      this.withUnresolved.delete(file);
      return;
    }
    this.setSpecifiers(file, scanImports(text));
  }

  /** (Re)indexes one file from the specifiers scanImports found in its text. */
  setSpecifiers(file: string, specifiers: readonly string[]): void {
    this.specifiers.set(file, specifiers);
    this.reresolve(file);
  }

  /** Resolves a file's specifiers again (a file appeared or went, a tsconfig or package.json changed). */
  reresolve(file: string): void {
    const specifiers = this.specifiers.get(file);
    if (!specifiers) return;
    const targets = new Set<string>();
    let unresolved = false;
    for (const specifier of specifiers) {
      const target = this.resolver.resolve(specifier, file);
      if (target === undefined) unresolved = true;
      else if (target !== file) targets.add(target);
    }
    if (unresolved) this.withUnresolved.add(file);
    else this.withUnresolved.delete(file);
    this.link(file, targets);
  }

  /** Re-resolves what a created or deleted file may change: unresolved imports, and the file's importers. */
  fileAppearedOrWent(file: string): void {
    for (const candidate of [...this.withUnresolved, ...(this.importers.get(file) ?? [])]) this.reresolve(candidate);
  }

  reresolveAll(): void {
    for (const file of [...this.specifiers.keys()]) this.reresolve(file);
  }

  private link(file: string, targets: ReadonlySet<string> | undefined): void {
    const previous = this.imports.get(file);
    if (previous) for (const target of previous) this.importers.get(target)?.delete(file);
    if (!targets) {
      this.imports.delete(file);
      return;
    }
    this.imports.set(file, targets);
    for (const target of targets) {
      let set = this.importers.get(target);
      if (!set) this.importers.set(target, (set = new Set()));
      set.add(file);
    }
  }

  /** The index as plain data, for another thread (the audit worker) to use without reading files again. */
  snapshot(): IndexSnapshot {
    return [...this.specifiers].map(([file, specifiers]) => [file, specifiers, [...(this.imports.get(file) ?? [])]]);
  }

  load(snapshot: IndexSnapshot): void {
    for (const [file, specifiers, targets] of snapshot) {
      this.specifiers.set(file, specifiers);
      if (targets.length < specifiers.length) this.withUnresolved.add(file);
      this.link(file, new Set(targets));
    }
  }

  importsOf(file: string): string[] {
    return [...(this.imports.get(file) ?? [])];
  }

  importersOf(file: string): string[] {
    return [...(this.importers.get(file) ?? [])].sort();
  }

  /**
   * Files whose analysis may change when `file` changes: its importers, theirs, and so on (a value can
   * be re-exported through a chain). Breadth-first, cycles visited once, at most `limit` files.
   */
  dependentsOf(file: string, limit = 1000): string[] {
    const seen = new Set<string>([file]);
    const queue = [file];
    const out: string[] = [];
    while (queue.length > 0 && out.length < limit) {
      for (const importer of this.importers.get(queue.shift()!) ?? []) {
        if (seen.has(importer)) continue;
        seen.add(importer);
        out.push(importer);
        queue.push(importer);
      }
    }
    return out;
  }
}
