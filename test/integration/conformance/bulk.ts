import { expect } from "vitest";
import { qbittorrentBody, SIM, unique } from "../downloads-helpers";
import { getJson } from "../helpers";
import { torznab } from "../indexerHelpers";
import type { Area, Resource } from "./harness";

/** Bulk edits and deletes, provider actions, and the exclusions' page and bulk routes. */
export const bulk: Area = async (check, { profileId }) => {
  const qbittorrent = qbittorrentBody(unique("qb"), { enable: false });
  await check("POST /api/v3/downloadclient/action/{name}", "/api/v3/downloadclient/action/getCategories", qbittorrent);
  const client = await check("POST /api/v3/downloadclient", "/api/v3/downloadclient", qbittorrent);
  await check("PUT /api/v3/downloadclient/bulk", "/api/v3/downloadclient/bulk", { ids: [client.id], priority: 7 });
  await check("DELETE /api/v3/downloadclient/bulk", "/api/v3/downloadclient/bulk", { ids: [client.id] });

  const indexerBody = torznab(undefined, {
    enableRss: false,
    enableAutomaticSearch: false,
    enableInteractiveSearch: false,
  });
  await check("POST /api/v3/indexer/action/{name}", "/api/v3/indexer/action/newznabCategories", indexerBody);
  const indexer = await check("POST /api/v3/indexer", "/api/v3/indexer", indexerBody);
  await check("PUT /api/v3/indexer/bulk", "/api/v3/indexer/bulk", { ids: [indexer.id], enableRss: true });
  await check("DELETE /api/v3/indexer/bulk", "/api/v3/indexer/bulk", { ids: [indexer.id] });

  const list = await check("POST /api/v3/importlist", "/api/v3/importlist", {
    name: unique("Bulk list"),
    implementation: "TMDbCollectionImport",
    fields: [{ name: "collectionId", value: 2344 }],
    qualityProfileId: profileId,
    rootFolderPath: "/movies",
  });
  await check("POST /api/v3/importlist/action/{name}", "/api/v3/importlist/action/getOAuthToken", {
    implementation: "TraktUserImport",
    fields: [],
  });
  await check("PUT /api/v3/importlist/bulk", "/api/v3/importlist/bulk", { ids: [list.id], enableAuto: false });
  await check("DELETE /api/v3/importlist/bulk", "/api/v3/importlist/bulk", { ids: [list.id] });

  await check("POST /api/v3/notification/action/{name}", "/api/v3/notification/action/preview?event=grab", {
    implementation: "Webhook",
    fields: [{ name: "url", value: `${SIM}/hooks/${unique("bulk")}` }],
  });

  const format = await check("POST /api/v3/customformat", "/api/v3/customformat", {
    name: unique("Bulk format"),
    specifications: [
      {
        name: "title",
        implementation: "ReleaseTitleSpecification",
        negate: false,
        required: true,
        fields: [{ name: "value", value: "\\bIMAX\\b" }],
      },
    ],
  });
  await check("PUT /api/v3/customformat/bulk", "/api/v3/customformat/bulk", {
    ids: [format.id],
    includeCustomFormatWhenRenaming: true,
  });
  await check("DELETE /api/v3/customformat/bulk", "/api/v3/customformat/bulk", { ids: [format.id] });

  const added = await check<Resource[]>("POST /api/v3/exclusions/bulk", "/api/v3/exclusions/bulk", [
    { tmdbId: 9_100_001, movieTitle: "Bulk One", movieYear: 2001 },
    { tmdbId: 9_100_002, movieTitle: "Bulk Two", movieYear: 2002 },
  ]);
  expect(added).toHaveLength(2);
  await check("GET /api/v3/exclusions/paged", "/api/v3/exclusions/paged?sortKey=movieTitle&sortDirection=ascending");
  await check("PUT /api/v3/exclusions/{id}", `/api/v3/exclusions/${added[0].id}`, {
    tmdbId: 9_100_001,
    movieTitle: "Bulk One (edited)",
    movieYear: 2001,
  });
  await check("DELETE /api/v3/exclusions/bulk", "/api/v3/exclusions/bulk", { ids: added.map((e) => e.id) });
  expect((await getJson<Resource[]>("/api/v3/exclusions")).some((e) => e.tmdbId === 9_100_001)).toBe(false);
};
