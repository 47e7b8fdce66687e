import { SIM } from "../downloads-helpers";
import type { Area, Resource } from "./harness";

interface TagDetail extends Resource {
  delayProfileIds: number[];
  releaseProfileIds: number[];
  downloadClientIds: number[];
}

/**
 * Download client templates with Radarr's priority fields, a SABnzbd client on its web login with
 * both priorities, and tag details naming the delay and release profiles that carry a tag.
 */
export const clientPriorities: Area = async (check) => {
  await check("GET /api/v3/downloadclient/schema", "/api/v3/downloadclient/schema");
  const tag = await check("POST /api/v3/tag", "/api/v3/tag", { label: "priorities" });
  const sim = new URL(SIM);
  const client = await check("POST /api/v3/downloadclient", "/api/v3/downloadclient", {
    name: "SABnzbd login",
    implementation: "Sabnzbd",
    configContract: "SabnzbdSettings",
    enable: true,
    protocol: "usenet",
    priority: 1,
    tags: [tag.id],
    fields: [
      { name: "host", value: sim.hostname },
      { name: "port", value: Number(sim.port) },
      { name: "urlBase", value: "/sabnzbd" },
      { name: "username", value: "conformance" },
      { name: "password", value: "conformance-pass" },
      { name: "recentMoviePriority", value: 1 },
      { name: "olderMoviePriority", value: -1 },
    ],
  });
  await check("GET /api/v3/downloadclient/{id}", `/api/v3/downloadclient/${client.id}`);
  const delay = await check("POST /api/v3/delayprofile", "/api/v3/delayprofile", {
    enableUsenet: true,
    enableTorrent: true,
    preferredProtocol: "usenet",
    usenetDelay: 30,
    torrentDelay: 30,
    tags: [tag.id],
  });
  const release = await check("POST /api/v3/releaseprofile", "/api/v3/releaseprofile", {
    name: "priorities",
    required: ["x265"],
    tags: [tag.id],
  });
  const detail = await check<TagDetail>("GET /api/v3/tag/detail/{id}", `/api/v3/tag/detail/${tag.id}`);
  const all = await check<TagDetail[]>("GET /api/v3/tag/detail", "/api/v3/tag/detail");
  for (const found of [detail, all.find((t) => t.id === tag.id)]) {
    if (
      found?.delayProfileIds.join() !== String(delay.id) ||
      found.releaseProfileIds.join() !== String(release.id) ||
      found.downloadClientIds.join() !== String(client.id)
    )
      throw new Error(`tag detail does not name what carries the tag: ${JSON.stringify(found)}`);
  }
  await check("DELETE /api/v3/releaseprofile/{id}", `/api/v3/releaseprofile/${release.id}`);
  await check("DELETE /api/v3/delayprofile/{id}", `/api/v3/delayprofile/${delay.id}`);
  await check("DELETE /api/v3/downloadclient/{id}", `/api/v3/downloadclient/${client.id}`);
  await check("DELETE /api/v3/tag/{id}", `/api/v3/tag/${tag.id}`);
};
