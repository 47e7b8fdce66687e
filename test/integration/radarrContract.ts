import Ajv, { type ValidateFunction } from "ajv";
import radarrOpenApi from "../fixtures/radarr/openapi.json";

/**
 * Radarr's own v3 API description (test/fixtures/radarr/openapi.json, unchanged from Radarr's
 * repository) as a contract for the app's responses, read the way Radarr's clients read it:
 * - Types and enums as written; `nullable` only where Radarr says so.
 * - Required: Radarr's OpenAPI lists no `required`, but Radarr omits only null values, so every
 *   property it does not mark nullable (numbers, booleans, enums, arrays, dates) is always in its
 *   JSON and clients decode it as present. Objects behind a `$ref` cannot carry `nullable` in
 *   OpenAPI 3.0 and Radarr leaves them out when empty: they are checked when present.
 * - Extensions are allowed (added fields only): `additionalProperties: false` is dropped.
 */

type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
};

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

const HTTP_METHODS = ["get", "post", "put", "delete", "patch"];
const doc = radarrOpenApi as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

/** `METHOD /path/{}` with parameter names dropped, lower-cased: how operations are matched. */
export const operationKey = (method: string, path: string) =>
  `${method.toUpperCase()} ${path
    .toLowerCase()
    .replace(/\{[^}]+\}/g, "{}")
    .replace(/\/$/, "")}`;

export interface RadarrOperation {
  key: string;
  method: string;
  path: string;
  /** Radarr's schema of the 2xx body, when it documents one. */
  schema?: Schema;
}

export function radarrOperations(): RadarrOperation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, op]) => ({
        key: operationKey(method, path),
        method: method.toUpperCase(),
        path,
        schema: bodySchema(op),
      })),
  );
}

function bodySchema(op: Operation): Schema | undefined {
  const ok = Object.entries(op.responses ?? {}).find(([status]) => status.startsWith("2"))?.[1];
  return Object.values(ok?.content ?? {}).find((media) => media.schema)?.schema;
}

const isEnum = (schema: Schema) => Boolean(schema.enum);
const target = (ref: string) => doc.components.schemas[ref.replace("#/components/schemas/", "")];

/** A component or inline schema as the contract reads it (see the module comment). */
function contractSchema(schema: Schema): Schema {
  if (schema.$ref) return { $ref: `${CONTRACT_ID}${schema.$ref}` };
  const out: Schema = { ...schema };
  delete out.additionalProperties;
  // An untyped nullable (a provider field's `value`) admits anything.
  if (!schema.type) delete out.nullable;
  if (schema.items) out.items = contractSchema(schema.items);
  if (schema.properties) {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const [name, property] of Object.entries(schema.properties)) {
      const refTarget = property.$ref ? target(property.$ref) : undefined;
      if (refTarget && !isEnum(refTarget)) {
        properties[name] = { anyOf: [contractSchema(property), { type: "null" }] };
        continue;
      }
      properties[name] = contractSchema(property);
      if (!property.nullable && (property.type || property.$ref)) required.push(name);
    }
    out.properties = properties;
    if (required.length) out.required = required;
  }
  return out;
}

const CONTRACT_ID = "radarr-openapi";
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function contractValidator(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat("date-time", (value: string) => ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)));
  for (const format of ["int32", "int64", "double", "float", "date-span", "uuid", "uri"]) ajv.addFormat(format, true);
  const schemas = Object.fromEntries(
    Object.entries(doc.components.schemas).map(([name, schema]) => [name, contractSchema(schema)]),
  );
  ajv.addSchema({ components: { schemas } }, CONTRACT_ID);
  return ajv;
}

let ajv: Ajv | undefined;
const compiled = new Map<Schema, ValidateFunction>();

/** The body's departures from Radarr's schema, one line each (empty when it conforms). */
export function contractErrors(schema: Schema, body: unknown): string[] {
  ajv ??= contractValidator();
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(contractSchema(schema));
    compiled.set(schema, validate);
  }
  if (validate(body)) return [];
  // Array indexes collapsed: one line per field, however many records share the departure.
  const lines = (validate.errors ?? [])
    .filter((e) => e.keyword !== "anyOf" && !(e.keyword === "type" && e.params.type === "null"))
    .map((e) => {
      const where = e.instancePath.replace(/\/\d+(?=\/|$)/g, "/*") || "/";
      const allowed = e.keyword === "enum" ? ` ${JSON.stringify(e.params.allowedValues)}` : "";
      return `${where} ${e.message}${allowed}`;
    });
  return [...new Set(lines)];
}

/** How docs/compatibility.md says the app serves an operation. */
export type DocumentedStatus = "served" | "reinterpreted" | "not applicable" | "not yet served";

const DOCUMENTED_ROW = /^\| `([A-Z]+) ([^`]+)` \| (served|reinterpreted|not applicable|not yet served) \|/gm;

/** The operations docs/compatibility.md lists (by operationKey) with their status. */
export function documentedStatuses(markdown: string): Map<string, DocumentedStatus> {
  const statuses = new Map<string, DocumentedStatus>();
  for (const [, method, path, status] of markdown.matchAll(DOCUMENTED_ROW)) {
    statuses.set(operationKey(method, path), status as DocumentedStatus);
  }
  return statuses;
}
