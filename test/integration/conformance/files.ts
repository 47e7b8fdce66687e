import { expect } from "vitest";
import { runCommand, simClient } from "../downloads-helpers";
import { getJson } from "../helpers";
import type { Area, Resource } from "./harness";

interface Client extends Resource {
  fields: { name: string; value: unknown }[];
}

/** The Matrix downloaded at once and imported through the conformance run's qBittorrent. */
async function importMatrix(movieId: number, client: Client) {
  await runCommand("MoviesSearch", { movieIds: [movieId] });
  await runCommand("RefreshMonitoredDownloads");
  const [file] = await getJson<Resource[]>(`/api/v3/moviefile?movieId=${movieId}`);
  expect(file, "an imported movie file").toBeDefined();
  return { file, client };
}

/** Movie files, renames, extra files, disk space and manual import (files of the download clients). */
export const files: Area = async (check, { movieId, downloadClientId }) => {
  const client = await getJson<Client>(`/api/v3/downloadclient/${downloadClientId}`);
  const qb = simClient("qbittorrent", String(client.fields.find((f) => f.name === "username")?.value));
  await qb.speed(0);
  const { file } = await importMatrix(movieId, client);
  // The movie resource embeds its file (movieFile) once it has one: Radarr's MovieFileResource.
  const withFile = await check<{ movieFile?: Resource }>("GET /api/v3/movie/{id}", `/api/v3/movie/${movieId}`);
  expect(withFile.movieFile?.id, "the embedded movie file").toBe(file.id);
  await check("GET /api/v3/movie", "/api/v3/movie");
  await check("POST /api/v3/command", "/api/v3/command", { name: "RescanMovie", movieId });

  await check("GET /api/v3/moviefile", `/api/v3/moviefile?movieId=${movieId}`);
  const got = await check("GET /api/v3/moviefile/{id}", `/api/v3/moviefile/${file.id}`);
  await check("PUT /api/v3/moviefile/{id}", `/api/v3/moviefile/${file.id}`, { ...got, releaseGroup: "CONF" });
  await check("PUT /api/v3/moviefile/editor", "/api/v3/moviefile/editor", { movieFileIds: [file.id], edition: "IMAX" });
  await check("PUT /api/v3/moviefile/bulk", "/api/v3/moviefile/bulk", [{ id: file.id, indexerFlags: 1 }]);
  await check("GET /api/v3/extrafile", `/api/v3/extrafile?movieId=${movieId}`);
  await check("GET /api/v3/diskspace", "/api/v3/diskspace");
  await check("GET /api/v3/rename", `/api/v3/rename?movieId=${movieId}`);

  const downloads = await qb.downloads();
  const downloadId = downloads[downloads.length - 1]?.id;
  const items = await check<Resource[]>(
    "GET /api/v3/manualimport",
    `/api/v3/manualimport?downloadId=${downloadId}&filterExistingFiles=false`,
  );
  expect(items.length, "the imported download's files").toBeGreaterThan(0);
  await check("POST /api/v3/manualimport", "/api/v3/manualimport", [
    { id: items[0].id, path: items[0].path, movieId, downloadId },
  ]);

  await check("DELETE /api/v3/moviefile/{id}", `/api/v3/moviefile/${file.id}`);
  const { file: second } = await importMatrix(movieId, client);
  await check("DELETE /api/v3/moviefile/bulk", "/api/v3/moviefile/bulk", { movieFileIds: [second.id] });
  await qb.speed(3600);
};
