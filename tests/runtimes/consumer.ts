// A TypeScript consumer of every export of the package, type-checked (never
// run) with `tsc --strict --noEmit` twice by node.test.mjs: as a Node 20
// project (module nodenext, @types/node) and as a browser project (DOM lib,
// bundler resolution). Each `@ts-expect-error` is a misuse the types must
// refuse; tsc fails when one is accepted.
import {
  CloudFrontSigner,
  CloudFrontVerifier,
  buildPolicy,
  decodeSignedCookies,
  decodeSignedUrl,
  encodePath,
  getSignedCookies,
  getSignedUrl,
  init,
  initSync,
  toSetCookieHeaders,
  type CloudFrontSignerError,
  type ErrorCode,
  type RsaPrivateJwk,
  type SignedCookies,
  type SignedGrant,
  type Verification,
} from "cloudfront-signer";

const HOST = "https://d111111abcdef8.cloudfront.net";

export async function signAndVerify(privateKeyPem: string, publicKeyPem: string, jwk: RsaPrivateJwk, wasm: Uint8Array): Promise<string[]> {
  await init();
  initSync({ module: wasm });

  using signer = new CloudFrontSigner({ keyPairId: "K2JCJMDEHXQW5F", privateKey: privateKeyPem, hashAlgorithm: "SHA256" });
  const fromJwk = new CloudFrontSigner({ keyPairId: "K2JCJMDEHXQW5F", privateKey: jwk });
  const fromBytes = new CloudFrontSigner({ keyPairId: "K2JCJMDEHXQW5F", privateKey: new TextEncoder().encode(privateKeyPem), passphrase: "secret" });
  const keyType: "RSA" | "EC" = signer.keyType;
  const description: string = `${keyType} ${signer.keyBits} ${signer.keyPairId} ${signer.hashAlgorithm} ${signer.publicKeyPem.length}`;
  const json = signer.toJSON();
  const engine: "node" | "wasm" = signer.engine;
  const fast = new CloudFrontSigner({ keyPairId: "K2JCJMDEHXQW5F", privateKey: privateKeyPem, engine: "wasm" });
  const asyncUrl: string = await fast.signUrlAsync(`${HOST}/a.pdf`, { expires: 2000000000 });
  const asyncCookies: SignedCookies = await fast.signCookiesAsync(`${HOST}/a/*`, { expires: 2000000000 });
  // @ts-expect-error engine is auto, node or wasm
  new CloudFrontSigner({ keyPairId: "K1", privateKey: privateKeyPem, engine: "gpu" });
  const dropIn: string = getSignedUrl({ url: `${HOST}/a b.jpg`, keyPairId: "K1", privateKey: privateKeyPem, dateLessThan: "2030-01-01" });
  const dropInCookies = getSignedCookies({ keyPairId: "K1", privateKey: privateKeyPem, policy: buildPolicy(`${HOST}/a/*`, { expires: 2000000000 }).policy, algorithm: "SHA256" });
  const dropInExpires: number | undefined = dropInCookies["CloudFront-Expires"];
  // @ts-expect-error the drop-in takes a policy or conditions, not both
  getSignedUrl({ url: `${HOST}/a.jpg`, keyPairId: "K1", privateKey: privateKeyPem, policy: "{}", dateLessThan: "2030-01-01" });
  const bits: number = json.keyBits;

  const url: string = signer.signUrl(`${HOST}${encodePath("/Q1 2026/résumé.pdf")}`, { expires: new Date("2030-01-01T00:00:00Z") });
  const custom = fromJwk.signUrl(`${HOST}/video.mp4`, { expires: "2030-01-01", notBefore: 1767200000, ipAddress: "203.0.113.0/24", resource: `${HOST}/*` });
  const verbatim = fromBytes.signUrl(`${HOST}/video.mp4`, { policy: buildPolicy(`${HOST}/video.mp4`, { expires: 2000000000 }).policy });
  // @ts-expect-error a policy is signed verbatim and cannot be combined with conditions
  signer.signUrl(`${HOST}/video.mp4`, { policy: "{}", expires: 2000000000 });
  // @ts-expect-error expires (or a policy) is required
  signer.signUrl(`${HOST}/video.mp4`, {});
  // @ts-expect-error the hash algorithm is SHA1 or SHA256
  new CloudFrontSigner({ keyPairId: "K1", privateKey: privateKeyPem, hashAlgorithm: "MD5" });

  const cookies: SignedCookies = signer.signCookies(`${HOST}/reports/*`, { expires: 2000000000, ipAddress: "198.51.100.7" });
  // @ts-expect-error signCookies takes the resource as its first argument
  signer.signCookies(`${HOST}/reports/*`, { expires: 2000000000, resource: `${HOST}/*` });
  const policyCookie: string | undefined = cookies["CloudFront-Policy"];
  const marker: "SHA256" | undefined = cookies["CloudFront-Hash-Algorithm"];
  const headers: string[] = toSetCookieHeaders(cookies, { domain: "d111111abcdef8.cloudfront.net", path: "/reports/", sameSite: "Lax", maxAge: 3600, expires: 2000000000, secure: true, httpOnly: true });
  // @ts-expect-error sameSite is Strict, Lax or None
  toSetCookieHeaders(cookies, { sameSite: "Sometimes" });

  const built = buildPolicy(`${HOST}/a.jpg`, { expires: 2000000000, ipAddress: "203.0.113.7" });
  const canned: boolean = built.canned;

  using verifier = new CloudFrontVerifier({ keys: { K2JCJMDEHXQW5F: publicKeyPem }, leewaySeconds: 30, wildcardMatching: "sections" });
  const result: Verification = verifier.verifyUrl(url, { now: 1900000000, clientIp: "203.0.113.9", requireSha256: true });
  let outcome: string;
  if (result.valid) {
    const expiresAt: Date = result.expiresAt;
    const reason: null = result.reason;
    outcome = `valid until ${expiresAt.toISOString()} ${reason}`;
  } else {
    outcome = `${result.reason}: ${result.message} (${result.cloudfrontMessage}) ${result.keyPairId ?? "no key-pair id"}`;
  }
  const cookieHeader = headers.map((line) => line.split(";")[0]).join("; ");
  const byCookies = verifier.verifyCookies(`${HOST}/reports/q3.pdf`, cookieHeader, { now: new Date() });
  const byObject = verifier.verifyCookies(`${HOST}/reports/q3.pdf`, cookies);
  const request = new Request(`${HOST}/reports/q3.pdf`, { headers: { cookie: cookieHeader } });
  const byRequest = verifier.verifyRequest(request, { clientIp: "198.51.100.7" });

  const grant: SignedGrant = decodeSignedUrl(custom);
  const fromCookies = decodeSignedCookies(cookieHeader, `${HOST}/reports/q3.pdf`);
  const ip: string | null = grant.ipAddress;
  const notBefore: Date | null = fromCookies.notBefore;

  let code: ErrorCode | undefined;
  try {
    signer.signUrl("/relative.jpg", { expires: 2000000000 });
  } catch (error) {
    code = (error as CloudFrontSignerError).code;
  }
  // @ts-expect-error codes are a closed set
  const unknownCode: ErrorCode = "ERR_SOMETHING";

  fromJwk.free();
  fromBytes[Symbol.dispose]();
  return [description, String(bits), url, custom, verbatim, String(policyCookie), String(marker), String(canned), outcome, String(byCookies.valid), String(byObject.valid), String(byRequest.valid), String(ip), String(notBefore), String(code), unknownCode, engine, asyncUrl, String(asyncCookies["CloudFront-Policy"]), dropIn, String(dropInExpires)];
}
