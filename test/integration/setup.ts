import { reset } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach } from "vitest";
import { configureClock } from "../../src/clock";
import { forgetCachedInMemory } from "../../src/integrations/cache";
import { forgetApiKeyState } from "../../src/services/apiKeys";
import { forgetLibraryIds } from "../../src/services/libraryIdsCache";

/**
 * The real migrations (schema + seeded defaults) in one D1 batch, recorded in d1_migrations as
 * applyD1Migrations records them. One round trip instead of one per migration: this runs before
 * every test, and per-migration batches made it most of a small test's time.
 */
async function applyMigrations(db: D1Database) {
  await db.batch([
    db.prepare(
      `CREATE TABLE IF NOT EXISTS d1_migrations (
         id INTEGER PRIMARY KEY AUTOINCREMENT,
         name TEXT UNIQUE,
         applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
       )`,
    ),
    ...env.TEST_MIGRATIONS.flatMap((migration) => [
      ...migration.queries.map((query) => db.prepare(query)),
      db.prepare("INSERT INTO d1_migrations (name) VALUES (?)").bind(migration.name),
    ]),
  ]);
}

// Test code reads the app's clock (pinned by SIM_NOW, as the Worker's own entry points pin it).
configureClock(env.SIM_NOW, env.SIM_CLOCK_START);

// @cloudflare/vitest-plugin isolates storage per test file, not per test. Every test starts from
// empty bindings (D1, KV; the caches' in-memory copies are dropped too) and the migrated database, so tests never see each other's writes;
// state a test needs is made in that test or its beforeEach.
beforeEach(async () => {
  forgetCachedInMemory();
  forgetLibraryIds();
  forgetApiKeyState();
  await reset();
  await dropLeftoverTables(env.DB);
  await applyMigrations(env.DB);
});

/**
 * reset() sometimes leaves D1's tables behind (seen after a test longer than ~10 s); drop whatever
 * survived so the migrations always start from an empty database.
 */
async function dropLeftoverTables(db: D1Database) {
  // Triggers first (a dropped table's trigger may name a table already gone), then virtual tables
  const triggers = await db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all<{ name: string }>();
  if (triggers.results.length)
    await db.batch(triggers.results.map((t) => db.prepare(`DROP TRIGGER IF EXISTS "${t.name}"`)));
  // (the FTS5 search index: dropping one drops its shadow tables).
  const virtual = await leftoverTables(db, "sql LIKE 'CREATE VIRTUAL TABLE%'");
  if (virtual.length) await db.batch(virtual.map((name) => db.prepare(`DROP TABLE IF EXISTS "${name}"`)));
  // Newest first, so a table goes before the tables its foreign keys point to.
  const tables = await leftoverTables(db, "1 = 1");
  if (tables.length === 0) return;
  await db.batch([
    db.prepare("PRAGMA defer_foreign_keys = ON"),
    ...tables.map((name) => db.prepare(`DROP TABLE IF EXISTS "${name}"`)),
  ]);
}

async function leftoverTables(db: D1Database, condition: string): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND ${condition} ORDER BY rowid DESC`,
    )
    .all<{ name: string }>();
  return results.map((r) => r.name);
}
