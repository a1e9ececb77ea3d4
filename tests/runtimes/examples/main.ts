import { CloudFrontSigner } from "npm:cloudfront-signer";

const signer = new CloudFrontSigner({
  keyPairId: "K2JCJMDEHXQW5F",
  privateKey: Deno.readTextFileSync("private_key.pem"),
});
console.log(signer.signUrl("https://d111111abcdef8.cloudfront.net/image.jpg", { expires: 2000000000 }));
