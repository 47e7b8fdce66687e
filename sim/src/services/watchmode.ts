import { z } from "zod";
import { idMapStream, idMapVersion } from "../data/watchmode-id-map";
import { createService } from "./service";

/**
 * Watchmode (api.watchmode.com) as the id map import reads it: the daily
 * `/datasets/title_id_map.csv` with a stable ETag and Last-Modified, 304 for a matching
 * If-None-Match (or, without one, an If-Modified-Since not older than the file), and Watchmode's
 * JSON errors: 401 without an `apiKey` query parameter or with one starting "invalid" (any other
 * key is accepted). `POST /watchmode/__dataset {"version": n}` switches the file to another
 * version (simulator control, not Watchmode's API).
 */

const WATCHMODE_MESSAGES: Record<number, string> = {
  400: "Bad request",
  401: "Your API key is invalid.",
  402: "Over plan quota on this API Key.",
  404: "The resource does not exist.",
  429: "The rate limit was exceeded.",
};

export function watchmodeError(status: number): Response {
  const body = {
    success: false,
    statusCode: status,
    statusMessage: WATCHMODE_MESSAGES[status] ?? "An error occurred with our API.",
  };
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

export const watchmode = createService({
  name: "watchmode",
  description: "Watchmode (api.watchmode.com): the daily title id map dataset (title_id_map.csv)",
  errorResponse: (status) => watchmodeError(status),
});

let datasetVersion = 1;

const validKey = (key: string | undefined) => Boolean(key?.trim()) && !key?.startsWith("invalid");

function notModified(request: Request, etag: string, lastModified: string): boolean {
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch !== null) {
    const tags = ifNoneMatch.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
    return tags.includes("*") || tags.includes(etag);
  }
  const since = Date.parse(request.headers.get("if-modified-since") ?? "");
  return Number.isFinite(since) && since >= Date.parse(lastModified);
}

watchmode.app.get("/datasets/title_id_map.csv", (c) => {
  if (!validKey(c.req.query("apiKey"))) return watchmodeError(401);
  const { version, etag, lastModified } = idMapVersion(datasetVersion);
  const headers = { ETag: etag, "Last-Modified": lastModified, "Cache-Control": "public, max-age=3600" };
  if (notModified(c.req.raw, etag, lastModified)) return new Response(null, { status: 304, headers });
  return new Response(idMapStream(version), {
    status: 200,
    headers: { ...headers, "content-type": "text/csv; charset=utf-8" },
  });
});

const datasetBodySchema = z.object({ version: z.number().int().min(1).max(1_000) }).strict();

watchmode.app.post("/__dataset", async (c) => {
  const parsed = datasetBodySchema.safeParse(await c.req.json().catch(() => undefined));
  if (!parsed.success) {
    return c.json(
      {
        message: "Invalid dataset version",
        errors: parsed.error.issues.map((issue) => ({ path: issue.path.join(".") || "body", message: issue.message })),
      },
      400,
    );
  }
  datasetVersion = parsed.data.version;
  return c.json(idMapVersion(datasetVersion));
});
