import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { SEED_MIGRATIONS } from "../../src/db/seed";

for (const [file, sql] of Object.entries(SEED_MIGRATIONS)) {
  test(`${file} holds what the TypeScript defaults generate (npm run db:seed-sql)`, () => {
    expect(readFileSync(new URL(`../../d1-migrations/${file}`, import.meta.url), "utf8")).toBe(sql());
  });
}
