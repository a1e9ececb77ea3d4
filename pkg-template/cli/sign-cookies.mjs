// `cloudfront-signer sign-cookies`: the AWS CLI's `aws cloudfront
// sign-cookies`, printing the cookies as JSON or as Set-Cookie lines.
import { toSetCookieHeaders } from "../node/index.mjs";
import { usageError } from "./errors.mjs";
import { DATE_HELP, SIGNING_HELP, SIGNING_OPTIONS, signerFrom, signOptionsFrom } from "./signing.mjs";

const HEADER_OPTIONS = ["domain", "path", "same-site"];

/** The `sign-cookies` command. */
export const signCookies = {
  name: "sign-cookies",
  summary: "sign cookies for a resource; prints them as JSON or Set-Cookie lines",
  options: {
    resource: { type: "string", required: true },
    ...SIGNING_OPTIONS,
    format: { type: "string", default: "json" },
    domain: { type: "string" },
    path: { type: "string" },
    "same-site": { type: "string" },
  },
  help: `Usage: cloudfront-signer sign-cookies --resource R --key-pair-id ID --private-key FILE --date-less-than DATE [options]

Signs cookies that grant R and prints them: by default a JSON object of cookie name to value
(CloudFront-Expires or CloudFront-Policy, CloudFront-Signature, CloudFront-Key-Pair-Id and,
for SHA-256, CloudFront-Hash-Algorithm), like the AWS CLI; with --format headers, one
Set-Cookie header per line.

A custom policy is used when R has a *, or with --date-greater-than or --ip-address; otherwise
a canned one, which covers exactly the URL R and nothing else.

Options:
  --resource R             the URL or pattern (with * and ? wildcards) to grant (required)
${SIGNING_HELP}
  --format FORMAT          json (default) or headers
  --domain DOMAIN          headers: the Domain, like example.com (default: the setting host)
  --path PATH              headers: the cookies' Path, a prefix like /videos/ (default: /)
  --same-site VALUE        headers: Strict, Lax or None

Set-Cookie lines always carry Secure and HttpOnly, and no Expires: session cookies, as AWS
advises.

${DATE_HELP}

Examples:
  cloudfront-signer sign-cookies --resource 'https://d111111abcdef8.cloudfront.net/videos/*' \\
    --key-pair-id K2JCJMDEHXQW5F --private-key private_key.pem --date-less-than 2030-01-01

  cloudfront-signer sign-cookies --resource 'https://cdn.example.com/videos/*' \\
    --key-pair-id K2JCJMDEHXQW5F --private-key private_key.pem --date-less-than 2030-01-01 \\
    --format headers --domain example.com --path /videos/ --same-site Lax
`,
  run({ values }) {
    const format = values.format;
    if (format !== "json" && format !== "headers") {
      throw usageError(`--format must be json or headers, not ${JSON.stringify(format)}`);
    }
    const headerOption = HEADER_OPTIONS.find((name) => values[name] !== undefined);
    if (format === "json" && headerOption) {
      throw usageError(`--${headerOption} is a Set-Cookie attribute: add --format headers`);
    }
    const cookies = signerFrom(values).signCookies(values.resource, signOptionsFrom(values));
    if (format === "json") {
      process.stdout.write(`${JSON.stringify(cookies, null, 4)}\n`);
      return;
    }
    const headers = toSetCookieHeaders(cookies, {
      domain: values.domain,
      path: values.path,
      sameSite: values["same-site"],
    });
    process.stdout.write(headers.map((header) => `Set-Cookie: ${header}\n`).join(""));
  },
};
