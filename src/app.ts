import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { analysisRouter } from "./api/analysis";
import { autoTaggingRouter } from "./api/autoTagging";
import { backupRouter } from "./api/backups";
import { blocklistRouter } from "./api/blocklist";
import { budgetRouter } from "./api/budget";
import { cacheStatsRouter } from "./api/cacheStats";
import { calendarFeedRouter, calendarRouter } from "./api/calendar";
import { collectionRouter } from "./api/collections";
import { commandRouter, taskRouter } from "./api/commands";
import { configRouter } from "./api/config";
import type { AppEnv } from "./api/context";
import { alternativeTitleRouter, creditRouter } from "./api/credits";
import { customFilterRouter } from "./api/customFilters";
import { customFormatRouter } from "./api/customFormats";
import { delayProfileRouter } from "./api/delayProfiles";
import { discoverRouter } from "./api/discover";
import { diskSpaceRouter } from "./api/diskSpace";
import { downloadClientRouter } from "./api/downloadClients";
import { exclusionRouter } from "./api/exclusions";
import { extraFileRouter } from "./api/extraFiles";
import { failureRouter } from "./api/failures";
import { historyRouter } from "./api/history";
import { MAX_CSV_BYTES } from "./api/importListActivity";
import { importListConfigRouter, importListRouter } from "./api/importLists";
import { indexerRouter, indexerStatusRouter } from "./api/indexers";
import { listMovieRouter } from "./api/listMovies";
import { logRouter } from "./api/logs";
import { manualImportRouter } from "./api/manualImport";
import { mediaCoverRouter } from "./api/mediaCover";
import { requireApiKey } from "./api/middleware/auth";
import { ApiRoutes, agreeingIds, canonicalRequest, isApiPath } from "./api/middleware/canonicalPath";
import { requestContext } from "./api/middleware/correlation";
import { handleError } from "./api/middleware/errors";
import { methodNotAllowed } from "./api/middleware/methodNotAllowed";
import { allowInline, securityHeaders, siteImageOrigins } from "./api/middleware/securityHeaders";
import { migrationRouter } from "./api/migration";
import { movieFileRouter } from "./api/movieFiles";
import { movieImportRouter } from "./api/movieImport";
import { movieRouter } from "./api/movies";
import { namingConfigRouter } from "./api/naming";
import { notificationFailureRouter } from "./api/notificationFailures";
import { notificationRouter } from "./api/notifications";
import { parseRouter } from "./api/parse";
import { qualityProfileRouter } from "./api/quality";
import { qualityDefinitionRouter } from "./api/qualityDefinitions";
import { queueRouter } from "./api/queue";
import { referenceRouter } from "./api/reference";
import { relatedMovieRouter } from "./api/relatedMovies";
import { releaseProfileRouter } from "./api/releaseProfiles";
import { releaseRouter } from "./api/releases";
import { remotePathMappingRouter } from "./api/remotePathMappings";
import { renameRouter } from "./api/rename";
import { rootFolderRouter } from "./api/rootFolders";
import { sessionRouter } from "./api/session";
import { streamingRouter } from "./api/streaming";
import { healthRouter, systemRouter } from "./api/system";
import { recordRouteTable, systemLifecycleRouter } from "./api/system/lifecycle";
import { updateRouter } from "./api/system/update";
import { systemSessionRouter } from "./api/systemSessions";
import { tagRouter } from "./api/tags";
import { traktAuthRouter } from "./api/traktAuth";
import { wantedRouter } from "./api/wanted";
import { APP_NAME, APP_VERSION, RADARR_API_VERSION } from "./config";
import { MovieRepository } from "./db/repositories/movies";
import { Failure } from "./domain/failures/failure";
import { breakerGauges } from "./integrations/breaker";
import { budgetGauges } from "./integrations/budget";
import { hasLogRecords } from "./observability/logRecords";
import { renderPrometheus } from "./observability/metricSet";
import { aggregatedMetrics, flushMetricsWhenDue } from "./observability/metricsAggregate";
import { MAX_BACKUP_UPLOAD_BYTES } from "./services/backups";
import { downloadFailureGauges } from "./services/downloadHealth";
import { forgetLibraryIds } from "./services/libraryIdsCache";
import { flushLogs } from "./services/logs";

const MAX_BODY_BYTES = 1024 * 1024;
const CSV_UPLOAD_PATH = /^\/api\/v3\/importlist\/\d+\/csv$/;
const BACKUP_UPLOAD_PATH = /^\/api\/v3\/system\/backup\/restore\/upload\/?$/i;

