import { z } from "zod";
import { type Env, upstreamPolicy } from "../../config";
import { Failure, type UpstreamFailure } from "../../domain/failures/failure";
import { metrics } from "../../observability/metrics";

/**
 * Trakt's OAuth endpoints (TRAKT_AUTH_URL): device code, device token, refresh and revoke. The
 * device token endpoint answers its progress with status codes (400 pending, 429 slow down, …),
 * so calls here return the status instead of going through the shared retry layer, which would
 * retry them and count them towards the circuit breaker.
 */

const SERVICE = "trakt";

export interface TraktAppCredentials {
  clientId: string;
  clientSecret: string;
}

/** The app's Trakt credentials from the environment, or undefined when either is missing. */
export function traktAppCredentials(env: Env): TraktAppCredentials | undefined {
  const clientId = env.TRAKT_CLIENT_ID?.trim();
  const clientSecret = env.TRAKT_CLIENT_SECRET?.trim();
  return clientId && clientSecret ? { clientId, clientSecret } : undefined;
}

const deviceCodeSchema = z.object({
  device_code: z.string().min(1),
  user_code: z.string().min(1),
  verification_url: z.string().min(1),
  expires_in: z.number().positive(),
  interval: z.number().positive(),
});
export type DeviceCode = z.infer<typeof deviceCodeSchema>;

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
  refresh_token: z.string().min(1),
  scope: z.string().default("public"),
  created_at: z.number().nonnegative(),
});
export type TraktTokenResponse = z.infer<typeof tokenResponseSchema>;

interface OAuthAnswer {
  status: number;
  body: unknown;
}

async function oauthPost(env: Env, path: string, body: Record<string, string>): Promise<OAuthAnswer> {
  const url = `${env.TRAKT_AUTH_URL.replace(/\/$/, "")}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "trakt-api-version": "2", "trakt-api-key": body.client_id },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(upstreamPolicy(env).timeoutMs),
    });
  } catch (cause) {
    metrics.upstreamCall(SERVICE, "error", "none");
    const timedOut = cause instanceof DOMException && (cause.name === "TimeoutError" || cause.name === "AbortError");
    throw timedOut
      ? new Failure("connectionTimeout", "Trakt's OAuth server did not answer in time", { service: SERVICE })
      : new Failure("connectionFailed", `Could not reach Trakt's OAuth server: ${(cause as Error).message}`, {
          service: SERVICE,
        });
  }
  metrics.upstreamCall(SERVICE, response.ok ? "ok" : "error", response.status);
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: response.status, body: parsed };
}

function parsed<T>(schema: z.ZodType<T>, answer: OAuthAnswer, what: string): T {
  const result = schema.safeParse(answer.body);
  if (!result.success)
    throw new Failure("parseError", `Trakt sent an unexpected ${what} response`, {
      service: SERVICE,
      status: answer.status,
    });
  return result.data;
}

function failed(answer: OAuthAnswer, what: string): UpstreamFailure {
  const kind = answer.status === 401 || answer.status === 403 ? "authenticationFailed" : "upstreamError";
  const hint = kind === "authenticationFailed" ? "; check TRAKT_CLIENT_ID and TRAKT_CLIENT_SECRET" : "";
  return new Failure(kind, `Trakt refused the ${what} (HTTP ${answer.status})${hint}`, {
    service: SERVICE,
    status: answer.status,
  });
}

/** POST /oauth/device/code: a code for the user to enter at the verification URL. */
export async function requestDeviceCode(env: Env, app: TraktAppCredentials): Promise<DeviceCode> {
  const answer = await oauthPost(env, "/oauth/device/code", { client_id: app.clientId });
  if (answer.status !== 200) throw failed(answer, "device code request");
  return parsed(deviceCodeSchema, answer, "device code");
}

/** POST /oauth/device/token: one poll; the status says how the user is getting on. */
export async function pollDeviceToken(
  env: Env,
  app: TraktAppCredentials,
  deviceCode: string,
): Promise<{ status: number; tokens?: TraktTokenResponse }> {
  const answer = await oauthPost(env, "/oauth/device/token", {
    code: deviceCode,
    client_id: app.clientId,
    client_secret: app.clientSecret,
  });
  if (answer.status !== 200) return { status: answer.status };
  return { status: 200, tokens: parsed(tokenResponseSchema, answer, "token") };
}

/** POST /oauth/token with grant_type=refresh_token: new tokens; the refresh token is spent. */
export async function refreshTokens(
  env: Env,
  app: TraktAppCredentials,
  refreshToken: string,
): Promise<TraktTokenResponse> {
  const answer = await oauthPost(env, "/oauth/token", {
    refresh_token: refreshToken,
    client_id: app.clientId,
    client_secret: app.clientSecret,
    redirect_uri: "urn:ietf:wg:oauth:2.0:oob",
    grant_type: "refresh_token",
  });
  if (answer.status !== 200) throw failed(answer, "token refresh");
  return parsed(tokenResponseSchema, answer, "token");
}

/** POST /oauth/revoke: invalidates an access token. */
export async function revokeToken(env: Env, app: TraktAppCredentials, accessToken: string): Promise<void> {
  const answer = await oauthPost(env, "/oauth/revoke", {
    token: accessToken,
    client_id: app.clientId,
    client_secret: app.clientSecret,
  });
  if (answer.status !== 200) throw failed(answer, "token revocation");
}
