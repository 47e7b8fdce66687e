// The steps of `npm run deploy`, driven through a `wrangler` runner so a test can record them
// (test/unit/deploy-plan.test.ts). scripts/deploy.mjs runs them with the real wrangler.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Runs a command from `cwd`, echoing its output unless quiet; resolves to { code, stdout }. */
export function exec(command, args, { cwd, quiet = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ["inherit", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (!quiet) process.stdout.write(chunk);
    });
    child.on("close", (code) => resolve({ code: code ?? 1, stdout }));
  });
}

/** The project's own wrangler, run from the project root `root`: `(args, { quiet }) => result`. */
export function wranglerAt(root) {
  const bin = join(root, "node_modules/wrangler/bin/wrangler.js");
  return (args, options = {}) => exec(process.execPath, [bin, ...args], { cwd: root, ...options });
}

/** Free plan's compressed Worker size limit, and the Paid plan's (Cloudflare's Workers limits). */
export const FREE_LIMIT_BYTES = 3 * 1024 * 1024;
export const PAID_LIMIT_BYTES = 10 * 1024 * 1024;

/**
 * What the deploy reads from wrangler.toml: the required secrets ([secrets] required) and every
 * queue named by a producer or consumer (dead-letter queues included). A small reader of the
 * lines this file uses, so the planner needs no TOML parser.
 */
export function readWiring(tomlText) {
  const required = /^\s*required\s*=\s*\[([^\]]*)\]/m.exec(tomlText)?.[1] ?? "";
  const secrets = [...required.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  const queues = new Set();
  for (const m of tomlText.matchAll(/^\s*(?:queue|dead_letter_queue)\s*=\s*"([^"]+)"/gm)) queues.add(m[1]);
  const database = /^\s*database_name\s*=\s*"([^"]+)"/m.exec(tomlText)?.[1];
  return { secrets, queues: [...queues], database };
}

export function readWiringFile(path) {
  return readWiring(readFileSync(path, "utf8"));
}

/** Secret names from `wrangler secret list --format json`; none when the Worker does not exist yet. */
function secretNames(result) {
  if (result.code !== 0) return new Set();
  try {
    return new Set(JSON.parse(result.stdout).map((s) => s.name));
  } catch {
    return new Set();
  }
}

/** Queue names in `wrangler queues list` (a table): a queue is there when its name is a cell. */
function listedQueues(stdout) {
  const cells = stdout.split(/[\s│|]+/).filter(Boolean);
  return new Set(cells);
}

/**
 * Runs the real deploy: secrets check → queues → `wrangler deploy` (which provisions D1 and KV
 * from their names, uploads the Worker and the site) → remote D1 migrations. `run(args)` runs
 * wrangler with those arguments and resolves to { code, stdout }. Returns the exit code.
 */
export async function deploy({ run, wiring, log = console.log }) {
  const present = secretNames(await run(["secret", "list", "--format", "json"]));
  const missing = wiring.secrets.filter((name) => !present.has(name));
  if (missing.length > 0) {
    log(`Missing required secrets (${missing.join(", ")}). Set each, then deploy again:`);
    for (const name of missing) log(`  npx wrangler secret put ${name}`);
    return 1;
  }
  const queues = await run(["queues", "list"]);
  if (queues.code !== 0) return fail(log, "wrangler queues list", queues);
  const existing = listedQueues(queues.stdout);
  for (const queue of wiring.queues.filter((name) => !existing.has(name))) {
    const created = await run(["queues", "create", queue]);
    if (created.code !== 0) return fail(log, `wrangler queues create ${queue}`, created);
  }
  // DEPLOYED tells the app it runs on Cloudflare (src/config.ts isDeployed).
  const deployed = await run(["deploy", "--var", "DEPLOYED:true"]);
  if (deployed.code !== 0) return fail(log, "wrangler deploy", deployed);
  const migrated = await run(["d1", "migrations", "apply", wiring.database ?? "DB", "--remote"]);
  if (migrated.code !== 0) return fail(log, "wrangler d1 migrations apply --remote", migrated);
  log("Deployed.");
  return 0;
}

function fail(log, step, result) {
  log(`${step} failed (exit ${result.code}).`);
  return result.code || 1;
}

/** The gzip sizes of a dry-run bundle against the plan limits; code 1 above the Free limit. */
export function judgeBundle(gzipBytes) {
  const mib = (bytes) => (bytes / 1024 / 1024).toFixed(2);
  const lines = [
    `Worker bundle: ${mib(gzipBytes)} MiB gzip`,
    `  Free plan limit ${mib(FREE_LIMIT_BYTES)} MiB: ${gzipBytes <= FREE_LIMIT_BYTES ? "ok" : "OVER"}`,
    `  Paid plan limit ${mib(PAID_LIMIT_BYTES)} MiB: ${gzipBytes <= PAID_LIMIT_BYTES ? "ok" : "OVER"}`,
  ];
  return { code: gzipBytes > FREE_LIMIT_BYTES ? 1 : 0, lines };
}

/**
 * What `npm run deploy:pages` reads from pages/wrangler.toml: the Pages project's name, its build
 * output directory, and the service binding to the Worker (binding name and Worker name).
 */
export function readPagesWiring(tomlText) {
  const value = (key) => new RegExp(`^\\s*${key}\\s*=\\s*"([^"]+)"`, "m").exec(tomlText)?.[1];
  return {
    project: value("name"),
    outputDir: value("pages_build_output_dir"),
    binding: value("binding"),
    service: value("service"),
  };
}

export function readPagesWiringFile(path) {
  return readPagesWiring(readFileSync(path, "utf8"));
}

/** Project names in `wrangler pages project list --json` (after any banner wrangler prints). */
function pagesProjects(stdout) {
  try {
    return new Set(JSON.parse(stdout.slice(stdout.indexOf("["))).map((p) => p["Project Name"]));
  } catch {
    return undefined;
  }
}

/** Where the Pages project lives (pages/wrangler.toml, functions/), for wrangler's --cwd. */
export const PAGES_DIR = "pages";
/** The branch whose deployments are the Pages project's production deployments. */
const PAGES_PRODUCTION_BRANCH = "main";

/** The wrangler commands of a Pages deploy, for the dry run to print. */
export function pagesDeployPlan(pages) {
  return [
    ["pages", "project", "list", "--json"],
    ["pages", "project", "create", pages.project, "--production-branch", PAGES_PRODUCTION_BRANCH],
    ["--cwd", PAGES_DIR, "pages", "deploy", "--branch", PAGES_PRODUCTION_BRANCH],
  ];
}

/**
 * Runs the Pages deploy once the site is built: creates the Pages project when the account has
 * none of that name, then `wrangler pages deploy` from pages/ (the build output, the Function and
 * the _routes.json wrangler derives from functions/). The Worker it forwards to must be deployed
 * (`npm run deploy`). Returns the exit code.
 */
export async function deployPages({ run, pages, log = console.log }) {
  const [list, create, publish] = pagesDeployPlan(pages);
  const listed = await run(list);
  const projects = listed.code === 0 ? pagesProjects(listed.stdout) : undefined;
  if (!projects) return fail(log, "wrangler pages project list", listed);
  if (!projects.has(pages.project)) {
    const created = await run(create);
    if (created.code !== 0) return fail(log, `wrangler pages project create ${pages.project}`, created);
  }
  const deployed = await run(publish);
  if (deployed.code !== 0) return fail(log, "wrangler pages deploy", deployed);
  log(`Deployed the site to Pages (${pages.project}), forwarding the server paths to ${pages.service}.`);
  return 0;
}
