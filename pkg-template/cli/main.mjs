// The command line's entry: picks the command, answers --help and
// --version, runs the command and turns errors into messages and exit codes.
import { readFileSync } from "node:fs";
import { parseCommandLine } from "./args.mjs";
import { decode } from "./decode.mjs";
import { EXIT_OK, report, usageError } from "./errors.mjs";
import { keygen } from "./keygen.mjs";
import { signCookies } from "./sign-cookies.mjs";
import { sign } from "./sign.mjs";
import { verify } from "./verify.mjs";

const COMMANDS = [sign, signCookies, verify, decode, keygen];

const HELP = `Usage: cloudfront-signer <command> [options]

Creates and verifies Amazon CloudFront signed URLs and signed cookies, with the same
WebAssembly core as the cloudfront-signer package. sign and sign-cookies take the AWS CLI's
flags (aws cloudfront sign, aws cloudfront sign-cookies).

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(14)}${command.summary}`).join("\n")}

Run 'cloudfront-signer <command> --help' for its options and examples.
  --help, -h               this help
  --version                the package version

Exit codes: 0 done (verify: valid), 1 verify: refused, 2 error, reported on standard error as
"cloudfront-signer: ERR_CODE: message".
`;

function version() {
  return JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;
}

const wantsHelp = (args) => args.includes("--help") || args.includes("-h");

/** Runs the command line `argv` (without node and the script) and returns the exit code. */
export function main(argv) {
  const [name, ...args] = argv;
  const command = COMMANDS.find((candidate) => candidate.name === name);
  try {
    if (name === "--version") {
      process.stdout.write(`${version()}\n`);
      return EXIT_OK;
    }
    if (name === "--help" || name === "-h" || (command && wantsHelp(args))) {
      process.stdout.write(command ? command.help : HELP);
      return EXIT_OK;
    }
    if (!command) {
      const names = COMMANDS.map((c) => c.name).join(", ");
      throw usageError(name === undefined ? `a command is required: ${names}` : `unknown command ${JSON.stringify(name)}; the commands are ${names}`);
    }
    return command.run(parseCommandLine(command, args)) ?? EXIT_OK;
  } catch (error) {
    return report(error, command?.name);
  }
}
