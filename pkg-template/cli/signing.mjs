// What `sign` and `sign-cookies` share: the AWS CLI's signing flags, their
// help text, and turning them into a CloudFrontSigner and signing options.
import { CloudFrontSigner } from "../node/index.mjs";
import { passphraseFromEnv, readKeyFile } from "./inputs.mjs";

/** The signing flags, with the AWS CLI's names (`aws cloudfront sign`). */
export const SIGNING_OPTIONS = {
  "key-pair-id": { type: "string", required: true },
  "private-key": { type: "string", required: true },
  "passphrase-env": { type: "string" },
  "date-less-than": { type: "string", required: true },
  "date-greater-than": { type: "string" },
  "ip-address": { type: "string" },
  "hash-algorithm": { type: "string" },
};

/** Help text for the signing flags. */
export const SIGNING_HELP = `  --key-pair-id ID         the public key's ID in the CloudFront key group (like K2JCJMDEHXQW5F)
  --private-key FILE       the private key: a path, file://path, fileb://path, or - for
                           standard input; RSA or ECDSA P-256, PEM (PKCS#1, PKCS#8,
                           encrypted PKCS#8, SEC1) or DER
  --passphrase-env VAR     the environment variable holding the passphrase of an encrypted key
  --date-less-than DATE    when access ends (required)
  --date-greater-than DATE when access starts (makes the policy custom)
  --ip-address CIDR        the viewer's IPv4 address or range, like 203.0.113.0/24 (makes the
                           policy custom)
  --hash-algorithm HASH    SHA1 or SHA256; RSA keys default to SHA1, ECDSA keys to SHA256,
                           which adds Hash-Algorithm=SHA256. ECDSA with SHA1 is allowed
                           (CloudFront accepts it; the AWS CLI refuses it)`;

/** Help text for the date flags. */
export const DATE_HELP = `DATE is YYYY-MM-DD (midnight UTC), YYYY-MM-DDThh:mm:ss (UTC), the same with Z or an offset
like +02:00, or epoch seconds (so YYYYMMDD is read as epoch seconds). Dates in the past, after
2038-01-19T03:14:07Z, and a start not before the end are refused.`;

/**
 * A CloudFrontSigner from the signing flags. An RSA key of another size than
 * 2048 bits signs, with a warning: CloudFront key groups take only RSA 2048.
 */
export function signerFrom(values) {
  const signer = new CloudFrontSigner({
    keyPairId: values["key-pair-id"],
    privateKey: readKeyFile(values["private-key"], "--private-key"),
    passphrase: values["passphrase-env"] === undefined ? undefined : passphraseFromEnv(values["passphrase-env"]),
    hashAlgorithm: values["hash-algorithm"],
  });
  if (signer.keyType === "RSA" && signer.keyBits !== 2048) {
    process.stderr.write(`cloudfront-signer: warning: the key is RSA ${signer.keyBits}; CloudFront key groups take only RSA 2048 (or ECDSA P-256) public keys\n`);
  }
  return signer;
}

/** The `{ expires, notBefore, ipAddress }` signing options from the flags. */
export function signOptionsFrom(values) {
  return {
    expires: values["date-less-than"],
    notBefore: values["date-greater-than"],
    ipAddress: values["ip-address"],
  };
}
