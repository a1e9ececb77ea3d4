// `cloudfront-signer keygen`: a new key pair for a CloudFront key group,
// made with node:crypto.
import { generateKeyPairSync } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CliError, usageError } from "./errors.mjs";
import { fileError } from "./inputs.mjs";

const ENCODINGS = {
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
};

const KEY_TYPES = {
  rsa: { label: "RSA 2048", generate: () => generateKeyPairSync("rsa", { modulusLength: 2048, ...ENCODINGS }) },
  ec: { label: "ECDSA P-256", generate: () => generateKeyPairSync("ec", { namedCurve: "P-256", ...ENCODINGS }) },
};

/** Writes a new file, never over an existing one. */
function writeNew(path, text, mode) {
  try {
    writeFileSync(path, text, { flag: "wx", mode });
  } catch (error) {
    if (error.code === "EEXIST") throw exists(path);
    throw fileError("write", path, error);
  }
}

function exists(path) {
  return new CliError("ERR_FILE_EXISTS", `${JSON.stringify(path)} already exists; it is kept as is (choose another --out)`);
}

/** The `keygen` command. */
export const keygen = {
  name: "keygen",
  summary: "make a key pair for a CloudFront key group",
  options: {
    type: { type: "string", default: "rsa" },
    out: { type: "string", default: "." },
  },
  help: `Usage: cloudfront-signer keygen [--type rsa|ec] [--out DIR]

Writes a new key pair into DIR (created if missing): private_key.pem (PKCS#8, mode 0600) and
public_key.pem (SPKI), the public key a CloudFront key group takes. Existing files are never
overwritten. Then prints the next steps.

Options:
  --type rsa|ec            rsa: RSA 2048 (default; every AWS SDK signs with it)
                           ec: ECDSA P-256 (shorter URLs, faster signing; signs with SHA-256)
  --out DIR                the directory to write to (default: the current one)

Examples:
  cloudfront-signer keygen
  cloudfront-signer keygen --type ec --out keys
`,
  run({ values }) {
    if (!Object.hasOwn(KEY_TYPES, values.type)) {
      throw usageError(`--type must be rsa or ec, not ${JSON.stringify(values.type)}`);
    }
    const type = KEY_TYPES[values.type];
    const privatePath = join(values.out, "private_key.pem");
    const publicPath = join(values.out, "public_key.pem");
    for (const path of [privatePath, publicPath]) {
      if (existsSync(path)) throw exists(path);
    }
    try {
      mkdirSync(values.out, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw fileError("create the directory", values.out, error);
    }
    const { privateKey, publicKey } = type.generate();
    writeNew(privatePath, privateKey, 0o600);
    writeNew(publicPath, publicKey, 0o644);
    process.stdout.write(`Wrote a new ${type.label} key pair:
  ${privatePath}  the private key (mode 0600): keep it secret, it signs
  ${publicPath}   the public key, for CloudFront

Next:
  1. CloudFront console > Key management > Public keys > Create public key: paste
     ${publicPath}. Its ID (like K2JCJMDEHXQW5F) is your key-pair id.
  2. Add the public key to a key group, and select that key group in the cache behavior
     (Restrict viewer access: Yes, Trusted key groups).
  3. Sign a URL:
     cloudfront-signer sign --url https://d111111abcdef8.cloudfront.net/index.html \\
       --key-pair-id <ID> --private-key ${privatePath} --date-less-than <YYYY-MM-DD>
`);
  },
};
