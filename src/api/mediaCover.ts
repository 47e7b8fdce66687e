import { createRoute, z } from "@hono/zod-openapi";
import { requestContext } from "../services/context";
import { mediaCover } from "../services/mediaCover";
import { createRouter } from "./router";
import { errorResponses } from "./schemas/common";

/** Mounted at /api/v3/mediacover. */
export const mediaCoverRouter = createRouter();

mediaCoverRouter.openapi(
  createRoute({
    method: "get",
    path: "/{movieId}/{filename}",
    tags: ["MediaCover"],
    summary:
      "A movie's cover (poster.jpg, fanart.jpg, poster-500.jpg, poster-250.jpg, fanart-360.jpg, fanart-180.jpg), proxied from TMDb's image CDN",
    request: {
      params: z.object({
        movieId: z.coerce
          .number()
          .int()
          .positive()
          .openapi({ param: { name: "movieId", in: "path" } }),
        filename: z
          .string()
          .max(100)
          .openapi({ param: { name: "filename", in: "path" } }),
      }),
    },
    responses: {
      200: { content: { "image/*": { schema: z.string().openapi({ format: "binary" }) } }, description: "The picture" },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { movieId, filename } = c.req.valid("param");
    const image = await mediaCover(requestContext(c), movieId, filename);
    return c.body(image.body ?? "", 200, {
      "content-type": image.contentType,
      "cache-control": "private, max-age=86400",
    });
  },
);
