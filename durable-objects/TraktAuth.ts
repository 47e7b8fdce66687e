import { DurableObject } from "cloudflare:workers";
import * as clock from "../src/clock";
import type { Env } from "../src/config";
import { Failure } from "../src/domain/failures/failure";
import {
  devicePollOutcome,
  isTokenUsable,
  refreshDueAtMs,
  slowedInterval,
  type TraktAuthErrorCode,
} from "../src/integrations/trakt/deviceFlow";
import {
  pollDeviceToken,
  refreshTokens,
  requestDeviceCode,
  revokeToken,
  type TraktAppCredentials,
  traktAppCredentials,
} from "../src/integrations/trakt/oauth";
import { rootLogger } from "../src/observability/logger";
import { decryptSecret, encryptSecret } from "../src/services/secrets";
import { TraktTokenStore } from "../src/services/traktTokens";

/** A device flow in progress: kept in this object's storage, never shown but for its user code. */
interface DeviceFlowState {
  deviceCode: string;
  userCode: string;
  verificationUrl: string;
  expiresAtMs: number;
  intervalSeconds: number;
  nextPollAtMs: number;
}

interface TraktAuthError {
  code: TraktAuthErrorCode;
  message: string;
  at: string;
}

export interface TraktAuthStatus {
  connected: boolean;
  expiresAt: string | null;
  scope: string | null;
  polling: { userCode: string; verificationUrl: string; expiresAt: string; interval: number } | null;
  lastError: TraktAuthError | null;
}

export type DeviceFlowStart =
  | { ok: true; userCode: string; verificationUrl: string; expiresIn: number; interval: number }
  | { ok: false; message: string };

export type TraktRefreshResult = { ok: true; expiresAt: string } | { ok: false; message: string };

const FLOW_KEY = "flow";
const REFRESH_AT_KEY = "refreshAt";
const LAST_ERROR_KEY = "lastError";
const APP_KEY = "app";
/** After a refresh that failed for a passing reason (network, 5xx), try again this much later. */
const REFRESH_RETRY_MS = 5 * 60 * 1000;

/**
 * The one Trakt connection (named "default"). Runs the OAuth device flow, polling Trakt on an
 * alarm at the interval it asks for, and refreshes the tokens on an alarm before they expire.
 * Refresh tokens are single use, so refreshes are serialised: callers arriving while one runs
 * share its result and the token is spent once. Tokens live encrypted in D1 (trakt_tokens).
 */
