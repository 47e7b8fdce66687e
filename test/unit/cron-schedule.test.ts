import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { cronIntervalMinutes, SCHEDULED_TASKS } from "../../src/jobs/cronSchedule";

// wrangler.toml as wrangler itself reads it.
const config = unstable_readConfig({ config: fileURLToPath(new URL("../../wrangler.toml", import.meta.url)) });
const wranglerCrons = config.triggers.crons ?? [];

describe("the cron table", () => {
  it("is what wrangler.toml's Cron Triggers fire: each expression of the task list, once", () => {
    const tableCrons = [...new Set(SCHEDULED_TASKS.map((task) => task.cron))];
    expect([...wranglerCrons].sort()).toEqual([...tableCrons].sort());
    expect(new Set(wranglerCrons).size).toBe(wranglerCrons.length);
  });

  it("gives every task a schedule that fires", () => {
    for (const task of SCHEDULED_TASKS) expect(cronIntervalMinutes(task.cron), task.name).toBeGreaterThan(0);
  });
});
