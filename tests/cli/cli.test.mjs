// The `cloudfront-signer` command of the built package, run as a
// subprocess: output against botocore and openssl, sign → verify round
// trips, decode, keygen, and every usage error with its exit code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloudFrontSigner } from "cloudfront-signer";
import { root, keyPath, keyText, passphrase, splitSignedUrl, policyBytesOf, cookiePolicyBytes, cfDecode, opensslVerifies } from "../js/helpers.mjs";

const BIN = join(root, "pkg", "bin", "cloudfront-signer.mjs");
const ID = "K2JCJMDEHXQW5F";
const HOST = "https://d111111abcdef8.cloudfront.net";
const EXPIRES = 2000000000; // 2033-05-18T03:33:20Z
const NOW = 1900000000;
const epoch = (iso) => Date.parse(iso) / 1000;

/** Runs the command with `args`; resolves `{ code, stdout, stderr }`. Standard input is `input` or empty. */
function cli(args, { input = "", env = {} } = {}) {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? error.code : 0, stdout, stderr }),
    );
    // The command may exit before reading its input (a usage error): that
    // EPIPE is not a failure; the exit code and output say what happened.
    child.stdin.on("error", () => {});
    child.stdin.end(input);
  });
}

/** Runs the command and expects exit code 0 and nothing on standard error; returns standard output. */
async function ok(args, options) {
  const { code, stdout, stderr } = await cli(args, options);
  assert.equal(code, 0, `${args.join(" ")}\n${stderr}`);
  assert.equal(stderr, "");
  return stdout;
}

const signingFlags = (privateKey = keyPath("rsa-pkcs8.pem")) => ["--key-pair-id", ID, "--private-key", privateKey];

/** Signs with botocore's CloudFrontSigner (RSA, SHA-1), through tests/peers/botocore_sign.py. */
function botocore(cases) {
  const python = join(root, ".venv", "bin", "python");
  const script = join(root, "tests", "peers", "botocore_sign.py");
  return JSON.parse(execFileSync(python, [script], { input: JSON.stringify(cases), encoding: "utf8" }));
}

function withTempDir(fn) {
  const dir = mkdtempSync(join(tmpdir(), "cfs-cli-"));
  return Promise.resolve(fn(dir)).finally(() => rmSync(dir, { recursive: true, force: true }));
}

test("sign prints what botocore's CloudFrontSigner makes, byte for byte", async () => {
  const url = `${HOST}/reports/q3.pdf`;
  const query = `${HOST}/a%20b.txt?size=large&x=%2B+`;
  // [flags for cloudfront-signer, the same request for botocore, the private key file]
  const cases = [
    [["--url", url, "--date-less-than", "2033-05-18"], { url, expires: epoch("2033-05-18T00:00:00Z") }],
    [["--url", query, "--date-less-than", "2033-05-18T05:33:20+02:00"], { url: query, expires: EXPIRES }],
    [["--url", url, "--date-less-than", String(EXPIRES)], { url, expires: EXPIRES }, `file://${keyPath("rsa-pkcs1.pem")}`],
    [["--url", url, "--date-less-than", "2033-05-18T03:33:20"], { url, expires: EXPIRES }, `fileb://${keyPath("rsa-pkcs8.der")}`],
    [
      ["--url", url, "--date-less-than", "2033-05-18T03:33:20Z", "--date-greater-than", "2030-01-01", "--ip-address", "203.0.113.7"],
      { url, expires: EXPIRES, not_before: epoch("2030-01-01T00:00:00Z"), ip_address: "203.0.113.7" },
    ],
    [
      ["--url", url, "--policy-resource", `${HOST}/reports/*`, "--date-less-than", String(EXPIRES), "--ip-address", "10.0.0.0/8"],
      { url, expires: EXPIRES, resource: `${HOST}/reports/*`, ip_address: "10.0.0.0/8" },
    ],
    [["--url", query, "--policy-resource", `${HOST}/a%20b.txt?size=larg?&x=*`, "--date-less-than", String(EXPIRES)], { url: query, expires: EXPIRES, resource: `${HOST}/a%20b.txt?size=larg?&x=*` }],
    [["--url", url, "--policy-resource", `${HOST}/reports/q3.pd?`, "--date-less-than", String(EXPIRES)], { url, expires: EXPIRES, resource: `${HOST}/reports/q3.pd?` }],
  ];
  const ours = await Promise.all(cases.map(([flags, , privateKey]) => ok(["sign", ...signingFlags(privateKey), ...flags])));
  const expected = botocore(cases.map(([, request]) => ({ key_file: keyPath("rsa-pkcs8.pem"), key_pair_id: ID, ...request })));
  assert.deepEqual(ours, expected.map((signed) => `${signed}\n`));
  assert.ok(ours[0].includes("Expires=") && ours[4].includes("Policy="));

  // The encrypted copy of the same key, read from standard input, signs the same bytes.
  const encrypted = await ok(
    ["sign", "--url", url, "--date-less-than", "2033-05-18", "--key-pair-id", ID, "--private-key", "-", "--passphrase-env", "CFS_PASS"],
    { input: readFileSync(keyPath("rsa-pkcs8-encrypted.pem")), env: { CFS_PASS: passphrase } },
  );
  assert.equal(encrypted, ours[0]);
});

