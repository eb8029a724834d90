// The engine (the core, with TypeScript inside), loaded on first use. Most files of a run never need
// it: the prefilter drops them on their text alone, and a run where every file is dropped never loads
// TypeScript at all. The CLI's bundles (dist/cli-main.js, dist/worker.js) do not contain the engine;
// their entry points say how to load its own bundle (dist/core.js, from V8's code cache). Every other
// bundle (the language server) has the engine inside and gets it here with a plain require.
import type * as Core from '../core';

export type Engine = typeof Core;

/** esbuild's `define`: true in the bundles that load the engine from its own file (esbuild.mjs). */
declare const CORS_LINT_SEPARATE_ENGINE: boolean;

let load: (() => Engine) | undefined;
let loaded: Engine | undefined;

/** Called by an entry point whose bundle does not contain the engine, before anything is linted. */
export function setEngineLoader(loader: () => Engine): void {
  load = loader;
  loaded = undefined;
}

export function engine(): Engine {
  if (loaded) return loaded;
  if (load) loaded = load();
  // A dead branch in the CLI's bundles, so esbuild leaves the core (and TypeScript) out of them.
  else if (!CORS_LINT_SEPARATE_ENGINE) loaded = require('../core') as Engine;
  else throw new Error('the engine bundle is not set up (setEngineLoader)');
  return loaded;
}
