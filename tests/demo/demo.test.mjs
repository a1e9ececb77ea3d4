// The demo page in real headless Chromium, with the local edge server:
// keys, signing, following the link (200), tampering (403 with the reason),
// cookies on a wildcard path, every input error shown next to its field, and
// the accessibility basics. Screenshots go to test-artifacts/ (git-ignored).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { startDemo } from "../../scripts/demo.mjs";

const artifacts = new URL("../../test-artifacts/", import.meta.url).pathname;
let demo;
let browser;
let page;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  demo = await startDemo({ edgePort: 0, pagePort: 0 });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
  page.on("pageerror", (error) => assert.fail(`page error: ${error.message}`));
  await page.goto(`${demo.pageOrigin}/`);
  await page.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 20000 });
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

const shot = (name) => page.screenshot({ path: `${artifacts}demo-${name}.png`, fullPage: true });

async function signWith(fields) {
  await page.evaluate(() => { document.querySelector("details").open = true; });
  for (const [id, value] of Object.entries(fields)) await page.fill(`#${id}`, value);
  await page.click("#sign");
}

test("the page loads the demo key the edge trusts, and shows its public key", async () => {
  assert.match(await page.inputValue("#private-key"), /BEGIN PRIVATE KEY/);
  assert.equal(await page.inputValue("#key-pair-id"), "KDEMO0000000EX");
  assert.match(await page.inputValue("#public-key"), /^-----BEGIN PUBLIC KEY-----/);
  assert.match(await page.textContent("#key-status"), /RSA 2048-bit/);
  assert.match(await page.textContent("#edge-note"), /trusts the demo key/);
  await shot("1-loaded");
});

test("a signed link opens through the local edge (200), a tampered one is refused (403)", async () => {
  await signWith({ url: `${demo.edgeOrigin}/hello.txt`, resource: "" });
  const signed = await page.inputValue("#signed-url");
  assert.ok(signed.startsWith(`${demo.edgeOrigin}/hello.txt?Expires=`));
  assert.match(await page.textContent("#policy-kind"), /^Canned policy/);
  assert.equal(Number(await page.textContent("#url-length")), signed.length);
  await page.click("#fetch-url");
  await page.waitForFunction(() => document.getElementById("edge-result").textContent.startsWith("200"));
  await shot("2-signed");
  const opened = await browser.newPage();
  const ok = await opened.goto(signed);
  assert.equal(ok.status(), 200);
  assert.match(await ok.text(), /\S/);
  const tampered = signed.replace(/Expires=(\d+)/, (_, n) => `Expires=${Number(n) + 1}`);
  const refused = await opened.goto(tampered);
  assert.equal(refused.status(), 403);
  assert.equal(refused.headers()["x-cloudfront-signer-reason"], "SIGNATURE_MISMATCH");
  assert.match(await refused.text(), /<Code>AccessDenied<\/Code>/);
  await opened.close();
  await page.fill("#check-input", tampered);
  await page.click("#check");
  assert.match(await page.textContent("#check-verdict"), /^Refused \(SIGNATURE_MISMATCH\)/);
  await shot("3-tampered-checked");
});

test("an expired link is refused by the edge with EXPIRED, in plain words", async () => {
  const response = await page.evaluate(async (origin) => {
    const { CloudFrontSigner } = await import("/pkg/web/index.js");
    const pem = document.getElementById("private-key").value;
    const signer = new CloudFrontSigner({ keyPairId: "KDEMO0000000EX", privateKey: pem });
    const url = signer.signUrl(`${origin}/hello.txt`, { policy: JSON.stringify({ Statement: [{ Resource: `${origin}/hello.txt`, Condition: { DateLessThan: { "AWS:EpochTime": Math.floor(Date.now() / 1000) + 2 } } }] }) });
    await new Promise((done) => setTimeout(done, 3000));
    const answer = await fetch(url);
    return { status: answer.status, reason: answer.headers.get("x-cloudfront-signer-reason"), message: answer.headers.get("x-cloudfront-signer-message") };
  }, demo.edgeOrigin);
  assert.deepEqual([response.status, response.reason], [403, "EXPIRED"]);
  assert.match(response.message, /^expired \d+ seconds? ago/);
});

