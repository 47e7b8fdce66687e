/**
 * D1's rows read and written — the units Cloudflare bills D1 by — counted from each result's
 * meta. A wrapper around the D1 binding hands every statement's meta.rows_read / rows_written to
 * a meter (the request's counter, or a background job's): the figures are D1's own, not guessed.
 *
 * drizzle runs its query-builder selects through `raw()`, which returns positional rows and drops
 * the meta. `all()` keeps the meta but returns objects keyed by column name, which loses a column
 * when two share a name (a join's two `id`s) and reorders integer-like names, so it cannot stand
 * in for `raw()`. The binding's raw() is a thin shim over its session's query call that returns
 * the rows and columns with the meta; `raw()` here makes that same call and keeps the meta. Where
 * the binding has no such call (newer runtimes keep the session in a private field), raw() runs as
 * all() when the statement's text shows its result columns have distinct names that all() keeps in
 * order (resultColumnNames), so the meta is kept; otherwise it is the binding's own, unmetered.
 */

/** What one statement (or batch) cost: D1's own meta counts. */
export interface D1Usage {
  rowsRead: number;
  rowsWritten: number;
}

/** Receives each statement's usage as it completes. */
export type D1Meter = (usage: D1Usage) => void;

type Meta = { rows_read?: number; rows_written?: number } | undefined;

/** The binding's session call raw() is built on (workerd's d1-api: cloudflare-internal). */
interface RawQuerySession {
  _sendOrThrow(
    endpoint: string,
    statement: string,
    params: unknown[],
    format: "ROWS_AND_COLUMNS",
    span: { setAttribute(): void; setAttributes(): void },
  ): Promise<RawQueryResult | RawQueryResult[]>;
}
interface RawQueryResult {
  meta: Meta;
  results?: { columns: string[]; rows: unknown[][] } | Record<string, unknown>[];
}
interface StatementInternals {
  dbSession?: Partial<RawQuerySession>;
  statement?: string;
  params?: unknown[];
}

const NO_SPAN = { setAttribute() {}, setAttributes() {} };

function report(meter: D1Meter, meta: Meta): void {
  meter({ rowsRead: meta?.rows_read ?? 0, rowsWritten: meta?.rows_written ?? 0 });
}

/** Whether JavaScript would order this object key before the others (an array index): all() would reorder it. */
const indexLike = (name: string) => /^(0|[1-9]\d{0,9})$/.test(name);

/**
 * The names of a statement's result columns as SQLite gives them, read from its text: the select
 * list of a plain `select` (or the list after an insert/update/delete's `returning`), split at
 * top-level commas; an item's name is its alias, the column of a `"table"."column"`, or else its
 * text. Undefined when the text does not tell (a `*`, a compound select, a `with`, anything else).
 */
export function resultColumnNames(sql: string): string[] | undefined {
  const text = sql.trim();
  const select = /^select\s+(?:distinct\s+|all\s+)?/i.exec(text);
  const items: string[] = [];
  let depth = 0;
  let quote = "";
  let start = select ? select[0].length : -1;
  let end = text.length;
  for (let i = select ? start : 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = "";
      continue;
    }
    if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === "[") quote = "]";
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (depth === 0 && /\s/.test(c)) {
      const word = /^\s+(from|returning|union|except|intersect)\s/i.exec(text.slice(i))?.[1]?.toLowerCase();
      if (word === "union" || word === "except" || word === "intersect") return undefined;
      if (word === "from" && select && end === text.length) end = i;
      if (word === "returning" && !select) start = i + text.slice(i).search(/returning/i) + "returning".length;
    } else if (c === "," && depth === 0 && start >= 0 && i < end && i > start) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (start < 0) return undefined;
  items.push(text.slice(start, end));
  const names: string[] = [];
  for (const raw of items) {
    const item = raw.trim();
    if (item === "" || item === "*" || /\.\s*\*$/.test(item)) return undefined;
    const alias = /\s+as\s+("([^"]+)"|`([^`]+)`|\[([^\]]+)\]|(\w+))$/i.exec(item);
    const column = /^(?:"[^"]+"\.)?"([^"]+)"$/.exec(item);
    names.push(alias ? (alias[2] ?? alias[3] ?? alias[4] ?? alias[5]) : column ? column[1] : item);
  }
  return names;
}