test("SHA-256 and ECDSA URLs verify with openssl; ECDSA with SHA1 is allowed; RSA other than 2048 warns", async () => {
  const url = `${HOST}/videos/intro.mp4?lang=en`;
  const cases = [
    ["rsa-pkcs8.pem", "rsa-public.pem", ["--hash-algorithm", "SHA256"], "sha256"],
    ["ec-sec1.pem", "ec-public.pem", [], "sha256"],
    ["ec-pkcs8.pem", "ec-public.pem", ["--ip-address", "203.0.113.0/24"], "sha256"],
    ["ec-sec1.pem", "ec-public.pem", ["--hash-algorithm", "SHA1"], "sha1"],
  ];
  const signed = await Promise.all(
    cases.map(([key, , flags]) => ok(["sign", "--url", url, "--date-less-than", String(EXPIRES), ...signingFlags(keyPath(key)), ...flags])),
  );
  signed.forEach((line, i) => {
    const [, publicKey, , hash] = cases[i];
    const { params } = splitSignedUrl(line.trim());
    assert.equal(params["Hash-Algorithm"], hash === "sha256" ? "SHA256" : undefined, line);
    assert.ok(opensslVerifies(keyPath(publicKey), hash, policyBytesOf(line.trim()), cfDecode(params.Signature)), line);
  });

  const small = await cli(["sign", "--url", url, "--date-less-than", String(EXPIRES), ...signingFlags(keyPath("rsa-1024.pem"))]);
  assert.equal(small.code, 0);
  assert.match(small.stdout, /^https:\/\/\S+&Key-Pair-Id=K2JCJMDEHXQW5F\n$/);
  assert.equal(small.stderr, "cloudfront-signer: warning: the key is RSA 1024; CloudFront key groups take only RSA 2048 (or ECDSA P-256) public keys\n");
});

