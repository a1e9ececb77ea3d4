// A local stand-in for CloudFront in front of a private S3 bucket: serves
// the files of one folder only to requests with a valid signed URL or valid
// signed cookies, and answers the others as CloudFront does (403
// AccessDenied), saying why in two headers. Run it with
// `node examples/edge-server/server.mjs --help`.
import { realpathSync } from "node:fs";
import { createServer } from "node:http";
import { pipeline } from "node:stream/promises";
import { pathToFileURL } from "node:url";
import { CloudFrontVerifier } from "cloudfront-signer";
import { accessDenied, missingObject } from "./access-denied.mjs";
import { ConfigError, USAGE, readConfig } from "./config.mjs";
import { contentTypeOf } from "./content-type.mjs";
import { openPrivateFile } from "./files.mjs";
import { objectKey } from "./object-key.mjs";
import { verifyViewer } from "./verify-viewer.mjs";

const REASON_HEADERS = "x-cloudfront-signer-reason, x-cloudfront-signer-message";

/**
 * Creates the edge server, not yet listening. The URL it checks is
 * `publicOrigin` (default: the address it is bound to) followed by the
 * request target exactly as received; the client IP is the socket's peer.
 *
 * @param {object} options
 * @param {Record<string, string | Uint8Array>} options.keys key-pair id → public key (PEM or DER)
 * @param {string} options.files the private folder
 * @param {string} [options.publicOrigin] e.g. "https://d111111abcdef8.cloudfront.net"
 * @param {boolean} [options.cors] answer cross-origin requests and preflights, exposing the reason headers
 * @param {boolean} [options.requireSha256] refuse SHA-1 signatures
 * @returns {import("node:http").Server}
 * @example
 * const server = createEdgeServer({ keys: { KDEMO0000000EX: readFileSync("demo-keys/public_key.pem") },
 *                                   files: "examples/edge-server/private" });
 * server.listen(0, "127.0.0.1", () => console.log(originOf(server)));
 */
export function createEdgeServer({ keys, files, publicOrigin, cors = false, requireSha256 = false }) {
  const verifier = new CloudFrontVerifier({ keys });
  const root = realpathSync(files);
  const server = createServer((req, res) => {
    serve(req, res).catch((error) => fail(res, error));
  });

  async function serve(req, res) {
    if (cors) allowCrossOrigin(req, res);
    if (cors && req.method === "OPTIONS") {
      res.writeHead(204, {
        "access-control-allow-methods": "GET, HEAD",
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "",
        "access-control-max-age": "600",
      });
      res.end();
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      send(res, 405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" }, "Method Not Allowed: only GET and HEAD\n");
      return;
    }
    if (!req.url.startsWith("/")) {
      send(res, 400, { "content-type": "text/plain; charset=utf-8" }, "Bad Request: the request target must be a path\n");
      return;
    }
    const verification = verifyViewer(verifier, {
      url: (publicOrigin ?? originOf(server)) + req.url,
      cookie: req.headers.cookie,
      clientIp: clientIp(req.socket),
      requireSha256,
    });
    if (!verification.valid) {
      deny(res, verification);
      return;
    }
    const key = objectKey(req.url.split("?", 1)[0]);
    const file = key === null ? null : await openPrivateFile(root, key);
    if (file === null) {
      deny(res, missingObject(key));
      return;
    }
    res.writeHead(200, {
      "content-type": contentTypeOf(key),
      "content-length": file.size,
      "last-modified": file.modified.toUTCString(),
    });
    if (req.method === "HEAD") {
      await file.handle.close();
      res.end();
      return;
    }
    await pipeline(file.handle.createReadStream(), res);
  }

  return server;
}

/**
 * The `http://address:port` origin a listening server is bound to.
 *
 * @param {import("node:net").Server} server
 * @returns {string}
 * @example
 * server.listen(0, "127.0.0.1", () => originOf(server)); // "http://127.0.0.1:40123"
 */
export function originOf(server) {
  const { address, family, port } = server.address();
  return family === "IPv6" ? `http://[${address}]:${port}` : `http://${address}:${port}`;
}

/**
 * Reads the settings from `args` and `env` (see `--help`), starts the
 * server and prints `edge server listening on http://…`. Bad settings print
 * the usage and exit with status 2.
 *
 * @param {string[]} args
 * @param {Record<string, string | undefined>} env
 * @returns {Promise<{ server: import("node:http").Server, config: ReturnType<typeof readConfig> } | undefined>}
 *   undefined when `--help` was asked for
 * @example
 * const { server, config } = await runEdgeServer(["--port", "0"], process.env);
 */
export async function runEdgeServer(args, env) {
  let config, server;
  try {
    config = readConfig(args, env);
    if (config.help) {
      console.log(USAGE);
      return undefined;
    }
    server = createEdgeServer(config);
  } catch (error) {
    console.error(`edge server: ${error.message}`);
    if (error instanceof ConfigError) console.error(`\n${USAGE}`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  }
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, resolve);
  }).catch((error) => {
    console.error(`edge server: cannot listen on ${config.host}:${config.port}: ${error.message}`);
    process.exit(1);
  });
  console.log(`edge server listening on ${originOf(server)}`);
  return { server, config };
}

function allowCrossOrigin(req, res) {
  res.setHeader("vary", "Origin");
  res.setHeader("access-control-allow-origin", req.headers.origin ?? "*");
  if (req.headers.origin) res.setHeader("access-control-allow-credentials", "true");
  res.setHeader("access-control-expose-headers", REASON_HEADERS);
}

function clientIp(socket) {
  const address = socket.remoteAddress;
  return address?.startsWith("::ffff:") && address.includes(".") ? address.slice("::ffff:".length) : address;
}

function deny(res, refusal) {
  const { status, headers, body } = accessDenied(refusal);
  send(res, status, headers, body);
}

function send(res, status, headers, body) {
  res.writeHead(status, { ...headers, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

function fail(res, error) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  console.error(`edge server: ${error.stack ?? error}`);
  send(res, 500, { "content-type": "text/plain; charset=utf-8" }, "Internal Server Error\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  await runEdgeServer(process.argv.slice(2), process.env);
}
