import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { deployPages, readPagesWiring, type WranglerResult } from "../../scripts/lib/deploy.mjs";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const pages = readPagesWiring(read("pages/wrangler.toml"));

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

/** `wrangler pages project list --json` as wrangler prints it: its banner, then the JSON. */
const projectList = (names: string[]) =>
  ` ⛅️ wrangler 4.164.0\n───────\n${JSON.stringify(names.map((name) => ({ "Project Name": name, "Git Provider": "No" })))}`;

describe("the Pages deploy planner", () => {
  it("reads the project, the build output and the service binding to the Worker from pages/wrangler.toml", () => {
    expect(pages).toEqual({
      project: "radarr-edge-site",
      outputDir: "../dist/site",
      binding: "API",
      service: "radarr-edge",
    });
    // The binding names the Worker that `npm run deploy` deploys, and the output is the Worker's assets.
    expect(read("wrangler.toml")).toMatch(new RegExp(`^name = "${pages.service}"$`, "m"));
    expect(read("wrangler.toml")).toMatch(/^directory = "dist\/site"$/m);
  });

  it("creates the project when the account has none of its name, then deploys from pages/", async () => {
    const { calls, run } = fakeWrangler({ "pages project list": { code: 0, stdout: projectList(["blog"]) } });
    expect(await deployPages({ run, pages, log: () => {} })).toBe(0);
    expect(calls).toEqual([
      "pages project list --json",
      "pages project create radarr-edge-site --production-branch main",
      "--cwd pages pages deploy --branch main",
    ]);
  });

  it("deploys to an existing project without creating it", async () => {
    const { calls, run } = fakeWrangler({
      "pages project list": { code: 0, stdout: projectList(["radarr-edge-site"]) },
    });
    expect(await deployPages({ run, pages, log: () => {} })).toBe(0);
    expect(calls).toEqual(["pages project list --json", "--cwd pages pages deploy --branch main"]);
  });

  it("stops at the first failing step with its exit code", async () => {
    const listFails = fakeWrangler({ "pages project list": { code: 4, stdout: "" } });
    expect(await deployPages({ run: listFails.run, pages, log: () => {} })).toBe(4);
    expect(listFails.calls).toEqual(["pages project list --json"]);

    const lines: string[] = [];
    const deployFails = fakeWrangler({
      "pages project list": { code: 0, stdout: projectList([]) },
      "--cwd pages pages deploy": { code: 2, stdout: "" },
    });
    expect(await deployPages({ run: deployFails.run, pages, log: (line) => lines.push(line) })).toBe(2);
    expect(lines).toEqual(["wrangler pages deploy failed (exit 2)."]);
  });

  it("fails on a project list it cannot read instead of creating a project blindly", async () => {
    const { calls, run } = fakeWrangler({ "pages project list": { code: 0, stdout: "not json" } });
    expect(await deployPages({ run, pages, log: () => {} })).toBe(1);
    expect(calls).toEqual(["pages project list --json"]);
  });
});
