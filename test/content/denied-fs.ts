// A file system that refuses chosen paths, as a mode-000 folder or file would refuse a normal user.
import { type ContentFs, nodeContentFs } from '../../src/content/content-fs.ts';

/**
 * The tests run as root, for whom mode 000 stops nothing, so unreadability is injected: the real
 * file system, except that the listed paths fail with EACCES as a mode-000 folder or file would.
 */
export function deniedFs(denied: Set<string>): ContentFs {
  const refuse = (path: string) => {
    if (!denied.has(path)) return;
    throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
  };
  return {
    readdir: async (path) => {
      refuse(path);
      return nodeContentFs.readdir(path);
    },
    stat: (path) => nodeContentFs.stat(path),
    realpath: (path) => nodeContentFs.realpath(path),
    readFile: async (path, maxBytes) => {
      refuse(path);
      return nodeContentFs.readFile(path, maxBytes);
    },
  };
}
