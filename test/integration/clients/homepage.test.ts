import { describe, expect, test } from "vitest";
import { addMovie, addRootFolder } from "../helpers";
import { downloader, read, type Sent } from "./replay";

/**
 * Homepage's Radarr widgets, replayed as they call: gethomepage/homepage v1.12.3 (commit b2a52ff2,
 * 2026-04-30), src/widgets/radarr/widget.js + component.jsx (the service widget) and
 * src/widgets/calendar/integrations/radarr.jsx (the calendar widget). The generic proxy builds
 * `{url}/api/v3/{endpoint}?apikey={key}` (a second `?` turned into `&`, so the endpoint's own
 * parameters come first), sends no API key header, and maps the JSON as asserted here.
 */

const homepage = (endpoint: string): Sent => ({ path: `/api/v3/${endpoint}`, key: "query" });

interface MovieEntry {
  id: number;
  title: string;
  monitored: boolean;
  hasFile: boolean;
  isAvailable: boolean;
}

/** widget.js mappings.movie.map. */
function movieCounts(data: MovieEntry[]) {
  return {
    wanted: data.filter((item) => item.monitored && !item.hasFile && item.isAvailable).length,
    have: data.filter((item) => item.hasFile).length,
    missing: data.filter((item) => item.monitored && !item.hasFile).length,
    all: data.map((entry) => ({ title: entry.title, id: entry.id })),
  };
}

interface QueueDetail {
  trackedDownloadState: string;
  trackedDownloadStatus: string;
  timeleft: string;
  size: number;
  sizeleft: number;
  movieId?: number;
  id: number;
  status: string;
}

const STAR_WARS = 11;
const EMPIRE = 1891;
const RAIDERS = 85;
const SPACE_ODYSSEY = 62;

describe("Homepage: the Radarr service widget", () => {
  test("movie → wanted/missing/have, queue/status → totalCount", async () => {
    await addRootFolder();
    const grabs = await downloader();
    const owned = await addMovie(STAR_WARS, { monitored: true });
    await grabs.grab(owned.id, 0);
    const downloading = await addMovie(EMPIRE, { monitored: true });
    await grabs.grab(downloading.id, 3600);
    await addMovie(RAIDERS, { monitored: true });
    await addMovie(SPACE_ODYSSEY, { monitored: false });

    const counts = movieCounts(await read<MovieEntry[]>(homepage("movie")));
    expect(counts).toMatchObject({ wanted: 2, missing: 2, have: 1 });
    expect(counts.all).toContainEqual({ title: "The Empire Strikes Back", id: downloading.id });

    // validate: ["totalCount"]; the block shows totalCount as "queued".
    const queued = await read<{ totalCount: number }>(homepage("queue/status"));
    expect(queued.totalCount).toBe(1);
  }, 120_000);

  test("queue/details → the queue entries (enableQueue): trackedDownloadState, timeleft, size, sizeleft, movieId", async () => {
    await addRootFolder();
    const grabs = await downloader();
    const downloading = await addMovie(EMPIRE, { monitored: true });
    await grabs.grab(downloading.id, 3600);
    const details = await read<QueueDetail[]>(homepage("queue/details"));
    expect(Array.isArray(details)).toBe(true);
    const entries = details.map((entry) => ({
      trackedDownloadState: entry.trackedDownloadState,
      timeLeft: entry.timeleft,
      size: entry.size,
      sizeLeft: entry.sizeleft,
      movieId: entry.movieId ?? entry.id,
      status: entry.status,
    }));
    expect(entries).toEqual([
      {
        trackedDownloadState: "downloading",
        timeLeft: expect.stringMatching(/^(\d+\.)?\d{2}:\d{2}:\d{2}$/),
        size: expect.any(Number),
        sizeLeft: expect.any(Number),
        movieId: downloading.id,
        status: expect.any(String),
      },
    ]);
    // component.jsx: progress = (1 - sizeLeft / size) * 100, a number.
    expect(Number.isFinite(1 - entries[0].sizeLeft / entries[0].size)).toBe(true);
  }, 90_000);
});

describe("Homepage: the calendar widget's Radarr integration", () => {
  test("calendar?start&end&unmonitored → inCinemas/physicalRelease/digitalRelease events, titleSlug, hasFile", async () => {
    await addRootFolder();
    const movie = await addMovie(STAR_WARS, { monitored: true });
    // component.jsx: three months either side of the shown date, as yyyy-MM-dd; unmonitored false.
    const events = await read<
      {
        title: string;
        titleSlug: string;
        hasFile: boolean;
        inCinemas?: string;
        physicalRelease?: string;
        digitalRelease?: string;
      }[]
    >(homepage("calendar?start=1977-03-01&end=1977-09-01&unmonitored=false"));
    expect(events).toEqual([expect.objectContaining({ title: movie.title, hasFile: false })]);
    expect(typeof events[0].titleSlug).toBe("string");
    // DateTime.fromISO(event.inCinemas) must be valid.
    expect(Number.isNaN(Date.parse(events[0].inCinemas ?? ""))).toBe(false);
  });
});
