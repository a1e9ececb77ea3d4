// `make demo`: the local edge server (a CloudFront stand-in serving
// examples/edge-server/private/ only to signed requests) and the demo page,
// both on loopback, with the throw-away key pair of demo-keys/.
import { createServer } from "node:http";
import { readFile, realpath } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { CloudFrontSigner } from "cloudfront-signer";
import { createEdgeServer, originOf } from "../examples/edge-server/server.mjs";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const KEY_PAIR_ID = "KDEMO0000000EX";
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".wasm": "application/wasm", ".json": "application/json" };

/** Listens on `port` of 127.0.0.1, or on any free port when it is taken. */
function listen(server, port) {
  return new Promise((done, failed) => {
    server.once("error", (error) => (error.code === "EADDRINUSE" && port !== 0 ? listen(server, 0).then(done, failed) : failed(error)));
    server.listen(port, "127.0.0.1", () => done(originOf(server)));
  });
}

/** Serves www/ at / and the built package at /pkg/, plus /demo-config.json. */
function createPageServer(config) {
  const folders = [["/pkg/", join(root, "pkg")], ["/", join(root, "www")]];
  return createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://page").pathname);
    if (path === "/demo-config.json") {
      res.writeHead(200, { "content-type": TYPES[".json"], "cache-control": "no-store" });
      res.end(JSON.stringify(config));
      return;
    }
    const [prefix, folder] = folders.find(([p]) => path.startsWith(p));
    const file = resolve(folder, `.${path.slice(prefix.length - 1)}${path.endsWith("/") ? "index.html" : ""}`);
    try {
      if (!(await realpath(file)).startsWith(folder + sep)) throw new Error("outside");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("Not Found\n");
    }
  });
}

/**
 * Starts both servers and returns their origins and a `close()`.
 *
 * @example
 * const demo = await startDemo({ edgePort: 0, pagePort: 0 });
 * console.log(demo.pageOrigin, demo.edgeOrigin);
 * await demo.close();
 */
export async function startDemo({ edgePort = 8080, pagePort = 8000 } = {}) {
  const privateKeyPem = readFileSync(join(root, "demo-keys", "private_key.pem"), "utf8");
  const edge = createEdgeServer({
    keys: { [KEY_PAIR_ID]: readFileSync(join(root, "demo-keys", "public_key.pem")) },
    files: join(root, "examples", "edge-server", "private"),
    cors: true,
  });
  const edgeOrigin = await listen(edge, edgePort);
  const page = createPageServer({
    edgeOrigin,
    keyPairId: KEY_PAIR_ID,
    privateKeyPem,
    sampleUrl: `${edgeOrigin}/hello.txt`,
    samplePattern: `${edgeOrigin}/videos/*`,
  });
  const pageOrigin = await listen(page, pagePort);
  const close = () => Promise.all([edge, page].map((server) => new Promise((done) => { server.closeAllConnections(); server.close(done); })));
  return { edgeOrigin, pageOrigin, privateKeyPem, close };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const demo = await startDemo();
  const signer = new CloudFrontSigner({ keyPairId: KEY_PAIR_ID, privateKey: demo.privateKeyPem });
  const url = signer.signUrl(`${demo.edgeOrigin}/hello.txt`, { expires: new Date(Date.now() + 3600 * 1000) });
  console.log(`
Demo page:          ${demo.pageOrigin}/
Local edge server:  ${demo.edgeOrigin}/  (serves examples/edge-server/private/ only to signed requests)

The page signs with the throw-away demo key (demo-keys/, key-pair id ${KEY_PAIR_ID}),
which the edge trusts. A URL signed for one hour, to try now:
  curl -i '${url}'
Change one character of it and the edge answers 403 with the reason.

Ctrl-C stops both servers.`);
  process.on("SIGINT", () => demo.close().then(() => process.exit(0)));
  process.on("SIGTERM", () => demo.close().then(() => process.exit(0)));
}
