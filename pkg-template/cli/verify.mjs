// `cloudfront-signer verify`: checks a signed URL or cookie set the way
// CloudFront would, with the public keys of the key group.
import { CloudFrontVerifier } from "../node/index.mjs";
import { EXIT_OK, EXIT_REFUSED, usageError } from "./errors.mjs";
import { grantLines } from "./grant.mjs";
import { cookiesArgument, readKeyFile } from "./inputs.mjs";

// `--public-key ID=FILE`: key-pair ids are letters and digits only, so a
// path never reads as one unless it is a bare `name=...` (write `./name=...`).
const NAMED_KEY = /^([A-Za-z0-9]+)=(.+)$/s;

/**
 * The trusted keys from `--public-key [ID=]FILE...` and `--key-pair-id`:
 * `{ keys: { [id]: bytes }, anyId }`. `anyId`, `{ file, key }`, is the one
 * key given without an id and without --key-pair-id: it is trusted under
 * the id the request carries, so the signature is checked but not the id.
 */
function trustedKeys(values) {
  const keys = {};
  const unnamed = [];
  for (const value of values["public-key"]) {
    const named = NAMED_KEY.exec(value);
    if (!named) {
      unnamed.push(value);
      continue;
    }
    const [, id, file] = named;
    if (Object.hasOwn(keys, id)) throw usageError(`--public-key names ${id} twice`);
    keys[id] = readKeyFile(file, "--public-key");
  }
  const id = values["key-pair-id"];
  if (unnamed.length === 0) {
    if (id !== undefined) throw usageError("--key-pair-id names a --public-key FILE given without an ID; with ID=FILE it is not needed");
    return { keys };
  }
  if (unnamed.length > 1) throw usageError("with several --public-key files, name each one: --public-key ID=FILE");
  const key = readKeyFile(unnamed[0], "--public-key");
  if (id === undefined) {
    if (Object.keys(keys).length > 0) throw usageError("--public-key FILE needs --key-pair-id ID when other keys are given as ID=FILE");
    return { keys: {}, anyId: { file: unnamed[0], key } };
  }
  if (Object.hasOwn(keys, id)) throw usageError(`--public-key names ${id} twice`);
  return { keys: { ...keys, [id]: key } };
}

/** The `verify` command. */
export const verify = {
  name: "verify",
  summary: "check a signed URL or cookies as CloudFront would; exit 0 valid, 1 refused",
  options: {
    url: { type: "string", required: true },
    cookies: { type: "string" },
    "public-key": { type: "string", multiple: true, required: true },
    "key-pair-id": { type: "string" },
    now: { type: "string" },
    "client-ip": { type: "string" },
    json: { type: "boolean" },
  },
  help: `Usage: cloudfront-signer verify --url URL [--cookies COOKIES] --public-key [ID=]FILE... [options]

Checks a signed URL, or the signed cookies sent with a request to URL, the way CloudFront does
(key-pair id, signature, policy, time window, IP, resource), prints what it grants and VALID,
or REFUSED with the reason code and a sentence. Exit code 0 when valid, 1 when refused, 2 on
errors. When URL carries signing parameters, CloudFront checks it and ignores the cookies.

Options:
  --url URL                the signed URL, or with --cookies the URL of the request (required)
  --cookies COOKIES        a Cookie header ("CloudFront-Policy=...; CloudFront-Signature=...; ...")
                           or the JSON sign-cookies prints; - reads it from standard input
  --public-key [ID=]FILE   a public key of the key group (SPKI PEM or DER, or JWK) and the
                           key-pair id it is trusted under; repeat it for every key. FILE is a path,
                           file://path, fileb://path or -
  --key-pair-id ID         the id of the one --public-key given without ID=. With neither, that key
                           is trusted under whatever id the request carries (the signature is
                           checked, the id is not)
  --now DATE               check at this time instead of now (DATE as for sign: YYYY-MM-DD,
                           ISO-8601, or epoch seconds); times are then shown in UTC only
  --client-ip IP           the viewer's address, checked against the policy's IP range
  --json                   print the verification as JSON

Examples:
  cloudfront-signer verify --public-key K2JCJMDEHXQW5F=public_key.pem \\
    --url 'https://d111111abcdef8.cloudfront.net/reports/q3.pdf?Expires=...&Signature=...&Key-Pair-Id=K2JCJMDEHXQW5F'

  cloudfront-signer verify --url "$SIGNED_URL" --now 2030-01-01T12:00:00Z --client-ip 203.0.113.7 \\
    --public-key K2JCJMDEHXQW5F=old.pem --public-key K3KNV2OAYEXAMPLE=new.pem --json

  cloudfront-signer sign-cookies ... | cloudfront-signer verify --cookies - \\
    --url https://d111111abcdef8.cloudfront.net/videos/intro.mp4 --public-key public_key.pem \\
    --key-pair-id K2JCJMDEHXQW5F --client-ip 203.0.113.7
`,
  run({ values }) {
    const { keys, anyId } = trustedKeys(values);
    const cookies = values.cookies === undefined ? undefined : cookiesArgument(values.cookies);
    const now = values.now ?? Math.floor(Date.now() / 1000);
    const options = { now, clientIp: values["client-ip"] };
    const check = (trusted) => {
      const verifier = new CloudFrontVerifier({ keys: trusted });
      return cookies === undefined
        ? verifier.verifyUrl(values.url, options)
        : verifier.verifyCookies(values.url, cookies, options);
    };
    let result;
    if (anyId === undefined) {
      result = check(keys);
    } else {
      // A first check under any id (the file name reads well in key errors)
      // learns the request's id; the second trusts the key under it.
      result = check({ [anyId.file]: anyId.key });
      if (result.reason === "UNKNOWN_KEY_PAIR_ID") result = check({ [result.keyPairId]: anyId.key });
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify(result, null, 4)}\n`);
    } else {
      const lines = grantLines(result, values.now === undefined ? now : null);
      if (anyId !== undefined && result.keyPairId !== undefined) {
        lines.push("note:        the key-pair id is not checked (--public-key without ID= or --key-pair-id)");
      }
      if (result.valid) {
        lines.push("VALID");
      } else {
        lines.push(`cloudfront:  403 ${result.cloudfrontMessage}`, `REFUSED: ${result.reason}: ${result.message}`);
      }
      process.stdout.write(`${lines.join("\n")}\n`);
    }
    return result.valid ? EXIT_OK : EXIT_REFUSED;
  },
};
