// bench/workerd.mjs: the same with @aws-sdk/cloudfront-signer (it needs
// nodejs_compat, and parses the key at every call).
import { getSignedUrl } from "@aws-sdk/cloudfront-signer";

export default {
  async fetch(request, env) {
    const url = getSignedUrl({ url: env.URL, keyPairId: env.KEY_PAIR_ID, privateKey: env.PRIVATE_KEY, dateLessThan: new Date(Number(env.EXPIRES) * 1000) });
    return Response.json({ url, engine: "node:crypto" });
  },
};
