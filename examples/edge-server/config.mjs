// The edge server's settings: command-line flags, then EDGE_* environment
// variables, then defaults.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));

/** The key-pair id of a key folder without `key_pair_id.txt`. */
export const DEFAULT_KEY_PAIR_ID = "KDEMO0000000EX";

export const USAGE = `usage: node examples/edge-server/server.mjs [options]

  --port N               port to listen on, 0 for any free one (EDGE_PORT, default 8080)
  --host ADDRESS         address to listen on (EDGE_HOST, default 127.0.0.1: loopback only)
  --files DIR            the private folder to serve (EDGE_FILES, default examples/edge-server/private)
  --public-origin URL    the origin URLs are signed for, e.g. https://d111111abcdef8.cloudfront.net
                         (EDGE_PUBLIC_ORIGIN, default http://HOST:PORT as bound)
  --public-key FILE      a trusted public key (PEM or DER); give --key-pair-id ID after each
  --key-pair-id ID       (EDGE_PUBLIC_KEY and EDGE_KEY_PAIR_ID for one key)
  --keys DIR             a key folder: public_key.pem, and key_pair_id.txt if present
                         (EDGE_KEYS, default demo-keys/ when no --public-key is given)
  --cors                 let pages of other origins fetch, exposing the reason headers (EDGE_CORS=1)
  --require-sha256       refuse SHA-1 signatures (EDGE_REQUIRE_SHA256=1)
  --help                 show this text`;

/** A setting that cannot be used; its message says which and why. */
export class ConfigError extends Error {}

/**
 * Reads the settings from `args` (flags) and `env`.
 *
 * @param {string[]} args command-line arguments, without node and the script
 * @param {Record<string, string | undefined>} env usually `process.env`
 * @returns {{ help: boolean, host: string, port: number, files: string, publicOrigin: string | undefined,
 *             keys: Record<string, Buffer>, keysDir: string | undefined, cors: boolean, requireSha256: boolean }}
 * @throws {ConfigError}
 * @example
 * const config = readConfig(["--port", "0", "--cors"], process.env);
 * createEdgeServer(config).listen(config.port, config.host);
 */
export function readConfig(args, env) {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        files: { type: "string" },
        "public-origin": { type: "string" },
        "public-key": { type: "string", multiple: true },
        "key-pair-id": { type: "string", multiple: true },
        keys: { type: "string" },
        cors: { type: "boolean" },
        "require-sha256": { type: "boolean" },
        help: { type: "boolean" },
      },
    }));
  } catch (error) {
    throw new ConfigError(error.message);
  }
  if (values.help) return { help: true };
  const publicKeys = values["public-key"] ?? (env.EDGE_PUBLIC_KEY ? [env.EDGE_PUBLIC_KEY] : []);
  const keyPairIds = values["key-pair-id"] ?? (env.EDGE_KEY_PAIR_ID ? [env.EDGE_KEY_PAIR_ID] : []);
  if (publicKeys.length !== keyPairIds.length) {
    throw new ConfigError("give one --key-pair-id for each --public-key");
  }
  const keys = {};
  publicKeys.forEach((file, i) => {
    keys[keyPairIds[i]] = readKeyFile(file);
  });
  let keysDir = values.keys ?? env.EDGE_KEYS;
  if (keysDir === undefined && publicKeys.length === 0) keysDir = join(here, "..", "..", "demo-keys");
  if (keysDir !== undefined) {
    keysDir = resolve(keysDir);
    const { keyPairId, publicKey } = readKeyFolder(keysDir);
    keys[keyPairId] = publicKey;
  }
  const origin = values["public-origin"] ?? env.EDGE_PUBLIC_ORIGIN;
  return {
    help: false,
    host: values.host ?? env.EDGE_HOST ?? "127.0.0.1",
    port: port(values.port ?? env.EDGE_PORT ?? "8080"),
    files: resolve(values.files ?? env.EDGE_FILES ?? join(here, "private")),
    publicOrigin: origin === undefined ? undefined : publicOrigin(origin),
    keys,
    keysDir,
    cors: values.cors ?? flag(env.EDGE_CORS, "EDGE_CORS"),
    requireSha256: values["require-sha256"] ?? flag(env.EDGE_REQUIRE_SHA256, "EDGE_REQUIRE_SHA256"),
  };
}

/**
 * The key-pair id and public key of a key folder: `public_key.pem`, and the
 * id from `key_pair_id.txt` when present (else `KDEMO0000000EX`).
 *
 * @param {string} dir
 * @returns {{ keyPairId: string, publicKey: Buffer }}
 * @throws {ConfigError}
 * @example
 * const { keyPairId, publicKey } = readKeyFolder("demo-keys");
 */
export function readKeyFolder(dir) {
  const idFile = join(dir, "key_pair_id.txt");
  const keyPairId = existsSync(idFile) ? readFileSync(idFile, "utf8").trim() : DEFAULT_KEY_PAIR_ID;
  return { keyPairId, publicKey: readKeyFile(join(dir, "public_key.pem")) };
}

function readKeyFile(file) {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ConfigError(`cannot read the public key ${file}: ${error.code ?? error.message}` +
      (file.includes("demo-keys") ? " (run bash scripts/demo-keys.sh to make a demo key pair)" : ""));
  }
}

function port(text) {
  const number = Number(text);
  if (!/^\d+$/.test(text) || number > 65535) throw new ConfigError(`the port must be 0 to 65535, not ${JSON.stringify(text)}`);
  return number;
}

function publicOrigin(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`the public origin must be a URL such as https://d111111abcdef8.cloudfront.net, not ${JSON.stringify(text)}`);
  }
  if (!["http:", "https:"].includes(url.protocol) || url.username || url.password || url.pathname !== "/" || url.search || url.hash) {
    throw new ConfigError(`the public origin must be http(s)://host[:port] without a path, not ${JSON.stringify(text)}`);
  }
  return url.origin;
}

function flag(text, name) {
  if (text === undefined || text === "" || text === "0" || text === "false") return false;
  if (text === "1" || text === "true") return true;
  throw new ConfigError(`${name} must be 1 or 0, not ${JSON.stringify(text)}`);
}
