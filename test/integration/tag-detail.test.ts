import { describe, expect, test } from "vitest";
import { qbittorrentBody, SIM } from "./downloads-helpers";
import { addMovie, addRootFolder, addTag, getJson, sendJson } from "./helpers";
import { torznab } from "./indexerHelpers";

/** GET /tag/detail lists, per tag, every id list Radarr's TagDetailsResource has, from what carries the tag. */

describe("/api/v3/tag/detail", () => {
  test("lists the delay profiles, release profiles, auto tags, providers, notifications and movies carrying a tag", async () => {
    await addRootFolder();
    const tag = await addTag("carried");
    const other = await addTag("elsewhere");
    const delay = await sendJson<{ id: number }>(
      "POST",
      "/api/v3/delayprofile",
      {
        enableUsenet: true,
        enableTorrent: true,
        preferredProtocol: "usenet",
        usenetDelay: 0,
        torrentDelay: 5,
        tags: [tag.id],
      },
      201,
    );
    const release = await sendJson<{ id: number }>(
      "POST",
      "/api/v3/releaseprofile",
      { name: "x265 only", required: ["x265"], ignored: [], tags: [tag.id] },
      201,
    );
    await sendJson("POST", "/api/v3/releaseprofile", { name: "other", required: ["x264"], tags: [other.id] }, 201);
    const autoTag = await sendJson<{ id: number }>(
      "POST",
      "/api/v3/autotagging",
      {
        name: "Sci-fi",
        removeTagsAutomatically: false,
        tags: [tag.id],
        specifications: [
          {
            name: "Genre",
            implementation: "GenreSpecification",
            negate: false,
            required: false,
            fields: [{ name: "value", value: ["Science Fiction"] }],
          },
        ],
      },
      201,
    );
    const indexer = await sendJson<{ id: number }>(
      "POST",
      "/api/v3/indexer?forceSave=true",
      { ...torznab(), tags: [tag.id] },
      201,
    );
    const client = await sendJson<{ id: number }>(
      "POST",
      "/api/v3/downloadclient?forceSave=true",
      { ...qbittorrentBody(), tags: [tag.id, other.id] },
      201,
    );
    const notification = await sendJson<{ id: number }>(
      "POST",
      "/api/v3/notification?forceSave=true",
      {
        name: "Tagged hook",
        implementation: "Webhook",
        fields: [
          { name: "url", value: `${SIM}/hooks/tag-detail` },
          { name: "method", value: "POST" },
        ],
        tags: [tag.id],
      },
      201,
    );
    const movie = await addMovie(603, { tags: [tag.id] });

    const detail = await getJson<Record<string, unknown>>(`/api/v3/tag/detail/${tag.id}`);
    expect(detail).toEqual({
      id: tag.id,
      label: "carried",
      delayProfileIds: [delay.id],
      importListIds: [],
      notificationIds: [notification.id],
      releaseProfileIds: [release.id],
      indexerIds: [indexer.id],
      downloadClientIds: [client.id],
      autoTagIds: [autoTag.id],
      movieIds: [movie.id],
    });
    const all =
      await getJson<{ id: number; releaseProfileIds: number[]; delayProfileIds: number[] }[]>("/api/v3/tag/detail");
    expect(all.find((t) => t.id === tag.id)).toEqual(detail);
    expect(all.find((t) => t.id === other.id)).toMatchObject({ delayProfileIds: [], downloadClientIds: [client.id] });
    expect(all.find((t) => t.id === other.id)?.releaseProfileIds).toHaveLength(1);
  });
});
