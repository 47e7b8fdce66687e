import { createRoute, z } from "@hono/zod-openapi";
import { resourceNotFound } from "../domain/failures/failure";
import { liveSessions, revokeSessionById } from "../services/apiKeys";
import { createRouter, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";

/** The site's login sessions (`/api/v3/system/session`): listed and revoked one by one. */
export const systemSessionRouter = createRouter();
const tags = ["System"];

export const sessionSchema = z
  .object({
    id: z.number().int(),
    createdAt: z.string().openapi({ description: "When the login happened (ISO 8601, UTC)" }),
    lastSeenAt: z.string().openapi({ description: "Last request with this session, to the minute" }),
    expiresAt: z.string(),
    userAgent: z.string(),
    clientAddress: z.string().openapi({ description: "CF-Connecting-IP at login or last use; 'local' without it" }),
    current: z.boolean().openapi({ description: "True for the session this request came with" }),
  })
  .openapi("SystemSession");

systemSessionRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "Live site sessions (logins not yet logged out, revoked or expired)",
    responses: { 200: jsonContent(z.array(sessionSchema), "Sessions"), ...errorResponses },
  }),
  async (c) => {
    const rows = await liveSessions(c.get("db"), c.env);
    const current = c.get("sessionId");
    return c.json(
      rows.map((row) => ({
        id: row.id,
        createdAt: row.createdAt,
        lastSeenAt: row.lastSeenAt,
        expiresAt: row.expiresAt,
        userAgent: row.userAgent,
        clientAddress: row.clientAddress,
        current: row.id === current,
      })),
      200,
    );
  },
);

systemSessionRouter.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Revokes a session: its cookie stops working at once",
    request: { params: idParamSchema },
    responses: { 200: jsonContent(z.object({}), "Revoked"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    if (!(await revokeSessionById(c.get("db"), c.env, id))) throw resourceNotFound(`Session ${id}`);
    return c.json({}, 200);
  },
);
