import { beforeEach, describe, expect, test } from "vitest";
import {
  addMovie,
  addRootFolder,
  call,
  callsDuring,
  commandToEnd,
  expectFieldError,
  getJson,
  qualityProfileId,
  sendJson,
} from "./helpers";

/**
 * "Don't download what I can stream". In the simulator, The Matrix (603) streams in the US on
 * Netflix (8) and Apple TV+ (350) by subscription; Reloaded (604) streams nowhere; Revolutions
 * (605) on Paramount Plus (531); Resurrections (624860) on Hulu (15) and Peacock (386).
 */
const NETFLIX = 8;
const HULU = 15;
const MATRIX_COLLECTION = 2344;
const MATRIX_PARTS = [603, 604, 605, 624860];
const WANTED = encodeURIComponent("The.Matrix.1999.1080p.BluRay.x264-GRP");

interface StreamingConfig {
  id: number;
  region: string;
  subscribedProviderIds: number[];
  offerTypes: string[];
}
interface Decision {
  accepted: boolean;
  rejections: { specification: string; reason: string; message: string }[];
}
interface Command {
  id: number;
  status: string;
  message?: string;
  outcome?: Record<string, unknown>;
}

const subscribe = (subscribedProviderIds: number[], extra: Record<string, unknown> = {}) =>
  sendJson<StreamingConfig>("PUT", "/api/v3/config/streaming", { subscribedProviderIds, ...extra }, 202);

const runCommand = (body: Record<string, unknown>) => commandToEnd<Command>(body);

async function matrixList(streamingOption: string) {
  const list = await sendJson<{ id: number; streamingOption: string }>(
    "POST",
    "/api/v3/importlist",
    {
      name: `Matrix ${streamingOption}`,
      implementation: "TMDbCollectionImport",
      fields: [{ name: "collectionId", value: MATRIX_COLLECTION }],
      qualityProfileId: await qualityProfileId(),
      rootFolderPath: "/movies",
      streamingOption,
    },
    201,
  );
  expect(list.streamingOption).toBe(streamingOption);
  const command = await runCommand({ name: "ImportListSync", listId: list.id });
  expect(command.status, command.message).toBe("completed");
  return list;
}

const movieByTmdb = async (tmdbId: number) =>
  (
    await getJson<{ id: number; monitored: boolean; streamingUnmonitoredService?: string }[]>(
      `/api/v3/movie?tmdbId=${tmdbId}`,
    )
  )[0];

beforeEach(async () => {
  await addRootFolder();
});

describe("streaming settings", () => {
  test("default to DEFAULT_REGION, no services and the subscription-like offer types", async () => {
    expect(await getJson<StreamingConfig>("/api/v3/config/streaming")).toEqual({
      id: 1,
      region: "US",
      subscribedProviderIds: [],
      offerTypes: ["flatrate", "free", "ads"],
    });
  });

  test("PUT merges, normalises the region and de-duplicates services", async () => {
    const saved = await subscribe([NETFLIX, NETFLIX, HULU], { region: "gb" });
    expect(saved).toEqual({
      id: 1,
      region: "GB",
      subscribedProviderIds: [NETFLIX, HULU],
      offerTypes: ["flatrate", "free", "ads"],
    });
    await sendJson("PUT", "/api/v3/config/streaming", { offerTypes: ["flatrate"] }, 202);
    expect(await getJson<StreamingConfig>("/api/v3/config/streaming")).toMatchObject({
      region: "GB",
      subscribedProviderIds: [NETFLIX, HULU],
      offerTypes: ["flatrate"],
    });
  });

  test("bad input is a 400 naming the field", async () => {
    const put = (body: unknown) => call("PUT", "/api/v3/config/streaming", { body });
    await expectFieldError(await put({ region: "XX" }), "region");
    await expectFieldError(await put({ subscribedProviderIds: ["netflix"] }), "subscribedProviderIds.0");
    await expectFieldError(await put({ offerTypes: ["rent"] }), "offerTypes.0");
    await expectFieldError(await put({ offerTypes: [] }), "offerTypes");
  });
});

describe("the notAvailableOnStreaming decision", () => {
  const parse = () => getJson<{ decision?: Decision }>(`/api/v3/parse?title=${WANTED}&size=9000000000`);

  test("rejects a release for a movie streaming on a subscribed service, naming it", async () => {
    await addMovie(603);
    await subscribe([NETFLIX]);
    const { decision } = await parse();
    expect(decision?.accepted).toBe(false);
    const rejection = decision?.rejections.find((r) => r.reason === "availableOnStreaming");
    expect(rejection?.specification).toBe("notAvailableOnStreaming");
    expect(rejection?.message).toMatch(/Netflix/);
  });

  test("accepts it when the services it streams on are not subscribed", async () => {
    await addMovie(603);
    await subscribe([HULU]);
    expect((await parse()).decision).toEqual({ accepted: true, rejections: [] });
  });

  test("only the configured offer types count (Netflix is a subscription, not free)", async () => {
    await addMovie(603);
    await subscribe([NETFLIX], { offerTypes: ["free"] });
    expect((await parse()).decision?.accepted).toBe(true);
  });

  test("without subscriptions nothing is looked up", async () => {
    await addMovie(603);
    const { result, calls } = await callsDuring("tmdb", "/3/movie/603/watch/providers", parse);
    expect(calls).toBe(0);
    expect(result.decision).toEqual({ accepted: true, rejections: [] });
  });
});

