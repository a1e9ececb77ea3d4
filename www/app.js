// The demo page: generate or paste a key, sign URLs and cookies, check them.
// Everything runs here, in the package's WebAssembly; keys never leave the page.
import {
  init,
  CloudFrontSigner, CloudFrontVerifier, buildPolicy, decodeSignedUrl, toSetCookieHeaders,
} from "../pkg/web/index.js";

const $ = (id) => document.getElementById(id);
const FIELD_OF_CODE = {
  ERR_INVALID_URL: "url", ERR_INVALID_IP: "ip-address", ERR_INVALID_RESOURCE: "resource",
  ERR_INVALID_KEY: "private-key", ERR_UNSUPPORTED_KEY: "private-key", ERR_PASSPHRASE_REQUIRED: "private-key",
  ERR_WRONG_PASSPHRASE: "private-key", ERR_INVALID_KEY_PAIR_ID: "key-pair-id",
};

/** Shows an error next to the field it concerns: its code and message. */
function showError(error, fallbackField) {
  let field = FIELD_OF_CODE[error.code] ?? fallbackField;
  if (error.code === "ERR_INVALID_DATE") field = error.message.startsWith("notBefore") ? "not-before" : "expires";
  if (error.code === "ERR_INPUT_TOO_LARGE") field = "url";
  $(`${field}-error`).textContent = `${error.code ?? "Error"}: ${error.message}`;
}

function clearErrors() {
  for (const element of document.querySelectorAll(".error")) element.textContent = "";
}

function pem(label, der) {
  const base64 = btoa(String.fromCharCode(...new Uint8Array(der)));
  return `-----BEGIN ${label}-----\n${base64.match(/.{1,64}/g).join("\n")}\n-----END ${label}-----\n`;
}

async function generateKeyPair(type) {
  const algorithm = type === "EC"
    ? { name: "ECDSA", namedCurve: "P-256" }
    : { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" };
  const pair = await crypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
  return pem("PRIVATE KEY", await crypto.subtle.exportKey("pkcs8", pair.privateKey));
}

/** A signer for the key and options on the page, or null with the error shown. */
function currentSigner() {
  try {
    return new CloudFrontSigner({
      keyPairId: $("key-pair-id").value.trim(),
      privateKey: $("private-key").value,
      hashAlgorithm: $("hash").value || undefined,
    });
  } catch (error) {
    showError(error, "private-key");
    return null;
  }
}

function refreshKey() {
  clearErrors();
  $("public-key").value = "";
  $("key-status").textContent = "";
  if (!$("private-key").value.trim()) return;
  const signer = currentSigner();
  if (!signer) return;
  $("public-key").value = signer.publicKeyPem;
  $("check-key").value = signer.publicKeyPem;
  $("key-status").textContent = `${signer.keyType} ${signer.keyBits}-bit key, signing with ${signer.hashAlgorithm}.`;
  signer.free();
}

const localValue = (date) => new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 19);
const dateOf = (id) => ($(id).value ? new Date($(id).value) : undefined);

function sign() {
  clearErrors();
  $("sign-output").hidden = true;
  const signer = currentSigner();
  if (!signer) return;
  const url = $("url").value.trim();
  const resource = $("resource").value.trim() || undefined;
  const conditions = { expires: dateOf("expires"), notBefore: dateOf("not-before"), ipAddress: $("ip-address").value.trim() || undefined };
  try {
    const signedUrl = signer.signUrl(url, { ...conditions, resource });
    const { policy, canned, reason } = buildPolicy(url, { ...conditions, resource });
    const cookies = signer.signCookies(resource ?? url, conditions);
    $("signed-url").value = signedUrl;
    $("url-length").textContent = String(signedUrl.length);
    $("open-url").href = signedUrl;
    $("policy-kind").textContent = `${canned ? "Canned" : "Custom"} policy: ${reason.replace(/^(canned|custom): /, "")}.`;
    $("policy-json").value = JSON.stringify(JSON.parse(policy), null, 2);
    $("cookies-json").value = JSON.stringify(cookies, null, 2);
    $("set-cookie").value = toSetCookieHeaders(cookies, { path: "/" }).map((line) => `Set-Cookie: ${line}`).join("\n");
    $("check-input").value = signedUrl;
    $("edge-try").hidden = !demoConfig;
    $("edge-result").textContent = "";
    $("sign-output").hidden = false;
  } catch (error) {
    showError(error, "sign");
  } finally {
    signer.free();
  }
}

function describe(result) {
  const when = (date) => (date ? `${date.toISOString()} (${relative(date)})` : "none");
  return [
    `source:       ${result.source}`,
    `key-pair id:  ${result.keyPairId ?? "?"}`,
    `hash:         ${result.hashAlgorithm ?? "?"}`,
    `policy:       ${result.canned === undefined ? "?" : result.canned ? "canned" : "custom"}`,
    `resource:     ${result.resource ?? "(the request URL)"}`,
    `expires:      ${when(result.expiresAt)}`,
    `not before:   ${when(result.notBefore)}`,
    `IP range:     ${result.ipAddress ?? "any"}`,
  ].join("\n");
}

