// Types of the `cloudfront-signer` package, the same for every entry (Node,
// Deno, Bun, browsers and bundlers): each entry exports every name below.

/**
 * A date: a `Date`, an ISO-8601 string (`"2027-01-01"`,
 * `"2027-01-01T12:00:00+02:00"`; UTC without an offset) or a number of epoch
 * **seconds**, floored. A number above 10^11 can only be milliseconds and is
 * refused with `ERR_INVALID_DATE`.
 */
export type DateInput = Date | string | number;

/** The hash the signature uses. `"SHA256"` adds `Hash-Algorithm=SHA256` to URLs and cookies. */
export type HashAlgorithm = "SHA1" | "SHA256";

/** An RSA private key as a JSON Web Key. */
export interface RsaPrivateJwk {
  kty: "RSA";
  n: string;
  e: string;
  d: string;
  p: string;
  q: string;
  dp?: string;
  dq?: string;
  qi?: string;
  kid?: string;
  alg?: string;
  use?: string;
  key_ops?: string[];
  ext?: boolean;
}

/** An ECDSA P-256 private key as a JSON Web Key. */
export interface EcPrivateJwk {
  kty: "EC";
  crv: "P-256";
  d: string;
  x?: string;
  y?: string;
  kid?: string;
  alg?: string;
  use?: string;
  key_ops?: string[];
  ext?: boolean;
}

/** An RSA public key as a JSON Web Key. */
export interface RsaPublicJwk {
  kty: "RSA";
  n: string;
  e: string;
  kid?: string;
  alg?: string;
  use?: string;
  key_ops?: string[];
  ext?: boolean;
}

/** An ECDSA P-256 public key as a JSON Web Key. */
export interface EcPublicJwk {
  kty: "EC";
  crv: "P-256";
  x: string;
  y: string;
  kid?: string;
  alg?: string;
  use?: string;
  key_ops?: string[];
  ext?: boolean;
}

/**
 * Key material: PEM text (literal `\n` sequences from an environment variable
 * are accepted), PEM or DER bytes (what `fs.readFileSync("key.pem")` returns),
 * or a JWK as an object or as JSON text.
 */
export type KeyInput<Jwk> = string | Uint8Array | ArrayBuffer | Jwk;

/** The stable `code` of every error the package throws. */
export type ErrorCode =
  | "ERR_INVALID_KEY"
  | "ERR_UNSUPPORTED_KEY"
  | "ERR_PASSPHRASE_REQUIRED"
  | "ERR_WRONG_PASSPHRASE"
  | "ERR_INVALID_KEY_PAIR_ID"
  | "ERR_INVALID_URL"
  | "ERR_INVALID_RESOURCE"
  | "ERR_INVALID_DATE"
  | "ERR_INVALID_IP"
  | "ERR_INVALID_POLICY"
  | "ERR_UNSUPPORTED_HASH_ALGORITHM"
  | "ERR_INVALID_COOKIE_OPTION"
  | "ERR_INVALID_ARGUMENT"
  | "ERR_INPUT_TOO_LARGE"
  | "ERR_FREED"
  | "ERR_RANDOM_UNAVAILABLE";

/**
 * What the package throws: an `Error` named `"CloudFrontSignerError"` with a
 * stable `code`. Messages say what to change and never contain key material.
 *
 * @example
 * try {
 *   signer.signUrl(url, { expires: Date.now() });
 * } catch (error) {
 *   if ((error as CloudFrontSignerError).code === "ERR_INVALID_DATE") {
 *     // "expires: 1767225600000 looks like milliseconds; CloudFront dates are epoch SECONDS (…)"
 *   }
 * }
 */
export interface CloudFrontSignerError extends Error {
  name: "CloudFrontSignerError";
  code: ErrorCode;
}

