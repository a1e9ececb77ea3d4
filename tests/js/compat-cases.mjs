// Generates the inputs that tests/js/compat.test.mjs runs side by side
// through @aws-sdk/cloudfront-signer and our getSignedUrl/getSignedCookies.
//
// A case is { name, fn: "url" | "cookies", input, key: "rsa" | "ec",
// keyError?: code }. RSA outputs must be deepStrictEqual; EC outputs equal
// except the (random vs deterministic) signature, which must verify. Where
// the AWS package throws, ours must throw the same class and message (for
// key errors, whose messages come from OpenSSL, the class and our `code`).
import { readFileSync } from "node:fs";
import { createPrivateKey, createPublicKey } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const keyBytes = (name) => readFileSync(join(root, "tests", "keys", name));
const keyText = (name) => keyBytes(name).toString("utf8");

export const PASSPHRASE = keyText("passphrase.txt").trim();
export const KEYS = {
  rsaPkcs1: keyText("rsa-pkcs1.pem"),
  rsaPkcs8: keyText("rsa-pkcs8.pem"),
  rsaPkcs8Encrypted: keyText("rsa-pkcs8-encrypted.pem"),
  rsa1024: keyText("rsa-1024.pem"),
  ecSec1: keyText("ec-sec1.pem"),
  ecPkcs8: keyText("ec-pkcs8.pem"),
  ecPkcs8Encrypted: keyText("ec-pkcs8-encrypted.pem"),
  ecSec1WithParams: keyText("ec-sec1-with-params.pem"),
};

const KP = "K2JCJMDEHXQW5F";
const EXP = "2030-01-01T00:00:00Z";
const RSA = KEYS.rsaPkcs1;
const SYMBOL = Symbol("key-pair");
const LONE_HIGH = "\uD800";

const cases = [];
let section = "";
const add = (name, fn, input, extra = {}) => cases.push({ name, fn, input, key: "rsa", section, ...extra });
/** getSignedUrl with the RSA key and a 2030 expiry unless `input` overrides them. */
const U = (name, input, extra) =>
  add(`url: ${name}`, "url", { keyPairId: KP, privateKey: RSA, dateLessThan: EXP, ...input }, extra);
/** getSignedCookies, likewise. */
const C = (name, input, extra) =>
  add(`cookies: ${name}`, "cookies", { keyPairId: KP, privateKey: RSA, dateLessThan: EXP, ...input }, extra);
const both = (name, input, extra) => {
  U(name, input, extra);
  C(name, input, extra);
};

