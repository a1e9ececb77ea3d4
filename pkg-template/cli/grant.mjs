// What a signed URL or cookie set grants, as lines of text for a person:
// resource, policy kind, time window in UTC with relative words, IP range,
// key-pair id and hash.

/** A span of seconds in words, in the library's units: "45 seconds", "3 minutes", "29 days". */
function describeSpan(seconds) {
  const magnitude = Math.abs(seconds);
  const [amount, unit] =
    magnitude < 120 ? [magnitude, "second"]
    : magnitude < 7200 ? [Math.floor(magnitude / 60), "minute"]
    : magnitude < 172800 ? [Math.floor(magnitude / 3600), "hour"]
    : [Math.floor(magnitude / 86400), "day"];
  return `${amount} ${unit}${amount === 1 ? "" : "s"}`;
}

/** A `Date` as `2026-01-01T18:00:00Z` (CloudFront dates are whole seconds). */
function utc(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function when(date, now, future, past) {
  if (now === null) return utc(date);
  const delta = Math.floor(date.getTime() / 1000) - now;
  return `${utc(date)} (${delta > 0 ? `${future} in ${describeSpan(delta)}` : `${past} ${describeSpan(delta)} ago`})`;
}

function resourceText(grant) {
  if (grant.resource !== null) return grant.resource;
  return grant.canned
    ? "the URL the cookies are sent with (canned; give --url to see it)"
    : "every file the key's distributions serve (the policy has no Resource)";
}

/**
 * The lines describing a grant as `decodeSignedUrl`, `decodeSignedCookies`
 * or a verification returns it. `now` (epoch seconds) adds relative words
 * like "expires in 29 days"; `null` leaves them out. Fields the request did
 * not yield (an unreadable policy) are left out.
 */
export function grantLines(grant, now) {
  const rows = [["source", grant.source === "url" ? "signed URL" : "signed cookies"]];
  if (grant.expiresAt) {
    rows.push(
      ["resource", resourceText(grant)],
      ["policy", grant.canned ? "canned" : "custom"],
      ["starts", grant.notBefore ? when(grant.notBefore, now, "starts", "started") : "any time (no start date)"],
      ["expires", when(grant.expiresAt, now, "expires", "expired")],
      ["ip address", grant.ipAddress ?? "any"],
    );
  }
  if (grant.keyPairId !== undefined) {
    rows.push(["key-pair id", grant.keyPairId], ["hash", grant.hashAlgorithm]);
  }
  return rows.map(([label, value]) => `${`${label}:`.padEnd(13)}${value}`);
}
