// The project layer's public surface, bundled as dist/project.js for tests and benchmarks.
export { Project, MAX_PROJECT_FILE_SIZE } from './project';
export type { FileChange, ProjectOptions } from './project';
export { ModuleResolver, pnpmWorkspaceGlobs } from './resolver';
export { ModuleIndex, scanImports } from './module-index';
export type { IndexSnapshot } from './module-index';
export { EnvFiles, isEnvFileName, parseEnvFile } from './env-files';
export { DirectoryCache } from './directory-cache';
export { discoverFiles, planScan, SKIPPED_DIRECTORIES } from './discover';
export { lintFile } from './lint-file';
