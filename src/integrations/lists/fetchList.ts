import * as clock from "../../clock";
import { type Env, upstreamPolicy } from "../../config";
import { isBudgetService } from "../../domain/budgets";
import { Failure } from "../../domain/failures/failure";
import type { ImportListSource, ListItem, ListRequest, ListSourceEnvironment } from "../../domain/lists/source";
import type { Logger } from "../../observability/logger";
import { upstreamFetch } from "../http";
import { scanImdbPage } from "../imdb/pageReader";

/** Pages read from one list at most; a guard against an upstream whose `next` never ends. */
const MAX_LIST_PAGES = 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function listSourceEnvironment(env: Env, accessToken?: string): ListSourceEnvironment {
  return {
    tmdbApiUrl: env.TMDB_API_URL.replace(/\/$/, ""),
    tmdbApiKey: env.TMDB_API_KEY,
    tmdbReadToken: env.TMDB_READ_TOKEN,
    traktApiUrl: env.TRAKT_API_URL.replace(/\/$/, ""),
    traktClientId: env.TRAKT_CLIENT_ID,
    traktAccessToken: accessToken,
    imdbUrl: env.IMDB_URL.replace(/\/$/, ""),
    plexDiscoverUrl: env.PLEX_DISCOVER_URL.replace(/\/$/, ""),
  };
}

export interface FetchedList {
  items: ListItem[];
  pages: number;
  requests: number;
}

/**
 * Reads every page of a list: each request goes through the upstream layer (timeout, retries with
 * backoff, 429 Retry-After, breaker), paced by the source's rate and burst, and each
 * response is handed to the source's parser, whose `next` says whether another page follows.
 * 404/401/403 become notFound, authenticationFailed or forbidden (a private list) failures naming
 * the list, so the user sees "missing" or "private" rather than a retry.
 */
export async function fetchList<S>(
  source: ImportListSource<S>,
  settings: S,
  env: Env,
  options: { logger?: Logger; sourceEnv?: ListSourceEnvironment } = {},
): Promise<FetchedList> {
  const sourceEnv = options.sourceEnv ?? listSourceEnvironment(env);
  // A token bucket: `burst` requests at once, refilled at `requestsPerSecond`.
  const rate = Math.max(source.requestsPerSecond, 0.001);
  const capacity = Math.max(1, source.burst ?? 1);
  let tokens = capacity;
  let refilledAt = clock.now();
  const items: ListItem[] = [];
  let request: ListRequest | undefined = source.firstRequest(settings, sourceEnv);
  let pages = 0;
  while (request && pages < MAX_LIST_PAGES) {
    const now = clock.now();
    tokens = Math.min(capacity, tokens + ((now - refilledAt) / 1000) * rate);
    refilledAt = now;
    if (tokens < 1) {
      await sleep(((1 - tokens) / rate) * 1000);
      tokens = 1;
      refilledAt = clock.now();
    }
    tokens -= 1;
    let response: Response;
    try {
      response = await upstreamFetch({
        service: request.service,
        url: request.url,
        init: { headers: request.headers },
        policy: upstreamPolicy(env),
        logger: options.logger,
        ...(isBudgetService(request.service) ? { budget: { env, service: request.service } } : {}),
      });
    } catch (error) {
      if (error instanceof Failure && error.kind === "notFound") {
        throw new Failure("notFound", `The list was not found at ${request.service} (HTTP 404)`);
      }
      if (error instanceof Failure && error.kind === "authenticationFailed") {
        const status = error.status ?? 401;
        const kind = source.refusalKind?.(status) ?? (status === 401 ? "authenticationFailed" : "private");
        throw kind === "authenticationFailed"
          ? new Failure(kind, `${request.service}: the credentials were refused (HTTP ${status})`)
          : new Failure("forbidden", `The list is private (HTTP ${status})`);
      }
      throw error;
    }
    const text = await response.text();
    const imdbPage = source.responseFormat === "imdbPage" ? await scanImdbPage(text) : undefined;
    const page = await source.parse(
      { url: request.url, status: response.status, headers: response.headers, text, ...(imdbPage && { imdbPage }) },
      settings,
      sourceEnv,
    );
    items.push(...page.items);
    pages++;
    request = page.next;
  }
  return { items, pages, requests: pages };
}
