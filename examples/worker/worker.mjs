// The edge-server gate as a Cloudflare Workers module: serves files only to
// requests with a valid CloudFront signed URL or signed cookies, from the R2
// bucket bound as FILES when there is one, else from the static assets
// folder (ASSETS), and answers the others 403 with the reason.
//
// Settings (wrangler.toml [vars], secrets, or .dev.vars / --env-file):
//   KEY_PAIR_ID, PUBLIC_KEY  the trusted key (PEM; literal \n is fine)
//   PUBLIC_ORIGIN            optional: the origin URLs are signed for, e.g.
//                            https://d111111abcdef8.cloudfront.net (default:
//                            the origin the Worker is reached at)
//   REQUIRE_SHA256           optional: "1" refuses SHA-1 signatures
//   DEMO_PRIVATE_KEY         optional, local demos only: enables GET
//                            /sign?path=/hello.txt, which signs for anyone
import { env } from "cloudflare:workers";
import { CloudFrontSigner, CloudFrontVerifier } from "cloudfront-signer";
import { accessDenied, missingObject } from "../edge-server/access-denied.mjs";
import { contentTypeOf } from "../edge-server/content-type.mjs";
import { objectKey } from "../edge-server/object-key.mjs";
import { verifyViewer } from "../edge-server/verify-viewer.mjs";

if (!env.KEY_PAIR_ID || !env.PUBLIC_KEY) {
  throw new Error("set KEY_PAIR_ID and PUBLIC_KEY (the CloudFront key pair's id and public key PEM)");
}

// Built once per isolate, at top level, where Workers forbid drawing random
// values: constructing either draws none (signing with RSA does, per request).
const verifier = new CloudFrontVerifier({ keys: { [env.KEY_PAIR_ID]: env.PUBLIC_KEY } });
const signer = env.DEMO_PRIVATE_KEY
  ? new CloudFrontSigner({ keyPairId: env.KEY_PAIR_ID, privateKey: env.DEMO_PRIVATE_KEY })
  : null;

/**
 * The Worker: the gate in front of the private files.
 *
 * @example
 * // wrangler.toml: main = "worker.mjs"; then, with a signed URL:
 * // curl -i 'http://127.0.0.1:8787/hello.txt?Expires=…&Signature=…&Key-Pair-Id=…'
 */
export default {
  async fetch(request) {
    const { origin, pathname } = new URL(request.url);
    const publicOrigin = env.PUBLIC_ORIGIN || origin;
    if (signer && pathname === "/sign") return sign(request, publicOrigin);
    if (request.method !== "GET" && request.method !== "HEAD") {
      const response = text(405, "Method Not Allowed: only GET and HEAD\n");
      response.headers.set("allow", "GET, HEAD");
      return response;
    }
    // Path and query as the runtime serialised them (workerd normalises
    // request.url; CloudFront would see the raw bytes).
    const target = request.url.slice(origin.length);
    const verification = verifyViewer(verifier, {
      url: publicOrigin + target,
      cookie: request.headers.get("cookie"),
      clientIp: request.headers.get("cf-connecting-ip"),
      requireSha256: env.REQUIRE_SHA256 === "1",
    });
    if (!verification.valid) return denied(verification);
    const key = objectKey(pathname);
    const file = key === null ? null : await findFile(key, request);
    return file ?? denied(missingObject(key));
  },
};

/** The file's response from R2 when FILES is bound, else from the static assets; null when there is none. */
function findFile(key, request) {
  return env.FILES ? fromBucket(env.FILES, key, request) : fromAssets(env.ASSETS, key, request);
}

/** The object from R2, or null when there is none. */
async function fromBucket(bucket, key, request) {
  const object = request.method === "HEAD" ? await bucket.head(key) : await bucket.get(key);
  if (object === null) return null;
  const headers = new Headers({ "content-type": contentTypeOf(key), etag: object.httpEtag, "content-length": String(object.size) });
  object.writeHttpMetadata(headers);
  return new Response(request.method === "HEAD" ? null : object.body, { headers });
}

/** The file from the static assets, or null when there is none. */
async function fromAssets(assets, key, request) {
  const path = `/${key.split("/").map(encodeURIComponent).join("/")}`;
  const response = await assets.fetch(new URL(path, request.url), { method: request.method });
  if (response.status === 404) return null;
  return response;
}

/** GET /sign?path=/hello.txt[&expires=SECONDS]: a signed URL for the path, as text. */
function sign(request, publicOrigin) {
  const params = new URL(request.url).searchParams;
  const path = params.get("path") ?? "/hello.txt";
  const seconds = Number(params.get("expires") ?? 3600);
  if (!path.startsWith("/")) return text(400, "path must start with /, as in /sign?path=/hello.txt\n");
  try {
    return text(200, `${signer.signUrl(publicOrigin + path, { expires: new Date(Date.now() + seconds * 1000) })}\n`);
  } catch (error) {
    return text(400, `${error.code}: ${error.message}\n`);
  }
}

function text(status, body) {
  return new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

function denied(refusal) {
  const { status, headers, body } = accessDenied(refusal);
  return new Response(body, { status, headers });
}
