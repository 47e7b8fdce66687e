import * as clock from "../../clock";
import { invalidInput } from "../../domain/failures/failure";
import { createPlexPin, plexSignInUrl, readPlexPin } from "../../integrations/plex/plexTv";
import type { ProviderAction } from "../definition";

/** `callbackUrl`, when given, is where Plex sends the user back: an http(s) address. */
function callbackUrl(query: Record<string, string>): string | undefined {
  const given = query.callbackUrl?.trim();
  if (!given) return undefined;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw invalidInput("query.callbackUrl", "must be an absolute http(s) URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw invalidInput("query.callbackUrl", "must be an absolute http(s) URL");
  return url.href;
}

function pinId(query: Record<string, string>): number {
  const id = Number(query.pinId);
  if (!query.pinId || !Number.isInteger(id) || id <= 0)
    throw invalidInput("query.pinId", "must be the pinId that startOAuth answered");
  return id;
}

/**
 * Plex sign-in for the Plex Watchlist list (Radarr's PIN flow). `startOAuth` creates a PIN on
 * plex.tv and answers the page to send the user to (`oauthUrl`) with the `pinId` to poll.
 * `getOAuthToken?pinId=` reads the PIN once: `pending` until the user has signed in, then
 * `claimed` with `accessToken`, which the action router seals (a secret field's value never
 * leaves in clear): the form keeps it in the Access Token field and saving the list stores it.
 * An expired or unknown PIN is a 400 on `query.pinId`: the user starts again.
 */
export const PLEX_LIST_ACTIONS: Readonly<Record<string, ProviderAction<unknown>>> = {
  startOAuth: async (_source, { env, query }) => {
    const forwardUrl = callbackUrl(query);
    const pin = await createPlexPin(env);
    return {
      oauthUrl: await plexSignInUrl(env, pin.code, forwardUrl),
      pinId: pin.id,
      code: pin.code,
      expiresAt: pin.expiresAt ?? null,
    };
  },
  getOAuthToken: async (_source, { env, query }) => {
    const id = pinId(query);
    const pin = await readPlexPin(env, id);
    // plex.tv forgets an expired PIN (404); one read at the very end of its life says so too.
    if (!pin || (!pin.authToken && pin.expiresAt && Date.parse(pin.expiresAt) <= clock.now()))
      throw invalidInput("query.pinId", "The Plex sign-in has expired or is unknown: start Sign in with Plex again");
    if (!pin.authToken) return { status: "pending", pinId: id, expiresAt: pin.expiresAt ?? null };
    return { status: "claimed", pinId: id, accessToken: pin.authToken };
  },
};