/** Every API router and where it is mounted, in mount order (the more specific path first where two overlap). */
const API_ROUTERS: readonly (readonly [string, Hono<AppEnv>])[] = [
  // Before /qualitydefinition: its /limits must not be read as a definition id.
  ["/api/v3", referenceRouter],
  ["/api/v3/movie", movieRouter],
  ["/api/v3/movie", movieImportRouter],
  ["/api/v3/movie", relatedMovieRouter],
  ["/api/v3/alttitle", alternativeTitleRouter],
  ["/api/v3/credit", creditRouter],
  ["/api/v3/calendar", calendarRouter],
  ["/feed/v3/calendar", calendarFeedRouter],
  ["/api/v3/wanted", wantedRouter],
  ["/api/v3/mediacover", mediaCoverRouter],
  ["/api/v3/collection", collectionRouter],
  ["/api/v3/moviefile", movieFileRouter],
  ["/api/v3/diskspace", diskSpaceRouter],
  ["/api/v3/rename", renameRouter],
  ["/api/v3/extrafile", extraFileRouter],
  ["/api/v3/manualimport", manualImportRouter],
  ["/api/v3/qualityprofile", qualityProfileRouter],
  ["/api/v3/qualitydefinition", qualityDefinitionRouter],
  ["/api/v3/customformat", customFormatRouter],
  ["/api/v3/parse", parseRouter],
  ["/api/v3/history", historyRouter],
  ["/api/v3/config/importlist", importListConfigRouter],
  ["/api/v3/config/naming", namingConfigRouter],
  ["/api/v3/config", configRouter],
  ["/api/v3/importlist/movie", listMovieRouter],
  ["/api/v3/importlist", importListRouter],
  // Before the notification router, whose /{id} would otherwise claim "failures".
  ["/api/v3/notification/failures", notificationFailureRouter],
  ["/api/v3/notification", notificationRouter],
  ["/api/v3/downloadclient", downloadClientRouter],
  ["/api/v3/queue", queueRouter],
  ["/api/v3/blocklist", blocklistRouter],
  ["/api/v3/failures", failureRouter],
  ["/api/v3/indexer", indexerRouter],
  ["/api/v3/indexerstatus", indexerStatusRouter],
  ["/api/v3/release", releaseRouter],
  ["/api/v3/analysis", analysisRouter],
  ["/api/v3/rootfolder", rootFolderRouter],
  ["/api/v3/tag", tagRouter],
  ["/api/v3/delayprofile", delayProfileRouter],
  ["/api/v3/releaseprofile", releaseProfileRouter],
  ["/api/v3/exclusions", exclusionRouter],
  ["/api/v3/remotepathmapping", remotePathMappingRouter],
  ["/api/v3/autotagging", autoTaggingRouter],
  ["/api/v3/customfilter", customFilterRouter],
  ["/api/v3/system/budget", budgetRouter],
  ["/api/v3/system/cache", cacheStatsRouter],
  ["/api/v3/system/session", systemSessionRouter],
  ["/api/v3/system/backup", backupRouter],
  ["/api/v3/system", systemRouter],
  ["/api/v3/system", systemLifecycleRouter],
  ["/api/v3/system/task", taskRouter],
  ["/api/v3/health", healthRouter],
  ["/api/v3/command", commandRouter],
  ["/api/v3/log", logRouter],
  ["/api/v3/update", updateRouter],
  ["/api/v3/migration/radarr", migrationRouter],
  ["/api/v3/streaming/trakt", traktAuthRouter],
  // After the Trakt router: its paths are more specific; neither pattern overlaps the other.
  ["/api/v3/streaming", streamingRouter],
  ["/api/v3/discover", discoverRouter],
];

export function createApp() {
  const app = new OpenAPIHono<AppEnv>();
  // Read once every route is registered: the first request comes after createApp returns.
  let apiRoutes: ApiRoutes | undefined;
  const routes = () => {
    apiRoutes ??= new ApiRoutes(app.routes);
    return apiRoutes;
  };
  useEdgeMiddleware(app);
  app.get("/ping", (c) => c.json({ status: "OK" }));
  app.route("/", sessionRouter);
  useApiMiddleware(app, routes);
  app.get("/metrics", renderMetrics);
  // Radarr's ApiInfo: which API versions it serves (behind the key, as every /api path).
  app.get("/api", (c) => c.json({ current: "v3", deprecated: [] }));
  for (const [path, router] of API_ROUTERS) app.route(path, router);
  serveApiDocument(app);
  recordRouteTable(app.routes, app.openAPIRegistry.definitions);
  app.notFound(async (c) => {
    const notAllowed = methodNotAllowed(c, app.router);
    if (notAllowed) return notAllowed;
    // Outside /api/v3 Radarr answers an empty 404: Bazarr probes /api/system/status first and
    // takes a JSON answer for a pre-v3 Radarr's (its version then reads "unknown").
    // Radarr's paths match in any casing (canonicalPath.ts): so does which kind of 404 they get.
    const path = c.req.path.toLowerCase();
    if (path.startsWith("/api/") && !path.startsWith("/api/v3/")) return c.body(null, 404);
    if (path.startsWith("/api/")) return c.json({ message: `No API route ${c.req.method} ${c.req.path}` }, 404);
    if (c.env.ASSETS) {
      // Copied: a fetched response's headers are immutable, and middleware adds to them.
      const asset = await c.env.ASSETS.fetch(c.req.raw);
      return new Response(asset.body, asset);
    }
    return c.json({ message: "Not found" }, 404);
  });
  // Radarr's routing, in front of Hono's: API paths in any casing, with a trailing slash, or a PUT
  // with its id in the body reach the route registered for them.
  const dispatch = app.fetch;
  app.fetch = async (request, env, executionCtx) =>
    dispatch(await canonicalRequest(request, routes()), env, executionCtx);
  return app;
}

