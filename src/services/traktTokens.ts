import * as clock from "../clock";
import type { Env } from "../config";
import { createDatabase } from "../db/client";
import { traktTokenRepository } from "../db/repositories/traktTokens";
import { isTokenUsable, tokenExpiresAtMs } from "../integrations/trakt/deviceFlow";
import { traktAuthStub } from "../integrations/trakt/index";
import type { TraktTokenResponse } from "../integrations/trakt/oauth";
import { decryptSecret, encryptSecret } from "./secrets";

/** What is known about the stored tokens without decrypting them. */
export interface TraktTokenSummary {
  scope: string;
  expiresAtMs: number;
  createdAtMs: number;
}

export interface TraktTokens extends TraktTokenSummary {
  accessToken: string;
  refreshToken: string;
}

/** Trakt tokens in D1, encrypted under ENCRYPTION_KEY; decrypted only by `load`. */
export class TraktTokenStore {
  private readonly tokens;

  constructor(private readonly env: Env) {
    this.tokens = traktTokenRepository(createDatabase(env.DB));
  }

  async summary(): Promise<TraktTokenSummary | undefined> {
    const row = await this.tokens.summary();
    return row
      ? { scope: row.scope, expiresAtMs: Date.parse(row.expiresAt), createdAtMs: Date.parse(row.createdAt) }
      : undefined;
  }

  async load(): Promise<TraktTokens | undefined> {
    const row = await this.tokens.get();
    if (!row) return undefined;
    return {
      accessToken: await decryptSecret(this.env, row.accessToken),
      refreshToken: await decryptSecret(this.env, row.refreshToken),
      scope: row.scope,
      expiresAtMs: Date.parse(row.expiresAt),
      createdAtMs: Date.parse(row.createdAt),
    };
  }

  /** Stores tokens Trakt just issued, replacing any before them. */
  async save(tokens: TraktTokenResponse): Promise<TraktTokenSummary> {
    const summary = {
      scope: tokens.scope,
      expiresAtMs: tokenExpiresAtMs(tokens.created_at, tokens.expires_in),
      createdAtMs: tokens.created_at * 1000,
    };
    const values = {
      accessToken: await encryptSecret(this.env, tokens.access_token),
      refreshToken: await encryptSecret(this.env, tokens.refresh_token),
      scope: summary.scope,
      expiresAt: new Date(summary.expiresAtMs).toISOString(),
      createdAt: new Date(summary.createdAtMs).toISOString(),
      updatedAt: clock.nowIso(),
    };
    await this.tokens.save(values);
    return summary;
  }

  async delete(): Promise<void> {
    await this.tokens.delete();
  }
}

/**
 * A Trakt access token fit to use now (refreshed through TraktAuth when near expiry), or
 * undefined when no account is connected or the refresh failed. List syncs and tests read with it
 * through `listSourceEnvironmentFor`.
 */
export async function traktAccessToken(env: Env): Promise<string | undefined> {
  const tokens = await new TraktTokenStore(env).load();
  if (!tokens) return undefined;
  if (isTokenUsable(tokens.expiresAtMs, clock.now())) return tokens.accessToken;
  return traktAuthStub(env).accessToken();
}
