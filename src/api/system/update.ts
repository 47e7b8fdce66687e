import { createRoute, z } from "@hono/zod-openapi";
import { deployHistory } from "../../services/updates";
import { createRouter, jsonContent } from "../router";
import { errorResponses } from "../schemas/common";

/**
 * Radarr's /api/v3/update, for a Worker: the versions deployed (the deploy history, newest
 * first), the running one `installed` and `latest`. Updating is a deploy (`npm run deploy`), so
 * nothing is `installable` from here.
 */
export const updateRouter = createRouter();

export const updateSchema = z
  .object({
    id: z.number().int(),
    version: z.string(),
    branch: z.string(),
    releaseDate: z.string(),
    fileName: z.string(),
    url: z.string().nullable(),
    installed: z.boolean(),
    installedOn: z.string().nullable(),
    installable: z.boolean(),
    latest: z.boolean(),
    changes: z.object({ new: z.array(z.string()), fixed: z.array(z.string()) }),
    hash: z.string().nullable(),
    /** Not in Radarr: the Cloudflare Worker version id (empty without the version metadata binding). */
    versionId: z.string(),
  })
  .openapi("Update");

updateRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Update"],
    summary: "The deployed versions, newest first: the running one is installed and latest",
    responses: { 200: jsonContent(z.array(updateSchema), "Deployed versions"), ...errorResponses },
  }),
  async (c) => {
    const history = [...(await deployHistory(c.env, c.get("db")))].reverse();
    return c.json(
      history.map((d, index) => ({
        id: index + 1,
        version: d.version,
        branch: "main",
        releaseDate: d.releaseDate,
        fileName: d.versionId ? `radarr-edge-${d.version}-${d.versionId}` : `radarr-edge-${d.version}`,
        url: null,
        installed: index === 0,
        installedOn: d.installedOn,
        installable: false,
        latest: index === 0,
        changes: { new: [], fixed: [] },
        hash: d.versionId || null,
        versionId: d.versionId,
      })),
      200,
    );
  },
);
