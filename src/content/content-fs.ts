// The file-system calls content loading makes; injectable, so tests can make a folder unreadable even as root.
import type { Dirent, Stats } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';

export interface ContentFs {
  readdir(path: string): Promise<Dirent[]>;
  /** Follows symbolic links. */
  stat(path: string): Promise<Stats>;
  realpath(path: string): Promise<string>;
  readFile(path: string): Promise<Buffer>;
}

export const nodeContentFs: ContentFs = {
  readdir: (path) => readdir(path, { withFileTypes: true }),
  stat: (path) => stat(path),
  realpath: (path) => realpath(path),
  readFile: (path) => readFile(path),
};

/** The error code of a failed file-system call (`EACCES`, `ENOENT`…), or its message. */
export function fsErrorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code) return code;
  return error instanceof Error ? error.message : String(error);
}