function relative(date) {
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const abs = Math.abs(seconds);
  const [amount, unit] = abs < 120 ? [abs, "second"] : abs < 7200 ? [Math.round(abs / 60), "minute"] : abs < 172800 ? [Math.round(abs / 3600), "hour"] : [Math.round(abs / 86400), "day"];
  const words = `${amount} ${unit}${amount === 1 ? "" : "s"}`;
  return seconds >= 0 ? `in ${words}` : `${words} ago`;
}

function check() {
  clearErrors();
  $("check-output").hidden = true;
  const input = $("check-input").value.trim();
  if (!input) {
    $("check-input-error").textContent = "Paste a signed URL or a Cookie header first.";
    return;
  }
  const isUrl = /^https?:\/\//i.test(input);
  let keyPairId = $("key-pair-id").value.trim() || "K";
  if (isUrl) {
    try {
      keyPairId = decodeSignedUrl(input).keyPairId;
    } catch (error) {
      showError(error, "check-input");
      return;
    }
  } else {
    keyPairId = input.match(/CloudFront-Key-Pair-Id=([^;\s]+)/)?.[1] ?? keyPairId;
  }
  let verifier;
  try {
    verifier = new CloudFrontVerifier({ keys: { [keyPairId]: $("check-key").value } });
  } catch (error) {
    showError(error, "check-key");
    return;
  }
  const result = isUrl ? verifier.verifyUrl(input) : verifier.verifyCookies($("check-url").value.trim() || $("url").value.trim(), input);
  verifier.free();
  $("check-verdict").textContent = result.valid
    ? "Valid: CloudFront would serve this request."
    : `Refused (${result.reason}): ${result.message}. CloudFront answers 403 "${result.cloudfrontMessage}".`;
  $("check-verdict").className = `verdict ${result.valid ? "valid" : "refused"}`;
  $("check-details").textContent = describe(result);
  $("check-output").hidden = false;
}

/** Fetches from the local edge and shows the status and the refusal reason. */
async function fetchFromEdge(url) {
  $("edge-result").textContent = "…";
  try {
    const response = await fetch(url, { credentials: "include", cache: "no-store" });
    const reason = response.headers.get("x-cloudfront-signer-reason");
    const body = (await response.text()).slice(0, 300);
    $("edge-result").textContent = reason
      ? `${response.status} ${response.statusText}: ${reason}, ${response.headers.get("x-cloudfront-signer-message")}\n${body}`
      : `${response.status} ${response.statusText}\n${body}`;
  } catch (error) {
    $("edge-result").textContent = `The local edge did not answer: ${error.message}`;
  }
}

function fetchWithCookies() {
  const cookies = JSON.parse($("cookies-json").value);
  for (const [name, value] of Object.entries(cookies)) document.cookie = `${name}=${value}; path=/; SameSite=Lax`;
  return fetchFromEdge(new URL($("cookie-path").value, demoConfig.edgeOrigin).href);
}

let demoConfig;

async function loadDemoConfig() {
  try {
    const response = await fetch("demo-config.json");
    if (!response.ok) return;
    const config = await response.json();
    demoConfig = config;
    $("private-key").value = config.privateKeyPem;
    $("key-pair-id").value = config.keyPairId;
    $("url").value = config.sampleUrl;
    $("resource").placeholder = config.samplePattern;
    $("edge-note").textContent = `The local edge server at ${config.edgeOrigin} trusts the demo key ${config.keyPairId} (loaded below): links signed with it open there. A key you generate here works for the Check section; CloudFront would need its public key in a key group.`;
    $("edge-note").hidden = false;
  } catch {
    // No demo server: the page works on its own.
  }
}

await init();
$("expires").value = localValue(new Date(Date.now() + 86400000));
$("generate").addEventListener("click", async () => {
  const type = document.querySelector("input[name=key-type]:checked").value;
  $("generate").disabled = true;
  $("key-status").textContent = `Generating a new ${type} key pair...`;
  try {
    $("private-key").value = await generateKeyPair(type);
    refreshKey();
    if ($("key-status").textContent) $("key-status").textContent += " Generated in this page.";
  } finally {
    $("generate").disabled = false;
  }
});
$("private-key").addEventListener("change", refreshKey);
$("key-pair-id").addEventListener("change", refreshKey);
$("hash").addEventListener("change", refreshKey);
for (const button of document.querySelectorAll("[data-expires]")) {
  button.addEventListener("click", () => {
    $("expires").value = localValue(new Date(Date.now() + Number(button.dataset.expires) * 1000));
  });
}
for (const button of document.querySelectorAll("[data-copy]")) {
  button.addEventListener("click", () => navigator.clipboard?.writeText($(button.dataset.copy).value));
}
$("sign").addEventListener("click", sign);
$("fetch-url").addEventListener("click", () => fetchFromEdge($("signed-url").value));
$("fetch-with-cookies").addEventListener("click", fetchWithCookies);
$("check").addEventListener("click", check);
await loadDemoConfig();
refreshKey();
document.body.dataset.ready = "true";
