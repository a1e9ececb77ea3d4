// Browsers: headless Chromium loads the package as an ES module from a
// loopback static server (an import map, no bundler) and as apps bundled by
// Vite and by esbuild from the installed tarball; each awaits init(), which
// fetches the .wasm. The documented browser examples run the same ways.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  assertDocumented, assertVectorOutputs, bin, copyInto, exampleText, exampleUrl, examples, fixtures,
  launchChromium, packedProject, pageValue, reportLatency, root, run, serve, vectorsPath,
} from "./harness.mjs";

const versionOfPackage = (name) => JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")).version;

// The bundler commands exactly as README.md gives them (after `npx `).
const bundlers = {
  Vite: {
    version: versionOfPackage("vite"),
    documented: ["npx vite build"],
    build: (cwd) => run(bin("vite"), ["build"], { cwd }),
  },
  esbuild: {
    version: versionOfPackage("esbuild"),
    documented: ["npx esbuild main.js --bundle --format=esm --outdir=dist", "cp index.html node_modules/cloudfront-signer/web/cloudfront_signer_bg.wasm dist/"],
    build: async (cwd) => {
      await run(bin("esbuild"), ["main.js", "--bundle", "--format=esm", "--outdir=dist"], { cwd });
      await run("cp", ["index.html", "node_modules/cloudfront-signer/web/cloudfront_signer_bg.wasm", "dist/"], { cwd });
    },
  },
};

let browser;
let chromium;

before(async () => {
  browser = await launchChromium();
  chromium = `Chromium ${browser.version()}`;
});

after(() => browser.close());

/** Serves `routes` on loopback, opens `path` and resolves with `expression` once truthy; the server always stops. */
async function valueFromPage(routes, path, expression) {
  const server = await serve(routes);
  try {
    return await pageValue(browser, `${server.url}${path}`, expression);
  } finally {
    await server.close();
  }
}

test("Chromium, no bundler: an import map, await init(), every vector signed", async (t) => {
  const routes = { "/": fixtures, "/cloudfront-signer/": join(root, "pkg", "web"), "/vectors.json": vectorsPath };
  const { firstSignMs, outputs } = await valueFromPage(routes, "/", "window.vectorResult");
  assertVectorOutputs(outputs, chromium);
  reportLatency(t, "Chromium page (no bundler)", browser.version(), firstSignMs);
});

for (const [name, bundler] of Object.entries(bundlers)) {
  test(`${name} app in Chromium: bundled from the installed tarball, every vector signed`, async (t) => {
    const project = packedProject();
    try {
      copyInto(fixtures, ["index.html", "main.js", "sign-vectors.mjs"], project.dir);
      await bundler.build(project.dir);
      const routes = { "/": join(project.dir, "dist"), "/vectors.json": vectorsPath };
      const { firstSignMs, outputs } = await valueFromPage(routes, "/", "window.vectorResult");
      assertVectorOutputs(outputs, `${name} app in ${chromium}`);
      reportLatency(t, `${name} app in Chromium`, `${name} ${bundler.version}, Chromium ${browser.version()}`, firstSignMs);
    } finally {
      project.remove();
    }
  });
}

const result = "document.getElementById('result').textContent";
const query = (url) => `?url=${encodeURIComponent(url)}`;
const tampered = exampleUrl.replace("Expires=2000000000", "Expires=2000000001");

test("the documented page without a bundler verifies botocore's URL and refuses a tampered one", async () => {
  const project = packedProject();
  try {
    const site = join(project.dir, "public");
    mkdirSync(site);
    copyFileSync(join(examples, "browser", "index.html"), join(site, "index.html"));
    copyFileSync(join(root, "tests", "keys", "rsa-public.pem"), join(site, "public_key.pem"));
    const copy = "cp -r node_modules/cloudfront-signer/web public/cloudfront-signer";
    await run("bash", ["-c", copy], { cwd: project.dir });
    const routes = { "/": site };
    assert.equal(await valueFromPage(routes, `/${query(exampleUrl)}`, result), "valid");
    assert.match(await valueFromPage(routes, `/${query(tampered)}`, result), /^SIGNATURE_MISMATCH: /);
    assertDocumented(exampleText("browser/index.html"), copy);
  } finally {
    project.remove();
  }
});

for (const [name, bundler] of Object.entries(bundlers)) {
  test(`the documented bundler example, built by ${name}, decodes botocore's URL in Chromium`, async () => {
    const project = packedProject();
    try {
      copyInto(join(examples, "bundler"), ["index.html", "main.js"], project.dir);
      await bundler.build(project.dir);
      const routes = { "/": join(project.dir, "dist") };
      assert.equal(await valueFromPage(routes, `/${query(exampleUrl)}`, result), "https://d111111abcdef8.cloudfront.net/image.jpg until 2033-05-18T03:33:20.000Z");
      assertDocumented(exampleText("bundler/index.html"), exampleText("bundler/main.js"), ...bundler.documented);
    } finally {
      project.remove();
    }
  });
}
