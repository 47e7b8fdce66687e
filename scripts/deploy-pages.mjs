// `npm run deploy:pages`: the site on Cloudflare Pages, beside the Worker (deploy that first with
// `npm run deploy`). Builds the site, creates the Pages project when missing and runs
// `wrangler pages deploy` from pages/: the build output (with its _headers) and the Pages Function
// that forwards the server paths to the Worker over the API service binding (pages/wrangler.toml;
// scripts/lib/deploy.mjs; docs/deploy.md).
// `npm run deploy:pages -- --dry-run`: no account, no network: builds the site, compiles the
// Function with the _routes.json wrangler derives from functions/, and prints the plan.
import "./offline-env.mjs";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deployPages, exec, PAGES_DIR, pagesDeployPlan, readPagesWiringFile, wranglerAt } from "./lib/deploy.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT_DIR = join(ROOT, "dist/pages-dry-run");
const wrangler = wranglerAt(ROOT);
const pages = readPagesWiringFile(join(ROOT, PAGES_DIR, "wrangler.toml"));

async function dryRun() {
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const routesPath = join(OUT_DIR, "_routes.json");
  const built = await wrangler(
    ["--cwd", PAGES_DIR, "pages", "functions", "build", "--outdir", OUT_DIR, "--output-routes-path", routesPath],
    { quiet: true },
  );
  if (built.code !== 0) return built.code;
  const routes = JSON.parse(readFileSync(routesPath, "utf8"));
  console.log(`Pages project ${pages.project}: the site from ${pages.outputDir} (pages/wrangler.toml)`);
  console.log(`  forwarded to the Worker ${pages.service} (binding ${pages.binding}): ${routes.include.join(" ")}`);
  console.log("  every other path is a static file or the site's index.html");
  console.log("A deploy runs (the project is created only when missing):");
  for (const args of pagesDeployPlan(pages)) console.log(`  npx wrangler ${args.join(" ")}`);
  return 0;
}

async function main() {
  const build = await exec("npm", ["run", "build", "--silent"], { cwd: ROOT, quiet: true });
  if (build.code !== 0) return build.code;
  if (process.argv.includes("--dry-run")) return dryRun();
  // The real path talks to Cloudflare: metrics stay off, but the API must be reachable.
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = "true";
  return deployPages({ run: (args) => wrangler(args), pages });
}

process.exitCode = await main();
