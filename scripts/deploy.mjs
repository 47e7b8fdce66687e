// `npm run deploy`: builds the site, then checks the required secrets, creates missing queues,
// runs `wrangler deploy` (D1 and KV provisioned from their names on the first run) and applies
// D1 migrations remotely (scripts/lib/deploy.mjs; docs/deploy.md).
// `npm run deploy -- --dry-run`: no account, no network: builds the real bundle with
// `wrangler deploy --dry-run` and judges its gzip size against the plan limits.
import "./offline-env.mjs";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { deploy, exec, judgeBundle, readWiringFile, wranglerAt } from "./lib/deploy.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT_DIR = join(ROOT, "dist/deploy-dry-run");
const wrangler = wranglerAt(ROOT);

/** The gzip size of every module wrangler would upload (source maps aside). */
function bundleGzipBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith(".map") || entry.name === "README.md") continue;
    total += gzipSync(readFileSync(join(entry.parentPath, entry.name)), { level: 9 }).length;
  }
  return total;
}

async function dryRun() {
  rmSync(OUT_DIR, { recursive: true, force: true });
  const built = await wrangler(["deploy", "--dry-run", "--outdir", OUT_DIR], { quiet: true });
  if (built.code !== 0) return built.code;
  const verdict = judgeBundle(bundleGzipBytes(OUT_DIR));
  for (const line of verdict.lines) console.log(line);
  return verdict.code;
}

async function main() {
  const build = await exec("npm", ["run", "build", "--silent"], { cwd: ROOT, quiet: true });
  if (build.code !== 0) return build.code;
  if (process.argv.includes("--dry-run")) return dryRun();
  // The real path talks to Cloudflare: metrics stay off, but the API must be reachable.
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = "true";
  return deploy({ run: (args) => wrangler(args), wiring: readWiringFile(join(ROOT, "wrangler.toml")) });
}

process.exitCode = await main();
