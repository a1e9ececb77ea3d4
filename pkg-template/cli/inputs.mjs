// Inputs that are not plain flag values: key files (a path, file://,
// fileb:// or - for standard input), a passphrase from the environment, and
// cookies given as a Cookie header or as the JSON sign-cookies prints.
import { readFileSync } from "node:fs";
import { CliError, usageError } from "./errors.mjs";

let stdinTakenBy = null;

/** Standard input, whole; only one flag per run may read it. */
function readStdin(flag) {
  if (stdinTakenBy !== null) {
    throw usageError(`${stdinTakenBy} already reads standard input; ${flag} cannot read it too`);
  }
  stdinTakenBy = flag;
  return readFileSync(0);
}

const FILE_PROBLEMS = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EISDIR: "it is a directory",
  ENOTDIR: "a part of the path is not a directory",
  EEXIST: "a file is in the way",
};

/** Describes a failed file operation without a stack trace. */
export function fileError(what, path, error) {
  const problem = FILE_PROBLEMS[error.code] ?? error.message;
  return new CliError("ERR_FILE", `cannot ${what} ${JSON.stringify(path)}: ${problem}`);
}

/**
 * The bytes of the file a key flag names: a path, `file://path`,
 * `fileb://path` (the AWS CLI's forms; both read bytes, PEM or DER), or `-`
 * for standard input. A key pasted in place of a file name is refused
 * without echoing it.
 */
export function readKeyFile(value, flag) {
  if (value.includes("-----BEGIN") || value.includes("\n")) {
    throw usageError(`${flag} takes a file (a path, file://path, fileb://path, or - for standard input), not the key itself`);
  }
  if (value === "-") return readStdin(flag);
  const path = value.replace(/^fileb?:\/\//, "");
  try {
    return readFileSync(path);
  } catch (error) {
    throw fileError("read", path, error);
  }
}

/** The passphrase held by the environment variable `name` (--passphrase-env). */
export function passphraseFromEnv(name) {
  const passphrase = process.env[name];
  if (passphrase === undefined) {
    throw usageError(`--passphrase-env names ${JSON.stringify(name)}, but no such environment variable is set`);
  }
  return passphrase;
}

/**
 * Cookies for the library: a `Cookie` header string as is, or the JSON
 * object `sign-cookies` prints, parsed; `-` reads either from standard input.
 */
export function cookiesArgument(value) {
  const text = (value === "-" ? readStdin("--cookies").toString("utf8") : value).trim();
  if (!text.startsWith("{")) return text;
  let cookies;
  try {
    cookies = JSON.parse(text);
  } catch {
    throw usageError("--cookies starts with '{' but is not valid JSON; give a Cookie header or the JSON sign-cookies prints");
  }
  if (Object.values(cookies).some((v) => typeof v !== "string")) {
    throw usageError("--cookies JSON must be an object of cookie names to string values, as sign-cookies prints");
  }
  return cookies;
}