// --- URLs: what getSignedUrl rewrites, and what the cookie function signs raw.
section = "URLs, encoding and schemes";
const urls = [
  ["plain", "https://d111111abcdef8.cloudfront.net/image.jpg"],
  ["existing query", "https://d111111abcdef8.cloudfront.net/image.jpg?size=large&format=webp"],
  ["space in path", "https://d.cloudfront.net/a b/c d.jpg"],
  ["unicode path", "https://d.cloudfront.net/caf\u00e9/\u65e5\u672c.png"],
  ["emoji path", "https://d.cloudfront.net/\u{1F600}.png"],
  ["sub-delims in path", "https://d.cloudfront.net/it's!()*~-_.x"],
  ["plus in path", "https://d.cloudfront.net/a+b.jpg"],
  ["reserved in path", "https://d.cloudfront.net/a:b@c,d;e=f&g$h.jpg"],
  ["brackets and braces in path", "https://d.cloudfront.net/[a]{b}|c^d`e\\f\"g<h>"],
  ["pre-encoded %20", "https://d.cloudfront.net/a%20b.jpg"],
  ["lowercase escapes", "https://d.cloudfront.net/caf%c3%a9.jpg"],
  ["%41 unreserved escape", "https://d.cloudfront.net/%41%42.jpg"],
  ["%2F encoded slash", "https://d.cloudfront.net/a%2Fb.jpg"],
  ["%2B encoded plus", "https://d.cloudfront.net/a%2Bb.jpg"],
  ["malformed %", "https://d.cloudfront.net/100%.jpg"],
  ["malformed %zz with valid %20", "https://d.cloudfront.net/a%zz%20b.jpg"],
  ["invalid UTF-8 escape", "https://d.cloudfront.net/a%ff.jpg"],
  ["overlong UTF-8", "https://d.cloudfront.net/%C0%AF"],
  ["encoded surrogate", "https://d.cloudfront.net/a%ED%A0%80.jpg"],
  ["truncated UTF-8 escape", "https://d.cloudfront.net/%E6%97.jpg"],
  ["dot segments", "https://d.cloudfront.net/a/./b/../c.jpg"],
  ["encoded dot segments", "https://d.cloudfront.net/a/%2e%2E/b"],
  ["double slashes", "https://d.cloudfront.net//a//b/"],
  ["trailing slash only", "https://d.cloudfront.net/"],
  ["no path", "https://d.cloudfront.net"],
  ["no path, query", "https://d.cloudfront.net?a=b c"],
  ["no path, query with slash", "https://d.cloudfront.net?x=/y z"],
  ["no path, trailing ?", "https://d.cloudfront.net?"],
  ["trailing ?", "https://d.cloudfront.net/a.jpg?"],
  ["?&& only", "https://d.cloudfront.net/a.jpg?&&"],
  ["bare query keys", "https://d.cloudfront.net/a.jpg?flag&x"],
  ["empty query value", "https://d.cloudfront.net/a.jpg?x="],
  ["query space plus %20", "https://d.cloudfront.net/a.jpg?q=a b+c%20d"],
  ["query apostrophe !()*", "https://d.cloudfront.net/a.jpg?q=it's!()*~"],
  ["query = / ? :", "https://d.cloudfront.net/a.jpg?q=a=b/c?d:e"],
  ["query lowercase escapes", "https://d.cloudfront.net/a.jpg?q=%2f%c3%a9"],
  ["query malformed %", "https://d.cloudfront.net/a.jpg?q=100%&r=%zz"],
  ["query unicode", "https://d.cloudfront.net/a.jpg?q=caf\u00e9&e=\u{1F600}&f=%ff"],
  ["query key with space", "https://d.cloudfront.net/a.jpg?my key=v"],
  ["double ?", "https://d.cloudfront.net/a??x=1"],
  ["a=b=c, =x, &&, bare key", "https://d.cloudfront.net/a?a=b=c&=x&&y"],
  ["content-disposition", "https://d.cloudfront.net/f.pdf?response-content-disposition=attachment%3B%20filename%2A%3DUTF-8%27%27r%C3%A9sum%C3%A9.pdf"],
  ["filename*=UTF-8''", "https://d.cloudfront.net/f.pdf?response-content-disposition=attachment; filename*=UTF-8''r\u00e9sum\u00e9.pdf"],
  ["fragment in path", "https://d.cloudfront.net/a.jpg#frag"],
  ["fragment in query", "https://d.cloudfront.net/a.jpg?x=1#frag"],
  ["space and fragment in bare key", "https://d.cloudfront.net/a b?c d#e f"],
  ["port", "https://d.cloudfront.net:8443/a b.jpg"],
  ["http with port 80", "http://d.cloudfront.net:80/a.jpg"],
  ["userinfo", "https://user:p%20w@d.cloudfront.net/a.jpg"],
  ["uppercase host", "https://D111.CloudFront.NET/A B.JPG"],
  ["unicode host", "https://d\u00e9.example.com/a.jpg"],
  ["quote in host", "https://d\"q.example.com/a.jpg"],
  ["backslash and tab in host", "https://d\\q\t.example.com/a.jpg"],
  ["IPv6 host", "https://[2001:db8::1]:8443/a b"],
  ["wildcard path", "https://d.cloudfront.net/videos/*"],
  ["wildcard and ? in path", "https://d.cloudfront.net/v*/a?.mp4"],
  ["ws scheme", "ws://d.cloudfront.net/a.jpg"],
  ["wss scheme", "wss://d.cloudfront.net/socket?token=a b"],
  ["bare https://", "https://"],
  ["empty host with path", "https:///a b"],
  ["trailing space", "https://d.cloudfront.net/a.jpg "],
  ["control characters", "https://d.cloudfront.net/a\u0001b\u007f?c=\u0002"],
  ["U+2028 and NBSP", "https://d.cloudfront.net/a\u2028b\u00a0c"],
  ["long path", "https://d.cloudfront.net/" + "segment-\u00e9/".repeat(300) + "file name.mp4"],
  ["long query", "https://d.cloudfront.net/a.jpg?" + Array.from({ length: 200 }, (_, i) => `k${i}=v ${i}%2f`).join("&")],
  ["long unicode URL", "https://d.cloudfront.net/" + "\u65e5\u672c\u8a9e".repeat(800)],
  ["lone surrogate in query", `https://d.cloudfront.net/a.jpg?q=${LONE_HIGH}x`],
  ["lone surrogate in host", `https://d${LONE_HIGH}.net/a b`],
  ["lone surrogate, no path", `https://d.net?a=${LONE_HIGH}`],
  ["lone surrogate in path", `https://d.cloudfront.net/a${LONE_HIGH}.jpg`],
  ["uppercase scheme", "HTTPS://d.cloudfront.net/a.jpg"],
  ["ftp scheme", "ftp://d.cloudfront.net/a.jpg"],
  ["relative path", "/a/b.jpg"],
  ["scheme-relative", "//d.cloudfront.net/a.jpg"],
  ["leading space", " https://d.cloudfront.net/a.jpg"],
  ["bare *", "*"],
  ["https:x (no //)", "https:x"],
  ["http:/ (no //)", "http:/"],
  ["rtmp", "rtmp://s1.cloudfront.net/cfx/st/mp4:video.mp4"],
  ["rtmp with port", "rtmp://s1.cloudfront.net:1935/cfx/st/a b.mp4"],
  ["rtmp with query", "rtmp://s1.cloudfront.net:1935/cfx/st/a.mp4?x=1"],
  ["rtmp with userinfo", "rtmp://u:p@s1.cloudfront.net/a.mp4"],
  ["rtmp without path", "rtmp://s1.cloudfront.net"],
  ["rtmp unicode host", "rtmp://s\u00e9.net/x.mp4"],
  ["rtmp IPv6 host", "rtmp://[0:0::1]:99/x.mp4"],
  ["rtmp tab in host", "rtmp://a\tb/x"],
  ["rtmp invalid host", "rtmp://a b/x.mp4"],
  ["rtmp invalid port", "rtmp://a:99x/c"],
];
for (const [name, url] of urls) U(name, { url });
// The cookie function signs its url raw: a representative subset.
for (const [name, url] of urls.filter((_, i) => i % 3 === 0)) C(name, { url });
C("space, unicode, % and quotes kept raw", { url: "https://d.net/caf\u00e9 %zz/\"x\"?a=b c" });
C("lone surrogate kept raw", { url: `https://d.net/a${LONE_HIGH}` });
C("https:x (no //) is accepted", { url: "https:x" });

