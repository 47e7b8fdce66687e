// What the command-line scripts that drive a running Radarr Edge share: the `--url`/`--api-key`
// options (defaults RADARR_EDGE_URL, API_KEY), one JSON request helper with errors a user can act
// on, and the exit-code convention (main resolves to the code; a thrown error prints and exits 1).
import { parseArgs } from "node:util";

/** Parses `--url`, `--api-key`, `--help`; prints `usage` for --help and exits 1 without a key. */
export function appOptions(usage) {
  const { values } = parseArgs({
    options: {
      url: { type: "string", default: process.env.RADARR_EDGE_URL ?? "http://localhost:8787" },
      "api-key": { type: "string", default: process.env.API_KEY },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  if (!values["api-key"]) {
    console.error("An API key is needed: pass --api-key KEY or set API_KEY");
    process.exit(1);
  }
  return { url: values.url, apiKey: values["api-key"] };
}

/** A JSON request function for the app's routes under `path` (e.g. `/api/v3/command`). */
export function appClient(url, apiKey, path) {
  const base = `${url.replace(/\/$/, "")}${path}`;
  const headers = { "X-Api-Key": apiKey, accept: "application/json", "content-type": "application/json" };
  return async function request(method, subPath = "", body) {
    const response = await fetch(`${base}${subPath}`, { method, headers, body: body && JSON.stringify(body) }).catch(
      (error) => {
        throw new Error(
          `could not reach Radarr Edge at ${url} (${error.cause?.code ?? error.message}); is it running?`,
        );
      },
    );
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      const fields = (answer.errors ?? []).map((e) => `${e.path}: ${e.message}`).join("; ");
      throw new Error(fields || answer.message || `${method} ${base}${subPath} answered HTTP ${response.status}`);
    }
    return answer;
  };
}

/** Runs `main` (resolving to an exit code) and exits with it; an error prints as `name: message`. */
export function runCli(name, main) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`${name}: ${error.message}`);
      process.exit(1);
    },
  );
}
