import "../offline-env.mjs";
import { unstable_startWorker } from "wrangler";

/**
 * Starts the upstream simulator (sim/) in workerd on a loopback port and returns its base URL
 * and a stop function. Port 0 picks a free port; `clock` ({SIM_NOW, SIM_CLOCK_START}) pins its clock.
 */
export async function startSimulator({ port = 0, clock } = {}) {
  const worker = await unstable_startWorker({
    config: new URL("../../sim/wrangler.toml", import.meta.url).pathname,
    // SIM_NOW and SIM_CLOCK_START pin the simulator's clock (sim/src/clock.ts); unset, it runs on real time.
    ...(clock
      ? { bindings: Object.fromEntries(Object.entries(clock).map(([k, v]) => [k, { type: "plain_text", value: v }])) }
      : {}),
    dev: { server: { hostname: "127.0.0.1", port }, inspector: false, logLevel: "warn", watch: false },
  });
  const url = (await worker.url).href.replace(/\/$/, "");
  return { url, stop: () => worker.dispose() };
}

/** The app's upstream variables when the simulator at `simUrl` stands in for every service. */
export function simulatorVars(simUrl) {
  return {
    TMDB_API_URL: `${simUrl}/tmdb`,
    TMDB_IMAGE_URL: `${simUrl}/tmdb-images`,
    TRAKT_API_URL: `${simUrl}/trakt`,
    TRAKT_AUTH_URL: `${simUrl}/trakt`,
    WATCHMODE_API_URL: `${simUrl}/watchmode`,
    IMDB_URL: `${simUrl}/imdb`,
    PLEX_DISCOVER_URL: `${simUrl}/plex`,
    PLEX_TV_URL: `${simUrl}/plextv`,
    PLEX_APP_URL: `${simUrl}/plextv`,
    HDBITS_URL: `${simUrl}/hdbits`,
  };
}
