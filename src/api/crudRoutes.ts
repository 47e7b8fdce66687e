import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Database } from "../db/client";
import type { AppEnv } from "./context";
import { jsonBody, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";

/** What a simple resource's service offers the routes; `update` only where the resource can change. */
interface CrudService<Resource, Input> {
  list(): Promise<Resource[]>;
  get(id: number): Promise<Resource>;
  add(input: Input): Promise<Resource>;
  update?(id: number, input: Input): Promise<Resource>;
  remove(id: number): Promise<unknown>;
}

interface CrudOptions<Resource extends z.ZodType, Input extends z.ZodType> {
  tags: string[];
  resource: Resource;
  input: Input;
  /** Response descriptions: the list, one resource, a created one, an updated one. */
  describe: { list: string; one: string; created: string; updated?: string };
  service(db: Database): CrudService<z.output<Resource>, z.output<Input>>;
}

/**
 * Radarr's five routes for a simple resource (tags, root folders, exclusions): list, get, add,
 * update where the service can, delete. Register a resource's own fixed paths (`/detail`) first.
 */
export function crudRoutes<Resource extends z.ZodType, Input extends z.ZodType>(
  router: OpenAPIHono<AppEnv>,
  options: CrudOptions<Resource, Input>,
) {
  const { tags, resource, input, describe, service } = options;
  const byId = { params: idParamSchema };
  // The handlers answer with what the service returns; the schemas describe it for the document.
  const open = router.openapi.bind(router) as (route: ReturnType<typeof createRoute>, handler: Handler) => void;
  open(
    createRoute({
      method: "get",
      path: "/",
      tags,
      responses: { 200: jsonContent(z.array(resource), describe.list), ...errorResponses },
    }),
    async (c) => c.json(await service(c.get("db")).list(), 200),
  );
  open(
    createRoute({
      method: "get",
      path: "/{id}",
      tags,
      request: byId,
      responses: { 200: jsonContent(resource, describe.one), ...errorResponses },
    }),
    async (c) => c.json(await service(c.get("db")).get(idOf(c)), 200),
  );
  open(
    createRoute({
      method: "post",
      path: "/",
      tags,
      request: { body: jsonBody(input) },
      responses: { 201: jsonContent(resource, describe.created), ...errorResponses },
    }),
    async (c) => c.json(await service(c.get("db")).add(bodyOf(c)), 201),
  );
  if (describe.updated) {
    open(
      createRoute({
        method: "put",
        path: "/{id}",
        tags,
        request: { ...byId, body: jsonBody(input) },
        responses: { 202: jsonContent(resource, describe.updated), ...errorResponses },
      }),
      async (c) => {
        const update = service(c.get("db")).update;
        if (!update) throw new Error("crudRoutes: describe.updated without service.update");
        return c.json(await update(idOf(c), bodyOf(c)), 202);
      },
    );
  }
  open(
    createRoute({
      method: "delete",
      path: "/{id}",
      tags,
      request: byId,
      responses: { 200: jsonContent(z.object({}), "Deleted"), ...errorResponses },
    }),
    async (c) => {
      await service(c.get("db")).remove(idOf(c));
      return c.json({}, 200);
    },
  );
}

// biome-ignore lint/suspicious/noExplicitAny: the validated request, typed by the route each handler is registered with.
type Handler = (c: any) => Promise<Response>;
// biome-ignore lint/suspicious/noExplicitAny: as above.
const idOf = (c: any): number => c.req.valid("param").id;
// biome-ignore lint/suspicious/noExplicitAny: as above.
const bodyOf = (c: any) => c.req.valid("json");