/** `new CloudFrontSigner(options)`. */
export interface CloudFrontSignerOptions {
  /** The public key's ID in the CloudFront key group, like `"K2JCJMDEHXQW5F"`. */
  keyPairId: string;
  /**
   * RSA (PKCS#1, PKCS#8, encrypted PKCS#8) or ECDSA P-256 (SEC1, PKCS#8,
   * encrypted PKCS#8) private key.
   */
  privateKey: KeyInput<RsaPrivateJwk | EcPrivateJwk>;
  /** Decrypts an `ENCRYPTED PRIVATE KEY`. */
  passphrase?: string | Uint8Array;
  /** `"SHA1"` by default for RSA (what every existing URL uses), `"SHA256"` for EC. */
  hashAlgorithm?: HashAlgorithm;
  /**
   * Where the private-key operation runs. `"auto"` (default): `node:crypto`
   * where the runtime has it (Node 20.16+, Bun, Deno; trusted after a
   * self-check), else the wasm core. `"node"` requires `node:crypto`;
   * `"wasm"` always uses the wasm core.
   */
  engine?: "auto" | "node" | "wasm";
}

/** The conditions of a policy the signer builds. */
export interface PolicyConditions {
  /** `DateLessThan`: the URL or cookies stop working at this time. */
  expires: DateInput;
  /** `DateGreaterThan`: they start working at this time (makes the policy custom). */
  notBefore?: DateInput;
  /** One IPv4 address (`/32` is added) or CIDR range (makes the policy custom). IPv6 is refused. */
  ipAddress?: string;
}

/** A complete policy document, signed verbatim; it cannot be combined with conditions. */
export interface VerbatimPolicy {
  /** The exact policy JSON to sign. */
  policy: string;
  expires?: never;
  notBefore?: never;
  ipAddress?: never;
  resource?: never;
}

/** `signer.signUrl(url, options)`. */
export type SignUrlOptions =
  | (PolicyConditions & {
      /** A resource to grant instead of the URL itself, with `*` and `?` wildcards (makes the policy custom). */
      resource?: string;
      policy?: never;
    })
  | VerbatimPolicy;

/** `signer.signCookies(resource, options)`: the resource is the first argument. */
export type SignCookiesOptions = (PolicyConditions & { resource?: never; policy?: never }) | VerbatimPolicy;

/** The name of a CloudFront cookie. */
export type CloudFrontCookieName =
  | "CloudFront-Expires"
  | "CloudFront-Policy"
  | "CloudFront-Signature"
  | "CloudFront-Key-Pair-Id"
  | "CloudFront-Hash-Algorithm";

interface SignedCookieCommon {
  "CloudFront-Signature": string;
  "CloudFront-Key-Pair-Id": string;
  /** Present only for SHA-256 signatures. */
  "CloudFront-Hash-Algorithm"?: "SHA256";
}

/**
 * A signed cookie set, in the order CloudFront documents: a canned policy
 * carries `CloudFront-Expires`, a custom one `CloudFront-Policy`.
 */
export type SignedCookies =
  | (SignedCookieCommon & { "CloudFront-Expires": string; "CloudFront-Policy"?: never })
  | (SignedCookieCommon & { "CloudFront-Policy": string; "CloudFront-Expires"?: never });

/** `toSetCookieHeaders(cookies, options)`. */
export interface SetCookieOptions {
  /** `Domain=`; host-only cookies without it. */
  domain?: string;
  /** `Path=`, a prefix such as `"/reports/"` (never a wildcard); `"/"` by default. */
  path?: string;
  /** `Secure`; `true` by default. */
  secure?: boolean;
  /** `HttpOnly`; `true` by default. */
  httpOnly?: boolean;
  /** `SameSite=`; `"None"` requires `secure`. */
  sameSite?: "Strict" | "Lax" | "None";
  /** `Expires=`; session cookies without it. */
  expires?: DateInput;
  /** `Max-Age=`, whole seconds. */
  maxAge?: number;
}

