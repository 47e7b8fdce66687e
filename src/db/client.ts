import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { type D1Meter, meteredD1 } from "./meteredD1";

export type Database = ReturnType<typeof createDatabase>;

/**
 * The drizzle database over the D1 binding; with a meter, every statement's rows read/written reach
 * it (meteredD1.ts). Made per request (the meter is the request's), so it is kept cheap: no schema
 * is handed to drizzle, whose relational query API (`db.query.*`, unused here: repositories build
 * their queries from the tables in schema.ts) would re-derive every table's relations each time.
 */
export function createDatabase(d1: D1Database, meter?: D1Meter) {
  return drizzle(meter ? meteredD1(d1, meter) : d1);
}

/** D1 binds at most 100 parameters per statement; split long id lists to stay under it. */
export const D1_MAX_BOUND_PARAMETERS = 100;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * `column IN (values)` for a list of any length in one statement: the list is bound as one JSON
 * parameter that SQLite unpacks with json_each, so a caller's 150 ids stay under D1's 100 bound
 * parameters (inArray binds one per value). Use it for every list that comes from a caller.
 */
export function inList(column: SQLWrapper, values: readonly (number | string)[]): SQL {
  return sql`${column} in (select value from json_each(${JSON.stringify(values)}))`;
}
