import { writeFileSync } from "node:fs";
import { qualitySeedSql } from "../src/db/seed";

writeFileSync(new URL("../d1-migrations/0001_seed_quality_defaults.sql", import.meta.url), qualitySeedSql());
console.log("wrote d1-migrations/0001_seed_quality_defaults.sql");