// --- Dates: new Date(value), Math.round(ms / 1000), 0 means absent.
section = "dates";
const dates = [
  ["Date", new Date("2030-01-01T00:00:00.000Z")],
  ["Date .499 ms", new Date("2030-01-01T00:00:00.499Z")],
  ["Date .500 ms", new Date("2030-01-01T00:00:00.500Z")],
  ["Date .600 ms", new Date("2030-01-01T00:00:00.600Z")],
  ["Date before 1970", new Date("1960-06-15T12:00:00Z")],
  ["Invalid Date", new Date("garbage")],
  ["ISO Z", "2030-01-01T00:00:00Z"],
  ["ISO lowercase t/z", "2030-01-01t00:00:00z"],
  ["ISO with ms", "2030-01-01T00:00:00.500Z"],
  ["ISO with offset", "2030-01-01T00:00:00+02:00"],
  ["ISO with negative offset", "2030-01-01T00:00:00-05:30"],
  ["ISO without zone (local)", "2030-01-01T00:00:00"],
  ["ISO with space (local)", "2030-01-01 00:00:00"],
  ["date only (UTC)", "2030-01-01"],
  ["year-month", "2030-01"],
  ["year only", "2030"],
  ["expanded year", "+002030-01-01T00:00:00Z"],
  ["rolled-over day", "2030-02-30"],
  ["24:00", "2030-01-01T24:00:00Z"],
  ["legacy 'Jan 1 2030'", "Jan 1 2030"],
  ["legacy with UTC", "Jan 1 2030 UTC"],
  ["RFC 1123", "Tue, 01 Jan 2030 00:00:00 GMT"],
  ["Date#toString()", new Date(Date.UTC(2030, 0, 1)).toString()],
  ["slashes", "2030/01/01"],
  ["US order", "01/02/2030"],
  ["numeric string of seconds", "1893456000"],
  ["numeric string of ms", "1893456000000"],
  ["numeric string '0'", "0"],
  ["numeric string '1'", "1"],
  ["numeric string '12'", "12"],
  ["numeric string '13'", "13"],
  ["numeric string '32'", "32"],
  ["numeric string '50'", "50"],
  ["numeric string '100'", "100"],
  ["padded ISO", " 2030-01-01T00:00:00Z "],
  ["whitespace only", "   "],
  ["garbage", "not a date"],
  ["empty string", ""],
  ["number ms", 1893456000000],
  ["number seconds (read as ms)", 1893456000],
  ["number 1499", 1499],
  ["number 1500", 1500],
  ["number -1500", -1500],
  ["number -2500", -2500],
  ["number 499", 499],
  ["number 500", 500],
  ["number -499", -499],
  ["number -500", -500],
  ["number -501", -501],
  ["number 0", 0],
  ["number -0", -0],
  ["fraction 1500.9", 1500.9],
  ["8.64e15", 8.64e15],
  ["8.64e15 + 1", 8.64e15 + 1],
  ["NaN", NaN],
  ["Infinity", Infinity],
  ["true", true],
  ["false", false],
  ["null", null],
  ["BigInt 1n", 1n],
  ["BigInt 0n", 0n],
  ["Symbol", Symbol("date")],
  ["array of one ISO string", ["2030-01-01"]],
  ["object with valueOf", { valueOf: () => 1893456000000 }],
  ["object with toString", { toString: () => "2030-01-01" }],
  ["throwing valueOf", { valueOf() { throw new RangeError("boom"); } }],
  ["plain object", {}],
  ["Buffer holding a date", Buffer.from("2030-01-01")],
];
for (const [name, value] of dates) U(`dateLessThan ${name}`, { url: "https://d.net/a", dateLessThan: value });
for (const [name, value] of dates.filter((_, i) => i % 4 === 0)) C(`dateLessThan ${name}`, { url: "https://d.net/a", dateLessThan: value });
for (const [name, value] of dates.filter((_, i) => i % 2 === 0)) {
  U(`dateGreaterThan ${name}`, { url: "https://d.net/a", dateGreaterThan: value });
}
both("start after expiry (not compared)", { url: "https://d.net/a", dateLessThan: "2020-01-01T00:00:00Z", dateGreaterThan: "2031-01-01T00:00:00Z" });
both("start and expiry in the past", { url: "https://d.net/a", dateLessThan: "2001-01-01", dateGreaterThan: "2000-01-01" });
C("negative expiry", { url: "https://d.net/*", dateLessThan: -5000 });

