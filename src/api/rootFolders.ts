import { z } from "@hono/zod-openapi";
import { absolutePathSetting } from "../domain/validation/paths";
import { rootFolderService } from "../services/rootFolders";
import { crudRoutes } from "./crudRoutes";
import { createRouter } from "./router";

export const rootFolderRouter = createRouter();
const tags = ["RootFolder"];

export const rootFolderSchema = z
  .object({
    id: z.number().int(),
    path: z.string(),
    accessible: z.boolean(),
    freeSpace: z.number().nullable(),
    totalSpace: z.number().nullable(),
    movieCount: z.number().int(),
    unmappedFolders: z.array(z.object({ name: z.string(), path: z.string() })),
  })
  .openapi("RootFolder");

// Absolute POSIX paths or Windows drive/UNC paths: where the download client host keeps movies.
const rootFolderInput = z.object({ path: absolutePathSetting() });

crudRoutes(rootFolderRouter, {
  tags,
  resource: rootFolderSchema,
  input: rootFolderInput,
  describe: { list: "Root folders", one: "Root folder", created: "Added" },
  service(db) {
    const service = rootFolderService(db);
    return { list: service.list, get: service.get, add: ({ path }) => service.add(path), remove: service.remove };
  },
});