/** What `buildPolicy` returns. */
export interface BuiltPolicy {
  /** The exact policy JSON a signature covers. */
  policy: string;
  /** Whether the signed URL would carry `Expires` (canned) instead of `Policy` (custom). */
  canned: boolean;
  /** Why it is canned or custom, for a person. */
  reason: string;
}

/** What a signed URL or cookie set grants, as read from it. */
export interface SignedGrant {
  /** Where the signing parameters were found. */
  source: "url" | "cookies";
  keyPairId: string;
  hashAlgorithm: HashAlgorithm;
  canned: boolean;
  /** The exact policy JSON the signature covers; `null` for canned cookies read without a URL. */
  policy: string | null;
  /** The granted resource; `null` for canned cookies read without a URL. */
  resource: string | null;
  expiresAt: Date;
  notBefore: Date | null;
  /** The IPv4 CIDR the policy allows, like `"203.0.113.0/24"`. */
  ipAddress: string | null;
}

/** Why CloudFront would refuse a request. */
export type RefusalReason =
  | "MISSING_PARAMETERS"
  | "MALFORMED_PARAMETERS"
  | "UNKNOWN_KEY_PAIR_ID"
  | "MALFORMED_POLICY"
  | "SIGNATURE_MISMATCH"
  | "EXPIRED"
  | "NOT_YET_VALID"
  | "IP_NOT_ALLOWED"
  | "RESOURCE_MISMATCH"
  | "HASH_ALGORITHM_NOT_ALLOWED";

/** A request CloudFront would serve. */
export interface ValidVerification extends SignedGrant {
  valid: true;
  reason: null;
  message: "valid";
}

/** A request CloudFront would refuse, with as much of the grant as could be read. */
export interface RefusedVerification extends Partial<Omit<SignedGrant, "source">> {
  valid: false;
  source: "url" | "cookies";
  reason: RefusalReason;
  /** What exactly is wrong, like `"expired 3 minutes ago, at 2033-05-18T03:33:20Z"`. */
  message: string;
  /** The message CloudFront itself answers with (status 403), like `"Access denied"`. */
  cloudfrontMessage: string;
}

/** What the verify methods return; narrow on `valid`. */
export type Verification = ValidVerification | RefusedVerification;

/** Settings of a verifier, also accepted per call. */
export interface VerifierSettings {
  /** Clock-skew tolerance applied to both ends of the time window, 0 to 86400 seconds. */
  leewaySeconds?: number;
  /** Refuse SHA-1 signatures. */
  requireSha256?: boolean;
  /**
   * `"sections"` (CloudFront's: a wildcard does not cross the scheme, host or
   * query) or `"glob"` (`*` matches anything).
   */
  wildcardMatching?: "sections" | "glob";
}

/** `new CloudFrontVerifier(options)`. */
export interface CloudFrontVerifierOptions extends VerifierSettings {
  /** Key-pair id → public key (SPKI PEM or DER, or JWK; a private key also works). */
  keys: Record<string, KeyInput<RsaPublicJwk | EcPublicJwk | RsaPrivateJwk | EcPrivateJwk>>;
}

/** Options of one verification. */
export interface VerifyOptions extends VerifierSettings {
  /** The time to check against; the clock by default. */
  now?: DateInput;
  /** The viewer's address (IPv4 or IPv6), needed when the policy has an IP condition. */
  clientIp?: string;
}

/** What `verifyRequest` reads from a fetch `Request`: its URL and `Cookie` header. */
export interface RequestLike {
  readonly url: string;
  readonly headers: { get(name: string): string | null };
}

/**
 * Signs CloudFront URLs and cookies with one private key, parsed once.
 *
 * Using a signer after `free()` throws. `using signer = new CloudFrontSigner(…)`
 * frees it at the end of the scope (`Symbol.dispose`); without either, the
 * garbage collector reclaims it.
 *
 * @example
 * const signer = new CloudFrontSigner({ keyPairId: "K2JCJMDEHXQW5F", privateKey: pem });
 * const url = signer.signUrl("https://d111111abcdef8.cloudfront.net/reports/q3.pdf", {
 *   expires: new Date(Date.now() + 30 * 24 * 3600 * 1000),
 * });
 */
