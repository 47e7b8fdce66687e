#!/usr/bin/env node
// Moves a running Radarr into a running Radarr Edge in one step:
//   npm run migrate:radarr -- --url http://radarr:7878 --api-key RADARR_KEY
//     [--app-url http://localhost:8787] [--app-key KEY] [--secret indexer/NAME/apiKey=VALUE ...]
// --url/--api-key are Radarr's; the app is found as the other scripts find it (RADARR_EDGE_URL,
// API_KEY). Starts POST /api/v3/migration/radarr, prints progress, then the report: what was copied,
// updated, skipped or failed and why, and the secrets Radarr masks, to pass as --secret on a re-run
// (re-running adds nothing twice). Exits 0 when the migration completed, 1 otherwise.
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    "api-key": { type: "string" },
    "app-url": { type: "string", default: process.env.RADARR_EDGE_URL ?? "http://localhost:8787" },
    "app-key": { type: "string", default: process.env.API_KEY },
    secret: { type: "string", multiple: true, default: [] },
    help: { type: "boolean", short: "h", default: false },
  },
});

const USAGE =
  "Usage: npm run migrate:radarr -- --url RADARR_URL --api-key RADARR_KEY [--app-url http://localhost:8787] [--app-key KEY] [--secret kind/name/field=value ...]";
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.url || !values["api-key"]) {
  console.error(`Radarr's URL and API key are needed.\n${USAGE}`);
  process.exit(1);
}
if (!values["app-key"]) {
  console.error("Radarr Edge's API key is needed: pass --app-key KEY or set API_KEY");
  process.exit(1);
}

/** `indexer/My Indexer/apiKey=VALUE` as the route takes it. */
function parseSecret(text) {
  const match = /^([^/]+)\/(.+)\/([^/=]+)=(.+)$/.exec(text);
  if (!match) throw new Error(`--secret ${text}: expected kind/name/field=value`);
  const [, resource, name, field, value] = match;
  return { resource, name, field, value };
}

const base = `${values["app-url"].replace(/\/$/, "")}/api/v3/migration/radarr`;
const headers = { "X-Api-Key": values["app-key"], accept: "application/json", "content-type": "application/json" };
const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

async function request(method, path = "", body) {
  const response = await fetch(`${base}${path}`, { method, headers, body: body && JSON.stringify(body) }).catch(
    (error) => {
      throw new Error(
        `could not reach Radarr Edge at ${values["app-url"]} (${error.cause?.code ?? error.message}); is it running? (--app-url)`,
      );
    },
  );
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    const fields = (answer.errors ?? []).map((e) => `${e.path}: ${e.message}`).join("; ");
    throw new Error(fields || answer.message || `${method} ${base}${path} answered HTTP ${response.status}`);
  }
  return answer;
}

function printReport(report) {
  console.log(`\nFrom Radarr ${report.radarrVersion}:`);
  for (const [resource, c] of Object.entries(report.counts))
    console.log(`  ${resource}: ${c.copied} copied, ${c.updated} updated, ${c.skipped} skipped, ${c.failed} failed`);
  // A copied movie's note is the date added it kept: counted, not listed one by one.
  const datesKept = (item) =>
    item.resource === "movie" && item.outcome === "copied" && /^added /.test(item.reason ?? "");
  const kept = report.items.filter(datesKept).length;
  if (kept) console.log(`  movies keeping their Radarr date added: ${kept}`);
  const notes = report.items.filter((item) => item.reason && !datesKept(item));
  if (notes.length) console.log("\nNot copied, or copied with a note:");
  for (const item of notes) console.log(`  ${item.outcome} ${item.resource} "${item.name}": ${item.reason}`);
  for (const failure of report.stepFailures) console.log(`  step ${failure.step} failed: ${failure.reason}`);
  if (report.secrets.length) {
    console.log("\nRadarr does not give out these secrets; enter them (or re-run with --secret):");
    for (const s of report.secrets) console.log(`  --secret "${s.resource}/${s.name}/${s.field}=…"`);
  }
}

async function main() {
  const secrets = values.secret.map(parseSecret);
  const started = await request("POST", "", { url: values.url, apiKey: values["api-key"], secrets });
  console.log(`Migration ${started.id} started`);
  let last = "";
  for (;;) {
    await sleep(1);
    const migration = await request("GET", `/${started.id}`);
    if (migration.message && migration.message !== last && !migration.report) console.log(`  ${migration.message}`);
    last = migration.message ?? last;
    if (migration.status === "failed") {
      console.error(`The migration failed: ${migration.message}`);
      return 1;
    }
    if (migration.status === "completed") {
      console.log(migration.message);
      printReport(migration.report);
      return 0;
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`migrate:radarr: ${error.message}`);
    process.exit(1);
  },
);
