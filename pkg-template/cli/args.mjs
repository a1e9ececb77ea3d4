// Command-line parsing: node:util's parseArgs, strict, plus what it leaves
// out (required options, options given twice, the number of positionals),
// with every mistake reported as an ERR_USAGE error.
import { parseArgs } from "node:util";
import { usageError } from "./errors.mjs";

/**
 * Parses `argv` for `command`, whose `options` are parseArgs option specs
 * with an optional `required: true`, and whose `positionals` (default 0) is
 * the most positional arguments it takes. Returns `{ values, positionals }`.
 */
export function parseCommandLine(command, argv) {
  const options = Object.fromEntries(
    Object.entries(command.options).map(([name, { required, ...spec }]) => [name, spec]),
  );
  const maxPositionals = command.positionals ?? 0;
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: maxPositionals > 0, tokens: true });
  } catch (error) {
    if (typeof error.code === "string" && error.code.startsWith("ERR_PARSE_ARGS")) {
      throw usageError(error.message.replace(/\s*\n\s*/g, " "));
    }
    throw error;
  }
  const seen = new Set();
  for (const token of parsed.tokens) {
    if (token.kind !== "option" || options[token.name].multiple) continue;
    if (seen.has(token.name)) throw usageError(`--${token.name} is given more than once`);
    seen.add(token.name);
  }
  for (const [name, spec] of Object.entries(command.options)) {
    if (spec.required && parsed.values[name] === undefined) throw usageError(`--${name} is required`);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw usageError(`unexpected argument ${JSON.stringify(parsed.positionals[maxPositionals])}`);
  }
  return { values: parsed.values, positionals: parsed.positionals };
}
