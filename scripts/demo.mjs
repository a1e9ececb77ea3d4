// `make demo`: signs a URL and cookies for an example distribution with the
// throw-away key pair in demo-keys/, and shows what they grant.
import { readFileSync } from "node:fs";
import { CloudFrontSigner, buildPolicy, toSetCookieHeaders } from "cloudfront-signer";

const keyPairId = "KDEMO0000000EX";
const url = "https://d111111abcdef8.cloudfront.net/private/report.pdf";
const expires = new Date(Date.now() + 30 * 24 * 3600 * 1000);

const signer = new CloudFrontSigner({ keyPairId, privateKey: readFileSync("demo-keys/private_key.pem") });
const signedUrl = signer.signUrl(url, { expires });
const cookies = signer.signCookies("https://d111111abcdef8.cloudfront.net/private/*", { expires });
const { policy, reason } = buildPolicy("https://d111111abcdef8.cloudfront.net/private/*", { expires });

console.log(`Key: ${signer.keyType} ${signer.keyBits}-bit from demo-keys/private_key.pem (public half: demo-keys/public_key.pem)`);
console.log(`\nSigned URL, valid for 30 days (until ${expires.toISOString()}), ${signedUrl.length} bytes:\n${signedUrl}`);
console.log(`\nSigned cookies for https://d111111abcdef8.cloudfront.net/private/*:`);
for (const line of toSetCookieHeaders(cookies, { domain: "d111111abcdef8.cloudfront.net", path: "/private/" })) console.log(`Set-Cookie: ${line}`);
console.log(`\nThe cookies' policy (${reason}):\n${JSON.stringify(JSON.parse(policy), null, 2)}`);
