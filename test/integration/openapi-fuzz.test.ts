import fc from "fast-check";
import { expect, test } from "vitest";
import { addMovie, addRootFolder, call, type ErrorBody, getJson } from "./helpers";

/**
 * Property: no input to any documented route answers 5xx, and every 4xx carries the documented
 * error shape {message, errors?: [{path, message}]}. Every path and method of the app's own
 * OpenAPI document is driven with values drawn from its schemas, mixed with hostile ones (long
 * strings, unicode, huge numbers, 150-id lists, arbitrary JSON). Fixed seed: a failure replays.
 */
type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
};
interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const SEED = 14;
const RUNS_PER_OPERATION = 12;
const RUNS_PER_PARAMETER = 4;
const HOSTILE_STRINGS = ["", " ", "x".repeat(300), "🎬".repeat(40), "'; drop table movies; --", "%00", "../../etc"];
const HOSTILE_NUMBERS = [-1, 0, 2 ** 31, 2 ** 53 + 7, 1e308, -1e308, 0.5];
// Words past D1's 50-byte LIKE limit even as a clean title (letters and digits only).
const longText = fc.string({
  unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789 "),
  minLength: 60,
  maxLength: 150,
});
const manyIds = fc.constant(Array.from({ length: 150 }, (_, i) => i + 1));

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...HOSTILE_STRINGS, ...HOSTILE_NUMBERS, null, true),
  fc.string({ unit: "grapheme", maxLength: 80 }),
  manyIds,
);

function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  return doc.components?.schemas?.[schema.$ref.replace("#/components/schemas/", "")] ?? {};
}

/**
 * Values of the schema's type (valid often enough to reach the database); with `wild`, a field
 * now and then hostile instead. Depth-bounded for recursive schemas.
 */
function fromSchema(doc: OpenApiDocument, raw: Schema | undefined, wild: boolean, depth = 0): fc.Arbitrary<unknown> {
  if (!raw || depth > 4) return fc.jsonValue({ maxDepth: 2 });
  const schema = resolve(doc, raw);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((s) => fromSchema(doc, s, wild, depth + 1)));
  if (schema.allOf?.length) return fromSchema(doc, schema.allOf[0], wild, depth + 1);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  const typed = typedValue(doc, schema, type, wild, depth);
  return wild ? fc.oneof({ arbitrary: typed, weight: 4 }, { arbitrary: hostile, weight: 1 }) : typed;
}

