import { createRoute, z } from "@hono/zod-openapi";
import { currentApiKey, regenerateApiKey } from "../services/apiKeys";
import { sessionClient } from "./middleware/auth";
import { createRouter, jsonContent } from "./router";
import { errorResponses } from "./schemas/common";
import { setSessionCookie } from "./session";

/**
 * Settings › General's API key (`/api/v3/config/host/apikey`): Show and Regenerate. POST both,
 * so the key is never in a URL a cache or a history keeps, and never stored by a cache
 * (`Cache-Control: no-store`). Regenerate retires the key in use, as Radarr's does.
 */
export const apiKeyRouter = createRouter();
const tags = ["Config"];
const NO_STORE = { "cache-control": "no-store" };

export const apiKeySchema = z
  .object({
    apiKey: z.string().openapi({ description: "The key that works now" }),
    regeneratedAt: z
      .string()
      .nullable()
      .openapi({ description: "When Regenerate made it (ISO 8601); null while it is the API_KEY secret" }),
  })
  .openapi("ApiKey");

apiKeyRouter.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    summary: "The API key in use, in clear (Settings › General › Show)",
    responses: { 200: jsonContent(apiKeySchema, "The key; not stored by caches"), ...errorResponses },
  }),
  async (c) => c.json(await currentApiKey(c.get("db"), c.env), 200, NO_STORE),
);

apiKeyRouter.openapi(
  createRoute({
    method: "post",
    path: "/regenerate",
    tags,
    summary:
      "Makes a new API key and retires the one in use: every client needs the new key, every site session ends (the caller's is re-issued)",
    responses: {
      200: jsonContent(apiKeySchema, "The new key, shown once here; not stored by caches"),
      ...errorResponses,
    },
  }),
  async (c) => {
    // A browser that came with its session keeps one, signed with the new key; an API-key caller has none.
    const client = c.get("sessionId") === undefined ? undefined : sessionClient(c.req);
    const { sessionToken, ...key } = await regenerateApiKey(c.get("db"), c.env, client);
    if (sessionToken) setSessionCookie(c, sessionToken);
    c.get("logger").warn("API key regenerated: the previous key no longer works; every client needs the new one", {
      regeneratedAt: key.regeneratedAt,
    });
    return c.json(key, 200, NO_STORE);
  },
);