export class CloudFrontSigner {
  /** @throws {CloudFrontSignerError} `ERR_INVALID_KEY`, `ERR_UNSUPPORTED_KEY`, `ERR_PASSPHRASE_REQUIRED`, … */
  constructor(options: CloudFrontSignerOptions);
  /**
   * Signs `url` byte-exact: it is validated, never re-encoded, and the signing
   * parameters are appended after its own query.
   *
   * @example
   * signer.signUrl("https://d111111abcdef8.cloudfront.net/videos/intro.mp4", {
   *   expires: "2027-01-01T00:00:00Z",
   *   ipAddress: "203.0.113.0/24",
   * });
   * // "https://d111111abcdef8.cloudfront.net/videos/intro.mp4?Policy=…&Signature=…&Key-Pair-Id=K2JCJMDEHXQW5F"
   */
  signUrl(url: string, options: SignUrlOptions): string;
  /**
   * Signs cookies granting `resource` (a URL or a pattern with `*` and `?`).
   *
   * @example
   * const cookies = signer.signCookies("https://d111111abcdef8.cloudfront.net/reports/*", {
   *   expires: "2027-01-01T00:00:00Z",
   * });
   * cookies["CloudFront-Policy"]; // custom: the resource has a wildcard
   */
  signCookies(resource: string, options: SignCookiesOptions): SignedCookies;
  /**
   * The same URL as `signUrl`. Where the synchronous engine is the wasm core
   * (browsers, Workers without `nodejs_compat`), the signature comes from
   * WebCrypto, with the key imported once at the first call.
   *
   * @example
   * const url = await signer.signUrlAsync("https://d111111abcdef8.cloudfront.net/a.pdf", { expires: "2027-01-01" });
   */
  signUrlAsync(url: string, options: SignUrlOptions): Promise<string>;
  /**
   * The same cookies as `signCookies`, signed like `signUrlAsync`.
   *
   * @example
   * const cookies = await signer.signCookiesAsync("https://d111111abcdef8.cloudfront.net/reports/*", { expires: "2027-01-01" });
   */
  signCookiesAsync(resource: string, options: SignCookiesOptions): Promise<SignedCookies>;
  /** Where the private-key operation runs: `"node"` or `"wasm"`. */
  readonly engine: "node" | "wasm";
  /** `"RSA"` or `"EC"`. */
  readonly keyType: "RSA" | "EC";
  /** The key size in bits: 2048 for the RSA keys CloudFront key groups take, 256 for P-256. */
  readonly keyBits: number;
  /** The key-pair id URLs and cookies carry. */
  readonly keyPairId: string;
  /** The hash signatures use. */
  readonly hashAlgorithm: HashAlgorithm;
  /** The matching public key as SPKI PEM, ready for a CloudFront key group. */
  readonly publicKeyPem: string;
  /** What `JSON.stringify(signer)` shows: never key material. */
  toJSON(): { keyPairId: string; keyType: "RSA" | "EC"; keyBits: number; hashAlgorithm: HashAlgorithm; engine: "node" | "wasm" };
  /** Wipes the private key from memory now. */
  free(): void;
  /** The same as `free()`, for `using`. */
  [Symbol.dispose](): void;
}

/**
 * Checks signed URLs and cookies the way CloudFront does, and says why one
 * would be refused.
 *
 * @example
 * const verifier = new CloudFrontVerifier({ keys: { K2JCJMDEHXQW5F: publicKeyPem } });
 * const result = verifier.verifyUrl(signedUrl, { clientIp: "203.0.113.7" });
 * if (!result.valid) console.log(result.reason, result.message); // "EXPIRED", "expired 3 minutes ago, at …"
 */
