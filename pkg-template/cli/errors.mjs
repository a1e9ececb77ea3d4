// Errors of the command line: the codes it adds to the library's, the exit
// codes, and how any error is reported on standard error.

/** Exit code: done (for `verify`: CloudFront would serve the request). */
export const EXIT_OK = 0;
/** Exit code of `verify` when CloudFront would refuse the request. */
export const EXIT_REFUSED = 1;
/** Exit code of every error: a wrong command line or an input that is refused. */
export const EXIT_ERROR = 2;

/** An error the command line itself raises, with a stable `code` like the library's. */
export class CliError extends Error {
  /** `code` is `ERR_USAGE`, `ERR_FILE`, `ERR_FILE_EXISTS` or a library code. */
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** A mistake in the command line: an unknown, missing, repeated or conflicting option. */
export function usageError(message) {
  return new CliError("ERR_USAGE", message);
}

// The library's messages open with the name of the JS option at fault
// ("expires (...) is in the past"); on the command line that is a flag.
const FLAGS = {
  expires: "--date-less-than",
  notBefore: "--date-greater-than",
  now: "--now",
  clientIp: "--client-ip",
  domain: "--domain",
  path: "--path",
  sameSite: "--same-site",
};
const OPENING_OPTION = new RegExp(`^(${Object.keys(FLAGS).join("|")})\\b`);

const HINTS = {
  ERR_PASSPHRASE_REQUIRED: "with --passphrase-env VAR, VAR being an environment variable that holds it",
};

/** The message of an error, with a library error put in the command line's words. */
function messageOf(error) {
  if (error instanceof CliError) return error.message;
  const message = error.message
    .replace(OPENING_OPTION, (name) => FLAGS[name])
    .replace("strictly before expires (", `strictly before ${FLAGS.expires} (`);
  return HINTS[error.code] ? `${message} ${HINTS[error.code]}` : message;
}

/**
 * Writes `cloudfront-signer: CODE: message` on standard error and returns the
 * exit code. Errors with a code are the user's to fix and get no stack
 * trace; anything else is a bug in this program and keeps its stack.
 * `command` names the command that ran, for the pointer to its help.
 */
export function report(error, command) {
  if (error instanceof Error && typeof error.code === "string" && error.code.startsWith("ERR_")) {
    process.stderr.write(`cloudfront-signer: ${error.code}: ${messageOf(error)}\n`);
    if (error.code === "ERR_USAGE") {
      process.stderr.write(`Run 'cloudfront-signer ${command ? `${command} ` : ""}--help' for the options.\n`);
    }
    return EXIT_ERROR;
  }
  process.stderr.write(`cloudfront-signer: internal error, please report it:\n${error?.stack ?? error}\n`);
  return EXIT_ERROR;
}
