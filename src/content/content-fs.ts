// The file-system calls content loading makes; injectable, so tests can make a folder unreadable even as root.
import { constants, type Dirent, type Stats } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';

/** What reading an article file found: its bytes, or why they were not read. */
export type FileRead =
  | { kind: 'bytes'; bytes: Buffer }
  /** A FIFO, socket or device: reading it could block or never end. */
  | { kind: 'not-a-file' }
  /** `size` bytes at least: more than the limit, so the rest was not read. */
  | { kind: 'too-large'; size: number };

export interface ContentFs {
  readdir(path: string): Promise<Dirent[]>;
  /** Follows symbolic links. */
  stat(path: string): Promise<Stats>;
  realpath(path: string): Promise<string>;
  /** Reads a regular file of at most `maxBytes`; never blocks on a FIFO, never reads past the limit. */
  readFile(path: string, maxBytes: number): Promise<FileRead>;
}

const CHUNK_BYTES = 64 * 1024;

/**
 * Opened without blocking (a FIFO would wait for a writer), then checked on the open handle, so a file
 * swapped for a FIFO or a device after the folder was listed is refused too; a file growing while it is
 * read stops being read at the limit.
 */
async function readRegularFile(path: string, maxBytes: number): Promise<FileRead> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { kind: 'not-a-file' };
    if (info.size > maxBytes) return { kind: 'too-large', size: info.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return { kind: 'too-large', size: Math.max(total, info.size) };
    }
    return { kind: 'bytes', bytes: Buffer.concat(chunks, total) };
  } finally {
    await handle.close();
  }
}

export const nodeContentFs: ContentFs = {
  readdir: (path) => readdir(path, { withFileTypes: true }),
  stat: (path) => stat(path),
  realpath: (path) => realpath(path),
  readFile: readRegularFile,
};

/** The error code of a failed file-system call (`EACCES`, `ENOENT`…), or its message. */
export function fsErrorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code) return code;
  return error instanceof Error ? error.message : String(error);
}
