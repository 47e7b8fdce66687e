import { createRoute, z } from "@hono/zod-openapi";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { isDemoMode } from "../config";
import {
  constantTimeEqual,
  createSessionToken,
  SESSION_COOKIE,
  SESSION_TTL_SECONDS,
  verifySessionToken,
} from "./middleware/auth";
import { ApiError } from "./middleware/errors";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses } from "./schemas/common";

/** Site login: exchanges the API key (or ADMIN_PASSWORD when set) for an HttpOnly session cookie. */
export const sessionRouter = createRouter();
const tags = ["Session"];

const loginSchema = z
  .object({ apiKey: z.string().min(1).max(512).optional(), password: z.string().min(1).max(512).optional() })
  .refine((b) => b.apiKey || b.password, { message: "apiKey or password is required", path: ["apiKey"] });

const sessionSchema = z
  .object({ authenticated: z.boolean(), passwordLogin: z.boolean(), demoMode: z.boolean() })
  .openapi("Session");

sessionRouter.openapi(
  createRoute({
    method: "post",
    path: "/login",
    tags,
    request: { body: jsonBody(loginSchema) },
    responses: { 200: jsonContent(sessionSchema, "Logged in; the cookie is set"), ...errorResponses },
  }),
  async (c) => {
    const { apiKey, password } = c.req.valid("json");
    const serverKey = c.env.API_KEY;
    if (!serverKey) throw new ApiError(401, "API_KEY is not configured on the server");
    const adminPassword = c.env.ADMIN_PASSWORD;
    const ok =
      (apiKey !== undefined && (await constantTimeEqual(apiKey, serverKey))) ||
      (password !== undefined && adminPassword !== undefined && (await constantTimeEqual(password, adminPassword)));
    if (!ok) {
      c.get("logger").warn("login failed");
      throw new ApiError(401, adminPassword ? "Wrong password or API key" : "Wrong API key");
    }
    setCookie(c, SESSION_COOKIE, await createSessionToken(serverKey), {
      httpOnly: true,
      sameSite: "Strict",
      secure: new URL(c.req.url).protocol === "https:",
      path: "/",
      maxAge: SESSION_TTL_SECONDS,
    });
    return c.json({ authenticated: true, passwordLogin: Boolean(adminPassword), demoMode: isDemoMode(c.env) }, 200);
  },
);

sessionRouter.openapi(
  createRoute({ method: "post", path: "/logout", tags, responses: { 200: jsonContent(sessionSchema, "Logged out") } }),
  async (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.json(
      { authenticated: false, passwordLogin: Boolean(c.env.ADMIN_PASSWORD), demoMode: isDemoMode(c.env) },
      200,
    );
  },
);

sessionRouter.openapi(
  createRoute({
    method: "get",
    path: "/session",
    tags,
    responses: { 200: jsonContent(sessionSchema, "Whether this browser is logged in") },
  }),
  async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    const authenticated = Boolean(token && c.env.API_KEY && (await verifySessionToken(c.env.API_KEY, token)));
    return c.json({ authenticated, passwordLogin: Boolean(c.env.ADMIN_PASSWORD), demoMode: isDemoMode(c.env) }, 200);
  },
);
