import type { Context, Hono } from "hono";
import * as clock from "../clock";
import { TRAKT_SIM_TOKEN } from "../data/lists-trakt";

/**
 * Trakt's OAuth device flow and token endpoints (TRAKT_AUTH_URL points at /trakt):
 *   POST /oauth/device/code    {client_id}                          → device_code, user_code, …
 *   POST /oauth/device/token   {code, client_id, client_secret}     → 200 tokens | 400 pending |
 *                              404 unknown code | 409 already used | 410 expired | 418 denied | 429 slow down
 *   POST /oauth/token          {grant_type: "refresh_token", refresh_token, client_id, client_secret}
 *                              → new tokens (expires_in 86400); a refresh token works once (400 invalid_grant)
 *   POST /oauth/revoke         {token, client_id, client_secret}    → 200
 * A code stays pending until the user approves it at `GET /trakt/activate?code=<user_code>`.
 * Tests script the next answers of a code deterministically:
 *   POST /trakt/__device/<device_code or user_code> {"next": 400 | [400, 429, 200]}
 * The first tokens are always `trakt-sim-token` (what the private list endpoints accept); refreshed
 * tokens are new and accepted too until revoked.
 */

const DEVICE_CODE_LIFETIME_S = 600;
const DEVICE_POLL_INTERVAL_S = 5;
const SIM_TOKEN_LIFETIME_S = 86_400;
const SCRIPTABLE_STATUSES = [200, 400, 404, 409, 410, 418, 429] as const;

interface DeviceCodeState {
  deviceCode: string;
  userCode: string;
  expiresAtMs: number;
  approved: boolean;
  used: boolean;
  script: number[];
}

const devices = new Map<string, DeviceCodeState>();
const deviceByUserCode = new Map<string, string>();
const refreshTokens = new Map<string, { used: boolean }>();
const accessTokens = new Set<string>();
let issued = 0;

/** Whether `Bearer <token>` is an access token the simulated Trakt accepts. */
export function acceptsAccessToken(authorization: string): boolean {
  const token = authorization.replace(/^Bearer /, "");
  return authorization.startsWith("Bearer ") && (token === TRAKT_SIM_TOKEN || accessTokens.has(token));
}

function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function oauthError(
  c: Context,
  status: 400 | 401 | 403 | 404 | 409 | 410 | 418 | 429,
  error: string,
  description: string,
) {
  return c.json({ error, error_description: description }, status);
}

async function readBody(c: Context): Promise<Record<string, unknown>> {
  const body = await c.req.json().catch(() => null);
  return body && typeof body === "object" ? (body as Record<string, unknown>) : {};
}

const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");

function issueTokens(first: boolean) {
  issued++;
  const accessToken = first ? TRAKT_SIM_TOKEN : `trakt-sim-token-${issued}-${randomHex(4)}`;
  const refreshToken = `trakt-sim-refresh-${issued}-${randomHex(8)}`;
  if (!first) accessTokens.add(accessToken);
  refreshTokens.set(refreshToken, { used: false });
  return {
    access_token: accessToken,
    token_type: "bearer",
    expires_in: SIM_TOKEN_LIFETIME_S,
    refresh_token: refreshToken,
    scope: "public",
    created_at: Math.floor(clock.now() / 1000),
  };
}

function deviceFor(code: string): DeviceCodeState | undefined {
  return devices.get(code) ?? devices.get(deviceByUserCode.get(code.toUpperCase()) ?? "");
}