// --- Canned or custom, and the hash option.
section = "canned/custom and SHA-1/SHA-256";
both("start date makes it custom", { url: "https://d.net/a?x=1", dateGreaterThan: "2029-01-01T00:00:00Z" });
both("start and IP (key order)", { url: "https://d.net/a?x=1", dateGreaterThan: "2029-01-01T00:00:00Z", ipAddress: "1.2.3.4" });
both("wildcard stays canned", { url: "https://d.net/videos/*" });
both("wildcard custom", { url: "https://d.net/videos/*", ipAddress: "203.0.113.0/24" });
for (const algorithm of ["SHA256", "SHA1", "sha256", "SHA-256", "SHA512", null, 256, new String("SHA256")]) {
  const shown = typeof algorithm === "object" && algorithm !== null ? "String object" : JSON.stringify(algorithm);
  U(`algorithm ${shown}`, { url: "https://d.net/a", algorithm });
}
both("SHA256 custom", { url: "https://d.net/a", dateGreaterThan: "2029-01-01", ipAddress: "1.2.3.4", algorithm: "SHA256" });
C("SHA256 canned", { url: "https://d.net/*", algorithm: "SHA256" });

// --- IP addresses: JS Number() leniency, written verbatim.
section = "IP addresses";
const ips = [
  "1.2.3.4", "1.2.3.4/32", "10.0.0.0/8", "0.0.0.0/0", "255.255.255.255", "203.0.113.7/24",
  "1..2.3", "...", " 1.2.3.4", "1.2.3.4 ", "\t1.2.3.4", "\u00a01.2.3.4", "1.2.3.4\u2028", "0x7f.0.0.1",
  "+1.-0.1.1", "1e0.2.3.4/1e1", "01.002.3.4", "1.2.3.4/ 8", "1.2.3.4/8.0", "1.2.3.4/0x10", "1.2.3.4/-0",
  "1.2.3.4/24/5", "1.2.3.4/abc/x", "256.1.1.1", "1.2.3", "1.2.3.4.5", "1.2.3.4/33", "1.2.3.4/-1",
  "1.2.3.4/", "/24", "1.2.3.4//24", "1.2.3.4/8/", "::1", "2001:db8::1", "::ffff:1.2.3.4", "garbage",
  "1.2.3.0x", "1.2.3.1_0", "1.2.3.Infinity", "1.2.3.4/32.5", "1.2.3.\"4", `1.2.3.4${LONE_HIGH}`,
];
for (const ip of ips) U(`ipAddress ${JSON.stringify(ip)}`, { url: "https://d.net/a", ipAddress: ip });
for (const ip of ips.filter((_, i) => i % 5 === 0)) C(`ipAddress ${JSON.stringify(ip)}`, { url: "https://d.net/*", ipAddress: ip });
for (const [name, ipAddress] of [
  ["number", 1234], ["true", true], ["array", ["1.2.3.4"]], ["object", {}], ["String object", new String("1.2.3.4")],
  ["empty string", ""], ["0", 0], ["null", null], ["Symbol", Symbol("ip")],
]) U(`ipAddress ${name}`, { url: "https://d.net/a", ipAddress });
U("invalid date wins over a bad IP", { url: "https://d.net/a", dateLessThan: "garbage", ipAddress: "x" });
U("bad scheme wins over an invalid date", { url: "ftp://d.net/a", dateLessThan: "garbage" });