test("sign then verify: valid for the signer's key, refused with the reason otherwise", async () => {
  const url = `${HOST}/private/a.txt?v=1`;
  const rsa = (await ok(["sign", "--url", url, "--date-less-than", String(EXPIRES), "--date-greater-than", String(NOW - 60), "--ip-address", "198.51.100.0/24", ...signingFlags()])).trim();
  const ec = (await ok(["sign", "--url", url, "--policy-resource", `${HOST}/private/*`, "--date-less-than", String(EXPIRES), ...signingFlags(keyPath("ec-pkcs8.pem"))])).trim();
  const both = ["--public-key", `${ID}=${keyPath("rsa-public.pem")}`];
  const at = ["--now", String(NOW), "--client-ip", "198.51.100.7"];

  const [rsaValid, ecValid, rsaJson] = await Promise.all([
    cli(["verify", "--url", rsa, ...both, ...at]),
    cli(["verify", "--url", ec, "--public-key", keyPath("ec-public.pem"), "--key-pair-id", ID, "--now", String(NOW)]),
    cli(["verify", "--url", rsa, ...both, ...at, "--json"]),
  ]);
  assert.equal(rsaValid.code, 0, rsaValid.stderr);
  assert.match(rsaValid.stdout, /^source: {6}signed URL\nresource: {4}https:\/\/d111111abcdef8\.cloudfront\.net\/private\/a\.txt\?v=1\npolicy: {6}custom\n/);
  assert.match(rsaValid.stdout, /\nstarts: {6}2030-03-17T17:45:40Z\nexpires: {5}2033-05-18T03:33:20Z\nip address: {2}198\.51\.100\.0\/24\nkey-pair id: K2JCJMDEHXQW5F\nhash: {8}SHA1\nVALID\n$/);
  assert.equal(ecValid.code, 0, ecValid.stdout + ecValid.stderr);
  assert.match(ecValid.stdout, /resource: {4}https:\/\/d111111abcdef8\.cloudfront\.net\/private\/\*\n[^]*hash: {8}SHA256\nVALID\n$/);
  assert.equal(rsaJson.code, 0);
  assert.deepEqual(
    (({ valid, reason, canned, keyPairId, expiresAt, ipAddress }) => ({ valid, reason, canned, keyPairId, expiresAt, ipAddress }))(JSON.parse(rsaJson.stdout)),
    { valid: true, reason: null, canned: false, keyPairId: ID, expiresAt: "2033-05-18T03:33:20.000Z", ipAddress: "198.51.100.0/24" },
  );

  const refusals = [
    [["--url", rsa.replace("a.txt", "b.txt"), ...both, ...at], "RESOURCE_MISMATCH", "403 Access denied"],
    [["--url", rsa.replace(/Signature=..../, "Signature=AAAA"), ...both, ...at], "SIGNATURE_MISMATCH", "403 Access denied"],
    [["--url", rsa.replace("Signature=", "Signature=A"), ...both, ...at], "MALFORMED_PARAMETERS", "403 Access denied"],
    [["--url", rsa, "--public-key", `${ID}=${keyPath("ec-public.pem")}`, ...at], "SIGNATURE_MISMATCH", "403 Access denied"],
    [["--url", rsa, ...both, "--now", String(EXPIRES + 180), "--client-ip", "198.51.100.7"], "EXPIRED", "403 Access denied"],
    [["--url", rsa, ...both, "--now", String(NOW - 3600), "--client-ip", "198.51.100.7"], "NOT_YET_VALID", "403 Access denied"],
    [["--url", rsa, ...both, "--now", String(NOW), "--client-ip", "203.0.113.9"], "IP_NOT_ALLOWED", "403 Access denied"],
    [["--url", rsa, "--public-key", keyPath("rsa-public.pem"), "--key-pair-id", "KOTHER", ...at], "UNKNOWN_KEY_PAIR_ID", "403 Unknown Key"],
    [["--url", `${HOST}/private/a.txt`, ...both], "MISSING_PARAMETERS", "403 Missing Key-Pair-Id query parameter or cookie value."],
  ];
  const results = await Promise.all(refusals.map(([args]) => cli(["verify", ...args])));
  results.forEach(({ code, stdout, stderr }, i) => {
    const [, reason, answer] = refusals[i];
    assert.equal(code, 1, `${reason}: ${stdout}${stderr}`);
    assert.equal(stderr, "");
    assert.match(stdout, new RegExp(`cloudfront: {2}${answer.replace(/[.]/g, "\\.")}\\nREFUSED: ${reason}: \\S.+\\n$`));
  });
  assert.match(results[4].stdout, /REFUSED: EXPIRED: expired 3 minutes ago, at 2033-05-18T03:33:20Z\n$/);
  assert.match(results[2].stdout, /^source: {6}signed URL\ncloudfront: /);
});

test("verify trusts a key without an id under the request's id, and says so", async () => {
  const url = (await ok(["sign", "--url", `${HOST}/a.txt`, "--date-less-than", String(EXPIRES), ...signingFlags(keyPath("ec-sec1.pem"))])).trim();
  const other = (await ok(["sign", "--url", `${HOST}/a.txt`, "--date-less-than", String(EXPIRES), "--key-pair-id", "KRSA", "--private-key", keyPath("rsa-pkcs1.pem")])).trim();
  const keys = ["--public-key", `KRSA=${keyPath("rsa-public.pem")}`, "--public-key", `${ID}=${keyPath("ec-public.der")}`];
  const [anyId, wrongKey, named, namedOther] = await Promise.all([
    cli(["verify", "--url", url, "--public-key", keyPath("ec-public.pem")]),
    cli(["verify", "--url", url, "--public-key", keyPath("rsa-public.pem")]),
    cli(["verify", "--url", url, ...keys]),
    cli(["verify", "--url", other, ...keys]),
  ]);
  assert.equal(anyId.code, 0);
  assert.match(anyId.stdout, /key-pair id: K2JCJMDEHXQW5F\n[^]*note: {8}the key-pair id is not checked[^]*\nVALID\n$/);
  assert.equal(wrongKey.code, 1);
  assert.match(wrongKey.stdout, /REFUSED: SIGNATURE_MISMATCH: /);
  assert.equal(named.code, 0, named.stdout);
  assert.doesNotMatch(named.stdout, /note:/);
  assert.equal(namedOther.code, 0, namedOther.stdout);
});