export class CloudFrontVerifier {
  /** @throws {CloudFrontSignerError} `ERR_INVALID_KEY`, `ERR_UNSUPPORTED_KEY`, `ERR_INVALID_ARGUMENT` */
  constructor(options: CloudFrontVerifierOptions);
  /**
   * Verifies a signed URL.
   *
   * @example
   * verifier.verifyUrl(signedUrl, { now: new Date("2030-01-01") }).valid;
   */
  verifyUrl(url: string, options?: VerifyOptions): Verification;
  /**
   * Verifies a request for `url` carrying signed cookies (an object of name →
   * value, or a `Cookie` header). Signing parameters in the URL win, as at CloudFront.
   *
   * @example
   * verifier.verifyCookies("https://d111111abcdef8.cloudfront.net/reports/q3.pdf", request.headers.get("cookie") ?? "");
   */
  verifyCookies(url: string, cookies: SignedCookies | Readonly<Record<string, string>> | string, options?: VerifyOptions): Verification;
  /**
   * Verifies a fetch `Request` (Node 20, Deno, Bun, Workers, service workers)
   * by its URL and `Cookie` header.
   *
   * @example
   * const result = verifier.verifyRequest(request, { clientIp });
   * if (!result.valid) return new Response(result.cloudfrontMessage, { status: 403 });
   */
  verifyRequest(request: RequestLike, options?: VerifyOptions): Verification;
  /** Frees the verifier's keys now. */
  free(): void;
  /** The same as `free()`, for `using`. */
  [Symbol.dispose](): void;
}

/**
 * The exact policy a signature would cover, whether it is canned or custom, and why.
 *
 * @example
 * buildPolicy("https://d111111abcdef8.cloudfront.net/a.jpg", { expires: 2000000000, ipAddress: "203.0.113.7" });
 * // { policy: '{"Statement":[{"Resource":"https://…/a.jpg","Condition":{"DateLessThan":{"AWS:EpochTime":2000000000},"IpAddress":{"AWS:SourceIp":"203.0.113.7/32"}}}]}',
 * //   canned: false, reason: "custom: an IP condition needs a custom policy" }
 */
export function buildPolicy(url: string, options: PolicyConditions & { resource?: string }): BuiltPolicy;

/**
 * `Set-Cookie` header values for a signed cookie set, with safe defaults
 * (`Path=/; Secure; HttpOnly`, session cookies).
 *
 * @example
 * toSetCookieHeaders(cookies, { domain: "d111111abcdef8.cloudfront.net", path: "/reports/", sameSite: "Lax" });
 * // ["CloudFront-Policy=…; Domain=d111111abcdef8.cloudfront.net; Path=/reports/; Secure; HttpOnly; SameSite=Lax", …]
 */
export function toSetCookieHeaders(
  cookies: SignedCookies | Readonly<Partial<Record<CloudFrontCookieName, string>>>,
  options?: SetCookieOptions,
): string[];

/**
 * Percent-encodes a raw path or S3 key as UTF-8, keeping `/` and unreserved
 * characters, ready to put in a URL to sign.
 *
 * @example
 * "https://d111111abcdef8.cloudfront.net" + encodePath("/Q1 2026/résumé.pdf");
 * // "https://d111111abcdef8.cloudfront.net/Q1%202026/r%C3%A9sum%C3%A9.pdf"
 */
export function encodePath(path: string): string;

/**
 * What a signed URL grants, read without any key (nothing is verified).
 *
 * @example
 * decodeSignedUrl(signedUrl).expiresAt; // Date
 */
export function decodeSignedUrl(url: string): SignedGrant;

/**
 * What a signed cookie set grants, read without any key (nothing is
 * verified). A canned set's resource is the URL it is sent to, so give `url`
 * to know it.
 *
 * @example
 * decodeSignedCookies(request.headers.get("cookie") ?? "", request.url).resource;
 */
