// Shared by the edge tests: raw HTTP requests on loopback (the path is sent
// byte for byte, never normalised), and CloudFront's base64 variant.
import { request as httpRequest } from "node:http";

/**
 * Sends one request and collects the whole answer.
 *
 * @param {string} origin "http://127.0.0.1:PORT"
 * @param {string} path the raw request target, e.g. "/a/../b?x=1"
 * @param {{ method?: string, headers?: Record<string, string> }} [options]
 * @returns {Promise<{ status: number, headers: Record<string, string>, body: string }>}
 */
export function fetchRaw(origin, path, { method = "GET", headers = {} } = {}) {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method, headers, agent: false, timeout: 5000 }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer to ${method} ${path} within 5 s`)));
    req.on("error", reject);
    req.end();
  });
}

/** The path and query of an absolute URL, exactly as written. */
export function target(url) {
  return url.slice(new URL(url).origin.length);
}

/** CloudFront's base64 variant of a string or bytes. */
export function cfBase64(text) {
  return Buffer.from(text).toString("base64").replace(/\+/g, "-").replace(/=/g, "_").replace(/\//g, "~");
}

/** A `Cookie` header value for a cookie object. */
export function cookieHeader(cookies) {
  return Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join("; ");
}

/** The signed URL with the first character of its signature changed. */
export function tamperSignature(url) {
  return url.replace(/Signature=(.)/, (_, first) => `Signature=${first === "A" ? "B" : "A"}`);
}
