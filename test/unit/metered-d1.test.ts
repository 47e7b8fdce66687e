import { describe, expect, test } from "vitest";
import { meteredD1, resultColumnNames } from "../../src/db/meteredD1";

/**
 * The metered D1 binding on a runtime whose statements keep their session private (workerd
 * 1.20261117 and later, wrangler dev and deployed Workers): raw() runs as all() where the
 * statement's text shows distinct result names, so drizzle's reads keep D1's rows-read meta.
 */

/** A statement as the newer binding shapes it: public statement and params, all() objects with meta, raw() rows. */
function fakeD1(columns: string[], rows: unknown[][], calls: string[]) {
  const objects = rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
  const prepare = (statement: string) => ({
    statement,
    params: [] as unknown[],
    bind(...params: unknown[]) {
      return { ...this, params };
    },
    async all() {
      calls.push("all");
      return { results: objects, meta: { rows_read: 42, rows_written: 0 } };
    },
    async raw(options?: { columnNames?: boolean }) {
      calls.push("raw");
      return options?.columnNames ? [columns, ...rows] : rows;
    },
  });
  return { prepare } as unknown as D1Database;
}

function metered(columns: string[], rows: unknown[][]) {
  const calls: string[] = [];
  const usage = { rowsRead: 0 };
  const db = meteredD1(fakeD1(columns, rows, calls), (u) => {
    usage.rowsRead += u.rowsRead;
  });
  return { db, calls, usage };
}

describe("resultColumnNames", () => {
  test("reads drizzle's select lists: quoted columns, table-qualified columns, aliases, expressions", () => {
    expect(resultColumnNames('select "id", "title", "year" from "movies" where "movies"."id" = ?')).toEqual([
      "id",
      "title",
      "year",
    ]);
    expect(resultColumnNames('select "movies"."id", "movie_files"."id" from "movies" left join "movie_files"')).toEqual(
      ["id", "id"],
    );
    expect(
      resultColumnNames(
        "select count(*) as total, json_object('a', 1, 'b', (select 2)) as \"doc\", max(a, b) from t where x in (1, 2)",
      ),
    ).toEqual(["total", "doc", "max(a, b)"]);
    expect(resultColumnNames('select distinct "genre" from movie_genres')).toEqual(["genre"]);
    expect(resultColumnNames('insert into "tags" ("label") values (?) returning "id", "label"')).toEqual([
      "id",
      "label",
    ]);
    expect(resultColumnNames("select 'a, from b' as \"x\", 2 as y")).toEqual(["x", "y"]);
  });

  test("says nothing where the text cannot tell", () => {
    expect(resultColumnNames("select * from movies")).toBeUndefined();
    expect(resultColumnNames('select "movies".* from movies')).toBeUndefined();
    expect(resultColumnNames("select id from a union select id from b")).toBeUndefined();
    expect(resultColumnNames("with x as (select 1) select * from x")).toBeUndefined();
    expect(resultColumnNames("delete from movies where id = ?")).toBeUndefined();
  });
});

describe("raw() where the session is private", () => {
  test("distinct names: one all(), positional rows, D1's rows read counted", async () => {
    const { db, calls, usage } = metered(
      ["id", "title"],
      [
        [1, "Heat"],
        [2, "Alien"],
      ],
    );
    const stmt = db.prepare('select "id", "title" from "movies"').bind();
    expect(await stmt.raw()).toEqual([
      [1, "Heat"],
      [2, "Alien"],
    ]);
    expect(await stmt.raw({ columnNames: true })).toEqual([
      ["id", "title"],
      [1, "Heat"],
      [2, "Alien"],
    ]);
    expect(calls).toEqual(["all", "all"]);
    expect(usage.rowsRead).toBe(84);
  });

  test("duplicate or index-like names: the binding's own raw() (all() would lose or reorder a column)", async () => {
    const join = metered(["id", "id"], [[1, 7]]);
    expect(
      await join.db.prepare('select "movies"."id", "movie_files"."id" from movies join movie_files').raw(),
    ).toEqual([[1, 7]]);
    expect(join.calls).toEqual(["raw"]);
    const numbered = metered(["1", "title"], [[7, "Heat"]]);
    expect(await numbered.db.prepare('select 7 as "1", "title" from movies').raw()).toEqual([[7, "Heat"]]);
    expect(numbered.calls).toEqual(["raw"]);
    expect(join.usage.rowsRead + numbered.usage.rowsRead).toBe(0);
  });

  test("no rows: an empty list, still counted", async () => {
    const { db, usage } = metered(["id"], []);
    expect(await db.prepare('select "id" from "movies" where "id" = ?').bind(5).raw()).toEqual([]);
    expect(usage.rowsRead).toBe(42);
  });
});
