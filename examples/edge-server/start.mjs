// Starts the edge server (see server.mjs) and prints one signed URL, valid
// for an hour, made with the private half of the key folder's pair.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CloudFrontSigner } from "cloudfront-signer";
import { readKeyFolder } from "./config.mjs";
import { originOf, runEdgeServer } from "./server.mjs";

const started = await runEdgeServer(process.argv.slice(2), process.env);
const privateKeyFile = started?.config.keysDir && join(started.config.keysDir, "private_key.pem");
if (privateKeyFile && existsSync(privateKeyFile)) {
  const { server, config } = started;
  const signer = new CloudFrontSigner({
    keyPairId: readKeyFolder(config.keysDir).keyPairId,
    privateKey: readFileSync(privateKeyFile),
  });
  const origin = config.publicOrigin ?? originOf(server);
  const url = signer.signUrl(`${origin}/hello.txt`, { expires: new Date(Date.now() + 3600 * 1000) });
  // With --public-origin the URL names the distribution; the server checks
  // it as such whatever host it is fetched from.
  const local = originOf(server) + url.slice(origin.length);
  console.log(`\nA signed URL for /hello.txt, valid for one hour:\n${url}\n`);
  console.log(`Try it, then change one character and try again:\n  curl -i '${local}'\n`);
  console.log("Stop the server with Ctrl-C.");
}
