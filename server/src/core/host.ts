// What the engine may ask about the project around a file (DESIGN §11), in the manner of TypeScript's
// CompilerHost: the core never touches the file system; the project layer (server/src/project/) answers
// for the CLI, the audit and the language server, and tests answer from memory. Every question may be
// answered with `undefined` ("cannot tell"), and a rule that needs the answer then stays silent.

/** One value of an environment variable, and the file it was read from (`.env.production`…). */
export interface EnvValue {
  value: string;
  /** Path of the file that defines it, as the host names files. */
  file: string;
  /** 0-based offset of the value in that file, when known. */
  offset?: number;
}

/** The version of a package a file gets, from the lockfile when there is one, else package.json's range. */
export interface PackageVersion {
  /** An exact version (`4.12.9`) from a lockfile or node_modules, or the declared range (`^4.12.0`). */
  version: string;
  exact: boolean;
  /** The file the version was read from (`package-lock.json`, `pnpm-lock.yaml`, `package.json`…). */
  file: string;
}

export interface ProjectHost {
  /** The file `specifier` resolves to when imported from `fromFile`, or undefined (package, or not found). */
  resolveModule(specifier: string, fromFile: string): string | undefined;
  /** The text of a project file (unsaved editor text wins over the disk), or undefined. */
  readFile(file: string): string | undefined;
  /**
   * The project files that import `file` (resolved, any import form), for app composition: a route module
   * learns which app mounts it. Undefined when the host has no project index (then mounting is unknown).
   */
  importersOf(file: string): string[] | undefined;
  /** The values an environment variable takes in the project's `.env*` files seen from `fromFile`. */
  envValues(name: string, fromFile: string): EnvValue[];
  /** The version of package `name` that `fromFile` gets, or undefined when the project does not say. */
  packageVersion(name: string, fromFile: string): PackageVersion | undefined;
  /**
   * How a file is named to people (messages, provenance in the inventory and the hover): relative to the
   * project root that holds it, '/'-separated (`src/config/cors.ts`, `.env.production`). Without it a file
   * is named as the host names it.
   */
  displayPath?(file: string): string;
  /**
   * The engine keeps the parsed modules it read through this host (their syntax trees) for the analyses
   * of one batch, so a module that 20 dependents import is parsed once per batch, not 20 times. It hands
   * the host, once per host, the function that drops them; the host calls it when a batch ends (the
   * language server: when analyses pause), with the files whose trees may stay (open documents), so a
   * long-lived process keeps no syntax tree of an unopened file. Without it the engine keeps a bounded
   * number of recently used modules.
   */
  registerModuleCache?(release: (keep: (file: string) => boolean) => number): void;
}

/** The modules that import `file` (host.importersOf); undefined when the host cannot say, never a throw. */
export function importersOfFile(host: ProjectHost, file: string): string[] | undefined {
  try {
    return host.importersOf(file);
  } catch {
    return undefined;
  }
}

/** The name of `file` shown to people (host.displayPath), never a throw. */
export function displayPathOf(host: ProjectHost | undefined, file: string): string {
  try {
    return host?.displayPath?.(file) ?? file;
  } catch {
    return file;
  }
}
