import { z } from "zod";
import { type Env, upstreamPolicy } from "../../config";
import { readJson, upstreamFetch } from "../http";

/**
 * plex.tv's PIN sign-in (PLEX_TV_URL, the page on PLEX_APP_URL), as Radarr's PlexTvService:
 * create a strong PIN, send the user to app.plex.tv's auth page with its code, then read the PIN
 * until plex.tv has put the account's token on it. plex.tv ties a PIN to the client identifier
 * that created it, so every call sends this installation's one.
 */

const SERVICE = "plex.tv";
const PRODUCT = "Radarr Edge";

const pinSchema = z.object({
  id: z.number().int().positive(),
  code: z.string().min(1),
  expiresAt: z.string().nullish(),
  authToken: z.string().nullish(),
});
export type PlexPin = z.infer<typeof pinSchema>;

const trimmed = (url: string) => url.replace(/\/$/, "");

/**
 * This installation's client identifier: stable (plex.tv checks it on every read of a PIN) and
 * per installation, derived one way from ENCRYPTION_KEY so no state is needed to keep it.
 */
async function clientIdentifier(env: Env): Promise<string> {
  const seed = new TextEncoder().encode(`radarr-edge-plex-client:${env.ENCRYPTION_KEY ?? env.API_KEY}`);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", seed));
  return `radarr-edge-${[...digest.slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

async function plexHeaders(env: Env): Promise<Record<string, string>> {
  return {
    Accept: "application/json",
    "X-Plex-Client-Identifier": await clientIdentifier(env),
    "X-Plex-Product": PRODUCT,
  };
}

/** POST /api/v2/pins?strong=true: a new PIN for the user to claim on the auth page. */
export async function createPlexPin(env: Env): Promise<PlexPin> {
  const response = await upstreamFetch({
    service: SERVICE,
    url: `${trimmed(env.PLEX_TV_URL)}/api/v2/pins?strong=true`,
    init: { method: "POST", headers: await plexHeaders(env) },
    policy: upstreamPolicy(env),
    // A retried POST would make a second PIN; the user starts again instead.
    attempts: 1,
  });
  return readJson(SERVICE, response, pinSchema);
}

/** GET /api/v2/pins/{id}: the PIN (its token once claimed), or undefined when expired or unknown. */
export async function readPlexPin(env: Env, pinId: number): Promise<PlexPin | undefined> {
  const response = await upstreamFetch({
    service: SERVICE,
    url: `${trimmed(env.PLEX_TV_URL)}/api/v2/pins/${pinId}`,
    init: { headers: await plexHeaders(env) },
    policy: upstreamPolicy(env),
    passStatuses: [404],
  });
  if (response.status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  return readJson(SERVICE, response, pinSchema);
}

/** app.plex.tv's sign-in page for a PIN; Plex sends the user on to `forwardUrl` once signed in. */
export async function plexSignInUrl(env: Env, code: string, forwardUrl?: string): Promise<string> {
  const params = new URLSearchParams({
    clientID: await clientIdentifier(env),
    code,
    "context[device][product]": PRODUCT,
    ...(forwardUrl ? { forwardUrl } : {}),
  });
  return `${trimmed(env.PLEX_APP_URL)}/auth#?${params}`;
}
