import { z } from "zod";
import { WATCH_PROVIDERS } from "../data/discovery-providers";
import { idMapEntry, idMapStream, idMapVersion } from "../data/watchmode-id-map";
import {
  defaultReleaseWindow,
  releasesBetween,
  sourceCatalogue,
  titleSources,
  watchmodeIdOfPosterFile,
} from "../data/watchmode-sources";
import { createService } from "./service";
import { renderSvg } from "./tmdb-images";

/**
 * Watchmode (api.watchmode.com): the daily `/datasets/title_id_map.csv` with a stable ETag and
 * Last-Modified, 304 for a matching If-None-Match (or, without one, an If-Modified-Since not older
 * than the file); `/v1/title/{id}/sources/` (every region, or those in `regions=US,GB`);
 * `/v1/releases/` (`start_date`/`end_date` as YYYYMMDD, `limit`; `poster_url` on this simulator's
 * `/watchmode/cdn/posters/…`, Watchmode's poster CDN); `/v1/sources/`; and Watchmode's
 * JSON errors: 401 without an `apiKey` query parameter or with one starting "invalid" (any other
 * key is accepted), 404 for an unknown title. `POST /watchmode/__dataset {"version": n}` switches
 * the file to another version (simulator control, not Watchmode's API).
 */

const WATCHMODE_MESSAGES: Record<number, string> = {
  400: "Bad request",
  401: "Your API key is invalid.",
  402: "Over plan quota on this API Key.",
  404: "The resource does not exist.",
  429: "The rate limit was exceeded.",
};

function watchmodeError(status: number): Response {
  const body = {
    success: false,
    statusCode: status,
    statusMessage: WATCHMODE_MESSAGES[status] ?? "An error occurred with our API.",
  };
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

export const watchmode = createService({
  name: "watchmode",
  description:
    "Watchmode (api.watchmode.com): the daily title id map dataset (title_id_map.csv), title sources, streaming releases, the source catalogue",
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

/** `regions=US,GB` as a set of upper-case codes; undefined when not sent (every region). */
function regionsParam(raw: string | undefined): Set<string> | undefined {
  const codes = raw
    ?.split(",")
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);
  return codes?.length ? new Set(codes) : undefined;
}

watchmode.app.get("/v1/title/:id/sources/", (c) => {
  if (!validKey(c.req.query("apiKey"))) return watchmodeError(401);
  const id = c.req.param("id");
  const sources = /^\d+$/.test(id) ? titleSources(Number(id)) : undefined;
  if (!sources) return watchmodeError(404);
  const regions = regionsParam(c.req.query("regions"));
  return c.json(regions ? sources.filter((source) => regions.has(source.region)) : sources);
});

/** Watchmode's YYYYMMDD dates as YYYY-MM-DD; null when malformed. */
function dateParam(raw: string | undefined, fallback: string): string | null {
  if (raw === undefined || raw === "") return fallback;
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(raw);
  if (!match) return null;
  const day = `${match[1]}-${match[2]}-${match[3]}`;
  return Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ? null : day;
}

const MAX_RELEASE_DAYS = 366;

watchmode.app.get("/v1/releases/", (c) => {
  if (!validKey(c.req.query("apiKey"))) return watchmodeError(401);
  const start = dateParam(c.req.query("start_date"), defaultReleaseWindow().start);
  const end = dateParam(c.req.query("end_date"), defaultReleaseWindow().end);
  const limitRaw = c.req.query("limit");
  const limit = limitRaw === undefined ? 250 : /^\d+$/.test(limitRaw) ? Math.min(500, Number(limitRaw)) : Number.NaN;
  if (!start || !end || start > end || !(limit > 0)) return watchmodeError(400);
  const days = (Date.parse(end) - Date.parse(start)) / 86_400_000;
  if (days > MAX_RELEASE_DAYS) return watchmodeError(400);
  const posterBase = `${new URL(c.req.url).origin}/watchmode/cdn/posters`;
  return c.json({ releases: releasesBetween(start, end, posterBase).slice(0, limit) });
});

/** Watchmode's poster CDN (cdn.watchmode.com/posters/…), drawn like the TMDb artwork. */
watchmode.app.get("/cdn/posters/:file", (c) => {
  const watchmodeId = watchmodeIdOfPosterFile(c.req.param("file"));
  const entry = watchmodeId === undefined ? undefined : idMapEntry(watchmodeId);
  if (!entry) return c.text("Not Found", 404);
  const subtitle = entry.year ? String(entry.year) : entry.tmdbType === "tv" ? "TV" : "TBA";
  return c.body(renderSvg({ id: entry.watchmodeId, kind: "poster", variant: 1 }, "w185", entry.title, subtitle), 200, {
    "content-type": "image/svg+xml",
    "cache-control": "public, max-age=31536000, immutable",
  });
});

watchmode.app.get("/v1/sources/", (c) => {
  if (!validKey(c.req.query("apiKey"))) return watchmodeError(401);
  const regions = regionsParam(c.req.query("regions"));
  const providers = WATCH_PROVIDERS.filter(
    (provider) => !regions || Object.keys(provider.regions).some((region) => regions.has(region)),
  );
  return c.json(sourceCatalogue(providers));
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
