import { readFileSync } from "node:fs";
import { CloudFrontSigner } from "cloudfront-signer";

const signer = new CloudFrontSigner({
  keyPairId: "K2JCJMDEHXQW5F",
  privateKey: readFileSync("private_key.pem"),
});
console.log(signer.signUrl("https://d111111abcdef8.cloudfront.net/image.jpg", { expires: 2000000000 }));