// --- Policies given as an option (wildcard resources, signed verbatim).
section = "policy option and wildcard resources";
const statement = (resource, extra = {}) => JSON.stringify({ Statement: [{ Resource: resource, Condition: { DateLessThan: { "AWS:EpochTime": 1893456000 } }, ...extra }] });
const policies = [
  ["wildcard https", statement("https://d.net/videos/*")],
  ["wildcard *:// replaced", statement("*://d.net/a b.jpg")],
  ["resource with query, not rewritten", statement("https://d.net/a b?x=1 2")],
  ["resource with several *://", statement("x*://a*://b/c")],
  ["pretty-printed", JSON.stringify(JSON.parse(statement("https://d.net/*")), null, 2)],
  ["unicode resource", statement("https://d.net/caf\u00e9/*")],
  ["resource with lone surrogate escape", '{"Statement":[{"Resource":"https://d.net/\\ud800"}]}'],
  ["second statement ignored", '{"Statement":[{"Resource":"https://a.net/*"},{"Resource":5}]}'],
  ["bare * resource (fails after signing)", statement("*")],
  ["ftp resource", statement("ftp://d.net/*")],
  ["not JSON", "hello world"],
  ["truncated JSON", '{"Statement":'],
  ["single quotes", "{'a':1}"],
  ["{}", "{}"],
  ["null", "null"],
  ["number", "5"],
  ["Statement null", '{"Statement":null}'],
  ["Statement object", '{"Statement":{"Resource":"https://q/*"}}'],
  ["Statement [null]", '{"Statement":[null]}'],
  ["Statement [1]", '{"Statement":[1]}'],
  ["Resource number", '{"Statement":[{"Resource":5}]}'],
  ["Resource array", '{"Statement":[{"Resource":["https://a/*"]}]}'],
  ["Resource empty", '{"Statement":[{"Resource":""}]}'],
  ["lone surrogate in policy text", `{"Statement":[{"Resource":"https://d.net/${LONE_HIGH}"}]}`],
];
for (const [name, policy] of policies) {
  U(`policy ${name}, no url`, { dateLessThan: undefined, policy });
  C(`policy ${name}`, { dateLessThan: undefined, policy, url: "not even a url" });
}
U("policy with url: url rewritten, policy verbatim", { url: "https://other.net/x y?q=1", policy: statement("https://d.net/*") });
U("policy non-JSON with url", { url: "https://d.net/a", policy: "hello world" });
U("policy with ftp url (fails after signing)", { url: "ftp://d.net/a", policy: statement("https://d.net/*") });
U("policy ignores garbage dates and IP", { url: "https://d.net/a", policy: statement("https://d.net/*"), dateLessThan: "garbage", dateGreaterThan: 1n, ipAddress: "x" });
U("empty policy falls back to parameters", { url: "https://d.net/a", policy: "" });
U("empty policy and no date", { url: "https://d.net/a", policy: "", dateLessThan: undefined });
U("policy with SHA256", { url: "https://d.net/a", policy: statement("https://d.net/*"), algorithm: "SHA256" });
C("policy with SHA256", { policy: statement("https://d.net/*"), algorithm: "SHA256" });
for (const [name, policy] of [
  ["Buffer", Buffer.from(statement("https://d.net/*"))],
  ["Uint8Array", new Uint8Array(Buffer.from("h\u00e9"))],
  ["Uint8Array view", new Uint8Array([1, 104, 105, 2]).subarray(1, 3)],
  ["Uint16Array", new Uint16Array([0x6968, 0x4241])],
  ["Float32Array", new Float32Array([1.5, -1])],
  ["DataView", new DataView(new Uint8Array([104, 105]).buffer)],
  ["ArrayBuffer", new Uint8Array([104, 105]).buffer],
  ["number", 5],
  ["true", true],
  ["object", { Statement: [{ Resource: "https://q/*" }] }],
  ["String object", new String(statement("https://d.net/*"))],
]) {
  U(`policy ${name} with url`, { url: "https://d.net/a", policy });
  U(`policy ${name}, no url`, { dateLessThan: undefined, policy });
  C(`policy ${name}`, { policy });
}

// --- keyPairId: never validated.
section = "keyPairId and arguments";
for (const [name, keyPairId] of [
  ["missing", undefined], ["empty", ""], ["null", null], ["number", 123], ["special characters", "K a!'()*/+="],
  ["unicode", "K\u00e9\u{1F600}"], ["object with toString", { toString: () => "Z" }], ["array", ["A", "B"]],
  ["Symbol", SYMBOL], ["lone surrogate", `K${LONE_HIGH}`],
]) both(`keyPairId ${name}`, { url: "https://d.net/*", keyPairId });

