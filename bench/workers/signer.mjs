// bench/workerd.mjs: a Worker that builds its signer at module top level, as
// the README advises, and signs one canned URL per request.
import { env } from "cloudflare:workers";
import { CloudFrontSigner } from "cloudfront-signer";

const signer = new CloudFrontSigner({ keyPairId: env.KEY_PAIR_ID, privateKey: env.PRIVATE_KEY });

export default {
  async fetch() {
    return Response.json({ url: signer.signUrl(env.URL, { expires: Number(env.EXPIRES) }), engine: signer.engine });
  },
};
