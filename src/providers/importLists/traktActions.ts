import type { Env } from "../../config";
import { Failure } from "../../domain/failures/failure";
import { traktAppCredentials, traktAuthStub } from "../../integrations/trakt/index";
import type { ProviderAction } from "../definition";

/** The app's Trakt credentials, or a 400 saying which settings are missing. */
function credentials(env: Env) {
  const app = traktAppCredentials(env);
  if (!app)
    throw new Failure(
      "invalidInput",
      "Trakt is not configured: set TRAKT_CLIENT_ID and TRAKT_CLIENT_SECRET (a Trakt API app) to connect an account",
    );
  return app;
}

/**
 * Radarr's Trakt list actions, on the one Trakt connection every Trakt list reads with (the
 * TraktAuth object's device flow; Radarr's OAuth redirect needs a browser callback, the device
 * flow does not). `startOAuth` starts the flow: the code to enter at `oauthUrl`. `getOAuthToken`
 * polls Trakt once (while a flow waits) and answers the connection's status; the tokens stay in the app, never in
 * the list's settings.
 */
export const TRAKT_LIST_ACTIONS: Readonly<Record<string, ProviderAction<unknown>>> = {
  startOAuth: async (_source, { env }) => {
    const started = await traktAuthStub(env).startDeviceFlow(credentials(env));
    if (!started.ok)
      throw new Failure("upstreamError", `Trakt did not start the device flow: ${started.message}`, {
        service: "trakt",
      });
    const { ok: _ok, ...flow } = started;
    return { oauthUrl: flow.verificationUrl, ...flow };
  },
  // The connection keeps the credentials the flow started with.
  getOAuthToken: async (_source, { env }) => traktAuthStub(env).poll(traktAppCredentials(env)),
};
