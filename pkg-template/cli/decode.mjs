// `cloudfront-signer decode`: what a signed URL or cookie set grants,
// read without any key.
import { decodeSignedCookies, decodeSignedUrl } from "../node/index.mjs";
import { usageError } from "./errors.mjs";
import { grantLines } from "./grant.mjs";
import { cookiesArgument } from "./inputs.mjs";

/** The `decode` command. */
export const decode = {
  name: "decode",
  summary: "show what a signed URL or cookies grant, without a key",
  positionals: 1,
  options: {
    url: { type: "string" },
    cookies: { type: "string" },
    json: { type: "boolean" },
  },
  help: `Usage: cloudfront-signer decode SIGNED_URL [--json]
       cloudfront-signer decode --cookies COOKIES [--url URL] [--json]

Shows what a signed URL or cookie set grants: the resource, canned or custom policy, the time
window in UTC with how long from now, the IP range, the key-pair id and the hash. No key is
needed, and the signature is not checked (verify checks it).

Options:
  --cookies COOKIES        a Cookie header or the JSON sign-cookies prints; - reads standard input
  --url URL                the URL the cookies are sent with (a canned cookie set grants exactly it)
  --json                   print the decoded grant as JSON

Examples:
  cloudfront-signer decode 'https://d111111abcdef8.cloudfront.net/reports/q3.pdf?Expires=1893456000&Signature=...&Key-Pair-Id=K2JCJMDEHXQW5F'
  cloudfront-signer decode --json "$SIGNED_URL" | jq .expiresAt
`,
  run({ values, positionals }) {
    if (positionals.length > 0 && values.url !== undefined) {
      throw usageError("give the URL once: as the argument or as --url");
    }
    const url = positionals[0] ?? values.url;
    let grant;
    if (values.cookies !== undefined) {
      grant = decodeSignedCookies(cookiesArgument(values.cookies), url);
    } else if (url !== undefined) {
      grant = decodeSignedUrl(url);
    } else {
      throw usageError("give the signed URL to decode, or --cookies");
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify(grant, null, 4)}\n`);
      return;
    }
    const lines = grantLines(grant, Math.floor(Date.now() / 1000));
    lines.push("signature:   not checked (decode needs no key; verify checks it)");
    process.stdout.write(`${lines.join("\n")}\n`);
  },
};
