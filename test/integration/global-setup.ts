import type { TestProject } from "vitest/node";
import { clockVars } from "../../scripts/lib/clock.mjs";
import { startSimulator } from "../../scripts/lib/simulator.mjs";

/** One simulator for the whole run; tests reach it through the app's upstream URL variables. */
export default async function setup(project: TestProject) {
  const sim = await startSimulator({ clock: clockVars() });
  project.provide("simUrl", sim.url);
  return async () => {
    await sim.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    simUrl: string;
  }
}
