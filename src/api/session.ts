import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { isDemoMode } from "../config";
import { Failure } from "../domain/failures/failure";
import { apiKeyMatches, revokeSession, startSession, verifySession } from "../services/apiKeys";
import { clearLoginAttempts, LOGIN_ATTEMPT_LIMIT, reserveLoginAttempt } from "../services/loginThrottle";
import { SESSION_TTL_SECONDS } from "../services/sessions";
import type { AppEnv } from "./context";
import { clientAddress, constantTimeEqual, SESSION_COOKIE, sessionClient } from "./middleware/auth";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses } from "./schemas/common";

/**
 * Site login: exchanges the API key (or ADMIN_PASSWORD when set) for an HttpOnly cookie naming a
 * session stored in D1 (listed and revoked under /api/v3/system/session). Attempts are throttled
 * per client address: the sixth within a minute answers 429 with Retry-After.
 */
export const sessionRouter = createRouter();
const tags = ["Session"];

const loginSchema = z
  .object({ apiKey: z.string().min(1).max(512).optional(), password: z.string().min(1).max(512).optional() })
  .refine((b) => b.apiKey || b.password, { message: "apiKey or password is required", path: ["apiKey"] });

export const sessionSchema = z
  .object({ authenticated: z.boolean(), passwordLogin: z.boolean(), demoMode: z.boolean() })
  .openapi("Session");

sessionRouter.openapi(
  createRoute({
    method: "post",
    path: "/login",
    tags,
    request: { body: jsonBody(loginSchema) },
    responses: {
      200: jsonContent(sessionSchema, "Logged in; the cookie is set"),
      ...errorResponses,
      429: jsonContent(
        z.object({ message: z.string() }),
        `More than ${LOGIN_ATTEMPT_LIMIT} attempts from this address within a minute; Retry-After says when to try again`,
      ),
    },
  }),
  async (c) => {
    const { apiKey, password } = c.req.valid("json");
    if (!c.env.API_KEY) throw new Failure("unauthenticated", "API_KEY is not configured on the server");
    const db = c.get("db");
    const client = clientAddress(c.req);
    const attempt = await reserveLoginAttempt(db, client);
    if (!attempt.allowed) {
      c.get("logger").warn("login throttled", { clientAddress: client });
      throw new Failure("throttled", `Too many login attempts; try again in ${attempt.retryAfterSeconds} seconds`, {
        retryAfter: attempt.retryAfterSeconds,
      });
    }
    const adminPassword = c.env.ADMIN_PASSWORD;
    const ok =
      (apiKey !== undefined && (await apiKeyMatches(db, c.env, apiKey))) ||
      (password !== undefined && adminPassword !== undefined && (await constantTimeEqual(password, adminPassword)));
    if (!ok) {
      c.get("logger").warn("login failed");
      throw new Failure("unauthenticated", adminPassword ? "Wrong password or API key" : "Wrong API key");
    }
    await clearLoginAttempts(db, client);
    setSessionCookie(c, await startSession(db, c.env, sessionClient(c.req)));
    return c.json({ authenticated: true, passwordLogin: Boolean(adminPassword), demoMode: isDemoMode(c.env) }, 200);
  },
);

sessionRouter.openapi(
  createRoute({
    method: "post",
    path: "/logout",
    tags,
    summary: "Revokes this browser's session and clears its cookie",
    responses: { 200: jsonContent(sessionSchema, "Logged out") },
  }),
  async (c) => {
    await endSession(c);
    return c.json(
      { authenticated: false, passwordLogin: Boolean(c.env.ADMIN_PASSWORD), demoMode: isDemoMode(c.env) },
      200,
    );
  },
);

// Radarr's GET /logout (a link in its UI): the same logout, then to the site's start page.
sessionRouter.get("/logout", async (c) => {
  await endSession(c);
  return c.redirect("/", 302);
});

/** Gives this browser the session cookie naming `token` (login; Regenerate re-issues it). */
export function setSessionCookie(c: Context<AppEnv>, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    secure: new URL(c.req.url).protocol === "https:",
    path: "/",
    maxAge: SESSION_TTL_SECONDS,
  });
}

/** Revokes this browser's session, if any, and clears its cookie. */
async function endSession(c: Context<AppEnv>) {
  const token = getCookie(c, SESSION_COOKIE);
  if (token && c.env.API_KEY) await revokeSession(c.get("db"), c.env, token);
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}

sessionRouter.openapi(
  createRoute({
    method: "get",
    path: "/session",
    tags,
    responses: { 200: jsonContent(sessionSchema, "Whether this browser is logged in") },
  }),
  async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    const authenticated = Boolean(token && c.env.API_KEY && (await verifySession(c.get("db"), c.env, token)));
    return c.json({ authenticated, passwordLogin: Boolean(c.env.ADMIN_PASSWORD), demoMode: isDemoMode(c.env) }, 200);
  },
);
