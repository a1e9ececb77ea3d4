// Shared by the runtime tests: the vectors and their checks, child runtimes,
// a project that installs the packed package, a loopback static server,
// headless Chromium, the documented examples, and the latency report.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import * as pkg from "cloudfront-signer";
import { signVectors } from "./fixtures/sign-vectors.mjs";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const fixtures = join(root, "tests", "runtimes", "fixtures");
export const examples = join(root, "tests", "runtimes", "examples");
export const bin = (name) => join(root, "node_modules", ".bin", name);
export const vectorsPath = join(root, "tests", "vectors", "vectors.json");
export const vectors = JSON.parse(readFileSync(vectorsPath, "utf8"));

/** What the documented examples print: the first vector, a canned SHA-1 URL made by botocore. */
export const exampleUrl = vectors.vectors[0].expected;

const expectedOutput = (vector) => (vector.operation === "signUrl" ? vector.expected : JSON.stringify(vector.expected));

/** Checks EC outputs the only way a peer-free signature can be: CloudFrontVerifier accepts them. */
function assertVerifies(vector, output, runtime) {
  const verifier = new pkg.CloudFrontVerifier({ keys: { [vector.keyPairId]: vectors.keys[vector.verifyWith] } });
  const result = vector.operation === "signUrl"
    ? verifier.verifyUrl(output, vector.verify)
    : verifier.verifyCookies(vector.resource, JSON.parse(output), vector.verify);
  verifier.free();
  assert.equal(result.valid, true, `${runtime}: ${vector.name}: ${result.message}`);
  assert.equal(result.hashAlgorithm, vector.hashAlgorithm, `${runtime}: ${vector.name}`);
}

function assertAgainstPeers(outputs, runtime) {
  assert.equal(outputs.length, vectors.vectors.length, `${runtime}: one output per vector`);
  vectors.vectors.forEach((vector, index) => {
    if ("expected" in vector) {
      assert.equal(outputs[index], expectedOutput(vector), `${runtime}: ${vector.name}`);
    } else {
      assertVerifies(vector, outputs[index], runtime);
    }
  });
}

let nodeOutputs;

/**
 * Checks one runtime's outputs: the peers' bytes for every RSA vector, a
 * verifying signature for every EC one, and the very bytes Node makes in
 * this process for all of them (ECDSA nonces are deterministic, RFC 6979).
 */
export function assertVectorOutputs(outputs, runtime) {
  assertAgainstPeers(outputs, runtime);
  if (!nodeOutputs) {
    nodeOutputs = signVectors(pkg, vectors, performance.now()).outputs;
    assertAgainstPeers(nodeOutputs, "Node (test process)");
  }
  assert.deepEqual(outputs, nodeOutputs, `${runtime}: outputs differ from Node's`);
}

const latencyDir = join(root, "test-artifacts", "runtimes");

/** Reports first-sign latency as a test diagnostic and for run.sh's table. */
export function reportLatency(t, runtime, version, firstSignMs) {
  assert.equal(typeof firstSignMs, "number", `${runtime}: firstSignMs`);
  t.diagnostic(`${runtime} ${version}: first signed URL ${firstSignMs.toFixed(1)} ms after the import started`);
  mkdirSync(latencyDir, { recursive: true });
  const file = `${runtime.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.json`;
  writeFileSync(join(latencyDir, file), JSON.stringify({ runtime, version, firstSignMs }));
}

/** Runs a command to completion and resolves with its standard output; rejects with all it printed. */
export function run(command, args, { cwd = root, input = "", env = process.env, timeout = 60_000 } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env, timeout, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolvePromise(stdout);
      else reject(new Error(`${command} ${args.join(" ")} exited with ${code ?? signal}\n${stdout}${stderr}`));
    });
    // A command that reads no input may exit before its standard input is
    // written: that EPIPE is not a failure (the exit code says what is).
    child.stdin.on("error", (error) => {
      if (error.code !== "EPIPE") reject(error);
    });
    child.stdin.end(input);
  });
}

