import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { Failure } from "../../domain/failures/failure";
import { apiKeyMatches, verifySession } from "../../services/apiKeys";
import type { SessionClient } from "../../services/sessions";
import type { AppEnv } from "../context";

export const SESSION_COOKIE = "radarr_edge_session";

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

/** What a session row records about the browser: its user agent and address (CF-Connecting-IP). */
export function sessionClient(req: { header(name: string): string | undefined }): SessionClient {
  return { userAgent: req.header("user-agent") ?? "", clientAddress: clientAddress(req) };
}

/** The caller's address as Cloudflare reports it; a fixed key locally, where there is no such header. */
export function clientAddress(req: { header(name: string): string | undefined }): string {
  return req.header("cf-connecting-ip")?.trim() || "local";
}

/** The API key a request presents: X-Api-Key header, apikey query parameter, or a Bearer token. */
function presentedApiKey(req: { header(name: string): string | undefined; query(name: string): string | undefined }) {
  const bearer = req.header("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1];
  return req.header("x-api-key") ?? req.query("apikey") ?? bearer;
}

/**
 * Every guarded route needs the API key that works now (services/apiKeys.ts: the secret, or the
 * key Regenerate made) or a session cookie obtained with it.
 */
export const requireApiKey = createMiddleware<AppEnv>(async (c, next) => {
  const db = c.get("db");
  const presented = presentedApiKey(c.req);
  if (presented !== undefined) {
    if (!(await apiKeyMatches(db, c.env, presented))) throw new Failure("unauthenticated", "Invalid API key");
    return next();
  }
  const token = getCookie(c, SESSION_COOKIE);
  const session = token ? await verifySession(db, c.env, token, sessionClient(c.req)) : undefined;
  if (session) {
    c.set("sessionId", session.id);
    return next();
  }
  throw new Failure(
    "unauthenticated",
    "Unauthorized: send the API key in X-Api-Key, ?apikey= or Authorization: Bearer",
  );
});