test("signed cookies for a wildcard path open another file under it", async () => {
  await signWith({ url: `${demo.edgeOrigin}/videos/intro.vtt`, resource: `${demo.edgeOrigin}/videos/*` });
  assert.match(await page.textContent("#policy-kind"), /^Custom policy: a wildcard resource/);
  assert.match(await page.inputValue("#cookies-json"), /CloudFront-Policy/);
  assert.match(await page.inputValue("#set-cookie"), /Set-Cookie: CloudFront-Signature=.*; Path=\/; Secure; HttpOnly/);
  await page.fill("#cookie-path", "/videos/intro.vtt");
  await page.click("#fetch-with-cookies");
  await page.waitForFunction(() => /^\d{3}/.test(document.getElementById("edge-result").textContent));
  assert.match(await page.textContent("#edge-result"), /^200/);
  await page.fill("#cookie-path", "/hello.txt");
  await page.click("#fetch-with-cookies");
  await page.waitForFunction(() => /^403/.test(document.getElementById("edge-result").textContent));
  assert.match(await page.textContent("#edge-result"), /RESOURCE_MISMATCH/);
  await shot("4-cookies");
  await page.fill("#resource", "");
});

test("each input error is explained next to its field", async () => {
  const cases = [
    [{ url: "https://d111111abcdef8.cloudfront.net/a b.pdf" }, "#url-error", /^ERR_INVALID_URL: .*space/],
    [{ url: "/relative.pdf" }, "#url-error", /^ERR_INVALID_URL/],
    [{ "ip-address": "2001:db8::1" }, "#ip-address-error", /^ERR_INVALID_IP: .*only IPv4/],
    [{ "ip-address": "10.0.0.300" }, "#ip-address-error", /^ERR_INVALID_IP/],
    [{ resource: 'https://a.example/"x' }, "#resource-error", /^ERR_INVALID_RESOURCE/],
    [{ expires: "2001-01-01T00:00:00" }, "#expires-error", /^ERR_INVALID_DATE: .*in the past/],
    [{ "not-before": "2037-12-31T00:00:00" }, "#not-before-error", /^ERR_INVALID_DATE: notBefore/],
  ];
  for (const [fields, errorField, pattern] of cases) {
    await page.reload();
    await page.waitForSelector("body[data-ready=true]", { state: "attached" });
    await signWith(fields);
    assert.match(await page.textContent(errorField), pattern, JSON.stringify(fields));
    assert.equal(await page.isHidden("#sign-output"), true);
  }
  await shot("5-input-error");
  await page.fill("#private-key", "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----");
  await page.dispatchEvent("#private-key", "change");
  assert.match(await page.textContent("#private-key-error"), /^ERR_INVALID_KEY/);
  await page.fill("#key-pair-id", "not valid!");
  await page.click("#sign");
  assert.match((await page.textContent("#private-key-error")) + (await page.textContent("#key-pair-id-error")), /ERR_INVALID_KEY/);
});

test("generated RSA and ECDSA key pairs sign links the page itself verifies", async () => {
  for (const type of ["RSA", "EC"]) {
    await page.reload();
    await page.waitForSelector("body[data-ready=true]", { state: "attached" });
    const demoPublicKey = await page.inputValue("#public-key");
    await page.check(`input[name=key-type][value=${type}]`);
    await page.click("#generate");
    // The demo key is RSA too: wait for the generated one, not any RSA key.
    await page.waitForFunction(() => document.getElementById("key-status").textContent.endsWith("Generated in this page."), null, { timeout: 30000 });
    assert.match(await page.textContent("#key-status"), new RegExp(`^${type} `));
    const publicKey = await page.inputValue("#public-key");
    assert.match(publicKey, /BEGIN PUBLIC KEY/);
    assert.notEqual(publicKey, demoPublicKey);
    await signWith({ url: "https://d111111abcdef8.cloudfront.net/private/report.pdf", resource: "" });
    if (type === "EC") assert.match(await page.inputValue("#signed-url"), /&Hash-Algorithm=SHA256$/);
    await page.click("#check");
    assert.match(await page.textContent("#check-verdict"), /^Valid/);
  }
  await shot("6-generated-ec");
});

test("every control has a label, and the sign flow works from the keyboard alone", async () => {
  await page.reload();
  await page.waitForSelector("body[data-ready=true]", { state: "attached" });
  const unlabeled = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea")]
      .filter((element) => element.labels.length === 0 && !element.getAttribute("aria-label"))
      .map((element) => element.id || element.name));
  assert.deepEqual(unlabeled, []);
  await page.focus("#url");
  await page.keyboard.press("Control+A");
  await page.keyboard.type(`${demo.edgeOrigin}/hello.txt`);
  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement?.id === "sign");
  }
  assert.ok(reached, "the Sign button is reachable with Tab");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#sign-output:not([hidden])");
  assert.ok((await page.inputValue("#signed-url")).startsWith(`${demo.edgeOrigin}/hello.txt?Expires=`));
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(overflow, false, "no horizontal scrolling on a phone-sized screen");
  await shot("7-phone");
});