test("sign-cookies prints the library's cookies as JSON or Set-Cookie lines, and they verify", async () => {
  const resource = `${HOST}/videos/*`;
  const flags = ["--resource", resource, "--date-less-than", String(EXPIRES), "--ip-address", "10.0.0.0/8", ...signingFlags()];
  const [json, headers, ec] = await Promise.all([
    ok(["sign-cookies", ...flags]),
    ok(["sign-cookies", ...flags, "--format", "headers", "--domain", "example.com", "--path", "/videos/", "--same-site", "Lax"]),
    ok(["sign-cookies", "--resource", `${HOST}/videos/intro.mp4`, "--date-less-than", String(EXPIRES), ...signingFlags(keyPath("ec-sec1.pem"))]),
  ]);
  const library = new CloudFrontSigner({ keyPairId: ID, privateKey: keyText("rsa-pkcs8.pem") });
  const cookies = library.signCookies(resource, { expires: EXPIRES, ipAddress: "10.0.0.0/8" });
  assert.equal(json, `${JSON.stringify(cookies, null, 4)}\n`);
  assert.deepEqual(Object.keys(JSON.parse(json)), ["CloudFront-Policy", "CloudFront-Signature", "CloudFront-Key-Pair-Id"]);

  // The same custom policy signed by botocore (as a URL) gives the same Policy and Signature.
  const [boto] = botocore([{ url: resource, key_file: keyPath("rsa-pkcs8.pem"), key_pair_id: ID, expires: EXPIRES, resource, ip_address: "10.0.0.0/8" }]);
  const { params } = splitSignedUrl(boto);
  assert.equal(cookies["CloudFront-Policy"], params.Policy);
  assert.equal(cookies["CloudFront-Signature"], params.Signature);

  assert.deepEqual(
    headers.trimEnd().split("\n"),
    Object.entries(cookies).map(([name, value]) => `Set-Cookie: ${name}=${value}; Domain=example.com; Path=/videos/; Secure; HttpOnly; SameSite=Lax`),
  );
  const ecCookies = JSON.parse(ec);
  assert.deepEqual(Object.keys(ecCookies), ["CloudFront-Expires", "CloudFront-Signature", "CloudFront-Key-Pair-Id", "CloudFront-Hash-Algorithm"]);
  assert.ok(opensslVerifies(keyPath("ec-public.pem"), "sha256", cookiePolicyBytes(ecCookies, `${HOST}/videos/intro.mp4`), cfDecode(ecCookies["CloudFront-Signature"])));

  const header = headers.trimEnd().split("\n").map((line) => line.slice("Set-Cookie: ".length).split(";")[0]).join("; ");
  const publicKey = ["--public-key", `${ID}=${keyPath("rsa-public.pem")}`, "--now", String(NOW), "--client-ip", "10.1.2.3"];
  const [fromHeader, fromStdin, elsewhere, canned, cannedElsewhere] = await Promise.all([
    cli(["verify", "--cookies", header, "--url", `${HOST}/videos/a.mp4`, ...publicKey]),
    cli(["verify", "--cookies", "-", "--url", `${HOST}/videos/b.mp4`, ...publicKey], { input: json }),
    cli(["verify", "--cookies", json, "--url", `${HOST}/images/a.jpg`, ...publicKey]),
    cli(["verify", "--cookies", ec, "--url", `${HOST}/videos/intro.mp4`, "--public-key", `${ID}=${keyPath("ec-public.pem")}`]),
    cli(["verify", "--cookies", ec, "--url", `${HOST}/videos/other.mp4`, "--public-key", `${ID}=${keyPath("ec-public.pem")}`]),
  ]);
  assert.equal(fromHeader.code, 0, fromHeader.stdout);
  assert.match(fromHeader.stdout, /^source: {6}signed cookies\n/);
  assert.equal(fromStdin.code, 0, fromStdin.stdout);
  assert.equal(elsewhere.code, 1);
  assert.match(elsewhere.stdout, /REFUSED: RESOURCE_MISMATCH: /);
  assert.equal(canned.code, 0, canned.stdout);
  assert.equal(cannedElsewhere.code, 1);
});

