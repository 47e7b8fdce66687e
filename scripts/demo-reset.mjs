/**
 * `npm run demo:reset`: the next `npm start` starts over with a fresh demo. Deletes the local
 * state `npm start` keeps in its persist dir (`.wrangler/state`, or PERSIST_DIR): D1 (library,
 * settings, indexers, download clients, lists, history), the KV caches, the Durable Objects and
 * queues, and the simulator's last address. The generated API key and encryption key are kept,
 * so the key you log in with stays the same (a key Settings › General › Regenerate made lived in
 * the database: the generated API_KEY is the key again); the credentials they encrypted go with
 * the database.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { demoPaths } from "./lib/demo-state.mjs";

const { persistDir, secretsFile } = demoPaths();
if (existsSync(persistDir)) {
  // With PERSIST_DIR the secrets file sits inside the persist dir: everything else goes.
  for (const name of readdirSync(persistDir)) {
    const path = join(persistDir, name);
    if (path !== secretsFile) rmSync(path, { recursive: true, force: true });
  }
  console.log(`Demo reset: deleted the local state in ${persistDir}; the next npm start fills a fresh demo.`);
} else {
  console.log(`Nothing to reset: ${persistDir} does not exist.`);
}
