import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
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

/**
 * The validated fields a PUT body named, without its id: a partial zod schema fills in the
 * defaults of the fields a body left out, and a PUT changes only what it sends.
 */
export async function sentChanges(c: Context<AppEnv>, parsed: Record<string, unknown>) {
  const raw: unknown = await c.req.json();
  const sent = typeof raw === "object" && raw !== null ? raw : {};
  return Object.fromEntries(Object.entries(parsed).filter(([key]) => key !== "id" && key in sent));
}
