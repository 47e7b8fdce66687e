import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { qbittorrentBody } from "./downloads-helpers";
import { addRootFolder, call, getJson, qualityProfileId, sendJson } from "./helpers";
import { SIM, torznab, uniqueKey } from "./indexerHelpers";

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
}

const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug"] as const;

/** Everything the Worker writes to the console while a test runs (the logger's only sink). */
function captureConsole(): string[] {
  const lines: string[] = [];
  for (const method of CONSOLE_METHODS) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    });
  }
  return lines;
}

/** Saves one target of each kind that holds a secret; returns the secrets and the ids made. */
async function storeSecrets() {
  const indexerKey = uniqueKey();
  const qbPassword = `qb-pass-${crypto.randomUUID()}`;
  const discordToken = `discord-token-${crypto.randomUUID()}`;
  const webhookToken = `hook-token-${crypto.randomUUID()}`;
  const headerSecret = `Bearer header-${crypto.randomUUID()}`;
  const plexToken = `plex-token-${crypto.randomUUID()}`;
  await addRootFolder();
  const list = await sendJson<{ id: number }>(
    "POST",
    "/api/v3/importlist",
    {
      name: "Plex",
      implementation: "PlexImport",
      qualityProfileId: await qualityProfileId(),
      rootFolderPath: "/movies",
      fields: [{ name: "accessToken", value: plexToken }],
    },
    201,
  );
  const indexer = await sendJson<{ id: number }>("POST", "/api/v3/indexer?forceSave=true", torznab(indexerKey), 201);
  const qb = qbittorrentBody();
  const client = await sendJson<{ id: number }>(
    "POST",
    "/api/v3/downloadclient?forceSave=true",
    { ...qb, fields: qb.fields.map((f) => (f.name === "password" ? { ...f, value: qbPassword } : f)) },
    201,
  );
  const discord = await sendJson<{ id: number }>(
    "POST",
    "/api/v3/notification",
    {
      name: "Discord",
      implementation: "Discord",
      fields: [{ name: "webHookUrl", value: `${SIM}/hooks/discord/123456/${discordToken}` }],
    },
    201,
  );
  const webhook = await sendJson<{ id: number }>(
    "POST",
    "/api/v3/notification",
    {
      name: "Webhook",
      implementation: "Webhook",
      fields: [
        { name: "url", value: `${SIM}/hooks/leak?token=${webhookToken}` },
        { name: "headers", value: [{ key: "Authorization", value: headerSecret }] },
      ],
    },
    201,
  );
  return {
    secrets: [indexerKey, qbPassword, discordToken, webhookToken, headerSecret, plexToken],
    ids: {
      importlist: list.id,
      indexer: indexer.id,
      downloadclient: client.id,
      notification: discord.id,
      webhook: webhook.id,
    },
  };
}

/** Every documented GET path with its parameters filled: the ids of what was saved, or a plausible value. */
async function documentedGetPaths(ids: Record<string, number>): Promise<string[]> {
  const doc = await getJson<OpenApiDocument>("/api/v3/openapi.json");
  const fill: Record<string, string> = { mediaType: "movie", window: "day", tmdbId: "603" };
  const paths: string[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    if (!("get" in operations)) continue;
    const resource = path.match(/^\/api\/v3\/([a-z]+)/)?.[1] ?? "";
    const idsHere = resource === "notification" ? [ids.notification, ids.webhook] : [ids[resource] ?? 1];
    for (const id of idsHere) paths.push(path.replace(/\{([^}]+)\}/g, (_, name) => fill[name] ?? String(id)));
  }
  return [...new Set(paths)];
}

describe("secrets never leave the server", () => {
  let logs: string[];
  beforeEach(() => {
    logs = captureConsole();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test("no GET response and no log line holds a stored secret, the API key or the encryption key", {
    timeout: 120_000,
  }, async () => {
    const { secrets, ids } = await storeSecrets();
    const watched = [...secrets, env.API_KEY ?? "", env.ENCRYPTION_KEY ?? ""];
    expect(watched.every((s) => s.length >= 16)).toBe(true);
    // Deliveries log and can fail: send every saved notification a test message first.
    for (const id of [ids.notification, ids.webhook]) {
      const saved = await getJson<Record<string, unknown>>(`/api/v3/notification/${id}`);
      await call("POST", "/api/v3/notification/test", { body: saved });
    }
    const paths = await documentedGetPaths(ids);
    expect(paths).toContain(`/api/v3/notification/${ids.webhook}`);
    expect(paths).toContain(`/api/v3/indexer/${ids.indexer}`);
    expect(paths).toContain(`/api/v3/importlist/${ids.importlist}/items`);
    for (const path of paths) {
      const res = await call("GET", path);
      const text = `${[...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n")}\n${await res.text()}`;
      for (const secret of watched) expect(text.includes(secret), `GET ${path} shows a secret`).toBe(false);
    }
    // Lines were written (a fast successful read writes no request line; writes and failures do):
    // the two notification tests' requests at least, with what their deliveries logged.
    expect(logs.filter((l) => l.includes("/api/v3/notification/test")).length).toBeGreaterThanOrEqual(2);
    for (const line of logs) for (const secret of watched) expect(line.includes(secret), line).toBe(false);
  });

  test("every stored secret is encrypted in D1", async () => {
    const { secrets } = await storeSecrets();
    const { results } = await env.DB.prepare(
      ["indexers", "download_clients", "notifications", "import_lists"]
        .map((t) => `SELECT settings FROM ${t}`)
        .join(" UNION ALL "),
    ).all<{ settings: string }>();
    const stored = results.map((r) => r.settings).join("\n");
    expect(stored).toMatch(/enc:v1:/);
    for (const secret of secrets) expect(stored.includes(secret), secret).toBe(false);
  });
});
