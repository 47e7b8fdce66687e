/**
 * The local demo's state across restarts: where `npm start` keeps it, the simulator's address it
 * was last started with, and the rewrite that makes stored settings follow the simulator when that
 * address changes (the simulator's port was taken, or PORT/SIM_PORT changed).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// Not from app.mjs: `npm run demo:reset` reads these paths without loading wrangler.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Where `npm start` keeps its local state: D1, KV and Durable Objects (wrangler's `--persist-to`),
 * plus the generated secrets and the simulator's last address. PERSIST_DIR moves all of it (the
 * restart test runs in a temporary one).
 */
export function demoPaths(env = process.env) {
  if (env.PERSIST_DIR) {
    const persistDir = resolve(env.PERSIST_DIR);
    return {
      persistDir,
      secretsFile: join(persistDir, "local-secrets.json"),
      simulatorFile: join(persistDir, "demo-simulator.json"),
    };
  }
  return {
    persistDir: `${ROOT}.wrangler/state`,
    secretsFile: `${ROOT}.wrangler/local-secrets.json`,
    simulatorFile: `${ROOT}.wrangler/state/demo-simulator.json`,
  };
}

/** The simulator's port: SIM_PORT, else the app's port + 1, so restarts find it where they left it. */
export function simulatorPort(appPort, env = process.env) {
  if (env.SIM_PORT !== undefined && env.SIM_PORT !== "") return Number(env.SIM_PORT);
  return appPort === 0 ? 0 : appPort + 1;
}

/**
 * Text columns (JSON) that may hold a simulator URL: provider settings and stored artwork.
 * Notification addresses are stored encrypted, so they cannot be rewritten here (the demo adds none).
 */
const URL_COLUMNS = [
  ["indexers", "settings"],
  ["import_lists", "settings"],
  ["movies", "metadata"],
  ["list_items", "metadata"],
];

const sqlText = (value) => `'${String(value).replaceAll("'", "''")}'`;

/** SQL that moves every stored reference to the simulator at `from` onto the one at `to`. */
function followSimulatorSql(from, to) {
  const [old, now] = [new URL(from), new URL(to)];
  const statements = URL_COLUMNS.map(
    ([table, column]) =>
      `UPDATE ${table} SET ${column} = replace(${column}, ${sqlText(old.origin)}, ${sqlText(now.origin)}) ` +
      `WHERE instr(${column}, ${sqlText(old.origin)}) > 0;`,
  );
  // Download clients store host and port apart (Radarr's shape).
  statements.push(
    `UPDATE download_clients SET settings = json_set(settings, '$.host', ${sqlText(now.hostname)}, '$.port', ${Number(now.port)}) ` +
      `WHERE json_extract(settings, '$.host') = ${sqlText(old.hostname)} AND json_extract(settings, '$.port') = ${Number(old.port)};`,
  );
  return statements.join("\n");
}

/**
 * Records `simUrl` as the demo's simulator and, when the last start used another address, rewrites
 * the stored indexer, download client, list and poster URLs to it and drops the KV
 * caches (upstream answers only, some holding the old address). Returns the previous address when
 * it moved, else undefined. Runs before the app starts, while nothing else holds the database.
 */
export async function followSimulator(paths, simUrl) {
  const previous = existsSync(paths.simulatorFile)
    ? JSON.parse(readFileSync(paths.simulatorFile, "utf8")).url
    : undefined;
  const moved = previous && new URL(previous).origin !== new URL(simUrl).origin;
  if (moved) {
    const sqlFile = join(paths.persistDir, "follow-simulator.sql");
    writeFileSync(sqlFile, followSimulatorSql(previous, simUrl));
    try {
      const { executeSqlFile } = await import("./app.mjs");
      await executeSqlFile(paths.persistDir, sqlFile);
    } finally {
      rmSync(sqlFile, { force: true });
    }
    rmSync(join(paths.persistDir, "v3", "kv"), { recursive: true, force: true });
  }
  mkdirSync(paths.persistDir, { recursive: true });
  writeFileSync(paths.simulatorFile, JSON.stringify({ url: simUrl }, null, 2));
  return moved ? previous : undefined;
}
