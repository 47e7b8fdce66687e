import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { Failure } from "../domain/failures/failure";
import { TRAKT_AUTH_ERROR_CODES } from "../integrations/trakt/deviceFlow";
import { traktAppCredentials, traktAuthStub } from "../integrations/trakt/index";
import type { AppEnv } from "./context";
import { createRouter, jsonContent } from "./router";
import { errorResponses } from "./schemas/common";

/** Connecting a Trakt account through the OAuth device flow: start, status, poll, disconnect. */
export const traktAuthRouter = createRouter();
const tags = ["Trakt"];

export const deviceFlowSchema = z
  .object({
    userCode: z.string().openapi({ description: "The code to enter at verificationUrl", example: "5055CC52" }),
    verificationUrl: z.string().openapi({ example: "https://trakt.tv/activate" }),
    expiresIn: z.number().int().openapi({ description: "Seconds the code stays valid" }),
    interval: z.number().int().openapi({ description: "Seconds between polls" }),
  })
  .openapi("TraktDeviceFlow");

export const statusSchema = z
  .object({
    connected: z.boolean(),
    expiresAt: z.string().nullable().openapi({ description: "When the access token expires (ISO 8601)" }),
    scope: z.string().nullable(),
    polling: z
      .object({
        userCode: z.string(),
        verificationUrl: z.string(),
        expiresAt: z.string(),
        interval: z.number().int(),
      })
      .nullable()
      .openapi({ description: "The device flow waiting for the user, if any" }),
    lastError: z
      .object({ code: z.enum(TRAKT_AUTH_ERROR_CODES), message: z.string(), at: z.string() })
      .nullable()
      .openapi({ description: "Why the last flow stopped or the last refresh failed" }),
  })
  .openapi("TraktAuthStatus");

/** The app's Trakt credentials, or a 400 saying which settings are missing. */
function credentials(c: Context<AppEnv>) {
  const app = traktAppCredentials(c.env);
  if (!app)
    throw new Failure(
      "invalidInput",
      "Trakt is not configured: set TRAKT_CLIENT_ID and TRAKT_CLIENT_SECRET (a Trakt API app) to connect an account",
    );
  return app;
}

traktAuthRouter.openapi(
  createRoute({
    method: "post",
    path: "/auth",
    tags,
    summary: "Start the Trakt device flow: the code to enter at Trakt and where",
    responses: {
      200: jsonContent(deviceFlowSchema, "Device flow started; Radarr Edge polls Trakt until it ends"),
      502: jsonContent(z.object({ message: z.string() }), "Trakt refused or did not answer"),
      ...errorResponses,
    },
  }),
  async (c) => {
    const started = await traktAuthStub(c.env).startDeviceFlow(credentials(c));
    if (!started.ok) return c.json({ message: started.message }, 502);
    const { ok: _ok, ...flow } = started;
    return c.json(flow, 200);
  },
);

traktAuthRouter.openapi(
  createRoute({
    method: "get",
    path: "/auth",
    tags,
    summary: "Trakt connection status (never the tokens)",
    responses: { 200: jsonContent(statusSchema, "Status"), ...errorResponses },
  }),
  async (c) => c.json(await traktAuthStub(c.env).status(), 200),
);

traktAuthRouter.openapi(
  createRoute({
    method: "post",
    path: "/auth/poll",
    tags,
    summary: "Poll Trakt for the device flow's outcome now",
    responses: { 200: jsonContent(statusSchema, "Status after the poll"), ...errorResponses },
  }),
  async (c) => c.json(await traktAuthStub(c.env).poll(credentials(c)), 200),
);

traktAuthRouter.openapi(
  createRoute({
    method: "delete",
    path: "/auth",
    tags,
    summary: "Disconnect Trakt: revoke the token (best effort) and forget it",
    responses: { 200: jsonContent(statusSchema, "Status after disconnecting"), ...errorResponses },
  }),
  async (c) => c.json(await traktAuthStub(c.env).disconnect(traktAppCredentials(c.env)), 200),
);
