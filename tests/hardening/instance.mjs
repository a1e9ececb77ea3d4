// Loads the built package and captures its WebAssembly instance's memory,
// without any debug export: WebAssembly.Instance is wrapped for the time
// the package takes to load (its Node entry instantiates synchronously).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const keyText = (name) => readFileSync(join(root, "tests", "keys", name), "utf8");

/** `{ pkg, memory }`: the package's exports and its linear memory. */
export async function loadPackage() {
  const Original = WebAssembly.Instance;
  const instances = [];
  WebAssembly.Instance = function Instance(module, imports) {
    const instance = new Original(module, imports);
    instances.push(instance);
    return instance;
  };
  try {
    const pkg = await import("cloudfront-signer");
    if (instances.length !== 1) throw new Error(`expected one wasm instance, saw ${instances.length}`);
    return { pkg, memory: instances[0].exports.memory };
  } finally {
    WebAssembly.Instance = Original;
  }
}