describe("an import list's streaming option", () => {
  test("addUnmonitored adds a streaming movie unmonitored and the rest monitored", async () => {
    await subscribe([NETFLIX]);
    const list = await matrixList("addUnmonitored");
    const movies = await getJson<{ tmdbId: number; monitored: boolean }[]>("/api/v3/movie");
    expect(movies.map((m) => m.tmdbId).sort((a, b) => a - b)).toEqual(MATRIX_PARTS);
    expect(Object.fromEntries(movies.map((m) => [m.tmdbId, m.monitored]))).toEqual({
      603: false,
      604: true,
      605: true,
      624860: true,
    });
    const [run] = await getJson<Record<string, unknown>[]>(`/api/v3/importlist/${list.id}/history`);
    expect(run).toMatchObject({ status: "success", added: 4, streamingUnmonitored: 1, streamingSkipped: 0 });
  });

  test("skip leaves a streaming movie out, its item marked streaming", async () => {
    await subscribe([NETFLIX]);
    const list = await matrixList("skip");
    const movies = await getJson<{ tmdbId: number; monitored: boolean }[]>("/api/v3/movie");
    expect(movies.map((m) => m.tmdbId).sort((a, b) => a - b)).toEqual([604, 605, 624860]);
    expect(movies.every((m) => m.monitored)).toBe(true);
    const [run] = await getJson<Record<string, unknown>[]>(`/api/v3/importlist/${list.id}/history`);
    expect(run).toMatchObject({ added: 3, streamingSkipped: 1, streamingUnmonitored: 0 });
    const items = await getJson<{ records: { tmdbId: number }[] }>(
      `/api/v3/importlist/${list.id}/items?status=streaming`,
    );
    expect(items.records.map((r) => r.tmdbId)).toEqual([603]);
  });

  test("without subscriptions the option changes nothing and nothing is looked up", async () => {
    const { calls } = await callsDuring("tmdb", "/3/movie/603/watch/providers", () => matrixList("skip"));
    expect(calls).toBe(0);
    const movies = await getJson<{ tmdbId: number; monitored: boolean }[]>("/api/v3/movie");
    expect(movies.length).toBe(4);
    expect(movies.every((m) => m.monitored)).toBe(true);
  });

  test("the option defaults to ignore and is validated", async () => {
    const base = {
      implementation: "TMDbCollectionImport",
      fields: [{ name: "collectionId", value: MATRIX_COLLECTION }],
      qualityProfileId: await qualityProfileId(),
      rootFolderPath: "/movies",
    };
    const list = await sendJson<{ streamingOption: string }>("POST", "/api/v3/importlist", { name: "A", ...base }, 201);
    expect(list.streamingOption).toBe("ignore");
    await expectFieldError(
      await call("POST", "/api/v3/importlist", { body: { name: "B", ...base, streamingOption: "sometimes" } }),
      "streamingOption",
    );
  });
});

describe("StreamingAvailabilityCheck", () => {
  test("keeps a movie unmonitored while it streams and re-monitors it once its service is dropped", async () => {
    await subscribe([NETFLIX]);
    await matrixList("addUnmonitored");
    const matrix = await movieByTmdb(603);
    expect(matrix).toMatchObject({ monitored: false, streamingUnmonitoredService: "Netflix" });
    expect(
      (await getJson<{ streamingUnmonitoredService?: string }>(`/api/v3/movie/${matrix.id}`))
        .streamingUnmonitoredService,
    ).toBe("Netflix");

    const still = await runCommand({ name: "StreamingAvailabilityCheck" });
    expect(still.status, still.message).toBe("completed");
    expect(still.outcome).toMatchObject({ checked: 1, remonitored: [], stillStreaming: 1 });
    expect((await movieByTmdb(603)).monitored).toBe(false);

    await subscribe([HULU]);
    const check = await runCommand({ name: "StreamingAvailabilityCheck" });
    expect(check.status, check.message).toBe("completed");
    expect(check.outcome).toMatchObject({
      checked: 1,
      remonitored: [{ movieId: matrix.id, title: "The Matrix", previousService: "Netflix" }],
    });
    const remonitored = await movieByTmdb(603);
    expect(remonitored.monitored).toBe(true);
    expect(remonitored.streamingUnmonitoredService).toBeUndefined();

    // Done with: a later run has nothing to check.
    const again = await runCommand({ name: "StreamingAvailabilityCheck" });
    expect(again.outcome).toMatchObject({ checked: 0, remonitored: [] });
  });

  test("is scheduled every six hours", async () => {
    const tasks = await getJson<{ name: string; taskName?: string; interval?: number }[]>("/api/v3/system/task");
    expect(JSON.stringify(tasks)).toMatch(/StreamingAvailabilityCheck/);
  });
});
