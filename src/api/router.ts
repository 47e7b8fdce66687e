import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./context";
import { validationResponse, zodFieldErrors } from "./middleware/errors";

const TARGET_NAMES: Record<string, string> = { json: "body", query: "query", param: "path", header: "header" };

/** A router whose zod validation failures answer 400 `{message, errors:[{path, message}]}`. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success)
        return validationResponse(c, zodFieldErrors(result.error, TARGET_NAMES[result.target] ?? result.target));
    },
  });
}

export const jsonContent = <T>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

/** A required JSON request body validated by `schema`. */
export const jsonBody = <T>(schema: T) => ({ content: { "application/json": { schema } }, required: true });
