// `cloudfront-signer sign`: the AWS CLI's `aws cloudfront sign`, printing
// the signed URL.
import { CliError } from "./errors.mjs";
import { DATE_HELP, SIGNING_HELP, SIGNING_OPTIONS, signerFrom, signOptionsFrom } from "./signing.mjs";

/**
 * Whether `url` matches the resource `pattern` as a whole-string glob (`*`
 * any run of characters, `?` one character): the AWS CLI's check that the
 * signature it makes for --policy-resource can work for --url.
 */
function globMatches(pattern, url) {
  const source = [...pattern]
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`, "su").test(url);
}

/** The `sign` command. */
export const sign = {
  name: "sign",
  summary: "sign a URL; prints the signed URL",
  options: {
    url: { type: "string", required: true },
    "policy-resource": { type: "string" },
    ...SIGNING_OPTIONS,
  },
  help: `Usage: cloudfront-signer sign --url URL --key-pair-id ID --private-key FILE --date-less-than DATE [options]

Signs URL and prints the signed URL: your own query first, then Expires (canned policy) or
Policy (custom policy), Signature, Key-Pair-Id and, for SHA-256, Hash-Algorithm=SHA256.
The URL is signed byte for byte as given: percent-encode spaces and non-ASCII characters first.

A canned policy (the shortest URL) is used when only --date-less-than is given; a custom policy
as soon as there is --date-greater-than, --ip-address, a * in the resource, or a
--policy-resource that differs from --url (the AWS CLI's rule).

Options:
  --url URL                the absolute http:// or https:// URL to sign (required)
  --policy-resource R      the resource to grant instead, with * and ? wildcards
                           (like https://d111111abcdef8.cloudfront.net/videos/*); --url
                           must match it
${SIGNING_HELP}

${DATE_HELP}

Examples:
  cloudfront-signer sign --url https://d111111abcdef8.cloudfront.net/reports/q3.pdf \\
    --key-pair-id K2JCJMDEHXQW5F --private-key private_key.pem --date-less-than 2030-01-01

  cloudfront-signer sign --url https://d111111abcdef8.cloudfront.net/videos/intro.mp4 \\
    --policy-resource 'https://d111111abcdef8.cloudfront.net/videos/*' \\
    --key-pair-id K2JCJMDEHXQW5F --private-key file://private_key.pem \\
    --date-greater-than 2030-01-01T09:00:00+02:00 --date-less-than 1924992000 \\
    --ip-address 203.0.113.0/24 --hash-algorithm SHA256
`,
  run({ values }) {
    const url = values.url;
    const resource = values["policy-resource"];
    if (resource !== undefined && !globMatches(resource, url)) {
      throw new CliError(
        "ERR_INVALID_URL",
        `--url ${JSON.stringify(url)} does not match --policy-resource ${JSON.stringify(resource)}, so CloudFront would reject the signature`,
      );
    }
    const signed = signerFrom(values).signUrl(url, { ...signOptionsFrom(values), resource });
    process.stdout.write(`${signed}\n`);
  },
};