test("decode says what a URL or cookie set grants, in UTC and in words, without a key", async () => {
  const now = Math.floor(Date.now() / 1000);
  const expires = now + 29 * 86400 + 3600;
  const starts = now + 3 * 3600 + 1800;
  const url = (await ok(["sign", "--url", `${HOST}/a.txt`, "--date-less-than", String(expires), "--date-greater-than", String(starts), "--ip-address", "203.0.113.7", ...signingFlags(keyPath("ec-sec1.pem"))])).trim();
  const canned = (await ok(["sign", "--url", `${HOST}/b.txt?x=1`, "--date-less-than", String(expires), ...signingFlags()])).trim();
  const cookies = await ok(["sign-cookies", "--resource", `${HOST}/v/*`, "--date-less-than", String(expires), ...signingFlags()]);
  const utc = (seconds) => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
  const [text, json, cannedText, cookieText, cookieJson] = await Promise.all([
    ok(["decode", url]),
    ok(["decode", url, "--json"]),
    ok(["decode", "--url", canned]),
    ok(["decode", "--cookies", cookies]),
    ok(["decode", "--cookies", "-", "--json"], { input: cookies }),
  ]);
  assert.equal(
    text,
    [
      "source:      signed URL",
      `resource:    ${HOST}/a.txt`,
      "policy:      custom",
      `starts:      ${utc(starts)} (starts in 3 hours)`,
      `expires:     ${utc(expires)} (expires in 29 days)`,
      "ip address:  203.0.113.7/32",
      `key-pair id: ${ID}`,
      "hash:        SHA256",
      "signature:   not checked (decode needs no key; verify checks it)",
      "",
    ].join("\n"),
  );
  const decoded = JSON.parse(json);
  assert.deepEqual(
    { ...decoded, policy: JSON.parse(decoded.policy) },
    {
      source: "url",
      keyPairId: ID,
      hashAlgorithm: "SHA256",
      canned: false,
      policy: { Statement: [{ Resource: `${HOST}/a.txt`, Condition: { DateLessThan: { "AWS:EpochTime": expires }, IpAddress: { "AWS:SourceIp": "203.0.113.7/32" }, DateGreaterThan: { "AWS:EpochTime": starts } } }] },
      resource: `${HOST}/a.txt`,
      expiresAt: new Date(expires * 1000).toISOString(),
      notBefore: new Date(starts * 1000).toISOString(),
      ipAddress: "203.0.113.7/32",
    },
  );
  assert.match(cannedText, /resource: {4}https:\/\/d111111abcdef8\.cloudfront\.net\/b\.txt\?x=1\npolicy: {6}canned\nstarts: {6}any time \(no start date\)\n[^]*ip address: {2}any\n[^]*hash: {8}SHA1\n/);
  assert.match(cookieText, /^source: {6}signed cookies\nresource: {4}https:\/\/d111111abcdef8\.cloudfront\.net\/v\/\*\n/);
  assert.equal(JSON.parse(cookieJson).resource, `${HOST}/v/*`);

  const cannedJson = await ok(["decode", "--json", "--url", canned]);
  assert.equal(JSON.parse(cannedJson).canned, true);
});

test("keygen writes keys openssl loads, refuses to overwrite them, and they sign URLs that verify", () =>
  withTempDir(async (dir) => {
    for (const type of ["rsa", "ec"]) {
      const out = join(dir, type, "keys");
      const printed = await ok(["keygen", "--type", type, "--out", out]);
      const privateKey = join(out, "private_key.pem");
      const publicKey = join(out, "public_key.pem");
      assert.match(printed, new RegExp(`^Wrote a new ${type === "rsa" ? "RSA 2048" : "ECDSA P-256"} key pair:\n`));
      assert.ok(printed.includes(`--private-key ${privateKey}`));
      assert.equal(statSync(privateKey).mode & 0o777, 0o600);
      assert.match(readFileSync(privateKey, "utf8"), /^-----BEGIN PRIVATE KEY-----\n/);
      assert.match(readFileSync(publicKey, "utf8"), /^-----BEGIN PUBLIC KEY-----\n/);
      execFileSync("openssl", ["pkey", "-in", privateKey, "-noout"]);
      execFileSync("openssl", ["pkey", "-pubin", "-in", publicKey, "-noout"]);
      const text = execFileSync("openssl", ["pkey", "-pubin", "-in", publicKey, "-noout", "-text"], { encoding: "utf8" });
      assert.match(text, type === "rsa" ? /Public-Key: \(2048 bit\)/ : /NIST CURVE: P-256/);

      const before = readFileSync(privateKey);
      const again = await cli(["keygen", "--type", type, "--out", out]);
      assert.equal(again.code, 2);
      assert.match(again.stderr, /^cloudfront-signer: ERR_FILE_EXISTS: ".*private_key\.pem" already exists/);
      assert.deepEqual(readFileSync(privateKey), before);

      const url = (await ok(["sign", "--url", `${HOST}/new.txt`, "--date-less-than", String(EXPIRES), "--key-pair-id", "KNEW", "--private-key", privateKey])).trim();
      const verified = await cli(["verify", "--url", url, "--public-key", `KNEW=${publicKey}`]);
      assert.equal(verified.code, 0, verified.stdout);
      const { params } = splitSignedUrl(url);
      assert.ok(opensslVerifies(publicKey, type === "rsa" ? "sha1" : "sha256", policyBytesOf(url), cfDecode(params.Signature)));
    }
  }));

