import { env } from "cloudflare:workers";
import { call, getJson } from "../helpers";
import { type Area, MATRIX, MATRIX_COLLECTION, type Resource } from "./harness";

/** Star Wars: TMDb lists alternative titles for it (The Matrix has none). */
const STAR_WARS = 11;

/** The library's satellite resources and views: import, alternative titles, credits, wanted, calendar, covers, folder. */
export const library: Area = async (check, { movieId, profileId }) => {
  const add = (tmdbId: number) => ({
    tmdbId,
    qualityProfileId: profileId,
    rootFolderPath: "/movies",
    monitored: false,
    minimumAvailability: "released",
    tags: [],
    addOptions: { searchForMovie: false },
  });
  const imported = await check<Resource[]>("POST /api/v3/movie/import", "/api/v3/movie/import", [
    add(MATRIX),
    add(STAR_WARS),
  ]);
  const starWars = imported[1].id;

  const titles = await check<Resource[]>("GET /api/v3/alttitle", `/api/v3/alttitle?movieId=${starWars}`);
  await check("GET /api/v3/alttitle/{id}", `/api/v3/alttitle/${titles[0].id}`);
  const credits = await check<Resource[]>("GET /api/v3/credit", `/api/v3/credit?movieId=${movieId}`);
  await check("GET /api/v3/credit/{id}", `/api/v3/credit/${credits[0].id}`);

  await check("GET /api/v3/wanted/missing", "/api/v3/wanted/missing?sortKey=movieMetadata.sortTitle");
  await check("GET /api/v3/wanted/cutoff", "/api/v3/wanted/cutoff?monitored=true");
  const movie = await getJson<{ inCinemas: string }>(`/api/v3/movie/${movieId}`);
  const day = Date.parse(movie.inCinemas);
  const range = `start=${new Date(day - 86_400_000).toISOString()}&end=${new Date(day + 86_400_000).toISOString()}`;
  await check("GET /api/v3/calendar", `/api/v3/calendar?${range}&unmonitored=true`);
  await check("GET /feed/v3/calendar/radarr.ics", `/feed/v3/calendar/radarr.ics?pastDays=36000&apikey=${env.API_KEY}`);

  await check("GET /api/v3/movie/{id}/folder", `/api/v3/movie/${movieId}/folder`);
  await check("GET /api/v3/mediacover/{movieId}/{filename}", `/api/v3/mediacover/${movieId}/poster-500.jpg`);

  const [collection] = await check<Resource[]>(
    "GET /api/v3/collection",
    `/api/v3/collection?tmdbId=${MATRIX_COLLECTION}`,
  );
  const got = await check("GET /api/v3/collection/{id}", `/api/v3/collection/${collection.id}`);
  await check("PUT /api/v3/collection/{id}", `/api/v3/collection/${collection.id}`, { ...got, monitored: false });
  await check("PUT /api/v3/collection", "/api/v3/collection", { collectionIds: [collection.id], searchOnAdd: false });
  const discovered = await check<Resource[]>(
    "GET /api/v3/importlist/movie",
    "/api/v3/importlist/movie?includeTrending=true",
  );
  const [fromDiscover] = await check<Resource[]>("POST /api/v3/importlist/movie", "/api/v3/importlist/movie", [
    add(discovered[0].tmdbId as number),
  ]);
  await call("DELETE", `/api/v3/movie/${fromDiscover.id}`);
  await call("DELETE", `/api/v3/movie/${starWars}`);
};
