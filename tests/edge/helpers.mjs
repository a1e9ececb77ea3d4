// Shared by the edge tests (and bench/workerd.mjs): raw HTTP requests on
// loopback (the path is sent byte for byte, never normalised), CloudFront's
// base64 variant, and the CPU time of the workerd processes started here.
import { readFileSync, readdirSync } from "node:fs";
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

/** CPU time used so far by the workerd processes this process started, in ms (all threads, from /proc). */
export function workerdCpuMs() {
  let ns = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue;
    }
    const [, comm, rest] = stat.match(/^\d+ \((.*)\) (.*)$/s);
    if (comm !== "workerd" || Number(rest.split(" ")[1]) !== process.pid) continue;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
      } catch {
        // The thread ended meanwhile.
      }
    }
  }
  return ns / 1e6;
}