/** Runs a fixture that reads the vectors on standard input and prints `{ firstSignMs, outputs }`. */
export async function runVectorFixture(command, args, options = {}) {
  return JSON.parse(await run(command, args, { ...options, input: JSON.stringify(vectors) }));
}

/** The x.y.z version a tool of node_modules/.bin prints. */
export const versionOf = async (command) => (await run(bin(command), ["--version"])).match(/\d+\.\d+\.\d+/)[0];

/**
 * A scratch project in the system's temporary directory with the package
 * installed from the tarball `npm pack` makes of pkg/, the way users get it
 * (offline: the package has no dependencies). Remove it with `remove()`.
 */
export function packedProject() {
  const dir = mkdtempSync(join(tmpdir(), "cfs-project-"));
  const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: join(root, "pkg"), encoding: "utf8" }).trim();
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: "cfs-consumer", private: true })}\n`);
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", `./${tarball}`], { cwd: dir, stdio: "ignore" });
  return { dir, tarball: join(dir, tarball), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Copies files (paths relative to `from`) into `to`. */
export function copyInto(from, names, to) {
  for (const name of names) cpSync(join(from, name), join(to, name), { recursive: true });
}

const contentTypes = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".pem": "text/plain; charset=utf-8",
};

/**
 * Serves directories and files on 127.0.0.1 (an ephemeral port): `routes`
 * maps a URL path (a prefix when it ends with `/`) to a directory or a file;
 * the longest match wins. Resolves with `{ url, close }`.
 */
export async function serve(routes) {
  const table = Object.entries(routes).sort(([a], [b]) => b.length - a.length);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
    const match = table.find(([prefix]) => (prefix.endsWith("/") ? path.startsWith(prefix) : path === prefix));
    let file;
    if (match) {
      const [prefix, target] = match;
      file = prefix.endsWith("/") ? resolve(target, `.${sep}${path.slice(prefix.length) || "index.html"}`) : target;
      if (prefix.endsWith("/") && !file.startsWith(resolve(target) + sep)) file = undefined;
    }
    let body;
    try {
      body = file && readFileSync(file);
    } catch {
      body = undefined;
    }
    if (!body) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": contentTypes[extname(file)] ?? "application/octet-stream" }).end(body);
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => {
      server.closeAllConnections();
      server.close(done);
    }),
  };
}

/** Launches the system's Chromium, headless. */
export function launchChromium() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
}

/**
 * Opens `url` in a new page and resolves with what `expression` evaluates to
 * once it is truthy; rejects on the first uncaught page error, and when the
 * page fetched anything from another origin.
 */
export async function pageValue(browser, url, expression) {
  const page = await browser.newPage();
  const requested = [];
  page.on("request", (request) => requested.push(request.url()));
  try {
    const failed = new Promise((_, reject) => page.on("pageerror", (error) => reject(new Error(`${url}: ${error.stack ?? error}`))));
    failed.catch(() => {}); // reported by the race below when it comes first
    await page.goto(url);
    const handle = await Promise.race([page.waitForFunction(expression, null, { timeout: 30_000 }), failed]);
    const value = await handle.jsonValue();
    const origin = `${new URL(url).origin}/`;
    assert.deepEqual(requested.filter((address) => !address.startsWith(origin)), [], `${url} fetched from elsewhere`);
    return value;
  } finally {
    await page.close();
  }
}

const docs = readFileSync(join(root, "README.md"), "utf8");

/** Asserts that README.md shows every text given (example files and commands) verbatim. */
export function assertDocumented(...texts) {
  for (const text of texts) assert.ok(docs.includes(text.trim()), `README.md does not show:\n${text}`);
}

/** The text of an example file. */
export const exampleText = (name) => readFileSync(join(examples, name), "utf8");
