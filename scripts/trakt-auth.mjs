#!/usr/bin/env node
// Connects a Trakt account to a running Radarr Edge through the OAuth device flow:
//   npm run trakt-auth -- --url http://localhost:8787 --api-key KEY
// (defaults: RADARR_EDGE_URL, API_KEY). Starts the flow through the app's API, prints the code and
// where to enter it, then watches the status every `interval` seconds. Exits 0 once connected,
// 1 when the flow fails or expires. Talks only to the given URL; the app itself polls Trakt.
import { appClient, appOptions, runCli } from "./lib/appClient.mjs";

const { url, apiKey } = appOptions("Usage: npm run trakt-auth -- [--url http://localhost:8787] [--api-key KEY]");
const request = appClient(url, apiKey, "/api/v3/streaming/trakt/auth");
const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

async function main() {
  const flow = await request("POST");
  console.log(`Open ${flow.verificationUrl} and enter the code ${flow.userCode}`);
  console.log(`(the code is valid for ${Math.round(flow.expiresIn / 60)} minutes; waiting…)`);
  const deadline = Date.now() + flow.expiresIn * 1000;
  let interval = flow.interval;
  while (Date.now() < deadline + interval * 1000) {
    await sleep(interval);
    const status = await request("GET");
    if (!status.polling && (status.lastError || !status.connected)) {
      console.error(`Trakt was not connected: ${status.lastError?.message ?? "the device flow stopped"}`);
      return 1;
    }
    if (!status.polling) {
      console.log(`Trakt connected; the token is valid until ${status.expiresAt} and is refreshed automatically.`);
      return 0;
    }
    interval = status.polling.interval;
  }
  console.error("The code expired before it was entered at Trakt; run this again.");
  return 1;
}

runCli("trakt-auth", main);
