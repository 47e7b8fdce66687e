import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import * as clock from "../../clock";
import type { AppEnv } from "../context";
import { ApiError } from "./errors";

export const SESSION_COOKIE = "radarr_edge_session";
export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;

const encoder = new TextEncoder();

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

/** Compares two secrets in time independent of where they differ (both are hashed first). */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([sha256(a), sha256(b)]);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
  return diff === 0;
}

async function hmac(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
  return btoa(String.fromCharCode(...signature))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** A session token: its expiry and an HMAC keyed by the API key (changing the key ends sessions). */
export async function createSessionToken(apiKey: string, now = clock.now()): Promise<string> {
  const expires = Math.floor(now / 1000) + SESSION_TTL_SECONDS;
  return `${expires}.${await hmac(apiKey, `session:${expires}`)}`;
}

export async function verifySessionToken(apiKey: string, token: string, now = clock.now()): Promise<boolean> {
  const [expiresText, signature] = token.split(".");
  const expires = Number(expiresText);
  if (!signature || !Number.isInteger(expires) || expires * 1000 < now) return false;
  return constantTimeEqual(signature, await hmac(apiKey, `session:${expires}`));
}

/** The API key a request presents: X-Api-Key header, apikey query parameter, or a Bearer token. */
function presentedApiKey(req: { header(name: string): string | undefined; query(name: string): string | undefined }) {
  const bearer = req.header("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1];
  return req.header("x-api-key") ?? req.query("apikey") ?? bearer;
}

/** Every guarded route needs the API key or a session cookie obtained with it. */
export const requireApiKey = createMiddleware<AppEnv>(async (c, next) => {
  const apiKey = c.env.API_KEY;
  if (!apiKey) throw new ApiError(401, "API_KEY is not configured on the server; set it to use the API");
  const presented = presentedApiKey(c.req);
  if (presented !== undefined) {
    if (!(await constantTimeEqual(presented, apiKey))) throw new ApiError(401, "Invalid API key");
    return next();
  }
  const session = getCookie(c, SESSION_COOKIE);
  if (session && (await verifySessionToken(apiKey, session))) return next();
  throw new ApiError(401, "Unauthorized: send the API key in X-Api-Key, ?apikey= or Authorization: Bearer");
});
