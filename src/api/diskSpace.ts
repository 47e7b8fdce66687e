import { createRoute, z } from "@hono/zod-openapi";
import { requestContext } from "../services/context";
import { diskSpace } from "../services/diskSpace";
import { createRouter, jsonContent } from "./router";
import { errorResponses } from "./schemas/common";

/** Radarr's `/api/v3/diskspace`, reinterpreted: the download clients' free space (the Worker has no disk). */
export const diskSpaceRouter = createRouter();

const diskSpaceSchema = z
  .object({
    id: z.number().int().openapi({ description: "The download client's id" }),
    path: z.string().openapi({ description: "The folder the download client saves to" }),
    label: z.string().openapi({ description: "The download client's name" }),
    freeSpace: z.number().int(),
    totalSpace: z.number().int().openapi({ description: "0 when the client does not report it (qBittorrent)" }),
  })
  .openapi("DiskSpace");

diskSpaceRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["DiskSpace"],
    summary: "Free space where each enabled download client saves (unreachable clients left out)",
    responses: { 200: jsonContent(z.array(diskSpaceSchema), "One entry per download client"), ...errorResponses },
  }),
  async (c) => c.json(await diskSpace(requestContext(c)), 200),
);
