// A test Worker: what the package does at module top level in workerd,
// where workerd forbids drawing random values.
import { env } from "cloudflare:workers";
import { CloudFrontSigner, CloudFrontVerifier } from "cloudfront-signer";

const URL_TO_SIGN = "https://d111111abcdef8.cloudfront.net/videos/intro.vtt";
const EXPIRES = 2000000000;
const NOW = 1900000000;

const ec = new CloudFrontSigner({ keyPairId: "KEC", privateKey: env.EC_PRIVATE_KEY });
const rsa = new CloudFrontSigner({ keyPairId: "KRSA", privateKey: env.RSA_PRIVATE_KEY });
const verifier = new CloudFrontVerifier({ keys: { KEC: ec.publicKeyPem, KRSA: rsa.publicKeyPem } });
const ecAtTopLevel = attempt(() => ec.signUrl(URL_TO_SIGN, { expires: EXPIRES }));
const rsaAtTopLevel = attempt(() => rsa.signUrl(URL_TO_SIGN, { expires: EXPIRES }));

export default {
  async fetch() {
    const rsaInHandler = attempt(() => rsa.signUrl(URL_TO_SIGN, { expires: EXPIRES }));
    // WebCrypto signs these: RSA bytes equal to the wasm core's, ECDSA
    // with random nonces (two signatures differ) that verify.
    const rsaAsync = await attemptAsync(() => rsa.signUrlAsync(URL_TO_SIGN, { expires: EXPIRES }));
    const ecAsync = [await attemptAsync(() => ec.signUrlAsync(URL_TO_SIGN, { expires: EXPIRES })),
      await attemptAsync(() => ec.signUrlAsync(URL_TO_SIGN, { expires: EXPIRES }))];
    const cookies = { sync: rsa.signCookies(URL_TO_SIGN, { expires: EXPIRES }), async: await rsa.signCookiesAsync(URL_TO_SIGN, { expires: EXPIRES }) };
    return Response.json({
      ecAtTopLevel,
      rsaAtTopLevel,
      rsaInHandler,
      rsaAsync,
      ecAsync,
      cookies,
      valid: [ecAtTopLevel, rsaInHandler, ...ecAsync].map((r) => r.url && verifier.verifyUrl(r.url, { now: NOW }).valid),
    });
  },
};

async function attemptAsync(sign) {
  try {
    return { url: await sign() };
  } catch (error) {
    return { error: `${error.code ?? error.name}: ${error.message}` };
  }
}

function attempt(sign) {
  try {
    return { url: sign() };
  } catch (error) {
    return { error: `${error.code ?? error.name}: ${error.message}` };
  }
}
