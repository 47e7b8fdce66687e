import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../api/context";
import { jsonBody, jsonContent } from "../api/router";
import { errorResponses } from "../api/schemas/common";
import type { StoredProvider } from "../db/repositories/providers";
import { resourceNotFound } from "../domain/failures/failure";
import type { AnyKind, Parts, Schemas } from "./router";

/** How a bulk edit's `tags` meet a provider's own (Radarr's ApplyTags; Radarr's default is add). */
const APPLY_TAGS = ["add", "remove", "replace"] as const;
type ApplyTags = (typeof APPLY_TAGS)[number];

/**
 * A kind's bulk edit (Radarr's *BulkResource): the columns it may set on many providers at once,
 * each optional (null or absent keeps the provider's own).
 */
export interface ProviderBulk<Shape extends z.ZodRawShape = z.ZodRawShape> {
  /** The editable columns beside ids, tags and applyTags, as Radarr names them. */
  shape: Shape;
  /** Rules beyond the shape (tags, a profile, a root folder exist); throw a Failure. */
  validate?(c: Context<AppEnv>, edits: Record<string, unknown> & { tags?: number[] }): Promise<void>;
  /** Columns a save sets besides the edits (an update time). */
  stamp?(): Record<string, unknown>;
}

const idsSchema = z.array(z.number().int()).min(1, "ids must be provided").max(1000);

/** The bulk body: ids, tags with how to apply them, and the kind's columns. */
function bulkSchema(kind: AnyKind & { bulk: ProviderBulk }) {
  return z
    .object({
      ids: idsSchema,
      tags: z.array(z.number().int().positive()).nullish(),
      applyTags: z.enum(APPLY_TAGS).nullish(),
      ...kind.bulk.shape,
    })
    .openapi(`${kind.resource}Bulk`);
}

/** The body to delete with: the ids (Radarr takes its bulk resource and reads only them). */
const deleteSchema = z.object({ ids: idsSchema }).passthrough();

function appliedTags(own: readonly number[], tags: readonly number[], how: ApplyTags): number[] {
  if (how === "replace") return [...new Set(tags)];
  if (how === "remove") return own.filter((tag) => !tags.includes(tag));
  return [...new Set([...own, ...tags])];
}

/** Every id's row, or a 404 naming the ids that are not there (nothing is changed then). */
async function everyRow(c: Context<AppEnv>, kind: AnyKind, ids: readonly number[]): Promise<StoredProvider[]> {
  const unique = [...new Set(ids)];
  const rows = await kind.repository(c).getMany(unique);
  const found = new Set(rows.map((row) => row.id));
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length)
    throw resourceNotFound(`${kind.noun.title}${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
  return rows;
}

/**
 * `PUT /bulk` and `DELETE /bulk` (Radarr's ProviderControllerBase): edit or delete many providers
 * of the kind at once, all or nothing; registered only for kinds that declare `bulk`.
 */
export function registerBulk(router: OpenAPIHono<AppEnv>, kind: AnyKind, schemas: Schemas, parts: Parts) {
  const { bulk } = kind;
  if (!bulk) return;
  const tags = [kind.tag];
  const body = bulkSchema({ ...kind, bulk });
  const plural = `${kind.noun.title.toLowerCase()}s`;
  router.openapi(
    createRoute({
      method: "put",
      path: "/bulk",
      tags,
      summary: `Edit several ${plural} at once (all or nothing): the fields given, tags added, removed or replaced`,
      request: { body: jsonBody(body) },
      responses: { 202: jsonContent(z.array(schemas.resource), "The providers as updated"), ...errorResponses },
    }),
    async (c) => {
      const { ids, tags: given, applyTags, ...rest } = c.req.valid("json") as z.infer<typeof body>;
      const edits = Object.fromEntries(
        Object.entries(rest).filter(([, value]) => value !== null && value !== undefined),
      );
      // Tags taken away need not exist; tags given to add or replace must.
      await bulk.validate?.(c, given && applyTags !== "remove" ? { ...edits, tags: given } : edits);
      const rows = await everyRow(c, kind, ids);
      const changes = rows.map((row) => ({
        id: row.id,
        values: {
          ...edits,
          ...(given ? { tags: appliedTags((row as { tags?: number[] }).tags ?? [], given, applyTags ?? "add") } : {}),
          ...bulk.stamp?.(),
        },
      }));
      const updated = await kind.repository(c).updateMany(changes);
      return c.json(updated.map(parts.resource), 202);
    },
  );
  router.openapi(
    createRoute({
      method: "delete",
      path: "/bulk",
      tags,
      summary: `Delete several ${plural} at once (all or nothing)`,
      request: { body: jsonBody(deleteSchema) },
      responses: { 200: jsonContent(z.object({}), "Deleted"), ...errorResponses },
    }),
    async (c) => {
      const { ids } = c.req.valid("json");
      const rows = await everyRow(c, kind, ids);
      await kind.repository(c).removeMany(rows.map((row) => row.id));
      return c.json({}, 200);
    },
  );
}