// --- Missing and odd arguments.
add("url: no options", "url", undefined);
add("url: null options", "url", null);
add("url: number options", "url", 5);
add("url: string options", "url", "https://d.net/a");
add("cookies: no options", "cookies", undefined);
add("cookies: null options", "cookies", null);
add("cookies: empty options", "cookies", {});
U("no url, no policy", { url: undefined });
U("url, no dateLessThan", { url: "https://d.net/a", dateLessThan: undefined });
U("ftp url, no dateLessThan", { url: "ftp://d.net/a", dateLessThan: undefined });
U("empty url", { url: "" });
U("url number", { url: 5 });
U("url URL object", { url: new URL("https://d.net/a") });
U("url String object", { url: new String("https://d.net/a b") });
C("url missing", { url: undefined });
C("url number", { url: 5 });
C("url number without date", { url: 5, dateLessThan: undefined });
C("url URL object", { url: new URL("https://d.net/a") });
C("url, no dateLessThan", { url: "https://d.net/a", dateLessThan: undefined });
const throwingGetter = Object.defineProperty({ keyPairId: KP, privateKey: RSA, dateLessThan: EXP }, "url", {
  get() { throw new RangeError("url getter failed"); },
  enumerable: true,
});
add("url: throwing getter", "url", throwingGetter);

