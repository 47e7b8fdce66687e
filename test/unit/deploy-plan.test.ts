import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  deploy,
  FREE_LIMIT_BYTES,
  judgeBundle,
  PAID_LIMIT_BYTES,
  readWiring,
  type WranglerResult,
} from "../../scripts/lib/deploy.mjs";

const wiring = readWiring(readFileSync(new URL("../../wrangler.toml", import.meta.url), "utf8"));

/** A fake wrangler: answers from `answers` by the command's first words, records every call. */
function fakeWrangler(answers: Record<string, WranglerResult>) {
  const calls: string[] = [];
  const run = async (args: string[]) => {
    const command = args.join(" ");
    calls.push(command);
    const key = Object.keys(answers).find((prefix) => command.startsWith(prefix));
    return key ? answers[key] : { code: 0, stdout: "" };
  };
  return { calls, run };
}

const allSecrets = JSON.stringify(wiring.secrets.map((name) => ({ name, type: "secret_text" })));
const queueTable = (names: string[]) =>
  `┌──┬──┐\n│ id │ name │\n${names.map((n) => `│ 0123 │ ${n} │`).join("\n")}\n└──┴──┘`;

describe("the deploy planner", () => {
  it("reads the required secrets, every queue and the database from wrangler.toml", () => {
    expect(wiring.secrets).toEqual(["API_KEY", "ENCRYPTION_KEY"]);
    expect(wiring.queues).toEqual(
      expect.arrayContaining([
        "radarr-edge-list-sync",
        "radarr-edge-list-sync-dlq",
        "radarr-edge-downloads",
        "radarr-edge-downloads-dlq",
        "radarr-edge-commands",
        "radarr-edge-commands-dlq",
        "radarr-edge-notifications",
        "radarr-edge-notifications-dlq",
      ]),
    );
    expect(wiring.database).toBe("radarr-edge");
  });

  it("names each missing secret with its wrangler line, exits 1 and runs nothing else", async () => {
    const { calls, run } = fakeWrangler({
      "secret list": { code: 0, stdout: JSON.stringify([{ name: "API_KEY", type: "secret_text" }]) },
    });
    const lines: string[] = [];
    const code = await deploy({ run, wiring, log: (line) => lines.push(line) });
    expect(code).toBe(1);
    expect(lines.some((l) => l.includes("npx wrangler secret put ENCRYPTION_KEY"))).toBe(true);
    expect(lines.some((l) => l.includes("secret put API_KEY"))).toBe(false);
    expect(calls).toEqual(["secret list --format json"]);
  });

  it("treats a Worker that does not exist yet as missing every secret", async () => {
    const { run } = fakeWrangler({ "secret list": { code: 1, stdout: "" } });
    const lines: string[] = [];
    expect(await deploy({ run, wiring, log: (line) => lines.push(line) })).toBe(1);
    expect(lines.filter((l) => l.includes("wrangler secret put"))).toHaveLength(2);
  });

  it("creates the missing queues, then deploys, then applies migrations remotely", async () => {
    const { calls, run } = fakeWrangler({
      "secret list": { code: 0, stdout: allSecrets },
      "queues list": { code: 0, stdout: queueTable(["radarr-edge-list-sync", "radarr-edge-list-sync-dlq"]) },
    });
    expect(await deploy({ run, wiring, log: () => {} })).toBe(0);
    expect(calls).toEqual([
      "secret list --format json",
      "queues list",
      "queues create radarr-edge-downloads",
      "queues create radarr-edge-downloads-dlq",
      "queues create radarr-edge-commands",
      "queues create radarr-edge-commands-dlq",
      "queues create radarr-edge-notifications",
      "queues create radarr-edge-notifications-dlq",
      "deploy --var DEPLOYED:true",
      "d1 migrations apply radarr-edge --remote",
    ]);
  });

  it("stops at the first failing step with its exit code", async () => {
    const { calls, run } = fakeWrangler({
      "secret list": { code: 0, stdout: allSecrets },
      "queues list": { code: 0, stdout: queueTable(wiring.queues) },
      deploy: { code: 3, stdout: "" },
    });
    expect(await deploy({ run, wiring, log: () => {} })).toBe(3);
    expect(calls).toEqual(["secret list --format json", "queues list", "deploy --var DEPLOYED:true"]);
  });
});

describe("the bundle size verdict", () => {
  it("passes under the Free limit and fails above it, naming both limits", () => {
    expect(judgeBundle(FREE_LIMIT_BYTES).code).toBe(0);
    const over = judgeBundle(FREE_LIMIT_BYTES + 1);
    expect(over.code).toBe(1);
    expect(over.lines.join("\n")).toMatch(/Free plan limit 3\.00 MiB: OVER/);
    expect(judgeBundle(PAID_LIMIT_BYTES + 1).lines.join("\n")).toMatch(/Paid plan limit 10\.00 MiB: OVER/);
  });
});