test("every usage error: code on standard error, exit code 2, no stack trace, nothing on standard output", () =>
  withTempDir(async (dir) => {
    // An EC key where the key type does not matter: it loads and signs faster.
    const key = signingFlags(keyPath("ec-sec1.pem"));
    const sign = (...flags) => ["sign", "--url", `${HOST}/a.txt`, ...key, "--date-less-than", String(EXPIRES), ...flags];
    const cookies = (...flags) => ["sign-cookies", "--resource", `${HOST}/v/*`, ...key, "--date-less-than", String(EXPIRES), ...flags];
    const signed = (await ok(sign())).trim();
    const verify = (...flags) => ["verify", "--url", signed, ...flags];
    const keyFile = join(dir, "key.pem");
    writeFileSync(keyFile, keyText("rsa-pkcs8.pem"));
    const cases = [
      [[], "ERR_USAGE", /a command is required: sign, sign-cookies, verify, decode, keygen/],
      [["frobnicate"], "ERR_USAGE", /unknown command "frobnicate"/],
      [["--url", "x"], "ERR_USAGE", /unknown command "--url"/],
      [sign("--bogus"), "ERR_USAGE", /Unknown option '--bogus'/],
      [["sign", "--url", `${HOST}/a.txt`, ...key], "ERR_USAGE", /--date-less-than is required/],
      [["sign", ...key, "--date-less-than", "2030-01-01"], "ERR_USAGE", /--url is required/],
      [["sign", "--url", `${HOST}/a.txt`, "--private-key", keyPath("rsa-pkcs8.pem"), "--date-less-than", "2030-01-01"], "ERR_USAGE", /--key-pair-id is required/],
      [sign("--url", `${HOST}/b.txt`), "ERR_USAGE", /--url is given more than once/],
      [sign("--ip-address"), "ERR_USAGE", /argument missing/],
      [sign("extra"), "ERR_USAGE", /Unexpected argument 'extra'/],
      [sign("--policy-resource", `${HOST}/b*`), "ERR_INVALID_URL", /--url "https:\/\/d111111abcdef8\.cloudfront\.net\/a\.txt" does not match --policy-resource "https:\/\/d111111abcdef8\.cloudfront\.net\/b\*", so CloudFront would reject the signature/],
      [["sign", "--url", `${HOST}/a b.txt`, ...key, "--date-less-than", "2030-01-01"], "ERR_INVALID_URL", /has a space/],
      [["sign", "--url", `${HOST}/a.txt#top`, ...key, "--date-less-than", "2030-01-01"], "ERR_INVALID_URL", /fragment/],
      [["sign", "--url", `${HOST}/a.txt?Expires=1`, ...key, "--date-less-than", "2030-01-01"], "ERR_INVALID_URL", /"Expires" parameter/],
      [["sign", "--url", "ftp://example.com/a", ...key, "--date-less-than", "2030-01-01"], "ERR_INVALID_URL", /absolute http/],
      [["sign", "--url", `${HOST}/a.txt`, ...key, "--date-less-than", "2020-01-01"], "ERR_INVALID_DATE", /--date-less-than \(2020-01-01T00:00:00Z\) is in the past/],
      [["sign", "--url", `${HOST}/a.txt`, ...key, "--date-less-than", "20300101"], "ERR_INVALID_DATE", /--date-less-than \(1970-08-23T\d\d:\d\d:\d\dZ\) is in the past/],
      [["sign", "--url", `${HOST}/a.txt`, ...key, "--date-less-than", "1893456000000"], "ERR_INVALID_DATE", /looks like milliseconds/],
      [["sign", "--url", `${HOST}/a.txt`, ...key, "--date-less-than", "next week"], "ERR_INVALID_DATE", /--date-less-than: "next week" is not a date/],
      [["sign", "--url", `${HOST}/a.txt`, ...key, "--date-less-than", "2040-01-01"], "ERR_INVALID_DATE", /after 2038-01-19T03:14:07Z/],
      [sign("--date-greater-than", String(EXPIRES)), "ERR_INVALID_DATE", /--date-greater-than \(2033-05-18T03:33:20Z\) must be strictly before --date-less-than/],
      [sign("--ip-address", "2001:db8::/32"), "ERR_INVALID_IP", /IPv6; CloudFront supports only IPv4/],
      [sign("--ip-address", "10.0.0"), "ERR_INVALID_IP", /not an IPv4 address/],
      [sign("--hash-algorithm", "MD5"), "ERR_UNSUPPORTED_HASH_ALGORITHM", /"MD5" is not supported/],
      [["sign", "--url", `${HOST}/a.txt`, "--key-pair-id", "K-1", "--private-key", keyPath("rsa-pkcs8.pem"), "--date-less-than", "2030-01-01"], "ERR_INVALID_KEY_PAIR_ID", /letters and digits/],
      [["sign", "--url", `${HOST}/a.txt`, ...signingFlags(join(dir, "missing.pem")), "--date-less-than", "2030-01-01"], "ERR_FILE", /cannot read ".*missing\.pem": no such file/],
      [["sign", "--url", `${HOST}/a.txt`, ...signingFlags(dir), "--date-less-than", "2030-01-01"], "ERR_FILE", /it is a directory/],
      [["sign", "--url", `${HOST}/a.txt`, "--key-pair-id", ID, `--private-key=${keyText("rsa-pkcs8.pem")}`, "--date-less-than", "2030-01-01"], "ERR_USAGE", /--private-key takes a file .*, not the key itself/],
      [["sign", "--url", `${HOST}/a.txt`, ...signingFlags(keyPath("rsa-pkcs8-encrypted.pem")), "--date-less-than", "2030-01-01"], "ERR_PASSPHRASE_REQUIRED", /with --passphrase-env VAR/],
      [["sign", "--url", `${HOST}/a.txt`, ...signingFlags(keyPath("rsa-pkcs8-encrypted.pem")), "--passphrase-env", "CFS_WRONG", "--date-less-than", "2030-01-01"], "ERR_WRONG_PASSPHRASE", /does not decrypt/],
      [sign("--passphrase-env", "CFS_UNSET_VARIABLE"), "ERR_USAGE", /"CFS_UNSET_VARIABLE", but no such environment variable is set/],
      [["sign", "--url", `${HOST}/a.txt`, ...signingFlags(keyPath("rsa-public.pem")), "--date-less-than", "2030-01-01"], "ERR_INVALID_KEY", /this is a public key/],
      [["sign", "--url", `${HOST}/a.txt`, ...signingFlags(keyPath("ec-p384.pem")), "--date-less-than", "2030-01-01"], "ERR_UNSUPPORTED_KEY", /P-384/],
      [["sign", "--url", `${HOST}/a.txt`, ...signingFlags(keyPath("rsa-legacy-encrypted.pem")), "--date-less-than", "2030-01-01"], "ERR_UNSUPPORTED_KEY", /openssl pkcs8 -topk8/],
      [cookies("--format", "xml"), "ERR_USAGE", /--format must be json or headers, not "xml"/],
      [cookies("--domain", "example.com"), "ERR_USAGE", /--domain is a Set-Cookie attribute: add --format headers/],
      [cookies("--format", "headers", "--path", "/v/*"), "ERR_INVALID_COOKIE_OPTION", /prefixes without wildcards/],
      [cookies("--format", "headers", "--same-site", "sometimes"), "ERR_INVALID_COOKIE_OPTION", /--same-site must be "Strict", "Lax" or "None"/],
      [cookies("--format", "headers", "--domain", "exa mple.com"), "ERR_INVALID_COOKIE_OPTION", /domain must be a host name/],
      [["sign-cookies", "--resource", `${HOST}/"*`, ...key, "--date-less-than", "2030-01-01"], "ERR_INVALID_RESOURCE", /cannot appear in a CloudFront policy/],
      [["sign-cookies", "--url", `${HOST}/v/*`, ...key, "--date-less-than", "2030-01-01"], "ERR_USAGE", /Unknown option '--url'/],
      [["verify", "--url", signed], "ERR_USAGE", /--public-key is required/],
      [verify("--public-key", keyPath("rsa-public.pem"), "--public-key", keyPath("ec-public.pem")), "ERR_USAGE", /name each one: --public-key ID=FILE/],
      [verify("--public-key", `${ID}=${keyPath("rsa-public.pem")}`, "--key-pair-id", ID), "ERR_USAGE", /--key-pair-id names a --public-key FILE given without an ID/],
      [verify("--public-key", `KA=${keyPath("rsa-public.pem")}`, "--public-key", keyPath("ec-public.pem")), "ERR_USAGE", /--public-key FILE needs --key-pair-id ID/],
      [verify("--public-key", `KA=${keyPath("rsa-public.pem")}`, "--public-key", `KA=${keyPath("ec-public.pem")}`), "ERR_USAGE", /--public-key names KA twice/],
      [verify("--public-key", `KA=${keyPath("rsa-public.pem")}`, "--public-key", keyPath("ec-public.pem"), "--key-pair-id", "KA"), "ERR_USAGE", /--public-key names KA twice/],
      [verify("--public-key", keyPath("README.md")), "ERR_INVALID_KEY", /the key of ".*README\.md"/],
      [verify("--public-key", `${ID}=${keyPath("ec-p384.pem")}`), "ERR_UNSUPPORTED_KEY", /the key of "K2JCJMDEHXQW5F"/],
      [verify("--public-key", keyPath("rsa-public.pem"), "--now", "tomorrow"), "ERR_INVALID_DATE", /--now: "tomorrow" is not a date/],
      [verify("--public-key", keyPath("rsa-public.pem"), "--client-ip", "somewhere"), "ERR_INVALID_IP", /--client-ip must be an IPv4 or IPv6 address/],
      [verify("--public-key", keyPath("rsa-public.pem"), "--cookies", "{nope"), "ERR_USAGE", /--cookies starts with '\{' but is not valid JSON/],
      [verify("--public-key", keyPath("rsa-public.pem"), "--cookies", '{"CloudFront-Expires": 5}'), "ERR_USAGE", /object of cookie names to string values/],
      [verify("--public-key", "-", "--cookies", "-"), "ERR_USAGE", /--public-key already reads standard input; --cookies cannot read it too/],
      [["verify", "--public-key", keyPath("rsa-public.pem")], "ERR_USAGE", /--url is required/],
      [["decode"], "ERR_USAGE", /give the signed URL to decode, or --cookies/],
      [["decode", signed, "--url", signed], "ERR_USAGE", /give the URL once/],
      [["decode", signed, signed], "ERR_USAGE", /unexpected argument/],
      [["decode", `${HOST}/a.txt`], "ERR_INVALID_URL", /no signing parameters/],
      [["decode", `${HOST}/a.txt?Policy=!!&Signature=AA__&Key-Pair-Id=K1`], "ERR_INVALID_POLICY", /./],
      [["decode", "--cookies", "session=1"], "ERR_INVALID_ARGUMENT", /no CloudFront cookies/],
      [["keygen", "--type", "dsa"], "ERR_USAGE", /--type must be rsa or ec, not "dsa"/],
      [["keygen", "--type", "constructor"], "ERR_USAGE", /--type must be rsa or ec/],
      [["keygen", "--out", keyFile], "ERR_FILE", /cannot create the directory ".*key\.pem": a file is in the way/],
      [["keygen", "--json"], "ERR_USAGE", /Unknown option '--json'/],
    ];
    const results = await Promise.all(
      cases.map(([args]) => cli(args, { env: { CFS_WRONG: "not the passphrase" }, input: keyText("rsa-public.pem") })),
    );
    results.forEach(({ code, stdout, stderr }, i) => {
      const [args, errorCode, message] = cases[i];
      const label = `${args.join(" ").slice(0, 160)}\n${stderr}`;
      assert.equal(code, 2, label);
      assert.equal(stdout, "", label);
      assert.match(stderr, new RegExp(`^cloudfront-signer: ${errorCode}: `), label);
      assert.match(stderr.split("\n")[0], message, label);
      assert.doesNotMatch(stderr, /\n\s+at /, label);
      assert.doesNotMatch(stderr, /MII/, label);
      assert.equal(/Run 'cloudfront-signer .*--help' for the options\./.test(stderr), errorCode === "ERR_USAGE", label);
    });
  }));

