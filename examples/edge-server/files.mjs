// Opens the private file an object key names, never anything outside the
// private folder.
import { open, realpath } from "node:fs/promises";
import { join, sep } from "node:path";

/**
 * Opens the regular file `key` names below `root` for reading, or returns
 * `null` when there is none: missing, a folder, or a path that leaves
 * `root` (also through a symbolic link). The caller closes `handle`.
 *
 * @param {string} root the private folder, as a real path (`fs.realpathSync`)
 * @param {string} key an object key from `objectKey`, like "videos/clip.txt"
 * @returns {Promise<{ handle: import("node:fs/promises").FileHandle, size: number, modified: Date } | null>}
 * @example
 * const file = await openPrivateFile(realpathSync("private"), "hello.txt");
 * if (file) file.handle.createReadStream().pipe(response);
 */
export async function openPrivateFile(root, key) {
  let path;
  try {
    path = await realpath(join(root, ...key.split("/")));
  } catch {
    return null;
  }
  if (!path.startsWith(root + sep)) return null;
  let handle;
  try {
    handle = await open(path, "r");
  } catch {
    return null;
  }
  try {
    const stats = await handle.stat();
    if (stats.isFile()) return { handle, size: stats.size, modified: stats.mtime };
  } catch {
    // Treated as missing, like a file removed meanwhile.
  }
  await handle.close();
  return null;
}
