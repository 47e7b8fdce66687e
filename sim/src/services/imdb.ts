import type { Context } from "hono";
import {
  IMDB_LISTS,
  IMDB_WATCHLISTS,
  imdbListEntries,
  imdbListSpec,
  imdbWatchlistEntries,
  imdbWatchlistSpec,
  mostPopular,
  top250,
} from "../data/lists-imdb";
import { imdbExportCsv, truncatedExportCsv } from "../data/lists-imdb-export";
import { chartPageHtml, errorPageHtml, listPageHtml, privateWatchlistHtml } from "../data/lists-imdb-pages";
import { createService } from "./service";

/**
 * IMDb's web pages (www.imdb.com) that list imports read: public lists (`/list/ls…/?page=N`,
 * 250 titles a page), user watchlists (`/user/ur…/watchlist`), the Top 250 and Most Popular
 * charts, and list CSV exports (`/list/ls…/export`). A private list answers 403, a private
 * watchlist a page saying it is private, an unknown one 404 — IMDb's HTML error page each time.
 */

export const imdb = createService({
  name: "imdb",
  description: `IMDb pages (www.imdb.com): lists ${IMDB_LISTS.map((list) => list.id).join(", ")}; watchlists ${IMDB_WATCHLISTS.map((w) => w.userId).join(", ")}; charts /chart/top/ and /chart/moviemeter/; CSV at /list/{id}/export`,
  errorResponse: (status) =>
    new Response(errorPageHtml(status), { status, headers: { "content-type": "text/html; charset=utf-8" } }),
});

const app = imdb.app;

function html(body: string): Response {
  return new Response(body, { headers: { "content-type": "text/html; charset=utf-8" } });
}

function pageNumber(c: Context): number {
  const page = Number(c.req.query("page") ?? "1");
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

app.on("GET", ["/list/:listId", "/list/:listId/"], (c) => {
  const spec = imdbListSpec(c.req.param("listId"));
  if (!spec) return imdb.errorResponse(404);
  if (spec.visibility === "PRIVATE") return imdb.errorResponse(403);
  return html(
    listPageHtml({
      kind: "list",
      id: spec.id,
      name: spec.name,
      authorId: spec.authorId,
      authorName: spec.authorName,
      description: spec.description,
      entries: imdbListEntries(spec),
      page: pageNumber(c),
      embedsJson: spec.embedsJson,
    }),
  );
});

app.get("/list/:listId/export", (c) => {
  const spec = imdbListSpec(c.req.param("listId"));
  if (!spec) return imdb.errorResponse(404);
  if (spec.visibility === "PRIVATE") return imdb.errorResponse(403);
  const full = imdbExportCsv(spec.id, imdbListEntries(spec));
  return new Response(spec.truncatedExport ? truncatedExportCsv(full) : full, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${spec.id}.csv"`,
    },
  });
});

app.on("GET", ["/user/:userId/watchlist", "/user/:userId/watchlist/"], (c) => {
  const spec = imdbWatchlistSpec(c.req.param("userId"));
  if (!spec) return imdb.errorResponse(404);
  if (spec.visibility === "PRIVATE") return html(privateWatchlistHtml(spec.userId));
  return html(
    listPageHtml({
      kind: "watchlist",
      id: spec.userId,
      name: `${spec.userName}'s Watchlist`,
      authorId: spec.userId,
      authorName: spec.userName,
      description: "",
      entries: imdbWatchlistEntries(spec),
      page: pageNumber(c),
      embedsJson: true,
    }),
  );
});

app.on("GET", ["/chart/top", "/chart/top/"], () =>
  html(chartPageHtml({ chart: "top", name: "IMDb Top 250 Movies", titles: top250() })),
);

app.on("GET", ["/chart/moviemeter", "/chart/moviemeter/"], () =>
  html(chartPageHtml({ chart: "moviemeter", name: "Most Popular Movies", titles: mostPopular() })),
);
