/**
 * The key `npm start` prints (scripts/lib/api-key.mjs): the API_KEY secret, then the key Settings ›
 * General › Regenerate made (read from the local D1, opened with ENCRYPTION_KEY), and a new secret
 * again once one is set, against a running app on loopback.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { workingApiKey } from "../../scripts/lib/api-key.mjs";
import { applyMigrations, startApp } from "../../scripts/lib/app.mjs";

const secrets = { API_KEY: "start-e2e-api-key", ENCRYPTION_KEY: "cmFkYXJyLWVkZ2UtdGVzdC1lbmNyeXB0aW9uLWtleSE=" };

let work: string;
let app: { url: string; stop: () => Promise<void> } | undefined;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "radarr-edge-api-key-"));
  await applyMigrations(work);
  app = await startApp({ persistDir: work, vars: { ...secrets, TMDB_API_KEY: "unused" } });
}, 300_000);

afterAll(async () => {
  await app?.stop();
  rmSync(work, { recursive: true, force: true });
});

const status = async (key: string) =>
  (await fetch(`${app?.url}/api/v3/system/status`, { headers: { "x-api-key": key } })).status;

it("prints the secret, then the regenerated key, then a new secret", async () => {
  expect(await workingApiKey(work, secrets)).toBe(secrets.API_KEY);
  const res = await fetch(`${app?.url}/api/v3/config/host/apikey/regenerate`, {
    method: "POST",
    headers: { "x-api-key": secrets.API_KEY },
  });
  expect(res.status).toBe(200);
  const { apiKey } = (await res.json()) as { apiKey: string };
  const printed = await workingApiKey(work, secrets);
  expect(printed).toBe(apiKey);
  expect(await status(printed)).toBe(200);
  expect(await status(secrets.API_KEY)).toBe(401);
  expect(await workingApiKey(work, { ...secrets, API_KEY: "a-new-secret" })).toBe("a-new-secret");
  await expect(
    workingApiKey(work, { ...secrets, ENCRYPTION_KEY: Buffer.alloc(32).toString("base64") }),
  ).rejects.toThrow(/cannot be opened with this ENCRYPTION_KEY/);
}, 120_000);