export class TraktAuth extends DurableObject<Env> {
  private refreshing: Promise<TraktRefreshResult> | null = null;
  private polling: Promise<void> | null = null;
  private readonly logger = rootLogger.child({ component: "TraktAuth" });
  private readonly tokens: TraktTokenStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    clock.configureClock(env.SIM_NOW, env.SIM_CLOCK_START);
    this.tokens = new TraktTokenStore(env);
  }

  /** Starts a device flow (replacing one in progress): the code the user enters and where. */
  async startDeviceFlow(given?: TraktAppCredentials): Promise<DeviceFlowStart> {
    const app = await this.credentials(given);
    let code: Awaited<ReturnType<typeof requestDeviceCode>>;
    try {
      code = await requestDeviceCode(this.env, app);
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
    const now = clock.now();
    const flow: DeviceFlowState = {
      deviceCode: code.device_code,
      userCode: code.user_code,
      verificationUrl: code.verification_url,
      expiresAtMs: now + code.expires_in * 1000,
      intervalSeconds: code.interval,
      nextPollAtMs: now + code.interval * 1000,
    };
    await this.ctx.storage.put(FLOW_KEY, flow);
    await this.ctx.storage.delete(LAST_ERROR_KEY);
    await this.scheduleAlarm();
    this.logger.info("trakt device flow started", { expiresIn: code.expires_in, interval: code.interval });
    return {
      ok: true,
      userCode: code.user_code,
      verificationUrl: code.verification_url,
      expiresIn: code.expires_in,
      interval: code.interval,
    };
  }

  /** Polls Trakt once now (the alarm does this on its own at the interval); then the status. */
  async poll(given?: TraktAppCredentials): Promise<TraktAuthStatus> {
    if (!this.polling) {
      this.polling = this.pollOnce(given).finally(() => {
        this.polling = null;
      });
    }
    await this.polling;
    return this.status();
  }

  /** Refreshes the tokens; a call while one runs shares it. */
  refresh(given?: TraktAppCredentials): Promise<TraktRefreshResult> {
    this.refreshing ??= this.runRefresh(given).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** An access token with life left, refreshing first if needed; undefined when not connected. */
  async accessToken(given?: TraktAppCredentials): Promise<string | undefined> {
    let tokens = await this.tokens.load();
    if (!tokens) return undefined;
    if (isTokenUsable(tokens.expiresAtMs, clock.now())) return tokens.accessToken;
    if (!(await this.refresh(given)).ok) return undefined;
    tokens = await this.tokens.load();
    return tokens && isTokenUsable(tokens.expiresAtMs, clock.now()) ? tokens.accessToken : undefined;
  }

  async status(): Promise<TraktAuthStatus> {
    const [summary, flow, lastError] = await Promise.all([
      this.tokens.summary(),
      this.ctx.storage.get<DeviceFlowState>(FLOW_KEY),
      this.ctx.storage.get<TraktAuthError>(LAST_ERROR_KEY),
    ]);
    return {
      connected: summary !== undefined,
      expiresAt: summary ? new Date(summary.expiresAtMs).toISOString() : null,
      scope: summary?.scope ?? null,
      polling: flow
        ? {
            userCode: flow.userCode,
            verificationUrl: flow.verificationUrl,
            expiresAt: new Date(flow.expiresAtMs).toISOString(),
            interval: flow.intervalSeconds,
          }
        : null,
      lastError: lastError ?? null,
    };
  }

  /** Revokes the access token at Trakt (best effort), forgets the tokens and any flow. */
  async disconnect(given?: TraktAppCredentials): Promise<TraktAuthStatus> {
    if (this.refreshing) await this.refreshing.catch(() => undefined);
    const tokens = await this.tokens.load().catch(() => undefined);
    if (tokens) {
      try {
        await revokeToken(this.env, await this.credentials(given), tokens.accessToken);
      } catch (error) {
        this.logger.warn("trakt token revocation failed; forgetting the tokens anyway", {
          error: (error as Error).message,
        });
      }
    }
    await this.tokens.delete();
    await this.ctx.storage.delete([FLOW_KEY, REFRESH_AT_KEY, LAST_ERROR_KEY]);
    await this.scheduleAlarm();
    return this.status();
  }

  /** One alarm serves both jobs: it fires for whichever is due first, poll or refresh. */
  override async alarm(): Promise<void> {
    const [flow, refreshAt] = await Promise.all([
      this.ctx.storage.get<DeviceFlowState>(FLOW_KEY),
      this.ctx.storage.get<number>(REFRESH_AT_KEY),
    ]);
    const due = Math.min(flow?.nextPollAtMs ?? Infinity, refreshAt ?? Infinity);
    if (flow && flow.nextPollAtMs <= due) await this.poll();
    if (refreshAt !== undefined && refreshAt <= due) await this.refresh();
    await this.scheduleAlarm();
  }

  private async pollOnce(given?: TraktAppCredentials): Promise<void> {
    const flow = await this.ctx.storage.get<DeviceFlowState>(FLOW_KEY);
    if (!flow) return;
    const now = clock.now();
    if (now >= flow.expiresAtMs) {
      await this.stopFlow("expired", "The code expired before it was entered at Trakt; start again");
      return;
    }
    let answer: Awaited<ReturnType<typeof pollDeviceToken>>;
    try {
      answer = await pollDeviceToken(this.env, await this.credentials(given), flow.deviceCode);
    } catch (error) {
      await this.setLastError("upstreamError", `${(error as Error).message}; polling continues`);
      await this.nextPoll(flow, flow.intervalSeconds);
      return;
    }
    const outcome = devicePollOutcome(answer.status);
    switch (outcome.kind) {
      case "approved": {
        if (!answer.tokens) return;
        const summary = await this.tokens.save(answer.tokens);
        await this.ctx.storage.delete([FLOW_KEY, LAST_ERROR_KEY]);
        await this.ctx.storage.put(
          REFRESH_AT_KEY,
          refreshDueAtMs(summary.expiresAtMs, answer.tokens.expires_in * 1000),
        );
        await this.scheduleAlarm();
        this.logger.info("trakt account connected", { expiresAt: new Date(summary.expiresAtMs).toISOString() });
        return;
      }
      case "pending":
        return this.nextPoll(flow, flow.intervalSeconds);
      case "slowDown":
        return this.nextPoll(flow, slowedInterval(flow.intervalSeconds));
      case "retry":
        await this.setLastError("upstreamError", outcome.message);
        return this.nextPoll(flow, flow.intervalSeconds);
      case "stopped":
        return this.stopFlow(outcome.code, outcome.message);
    }
  }

  private async nextPoll(flow: DeviceFlowState, intervalSeconds: number): Promise<void> {
    await this.ctx.storage.put(FLOW_KEY, {
      ...flow,
      intervalSeconds,
      nextPollAtMs: clock.now() + intervalSeconds * 1000,
    } satisfies DeviceFlowState);
    await this.scheduleAlarm();
  }

  private async stopFlow(code: TraktAuthErrorCode, message: string): Promise<void> {
    await this.ctx.storage.delete(FLOW_KEY);
    await this.setLastError(code, message);
    await this.scheduleAlarm();
    this.logger.warn("trakt device flow stopped", { code });
  }

  private async runRefresh(given?: TraktAppCredentials): Promise<TraktRefreshResult> {
    const tokens = await this.tokens.load();
    if (!tokens) return { ok: false, message: "No Trakt account is connected" };
    try {
      const fresh = await refreshTokens(this.env, await this.credentials(given), tokens.refreshToken);
      const summary = await this.tokens.save(fresh);
      await this.ctx.storage.put(REFRESH_AT_KEY, refreshDueAtMs(summary.expiresAtMs, fresh.expires_in * 1000));
      await this.ctx.storage.delete(LAST_ERROR_KEY);
      await this.scheduleAlarm();
      return { ok: true, expiresAt: new Date(summary.expiresAtMs).toISOString() };
    } catch (error) {
      const message = (error as Error).message;
      const rejected = error instanceof Failure && (error.status === 400 || error.status === 401);
      if (rejected) {
        // The refresh token is spent or revoked: only a new device flow can reconnect.
        await this.tokens.delete();
        await this.ctx.storage.delete(REFRESH_AT_KEY);
        await this.setLastError("refreshFailed", `${message}; connect Trakt again`);
      } else {
        await this.ctx.storage.put(REFRESH_AT_KEY, clock.now() + REFRESH_RETRY_MS);
        await this.setLastError("upstreamError", `${message}; the refresh will be retried`);
      }
      await this.scheduleAlarm();
      this.logger.warn("trakt token refresh failed", { rejected, error: message });
      return { ok: false, message };
    }
  }

  private async setLastError(code: TraktAuthErrorCode, message: string): Promise<void> {
    await this.ctx.storage.put(LAST_ERROR_KEY, {
      code,
      message,
      at: clock.nowIso(),
    } satisfies TraktAuthError);
  }

  private async scheduleAlarm(): Promise<void> {
    const [flow, refreshAt] = await Promise.all([
      this.ctx.storage.get<DeviceFlowState>(FLOW_KEY),
      this.ctx.storage.get<number>(REFRESH_AT_KEY),
    ]);
    const next = Math.min(flow?.nextPollAtMs ?? Infinity, refreshAt ?? Infinity);
    if (Number.isFinite(next)) await this.ctx.storage.setAlarm(clock.toRealTime(next));
    else await this.ctx.storage.deleteAlarm();
  }

  /**
   * The app's Trakt credentials: those the caller passes (kept, encrypted, for the alarms, which
   * have no caller), else the environment's, else the last ones kept.
   */
  private async credentials(given?: TraktAppCredentials): Promise<TraktAppCredentials> {
    if (given) {
      await this.ctx.storage.put(APP_KEY, {
        clientId: given.clientId,
        clientSecret: await encryptSecret(this.env, given.clientSecret),
      });
      return given;
    }
    const fromEnv = traktAppCredentials(this.env);
    if (fromEnv) return fromEnv;
    const kept = await this.ctx.storage.get<TraktAppCredentials>(APP_KEY);
    if (kept) return { clientId: kept.clientId, clientSecret: await decryptSecret(this.env, kept.clientSecret) };
    throw new Error("TRAKT_CLIENT_ID and TRAKT_CLIENT_SECRET must be set to connect Trakt");
  }
}
