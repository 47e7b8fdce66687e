import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { WANTED_SORT_COLUMNS, type WantedSortKey } from "../db/repositories/movieViews";
import { wantedCutoffJson, wantedMissingJson } from "../services/libraryViews";
import type { AppEnv } from "./context";
import { moviePageSchema } from "./movies";
import { createRouter, jsonContent } from "./router";
import { errorResponses, queryBoolean } from "./schemas/common";

export const wantedRouter = createRouter();

const tags = ["Wanted"];

/**
 * Radarr's sort keys for the wanted pages as its clients send them (`movieMetadata.sortTitle`,
 * `movies.lastSearchTime`), or bare (`sortTitle`, `title`), case-insensitively.
 */
function wantedSortKey(key: string): WantedSortKey | undefined {
  const bare = key.replace(/^(movieMetadata|movies)\./i, "").toLowerCase();
  if (bare === "title") return "sortTitle";
  return (Object.keys(WANTED_SORT_COLUMNS) as WantedSortKey[]).find((k) => k.toLowerCase() === bare);
}

const wantedQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(10),
  sortKey: z
    .string()
    .default("movieMetadata.sortTitle")
    .refine((k) => wantedSortKey(k) !== undefined, {
      message: `sortKey must be one of ${Object.keys(WANTED_SORT_COLUMNS)
        .map((k) => (k === "lastSearchTime" ? `movies.${k}` : `movieMetadata.${k}`))
        .join(", ")}`,
    }),
  sortDirection: z.enum(["ascending", "descending", "default"]).default("ascending"),
  monitored: queryBoolean.default(true),
});

function pageQuery(c: Context<AppEnv>, query: z.infer<typeof wantedQuerySchema>) {
  return {
    page: query.page,
    pageSize: query.pageSize,
    sortKey: wantedSortKey(query.sortKey) ?? "sortTitle",
    echoSortKey: query.sortKey,
    sortDirection: query.sortDirection === "descending" ? ("descending" as const) : ("ascending" as const),
    monitored: query.monitored,
    db: c.get("db"),
  };
}

const json = (c: Context<AppEnv>, body: string) =>
  // Built as JSON text (the stored metadata spliced in); typed as the documented page.
  c.body(body, 200, { "content-type": "application/json; charset=utf-8" }) as never;

wantedRouter.openapi(
  createRoute({
    method: "get",
    path: "/missing",
    tags,
    summary: "Movies without a file (monitored ones unless monitored=false), one page, as Radarr sorts them",
    request: { query: wantedQuerySchema },
    responses: { 200: jsonContent(moviePageSchema, "A page of missing movies"), ...errorResponses },
  }),
  async (c) => {
    const { db, ...query } = pageQuery(c, c.req.valid("query"));
    return json(c, await wantedMissingJson(db, query));
  },
);

wantedRouter.openapi(
  createRoute({
    method: "get",
    path: "/cutoff",
    tags,
    summary: "Movies whose file is below their quality profile's cutoff (quality or custom format score), one page",
    request: { query: wantedQuerySchema },
    responses: { 200: jsonContent(moviePageSchema, "A page of cutoff-unmet movies"), ...errorResponses },
  }),
  async (c) => {
    const { db, ...query } = pageQuery(c, c.req.valid("query"));
    return json(c, await wantedCutoffJson(db, query));
  },
);