test("--help for every command, with examples; --version from package.json", async () => {
  const commands = ["sign", "sign-cookies", "verify", "decode", "keygen"];
  const [main, short, version, ...helps] = await Promise.all([
    ok(["--help"]),
    ok(["-h"]),
    ok(["--version"]),
    ...commands.map((name) => ok([name, "--help", "--bogus"])),
  ]);
  assert.equal(short, main);
  for (const name of commands) assert.match(main, new RegExp(`\\n  ${name} +\\S`));
  assert.match(main, /Exit codes: 0 done \(verify: valid\), 1 verify: refused, 2 error/);
  assert.equal(version, `${JSON.parse(readFileSync(join(root, "pkg", "package.json"), "utf8")).version}\n`);
  helps.forEach((help, i) => {
    assert.match(help, new RegExp(`^Usage: cloudfront-signer ${commands[i]} `));
    assert.match(help, new RegExp(`\\nExamples:\\n  cloudfront-signer ${commands[i]}`));
  });
  assert.match(helps[0], /--date-less-than DATE/);
  assert.match(helps[2], /--public-key \[ID=\]FILE/);
});

test("npx runs the command from the packed, installed package", () =>
  withTempDir((dir) => {
    const manifest = JSON.parse(readFileSync(join(root, "pkg", "package.json"), "utf8"));
    assert.deepEqual(manifest.bin, { "cloudfront-signer": "./bin/cloudfront-signer.mjs" });
    execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: join(root, "pkg") });
    writeFileSync(join(dir, "package.json"), '{ "private": true }\n');
    const tarball = `cloudfront-signer-${manifest.version}.tgz`;
    execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--silent", `./${tarball}`], { cwd: dir });
    assert.equal(execFileSync("npx", ["--offline", "cloudfront-signer", "--version"], { cwd: dir, encoding: "utf8" }), `${manifest.version}\n`);
    const signed = execFileSync(
      join(dir, "node_modules", ".bin", "cloudfront-signer"),
      ["sign", "--url", `${HOST}/a.txt`, ...signingFlags(keyPath("ec-sec1.pem")), "--date-less-than", String(EXPIRES)],
      { encoding: "utf8" },
    );
    assert.match(signed, /^https:\/\/d111111abcdef8\.cloudfront\.net\/a\.txt\?Expires=2000000000&Signature=\S+&Hash-Algorithm=SHA256\n$/);
  }));
