#!/usr/bin/env node
// The `cloudfront-signer` command: `cloudfront-signer --help` lists what it does.
import { main } from "../cli/main.mjs";

process.exitCode = main(process.argv.slice(2));
