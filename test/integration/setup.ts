import { applyD1Migrations, reset } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach } from "vitest";

// @cloudflare/vitest-plugin isolates storage per test file, not per test. Every test starts from
// empty bindings (D1, KV) and the real migrations (schema + seeded quality defaults), so tests
// never see each other's writes; state a test needs is made in that test or its beforeEach.
beforeEach(async () => {
  await reset();
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
});
