import "./scripts/offline-env.mjs";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { clockVars } from "./scripts/lib/clock.mjs";
import { simulatorVars } from "./scripts/lib/simulator.mjs";

export const TEST_API_KEY = "test-api-key-0123456789";

export default defineConfig({
  test: {
    // Coverage of both projects, merged (`vitest run --coverage`, which `npm test` runs). Istanbul
    // because the worker project runs in workerd, where V8 coverage cannot be collected; the run
    // fails below the thresholds. Every file under src/ and durable-objects/ counts, loaded by a
    // test or not (type-only modules have no statements and weigh nothing).
    coverage: {
      provider: "istanbul",
      include: ["src/**", "durable-objects/**"],
      reporter: ["text-summary", "json-summary", "html", "lcov"],
      reportsDirectory: "./coverage",
      thresholds: {
        lines: 85,
        "src/domain/**": { lines: 95 },
      },
    },
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
          // The simulator's data modules read the pinned clock from here (sim/src/clock.ts).
          env: clockVars(),
        },
      },
      {
        // End to end in Node: wrangler processes on loopback (the site on Pages forwarding to the Worker).
        test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], environment: "node", testTimeout: 60_000 },
      },
      {
        plugins: [
          cloudflareTest(async ({ inject }) => ({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations("./d1-migrations"),
                API_KEY: TEST_API_KEY,
                TMDB_API_KEY: "sim-tmdb-key",
                TRAKT_CLIENT_ID: "sim-trakt-client-id",
                // A fixed test key (32 bytes, base64) for credentials stored encrypted in D1.
                ENCRYPTION_KEY: "cmFkYXJyLWVkZ2UtdGVzdC1lbmNyeXB0aW9uLWtleSE=",
                DEMO_MODE: "true",
                UPSTREAM_TIMEOUT_MS: "500",
                UPSTREAM_MAX_RETRY_WAIT_S: "2",
                // An open circuit breaker lets its probe through after 1 s (30 s deployed).
                UPSTREAM_BREAKER_COOLDOWN_S: "1",
                // One clock for the app, the simulator and the tests (scripts/lib/clock.mjs).
                ...clockVars(),
                ...simulatorVars(inject("simUrl")),
              },
            },
          })),
        ],
        test: {
          name: "worker",
          include: ["test/integration/**/*.test.ts"],
          // Each test drives the Worker and the simulator together; on a loaded 2-core machine a
          // several-step journey can pass 5 s without anything being wrong. Slower ones set their own.
          testTimeout: 20_000,
          globalSetup: ["test/integration/global-setup.ts"],
          setupFiles: ["test/integration/setup.ts"],
        },
      },
    ],
  },
});
