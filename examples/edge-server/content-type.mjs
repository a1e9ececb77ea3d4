// The Content-Type of a served file, from its extension.

const TYPES = {
  ".txt": "text/plain; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".pdf": "application/pdf",
  ".mp4": "video/mp4",
  ".webm": "video/webm",
  ".m3u8": "application/vnd.apple.mpegurl",
  ".ts": "video/mp2t",
  ".vtt": "text/vtt; charset=utf-8",
};

/**
 * The Content-Type for a file name or object key; `application/octet-stream`
 * for an unknown extension.
 *
 * @param {string} name
 * @returns {string}
 * @example
 * contentTypeOf("videos/intro.vtt"); // "text/vtt; charset=utf-8"
 */
export function contentTypeOf(name) {
  const dot = name.lastIndexOf(".");
  const extension = dot > name.lastIndexOf("/") ? name.slice(dot).toLowerCase() : "";
  return TYPES[extension] ?? "application/octet-stream";
}