// --- Keys: every format both read; the errors both raise.
section = "RSA keys, passphrases and key errors";
const keyCases = [
  ["RSA PKCS#1", { privateKey: KEYS.rsaPkcs1 }],
  ["RSA PKCS#8", { privateKey: KEYS.rsaPkcs8 }],
  ["RSA PKCS#8 encrypted", { privateKey: KEYS.rsaPkcs8Encrypted, passphrase: PASSPHRASE }],
  ["RSA PKCS#8 encrypted, Buffer passphrase", { privateKey: KEYS.rsaPkcs8Encrypted, passphrase: Buffer.from(PASSPHRASE) }],
  ["RSA PKCS#8 encrypted, key as Buffer", { privateKey: Buffer.from(KEYS.rsaPkcs8Encrypted), passphrase: PASSPHRASE }],
  ["RSA key as Buffer", { privateKey: Buffer.from(KEYS.rsaPkcs1) }],
  ["RSA key as Uint8Array", { privateKey: new Uint8Array(Buffer.from(KEYS.rsaPkcs8)) }],
  ["RSA key as ArrayBuffer", { privateKey: new Uint8Array(Buffer.from(KEYS.rsaPkcs1)).buffer }],
  ["RSA key as DataView", { privateKey: new DataView(new Uint8Array(Buffer.from(KEYS.rsaPkcs1)).buffer) }],
  ["RSA KeyObject", { privateKey: createPrivateKey(KEYS.rsaPkcs1) }],
  ["RSA CRLF", { privateKey: KEYS.rsaPkcs1.replace(/\n/g, "\r\n") }],
  ["RSA junk before and after", { privateKey: `junk\n${KEYS.rsaPkcs1}trailing junk\n` }],
  ["RSA after a public key block", { privateKey: keyText("rsa-public.pem") + KEYS.rsaPkcs1 }],
  ["RSA PKCS#8 under the RSA label", { privateKey: KEYS.rsaPkcs8.replace(/PRIVATE KEY/g, "RSA PRIVATE KEY") }],
  ["RSA unencrypted key with a passphrase", { privateKey: KEYS.rsaPkcs1, passphrase: "ignored" }],
  ["RSA-1024", { privateKey: KEYS.rsa1024 }],
];
for (const [name, keyInput] of keyCases) {
  U(`key ${name}`, { url: "https://d.net/a b", ...keyInput });
  C(`key ${name}`, { url: "https://d.net/*", ipAddress: "10.0.0.0/8", algorithm: "SHA256", ...keyInput });
}
const keyErrors = [
  ["encrypted without passphrase", { privateKey: KEYS.rsaPkcs8Encrypted }, "ERR_PASSPHRASE_REQUIRED"],
  ["wrong passphrase", { privateKey: KEYS.rsaPkcs8Encrypted, passphrase: "wrong" }, "ERR_WRONG_PASSPHRASE"],
  ["empty passphrase", { privateKey: KEYS.rsaPkcs8Encrypted, passphrase: "" }, "ERR_WRONG_PASSPHRASE"],
  ["literal \\n in PEM", { privateKey: KEYS.rsaPkcs1.replace(/\n/g, "\\n") }, "ERR_INVALID_KEY"],
  ["indented PEM", { privateKey: KEYS.rsaPkcs1.replace(/^/gm, "  ") }, "ERR_INVALID_KEY"],
  ["CR-only line ends", { privateKey: KEYS.rsaPkcs1.replace(/\n/g, "\r") }, "ERR_INVALID_KEY"],
  ["DER Buffer", { privateKey: keyBytes("rsa-pkcs8.der") }, "ERR_INVALID_KEY"],
  ["JWK text", { privateKey: keyText("rsa-private.jwk.json") }, "ERR_INVALID_KEY"],
  ["public key PEM", { privateKey: keyText("rsa-public.pem") }, "ERR_INVALID_KEY"],
  ["garbage", { privateKey: "not a key" }, "ERR_INVALID_KEY"],
  ["empty string", { privateKey: "" }, "ERR_INVALID_KEY"],
  ["truncated PEM", { privateKey: KEYS.rsaPkcs1.slice(0, 900) }, "ERR_INVALID_KEY"],
  ["PKCS#1 under the PRIVATE KEY label", { privateKey: KEYS.rsaPkcs1.replace(/RSA PRIVATE KEY/g, "PRIVATE KEY") }, "ERR_INVALID_KEY"],
  ["Ed25519", { privateKey: keyText("ed25519.pem") }, "ERR_UNSUPPORTED_KEY"],
];
for (const [name, keyInput, code] of keyErrors) {
  U(`key ${name}`, { url: "https://d.net/a", ...keyInput }, { keyError: code });
  C(`key ${name}`, { url: "https://d.net/*", ...keyInput }, { keyError: code });
}
for (const [name, keyInput] of [
  ["missing", { privateKey: undefined }],
  ["null", { privateKey: null }],
  ["number", { privateKey: 42 }],
  ["-0", { privateKey: -0 }],
  ["true", { privateKey: true }],
  ["BigInt", { privateKey: 5n }],
  ["Symbol", { privateKey: Symbol("k") }],
  ["JWK object", { privateKey: JSON.parse(keyText("rsa-private.jwk.json")) }],
  ["Date", { privateKey: new Date(0) }],
  ["array", { privateKey: [] }],
  ["String object", { privateKey: new String(KEYS.rsaPkcs1) }],
  ["named function", { privateKey: function keyFn() {} }],
  ["public KeyObject", { privateKey: createPublicKey(KEYS.rsaPkcs1) }],
  ["passphrase null", { passphrase: null }],
  ["passphrase number", { passphrase: 123 }],
  ["passphrase -0", { passphrase: -0 }],
  ["passphrase true", { passphrase: true }],
  ["passphrase BigInt", { passphrase: 5n }],
  ["passphrase named function", { passphrase: function pass() {} }],
  ["missing key and null passphrase", { privateKey: undefined, passphrase: null }],
  ["garbage key and null passphrase", { privateKey: "garbage", passphrase: null }],
]) {
  U(`key ${name}`, { url: "https://d.net/a", ...keyInput });
  C(`key ${name}`, { url: "https://d.net/*", ...keyInput });
}
U("URL errors come before key errors", { url: "ftp://d.net/a", privateKey: "garbage" });
U("IP errors come before key errors", { url: "https://d.net/a", ipAddress: "::1", privateKey: undefined });
U("policy type error comes before key errors", { url: "https://d.net/a", policy: 5, privateKey: undefined });
U("key errors come before keyPairId errors", { url: "https://d.net/a", keyPairId: SYMBOL, privateKey: "garbage" }, { keyError: "ERR_INVALID_KEY" });
// The cache must key on the passphrase: right, then wrong, then right again.
U("cache: encrypted key, right passphrase", { url: "https://d.net/c", privateKey: KEYS.rsaPkcs8Encrypted, passphrase: PASSPHRASE });
U("cache: same key, wrong passphrase", { url: "https://d.net/c", privateKey: KEYS.rsaPkcs8Encrypted, passphrase: "wrong" }, { keyError: "ERR_WRONG_PASSPHRASE" });
U("cache: same key, right passphrase again", { url: "https://d.net/c", privateKey: KEYS.rsaPkcs8Encrypted, passphrase: PASSPHRASE });
U("cache: another key in between", { url: "https://d.net/c", privateKey: KEYS.rsa1024 });
U("cache: first key again", { url: "https://d.net/c", privateKey: KEYS.rsaPkcs1 });

