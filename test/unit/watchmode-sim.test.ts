import { describe, expect, test } from "vitest";
import { ID_MAP_BASE_ROWS, ID_MAP_HEADER, idMapRowCount, idMapVersion } from "../../sim/src/data/watchmode-id-map";
import app from "../../sim/src/index";
import { CsvRecordReader } from "../../src/integrations/watchmode/csv";

// The simulator's Watchmode dataset, driven through its Hono app as the Worker serves it.

const DATASET = "/watchmode/datasets/title_id_map.csv";

async function setVersion(version: number) {
  const res = await app.request("/watchmode/__dataset", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ version }),
  });
  expect(res.status).toBe(200);
}

/** Reads the whole body through the incremental reader, chunk by chunk as it streams. */
async function records(res: Response): Promise<string[][]> {
  const reader = new CsvRecordReader();
  const decoder = new TextDecoder();
  const out: string[][] = [];
  const body = (res.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await body.read();
    if (done) break;
    out.push(...reader.push(decoder.decode(value, { stream: true })));
  }
  return [...out, ...reader.push(decoder.decode()), ...reader.end()];
}

describe("simulated Watchmode title id map", () => {
  test("serves the header and at least 300,000 rows with an ETag and Last-Modified", async () => {
    const res = await app.request(`${DATASET}?apiKey=sim-watchmode-key`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    expect(res.headers.get("etag")).toBe(idMapVersion(1).etag);
    expect(res.headers.get("last-modified")).toBe(idMapVersion(1).lastModified);
    const rows = await records(res);
    expect(rows[0].join(",")).toBe(ID_MAP_HEADER);
    expect(rows.length - 1).toBe(ID_MAP_BASE_ROWS);
    expect(rows.every((row) => row.length === 6)).toBe(true);
    expect(rows[1]).toEqual([
      "1000000",
      expect.stringMatching(/^tt/),
      expect.stringMatching(/^\d+$/),
      "movie",
      expect.any(String),
      expect.stringMatching(/^\d{4}$|^$/),
    ]);
  });

  test("answers 304 to a matching If-None-Match or a recent If-Modified-Since", async () => {
    const { etag, lastModified } = idMapVersion(1);
    const url = `${DATASET}?apiKey=k`;
    expect((await app.request(url, { headers: { "If-None-Match": etag } })).status).toBe(304);
    expect((await app.request(url, { headers: { "If-Modified-Since": lastModified } })).status).toBe(304);
    const stale = await app.request(url, { headers: { "If-None-Match": '"title-id-map-v0"' } });
    expect(stale.status).toBe(200);
    await stale.body?.cancel();
  });

  test("a new version changes the validators and the rows", async () => {
    await setVersion(3);
    try {
      const res = await app.request(`${DATASET}?apiKey=k`, { headers: { "If-None-Match": idMapVersion(1).etag } });
      expect(res.status).toBe(200);
      expect(res.headers.get("etag")).toBe(idMapVersion(3).etag);
      expect((await records(res)).length - 1).toBe(idMapRowCount(3));
    } finally {
      await setVersion(1);
    }
  });

  test("rejects a missing or invalid apiKey with Watchmode's JSON error", async () => {
    for (const url of [DATASET, `${DATASET}?apiKey=invalid-key`]) {
      const res = await app.request(url);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ success: false, statusCode: 401, statusMessage: "Your API key is invalid." });
    }
  });
});