/** Adds the OAuth routes to the Trakt service; call before its API-key middleware is added. */
export function registerTraktOAuth(app: Hono): void {
  app.post("/oauth/device/code", async (c) => {
    const body = await readBody(c);
    if (!text(body.client_id)) return oauthError(c, 403, "forbidden", "Invalid API key or unapproved app");
    const deviceCode = randomHex(32);
    const userCode = randomHex(4).toUpperCase();
    devices.set(deviceCode, {
      deviceCode,
      userCode,
      expiresAtMs: clock.now() + DEVICE_CODE_LIFETIME_S * 1000,
      approved: false,
      used: false,
      script: [],
    });
    deviceByUserCode.set(userCode, deviceCode);
    return c.json({
      device_code: deviceCode,
      user_code: userCode,
      verification_url: `${new URL(c.req.url).origin}/trakt/activate`,
      expires_in: DEVICE_CODE_LIFETIME_S,
      interval: DEVICE_POLL_INTERVAL_S,
    });
  });

  app.post("/oauth/device/token", async (c) => {
    const body = await readBody(c);
    if (!text(body.client_id) || !text(body.client_secret))
      return oauthError(c, 401, "invalid_client", "Client authentication failed");
    const device = devices.get(text(body.code));
    if (!device) return oauthError(c, 404, "not_found", "Invalid device_code");
    const scripted = device.script.shift();
    const status =
      scripted ?? (device.used ? 409 : clock.now() >= device.expiresAtMs ? 410 : device.approved ? 200 : 400);
    switch (status) {
      case 200:
        device.used = true;
        return c.json(issueTokens(true));
      case 400:
        return oauthError(c, 400, "authorization_pending", "Waiting for the user to enter the code");
      case 404:
        return oauthError(c, 404, "not_found", "Invalid device_code");
      case 409:
        return oauthError(c, 409, "already_used", "User already approved this code");
      case 410:
        return oauthError(c, 410, "expired_token", "The tokens have expired, restart the process");
      case 418:
        return oauthError(c, 418, "access_denied", "User explicitly denied this code");
      default:
        return oauthError(c, 429, "slow_down", "Your app is polling too quickly");
    }
  });

  app.post("/oauth/token", async (c) => {
    const body = await readBody(c);
    if (!text(body.client_id) || !text(body.client_secret))
      return oauthError(c, 401, "invalid_client", "Client authentication failed");
    if (body.grant_type !== "refresh_token")
      return oauthError(c, 400, "unsupported_grant_type", "Only refresh_token is simulated");
    const stored = refreshTokens.get(text(body.refresh_token));
    if (!stored || stored.used)
      return oauthError(c, 400, "invalid_grant", "The refresh token is invalid, expired, revoked or already used");
    stored.used = true;
    return c.json(issueTokens(false));
  });

  app.post("/oauth/revoke", async (c) => {
    const body = await readBody(c);
    if (!text(body.client_id)) return oauthError(c, 403, "forbidden", "Invalid API key or unapproved app");
    // The fixed demo token stays valid: other clients of this simulator share it.
    accessTokens.delete(text(body.token));
    return c.json({});
  });

  // The page Trakt's verification_url shows; visiting it with a code approves that code.
  app.get("/activate", (c) => {
    const code = c.req.query("code");
    const device = code ? deviceFor(code) : undefined;
    if (device) device.approved = true;
    const message = device
      ? `Code ${device.userCode} approved: Radarr Edge can now read your Trakt lists (demo data).`
      : "Enter the code Radarr Edge shows: /trakt/activate?code=XXXXXXXX (simulated Trakt, demo data).";
    return c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Trakt activate (simulator)</title></head><body><p>${message}</p></body></html>`,
    );
  });

  app.post("/__device/:code", async (c) => {
    const device = deviceFor(c.req.param("code"));
    if (!device) return c.json({ message: "No such device or user code" }, 404);
    const next = (await readBody(c)).next;
    const statuses = (Array.isArray(next) ? next : [next]).map(Number);
    if (statuses.length === 0 || statuses.some((s) => !(SCRIPTABLE_STATUSES as readonly number[]).includes(s)))
      return c.json({ message: `next must be one or more of ${SCRIPTABLE_STATUSES.join(", ")}` }, 400);
    device.script.push(...statuses);
    return c.json({ deviceCode: device.deviceCode, userCode: device.userCode, script: device.script });
  });
}