function typedValue(doc: OpenApiDocument, schema: Schema, type: string | undefined, wild: boolean, depth: number) {
  switch (type) {
    case "integer":
      return fc.integer({
        min: schema.minimum ?? (schema.exclusiveMinimum ?? -6) + 1,
        max: Math.min(schema.maximum ?? 200, 2 ** 31),
      });
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
    case "boolean":
      return fc.boolean();
    case "string":
      // Long strings are valid input too (a 60-character title is a fair search).
      return fc.oneof(fc.string({ unit: "grapheme", maxLength: 40 }), longText);
    case "array":
      return fc.oneof(fc.array(fromSchema(doc, schema.items, wild, depth + 1), { maxLength: 4 }), manyIds);
    case "object": {
      const entries = Object.entries(schema.properties ?? {}).map(([k, s]) => [k, fromSchema(doc, s, wild, depth + 1)]);
      return fc.record(Object.fromEntries(entries) as Record<string, fc.Arbitrary<unknown>>, { requiredKeys: [] });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** One request: path with its parameters filled in, a query string and a body (or none). */
function requestFor(doc: OpenApiDocument, path: string, operation: Operation, onlyParam?: string) {
  const params = operation.parameters ?? [];
  const pathParams = params.filter((p) => p.in === "path");
  const queryParams = params.filter((p) => p.in === "query");
  const pathValues = fc.tuple(
    ...pathParams.map((p) => fc.oneof({ arbitrary: fromSchema(doc, p.schema, false), weight: 3 }, hostile)),
  );
  // Valid parameters (or none), then at most one made hostile: a single bad parameter must be
  // what reaches the handler, not be hidden behind another parameter's 400.
  // Most parameters absent: each one present is another chance of a 400 before the query runs.
  const validQuery = fc.tuple(
    ...queryParams.map((p) =>
      fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: fromSchema(doc, p.schema, false), weight: 1 }),
    ),
  );
  const oneHostile = fc.option(
    fc.tuple(
      fc.nat(),
      fc.oneof(
        hostile,
        manyIds.map((ids) => ids.join(",")),
      ),
    ),
    { freq: 2 },
  );
  const mixed = fc.tuple(validQuery, oneHostile).map(([values, bad]) => {
    if (bad && values.length) values[bad[0] % values.length] = bad[1];
    return values;
  });
  // Or one parameter alone, so each one reaches the handler on its own.
  const single = fc
    .tuple(fc.nat(), ...queryParams.map((p) => fromSchema(doc, p.schema, false)))
    .map(([pick, ...all]) => all.map((value, i) => (i === pick % all.length ? value : null)));
  const alone = fc.tuple(
    ...queryParams.map((p) => (p.name === onlyParam ? fromSchema(doc, p.schema, false) : fc.constant(null))),
  );
  const queryValues = onlyParam ? alone : queryParams.length ? fc.oneof(mixed, single) : fc.constant([] as unknown[]);
  const [mediaType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
  const body = media
    ? fc.oneof(
        { arbitrary: fromSchema(doc, media.schema, false), weight: 3 },
        { arbitrary: fromSchema(doc, media.schema, true), weight: 2 },
        { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
        { arbitrary: fc.constantFrom<unknown>("{", "[1,", "null"), weight: 1 },
      )
    : fc.constant(undefined);
  return fc.record({ pathValues, queryValues, body }).map(({ pathValues: pv, queryValues: qv, body: b }) => {
    let url = path;
    pathParams.forEach((p, i) => {
      url = url.replace(`{${p.name}}`, encodeURIComponent(String(pv[i])));
    });
    const query = new URLSearchParams();
    queryParams.forEach((p, i) => {
      if (qv[i] !== null) query.set(p.name, typeof qv[i] === "string" ? qv[i] : JSON.stringify(qv[i]));
    });
    const search = query.size ? `?${query}` : "";
    const text = b === undefined ? undefined : typeof b === "string" ? b : JSON.stringify(b);
    return { url: `${url}${search}`, body: text, mediaType };
  });
}

async function expectNoServerError(method: string, url: string, body: string | undefined, mediaType?: string) {
  const headers = mediaType ? { "content-type": mediaType } : undefined;
  const res = await call(method, url, { body, headers });
  const text = await res.text();
  const label = `${method} ${url} ${body?.slice(0, 200) ?? ""} → ${res.status} ${text.slice(0, 300)}`;
  expect(res.status, label).toBeLessThan(500);
  if (res.status >= 400) {
    const error = JSON.parse(text) as ErrorBody;
    expect(typeof error.message, label).toBe("string");
    if (error.errors !== undefined) {
      expect(Array.isArray(error.errors), label).toBe(true);
      for (const e of error.errors) expect([typeof e.path, typeof e.message], label).toEqual(["string", "string"]);
    }
  }
}

test("every documented route answers generated input without a 5xx, 4xx in the error shape", async () => {
  // A movie in the library: SQLite only evaluates a WHERE (and D1 only refuses a long LIKE) over rows.
  await addRootFolder();
  await addMovie(935);
  const doc = await getJson<OpenApiDocument>("/api/v3/openapi.json");
  // Regenerating the API key retires the key every later request sends: it goes last.
  const retiresKey = (path: string) => path.endsWith("/apikey/regenerate");
  const operations = Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })))
    .sort((a, b) => Number(retiresKey(a.path)) - Number(retiresKey(b.path)));
  expect(operations.length).toBeGreaterThan(50);
  const check = (request: ReturnType<typeof requestFor>, method: string, numRuns: number) =>
    fc.assert(
      fc.asyncProperty(request, (r) => expectNoServerError(method, r.url, r.body, r.mediaType)),
      { seed: SEED, numRuns, endOnFailure: true },
    );
  for (const { path, method, op } of operations) {
    await check(requestFor(doc, path, op), method, RUNS_PER_OPERATION);
    // Each query parameter alone too: a long search must reach the database, not another 400.
    for (const p of op.parameters ?? []) {
      if (p.in === "query") await check(requestFor(doc, path, op, p.name), method, RUNS_PER_PARAMETER);
    }
  }
}, 180_000);
