// A test Worker with the `nodejs_compat` flag: engine "auto" finds
// node:crypto through process.getBuiltinModule, at module top level (where
// users build their signers) and in the handler.
import { env } from "cloudflare:workers";
import { CloudFrontSigner } from "cloudfront-signer";

const URL_TO_SIGN = "https://d111111abcdef8.cloudfront.net/videos/intro.vtt";
const EXPIRES = 2000000000;
const signUrl = (signer) => signer.signUrl(URL_TO_SIGN, { expires: EXPIRES });

const topLevel = {
  rsa: new CloudFrontSigner({ keyPairId: "KRSA", privateKey: env.RSA_PRIVATE_KEY }),
  ec: new CloudFrontSigner({ keyPairId: "KEC", privateKey: env.EC_PRIVATE_KEY }),
};
const signedAtTopLevel = { rsa: signUrl(topLevel.rsa), ec: signUrl(topLevel.ec) };

export default {
  async fetch() {
    const inHandler = {
      rsa: new CloudFrontSigner({ keyPairId: "KRSA", privateKey: env.RSA_PRIVATE_KEY }),
      ec: new CloudFrontSigner({ keyPairId: "KEC", privateKey: env.EC_PRIVATE_KEY }),
    };
    return Response.json({
      engines: [topLevel.rsa.engine, topLevel.ec.engine, inHandler.rsa.engine, inHandler.ec.engine],
      rsa: [signedAtTopLevel.rsa, signUrl(topLevel.rsa), signUrl(inHandler.rsa)],
      ec: [signedAtTopLevel.ec, signUrl(topLevel.ec), signUrl(inHandler.ec)],
    });
  },
};
