#!/usr/bin/env node
// Imports Watchmode's daily TMDb/IMDb title id map into a running Radarr Edge now, instead of
// waiting for the daily schedule:
//   npm run watchmode-sync -- --url http://localhost:8787 --api-key KEY
// (defaults: RADARR_EDGE_URL, API_KEY). Queues the WatchmodeIdMapRefresh command through the app's
// API and prints its progress until it ends. Exits 0 once the map is imported (or found
// unchanged), 1 when the command fails. Talks only to the given URL; the app downloads the map.
import { appClient, appOptions, runCli } from "./lib/appClient.mjs";

const { url, apiKey } = appOptions("Usage: npm run watchmode-sync -- [--url http://localhost:8787] [--api-key KEY]");
const request = appClient(url, apiKey, "/api/v3/command");
const POLL_MS = 1_000;

async function main() {
  const queued = await request("POST", "", { name: "WatchmodeIdMapRefresh" });
  console.log(`Queued WatchmodeIdMapRefresh (command ${queued.id})`);
  let said = "";
  for (;;) {
    const command = await request("GET", `/${queued.id}`);
    const progress = command.progress?.total ? ` (${command.progress.done} of ~${command.progress.total})` : "";
    const line = `${command.message ?? command.status}${progress}`;
    if (line !== said && command.status !== "completed" && command.status !== "failed") console.log(line);
    said = line;
    if (command.status === "completed") {
      console.log(command.message);
      return 0;
    }
    if (command.status === "failed") {
      console.error(`Watchmode's id map was not imported: ${command.message}`);
      return 1;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

runCli("watchmode-sync", main);
