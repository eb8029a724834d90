// Filesystem errors as words people search for, plus the code scripts match on.

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

const FS_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a folder',
  EISDIR: 'is a folder',
  ELOOP: 'a symbolic link loop',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
  ENAMETOOLONG: 'file name too long',
};

/** 'permission denied (EACCES)'. */
export function describeFsError(error: unknown): string {
  const code = errorCode(error);
  if (code && FS_ERRORS[code]) return `${FS_ERRORS[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}