// --- ECDSA P-256: equal except the signature; both signatures verify.
section = "ECDSA P-256 keys";
const ecKeys = [
  ["EC SEC1", { privateKey: KEYS.ecSec1 }],
  ["EC PKCS#8", { privateKey: KEYS.ecPkcs8 }],
  ["EC PKCS#8 encrypted", { privateKey: KEYS.ecPkcs8Encrypted, passphrase: PASSPHRASE }],
  ["EC SEC1 with EC PARAMETERS", { privateKey: KEYS.ecSec1WithParams }],
  ["EC PKCS#8 under the EC label", { privateKey: KEYS.ecPkcs8.replace(/PRIVATE KEY/g, "EC PRIVATE KEY") }],
  ["EC KeyObject", { privateKey: createPrivateKey(KEYS.ecSec1) }],
];
const ecInputs = [
  ["canned SHA-1", { url: "https://d.net/a b.jpg?x=1" }],
  ["canned SHA256", { url: "https://d.net/a.jpg", algorithm: "SHA256" }],
  ["custom", { url: "https://d.net/v/*", dateGreaterThan: "2029-01-01", ipAddress: "10.0.0.0/8" }],
  ["custom SHA256", { url: "https://d.net/v/*", ipAddress: "1.2.3.4", algorithm: "SHA256" }],
];
for (const [keyName, keyInput] of ecKeys) {
  for (const [inputName, input] of ecInputs) {
    U(`${keyName} ${inputName}`, { ...input, ...keyInput }, { key: "ec" });
    C(`${keyName} ${inputName}`, { ...input, ...keyInput }, { key: "ec" });
  }
}
U("EC with a policy option", { url: "https://d.net/a", policy: statement("https://d.net/*"), privateKey: KEYS.ecPkcs8 }, { key: "ec" });
C("EC with a policy option", { policy: statement("https://d.net/*"), privateKey: KEYS.ecPkcs8, algorithm: "SHA256" }, { key: "ec" });
U("EC encrypted, wrong passphrase", { url: "https://d.net/a", privateKey: KEYS.ecPkcs8Encrypted, passphrase: "nope" }, { keyError: "ERR_WRONG_PASSPHRASE" });

// --- Seeded random inputs (the same every run): URLs, IPs, dates and
// policy resources assembled from the characters the quirks turn on.
section = "seeded random inputs";
let seed = 20261128;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = (items) => items[Math.floor(random() * items.length)];
const assemble = (items, max) => Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(items)).join("");
const urlPieces = [
  "/", "/", "/", "?", "&", "=", "%", "%2", "%41", "%zz", "%C3%A9", "%c3", "%E6%97%A5", "%ED%A0%80", "%F0%9F%98%80",
  "a", "Z", "0", "\u00e9", "\u{1F600}", LONE_HIGH, "\uDC00", " ", "#", "+", "'", "*", ":", "@", "[", "]", "\\", "\"",
  ".", "..", "\t", "!", "~", "(", ")", "$", ",", ";", "^", "|", "{", "}", "`", "<", ">", "\u2028", ":8080", "//", "*://",
];
const ipPieces = ["1", "25", "255", "256", "0", "00", ".", ".", ".", "/", "/", "24", "32", "33", " ", "\t", "+", "-", "e", "0x", "0b", "f", "Infinity", "\u00a0", ":", "_", "1.", ".5"];
const datePieces = ["2030", "-", "01", "1", "12", "31", "T", " ", ":", "00", "Z", "+", "02", ".", "500", "Jan", "GMT", "UTC", "/", "1893456000", "0", "24"];
const KEY_1024 = KEYS.rsa1024;
for (let index = 0; index < 160; index++) {
  const fn = index % 2 ? "cookies" : "url";
  const kind = index % 8;
  const scheme = pick(["https://d.net", "https://", "rtmp://s.net", "http://a", "ws://", ""]);
  const input =
    kind < 4
      ? { url: scheme + assemble(urlPieces, 14), dateLessThan: EXP }
      : kind < 6
        ? { url: "https://d.net/a", dateLessThan: EXP, ipAddress: assemble(ipPieces, 10) }
        : kind < 7
          ? { url: "https://d.net/a", dateLessThan: assemble(datePieces, 8), dateGreaterThan: assemble(datePieces, 8) }
          : { policy: JSON.stringify({ Statement: [{ Resource: pick(["*://", "https://", ""]) + assemble(urlPieces, 8) }] }) };
  add(`${fn}: random #${index}`, fn, { keyPairId: KP, privateKey: KEY_1024, ...input });
}

export const compatCases = cases;

// Documented divergences: inputs the AWS package signs (through Node's
// OpenSSL) and the drop-in refuses, with the code it refuses them with.
export const divergences = [
  ["RSA-PSS key", { privateKey: keyText("rsa-pss.pem") }, "ERR_UNSUPPORTED_KEY"],
  ["EC P-384 key", { privateKey: keyText("ec-p384.pem") }, "ERR_UNSUPPORTED_KEY"],
  ["EC P-384 PKCS#8 key", { privateKey: keyText("ec-p384-pkcs8.pem") }, "ERR_UNSUPPORTED_KEY"],
  ["secp256k1 key", { privateKey: keyText("ec-secp256k1.pem") }, "ERR_UNSUPPORTED_KEY"],
  ["legacy Proc-Type encrypted PEM", { privateKey: keyText("rsa-legacy-encrypted.pem"), passphrase: PASSPHRASE }, "ERR_UNSUPPORTED_KEY"],
].map(([name, keyInput, code]) => ({
  name,
  code,
  input: { url: "https://d.net/a", keyPairId: KP, dateLessThan: EXP, ...keyInput },
}));
