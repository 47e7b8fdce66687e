import { writeFileSync } from "node:fs";
import { SEED_MIGRATIONS } from "../src/db/seed";

for (const [file, sql] of Object.entries(SEED_MIGRATIONS)) {
  writeFileSync(new URL(`../d1-migrations/${file}`, import.meta.url), sql());
  console.log(`wrote d1-migrations/${file}`);
}
