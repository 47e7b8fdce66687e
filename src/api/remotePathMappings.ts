import { z } from "@hono/zod-openapi";
import { remotePathMappingService } from "../services/remotePathMappings";
import { crudRoutes } from "./crudRoutes";
import { createRouter } from "./router";

export const remotePathMappingRouter = createRouter();
const tags = ["RemotePathMapping"];

export const remotePathMappingSchema = z
  .object({ id: z.number().int(), host: z.string(), remotePath: z.string(), localPath: z.string() })
  .openapi("RemotePathMapping");
// Checked by the service, so each rule names its field (host, remotePath, localPath).
const remotePathMappingInput = z.object({
  host: z.string().max(255).nullish(),
  remotePath: z.string().max(1024).nullish(),
  localPath: z.string().max(1024).nullish(),
});

crudRoutes(remotePathMappingRouter, {
  tags,
  resource: remotePathMappingSchema,
  input: remotePathMappingInput,
  describe: { list: "Remote path mappings", one: "Remote path mapping", created: "Created", updated: "Updated" },
  service: remotePathMappingService,
});
