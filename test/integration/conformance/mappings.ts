import type { Area, Resource } from "./harness";

/** Remote path mappings, auto tagging and custom filters: every operation Radarr has for them. */
export const mappings: Area = async (check, { profileId }) => {
  const mapping = await check("POST /api/v3/remotepathmapping", "/api/v3/remotepathmapping", {
    host: "nas",
    remotePath: "/downloads/",
    localPath: "/data/downloads/",
  });
  await check("GET /api/v3/remotepathmapping", "/api/v3/remotepathmapping");
  const got = await check("GET /api/v3/remotepathmapping/{id}", `/api/v3/remotepathmapping/${mapping.id}`);
  await check("PUT /api/v3/remotepathmapping/{id}", `/api/v3/remotepathmapping/${mapping.id}`, {
    ...got,
    localPath: "/mnt/downloads/",
  });
  await check("DELETE /api/v3/remotepathmapping/{id}", `/api/v3/remotepathmapping/${mapping.id}`);

  await check("GET /api/v3/autotagging/schema", "/api/v3/autotagging/schema");
  const tag = await check("POST /api/v3/tag", "/api/v3/tag", { label: "auto" });
  const rule = await check("POST /api/v3/autotagging", "/api/v3/autotagging", {
    name: "Profile",
    removeTagsAutomatically: true,
    tags: [tag.id],
    specifications: [
      {
        name: "profile",
        implementation: "QualityProfileSpecification",
        negate: false,
        required: false,
        fields: [{ name: "value", value: profileId }],
      },
    ],
  });
  await check("GET /api/v3/autotagging", "/api/v3/autotagging");
  const gotRule = await check("GET /api/v3/autotagging/{id}", `/api/v3/autotagging/${rule.id}`);
  await check("PUT /api/v3/autotagging/{id}", `/api/v3/autotagging/${rule.id}`, { ...gotRule, name: "Profile 2" });
  await check("DELETE /api/v3/autotagging/{id}", `/api/v3/autotagging/${rule.id}`);
  await check("DELETE /api/v3/tag/{id}", `/api/v3/tag/${tag.id}`);

  const filter = await check<Resource>("POST /api/v3/customfilter", "/api/v3/customfilter", {
    type: "movieIndex",
    label: "Monitored",
    filters: [{ key: "monitored", value: true, type: "equal" }],
  });
  await check("GET /api/v3/customfilter", "/api/v3/customfilter");
  const gotFilter = await check("GET /api/v3/customfilter/{id}", `/api/v3/customfilter/${filter.id}`);
  await check("PUT /api/v3/customfilter/{id}", `/api/v3/customfilter/${filter.id}`, { ...gotFilter, label: "On" });
  await check("DELETE /api/v3/customfilter/{id}", `/api/v3/customfilter/${filter.id}`);
};
