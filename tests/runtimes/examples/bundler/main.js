import { init, decodeSignedUrl } from "cloudfront-signer";

await init(); // fetches cloudfront_signer_bg.wasm from next to the bundle
const { resource, expiresAt } = decodeSignedUrl(new URLSearchParams(location.search).get("url"));
document.getElementById("result").textContent = `${resource} until ${expiresAt.toISOString()}`;