/** raw() with its meta: the same query call workerd's raw() makes, or the plain raw() where there is none. */
async function rawWithMeta(stmt: D1PreparedStatement, meter: D1Meter, columnNames: boolean): Promise<unknown[]> {
  const { dbSession, statement, params } = stmt as unknown as StatementInternals;
  if (typeof dbSession?._sendOrThrow !== "function" || statement === undefined) {
    const names = statement === undefined ? undefined : resultColumnNames(statement);
    if (!names || new Set(names).size !== names.length || names.some(indexLike)) {
      return columnNames ? stmt.raw({ columnNames: true }) : stmt.raw();
    }
    // Distinct, ordinary names: all() keeps every column, in order, and its meta.
    const result = await stmt.all<Record<string, unknown>>();
    report(meter, result.meta);
    const keys = result.results[0] ? Object.keys(result.results[0]) : names;
    if (keys.length !== names.length || keys.some(indexLike)) {
      // The text misled (never seen): read the rows positionally after all, unmetered.
      return columnNames ? stmt.raw({ columnNames: true }) : stmt.raw();
    }
    const rows = result.results.map((row) => keys.map((key) => row[key]));
    return columnNames ? [keys, ...rows] : rows;
  }
  const answer = await dbSession._sendOrThrow("/query", statement, params ?? [], "ROWS_AND_COLUMNS", NO_SPAN);
  const result = Array.isArray(answer) ? answer[0] : answer;
  report(meter, result?.meta);
  const results = result?.results;
  if (!results) return [];
  if (Array.isArray(results)) {
    // An older D1 answering with objects: the binding's own raw() does the same.
    const rows = results.map((row) => Object.values(row));
    return columnNames && results[0] ? [Object.keys(results[0]), ...rows] : rows;
  }
  return columnNames ? [results.columns, ...results.rows] : results.rows;
}

class MeteredStatement {
  constructor(
    readonly inner: D1PreparedStatement,
    private readonly meter: D1Meter,
  ) {}

  bind(...values: unknown[]): MeteredStatement {
    return new MeteredStatement(this.inner.bind(...values), this.meter);
  }

  async run() {
    const result = await this.inner.run();
    report(this.meter, result.meta);
    return result;
  }

  async all() {
    const result = await this.inner.all();
    report(this.meter, result.meta);
    return result;
  }

  /** first() is all()'s first row (what the binding does), so its meta is kept too. */
  async first(column?: string) {
    const row = (await this.all()).results[0] as Record<string, unknown> | undefined;
    if (row === undefined || column === undefined) return row ?? null;
    if (!(column in row)) throw new Error(`D1_COLUMN_NOTFOUND: Column not found (${column})`);
    return row[column];
  }

  raw(options?: { columnNames?: boolean }) {
    return rawWithMeta(this.inner, this.meter, options?.columnNames === true);
  }
}

/** The D1 binding with every statement's rows read and written reported to `meter`. */
export function meteredD1(d1: D1Database, meter: D1Meter): D1Database {
  const metered = {
    prepare: (query: string) => new MeteredStatement(d1.prepare(query), meter),
    async batch(statements: MeteredStatement[]) {
      const results = await d1.batch(statements.map((s) => (s instanceof MeteredStatement ? s.inner : s)));
      for (const result of results) report(meter, result.meta);
      return results;
    },
    exec: (query: string) => d1.exec(query),
    withSession: (constraint?: string) => d1.withSession(constraint),
    dump: () => d1.dump(),
  };
  return metered as unknown as D1Database;
}
