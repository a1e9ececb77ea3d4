// Maps a request path to the object key it names, the way S3 does behind
// CloudFront (percent-decoded, without the leading slash), and refuses
// every path that could not be a plain file below one folder.

const MAX_KEY_BYTES = 1024; // S3's limit on an object key.

/**
 * The object key a raw request path names, or `null` when it names none:
 * a malformed `%xx`, an empty segment (`//`, a trailing `/`, the root),
 * `.` or `..`, a decoded `/` or `\`, a control character, or a key longer
 * than 1024 bytes.
 *
 * @param {string} rawPath the path exactly as received, without the query
 * @returns {string | null}
 * @example
 * objectKey("/videos/intro%20clip.txt"); // "videos/intro clip.txt"
 * objectKey("/videos/%2e%2e/secret");    // null
 */
export function objectKey(rawPath) {
  if (!rawPath.startsWith("/")) return null;
  const segments = [];
  for (const raw of rawPath.slice(1).split("/")) {
    let segment;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === "" || segment === "." || segment === ".." || /[/\\\u0000-\u001f\u007f]/.test(segment)) {
      return null;
    }
    segments.push(segment);
  }
  const key = segments.join("/");
  return new TextEncoder().encode(key).length <= MAX_KEY_BYTES ? key : null;
}