/** What every response goes through: security headers, the request context, the body limit, errors. */
function useEdgeMiddleware(app: OpenAPIHono<AppEnv>) {
  // First, so every response gets the headers: errors, failed middleware's, the site's pages.
  app.use("*", securityHeaders({ imageOrigins: (c) => siteImageOrigins(c.env) }));
  // Radarr's version header on every API response, errors included: Prowlarr reads it to accept a Radarr.
  app.use("*", async (c, next) => {
    await next();
    if (isApiPath(c.req.path)) c.res.headers.set("X-Application-Version", RADARR_API_VERSION);
  });
  // Outside the request context, which counts the request: then this isolate's metric deltas are
  // flushed to the Metrics object in the background once enough have gathered.
  app.use("*", async (c, next) => {
    await next();
    // Hono's executionCtx getter throws where there is none (app.request in tests).
    flushMetricsWhenDue(c.env, { waitUntil: (promise) => c.executionCtx.waitUntil(promise) });
    // The warnings and errors this request logged, to the log store (GET /api/v3/log); most requests log none.
    if (!hasLogRecords()) return;
    try {
      c.executionCtx.waitUntil(flushLogs(c.env));
    } catch {
      await flushLogs(c.env);
    }
  });
  app.use("*", requestContext);
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new Failure("payloadTooLarge", `Request body is larger than ${maxSize} bytes`);
      },
    });
  const defaultLimit = limit(MAX_BODY_BYTES);
  const csvUploadLimit = limit(MAX_CSV_BYTES);
  const backupUploadLimit = limit(MAX_BACKUP_UPLOAD_BYTES);
  app.use("*", (c, next) => {
    if (CSV_UPLOAD_PATH.test(c.req.path)) return csvUploadLimit(c, next);
    return (BACKUP_UPLOAD_PATH.test(c.req.path) ? backupUploadLimit : defaultLimit)(c, next);
  });
  app.onError(handleError);
}

/**
 * The API key (or session) on /api and /metrics, a PUT's path and body ids checked to agree, and
 * the library-id cache dropped after a write.
 */
function useApiMiddleware(app: OpenAPIHono<AppEnv>, routes: () => ApiRoutes) {
  app.use("/api/*", requireApiKey);
  app.use("/metrics", requireApiKey);
  app.use("/feed/*", requireApiKey);
  app.use("/api/*", agreeingIds(routes));
  // A write may have changed the library: the in-library ids held for badges are reloaded.
  app.use("/api/*", async (c, next) => {
    await next();
    if (c.req.method !== "GET" && c.req.method !== "HEAD") forgetLibraryIds();
  });
}

async function renderMetrics(c: Context<AppEnv>) {
  const count = await new MovieRepository(c.get("db")).count();
  const body = renderPrometheus(await aggregatedMetrics(c.env), [
    { name: "radarr_library_movies", help: "Movies in the library", samples: [{ labels: {}, value: count }] },
    ...(await budgetGauges(c.env)),
    ...(await breakerGauges(c.env)),
    ...(await downloadFailureGauges(c.get("db"))),
  ]);
  return c.body(body, 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
}

/** The OpenAPI 3.1 document and the route viewer at /api/docs. */
function serveApiDocument(app: OpenAPIHono<AppEnv>) {
  app.doc31("/api/v3/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: `${APP_NAME} API`,
      version: APP_VERSION,
      description: "Radarr v3-compatible API. Send the API key in X-Api-Key.",
    },
  });
  app.get("/api/docs", async (c) => {
    await allowInline(c, "style-src", API_DOCS_STYLE);
    await allowInline(c, "script-src", API_DOCS_SCRIPT);
    return c.html(API_DOCS_PAGE);
  });
}

// A self-contained viewer (no CDN: the app must work offline) listing every documented route.
// Its style and script are inline, allowed by their hashes in this page's Content-Security-Policy.
const API_DOCS_STYLE =
  "body{font:14px system-ui;margin:2rem;max-width:70rem}code{background:#eee;padding:0 .3em}.m{display:inline-block;width:4.5rem;font-weight:bold}";
const API_DOCS_SCRIPT = `fetch('/api/v3/openapi.json',{credentials:'same-origin'}).then(r=>r.json()).then(doc=>{const out=[];for(const [p,ops] of Object.entries(doc.paths)){for(const [m,op] of Object.entries(ops)){out.push('<div><span class="m">'+m.toUpperCase()+'</span><code>'+p+'</code> '+(op.summary||'')+'</div>')}}document.getElementById('routes').innerHTML=out.join('')}).catch(e=>{document.getElementById('routes').textContent='Log in to the site first: '+e})`;
const API_DOCS_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>${APP_NAME} API</title>
<style>${API_DOCS_STYLE}</style></head>
<body><h1>${APP_NAME} API</h1><p>OpenAPI 3.1 document: <a href="/api/v3/openapi.json">/api/v3/openapi.json</a></p><div id="routes">Loading…</div>
<script>${API_DOCS_SCRIPT}</script></body></html>`;
