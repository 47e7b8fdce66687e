/**
 * `npm run test:browser`: runs every test/browser/*.test.mjs with node:test in one process, so
 * they share the harness's single app, simulator and Chromium instead of starting one per file.
 * (Each file also runs on its own: `node --test test/browser/library.test.mjs`.)
 */
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
// Test files named on the command line run alone (npm run test:dates); otherwise every file.
const args = process.argv.slice(2);
const named = args.filter((arg) => arg.endsWith(".test.mjs"));
const options = args.filter((arg) => !arg.endsWith(".test.mjs"));
const files =
  named.length > 0
    ? named
    : readdirSync(dir)
        .filter((name) => name.endsWith(".test.mjs"))
        .sort()
        .map((name) => `${dir}${name}`);

const child = spawn(
  process.execPath,
  ["--test", "--experimental-test-isolation=none", "--test-reporter=spec", ...options, ...files],
  { stdio: "inherit" },
);
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