export function decodeSignedCookies(cookies: SignedCookies | Readonly<Record<string, string>> | string, url?: string): SignedGrant;

/**
 * `WebAssembly.Module` where the project's TypeScript libs declare it (DOM,
 * Deno, Bun); `@types/node` does not, and then only bytes are accepted.
 */
/** The credentials of the drop-in functions: `@aws-sdk/cloudfront-signer`'s shape. */
export interface AwsSignerCredentials {
  keyPairId: string;
  /** PEM text (a string, or the bytes of a PEM file). */
  privateKey: string | Uint8Array;
  passphrase?: string;
  /** `"SHA256"` adds `Hash-Algorithm=SHA256`; anything else signs with SHA-1. */
  algorithm?: HashAlgorithm;
}

/** `@aws-sdk/cloudfront-signer`'s input: conditions, or a policy. */
export type AwsSignInput =
  | (AwsSignerCredentials & {
      url: string;
      dateLessThan: DateInput;
      dateGreaterThan?: DateInput;
      ipAddress?: string;
      policy?: never;
    })
  | (AwsSignerCredentials & {
      url?: string;
      policy: string;
      dateLessThan?: never;
      dateGreaterThan?: never;
      ipAddress?: never;
    });

/** `@aws-sdk/cloudfront-signer`'s cookie output (`CloudFront-Expires` is a number). */
export interface AwsSignedCookies {
  "CloudFront-Key-Pair-Id": string;
  "CloudFront-Signature": string;
  "CloudFront-Expires"?: number;
  "CloudFront-Policy"?: string;
  "CloudFront-Hash-Algorithm"?: "SHA256";
}

/**
 * A drop-in for `@aws-sdk/cloudfront-signer`'s `getSignedUrl`: the same input,
 * the same bytes (its URL re-encoding, `Date` parsing and lenient IP checks
 * included), and it throws where that package throws, with a `code` added.
 * The parsed key is cached between calls.
 *
 * @example
 * import { getSignedUrl } from "cloudfront-signer"; // was "@aws-sdk/cloudfront-signer"
 * const url = getSignedUrl({ url, keyPairId, privateKey, dateLessThan: "2027-01-01" });
 */
export function getSignedUrl(input: AwsSignInput): string;

/**
 * A drop-in for `@aws-sdk/cloudfront-signer`'s `getSignedCookies`.
 *
 * @example
 * const cookies = getSignedCookies({ url, keyPairId, privateKey, dateLessThan: "2027-01-01" });
 */
export function getSignedCookies(input: AwsSignInput): AwsSignedCookies;

export type WasmModule = typeof globalThis extends { WebAssembly: { Module: abstract new (bytes: never) => infer Module } } ? Module : never;

/** Where the browser entry gets the .wasm from: a URL to fetch, a fetch `Response`, the bytes, or a compiled module. */
export type WasmSource = string | URL | Response | ArrayBuffer | ArrayBufferView | WasmModule;

/**
 * Loads the WebAssembly module. Only the browser entry (and bundles made for
 * browsers) needs it: `await init()` once before anything else; it fetches
 * `cloudfront_signer_bg.wasm` next to the package's `web/index.js` unless
 * told where. In Node, Deno and Bun the package is ready on import and
 * `init()` resolves at once.
 *
 * @example
 * import { init, CloudFrontVerifier } from "cloudfront-signer";
 * await init();
 */
export function init(options?: { module_or_path: WasmSource | Promise<WasmSource> }): Promise<void>;

/**
 * Loads the WebAssembly module synchronously from its bytes or a compiled
 * module, for browser code that already has them. Does nothing where the
 * package is already loaded.
 *
 * @example
 * initSync({ module: await (await fetch(wasmUrl)).arrayBuffer() });
 */
export function initSync(options: { module: ArrayBuffer | ArrayBufferView | WasmModule }): void;
