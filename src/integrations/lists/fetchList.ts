import * as clock from "../../clock";
import { type Env, upstreamPolicy } from "../../config";
import { isBudgetService, type UpstreamWork } from "../../domain/budgets";
import { Failure } from "../../domain/failures/failure";
import type {
  ImportListSource,
  ListItem,
  ListRequest,
  ListSourceEnvironment,
  ListSummary,
} from "../../domain/lists/source";
import type { Logger } from "../../observability/logger";
import { cachedJson } from "../cache";
import { upstreamFetch } from "../http";
import { scanImdbPage } from "../imdb/pageReader";
import { waitTurn } from "../indexers/pacing";

/** Pages read from one list at most; a guard against an upstream whose `next` never ends. */
const MAX_LIST_PAGES = 1000;
/** Pages read at a time when the list's summary gave their count (and they were reserved up front). */
const CONCURRENT_PAGES = 4;

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

/** How long a TMDb list page read by background work is reused: lists change slowly, TMDb's budget is daily. */
const TMDB_LIST_PAGE_TTL_SECONDS = 24 * 60 * 60;

/**
 * Paces one list read. A rationed upstream (TMDb, Trakt) is held to its windows by its ApiBudget
 * object, across isolates; a token bucket (`burst` at once, refilled at `requestsPerSecond`)
 * spreads this read's own pages, unless they were reserved up front (`prepaid`): those were
 * granted within the upstream's window and go at once. Any other upstream (IMDb's 2 requests/s,
 * Plex) takes turns through its pacing object, shared by every sync and isolate.
 */
function listPacer(source: ImportListSource<unknown>, prepaid = 0): (service: string) => Promise<void> {
  const rate = Math.max(source.requestsPerSecond, 0.001);
  const capacity = Math.max(1, source.burst ?? 1, prepaid);
  let tokens = capacity;
  let refilledAt = clock.now();
  return async (service) => {
    if (!isBudgetService(service)) return waitTurn(`list:${service}`, 1000 / rate);
    const now = clock.now();
    tokens = Math.min(capacity, tokens + ((now - refilledAt) / 1000) * rate);
    refilledAt = now;
    if (tokens < 1) {
      await sleep(((1 - tokens) / rate) * 1000);
      tokens = 1;
      refilledAt = clock.now();
    }
    tokens -= 1;
  };
}

/** One page's answer, as the source's parser reads it. */
interface PageAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** Requests one page through the upstream layer, naming the list in a 404 or a refusal. */
async function requestPage(
  source: ImportListSource<unknown>,
  request: ListRequest,
  env: Env,
  options: ListReadOptions,
  pace: (service: string) => Promise<void>,
): Promise<PageAnswer> {
  const work = options.work ?? "interactive";
  await pace(request.service);
  try {
    const response = await upstreamFetch({
      service: request.service,
      url: request.url,
      init: { headers: request.headers },
      policy: upstreamPolicy(env),
      logger: options.logger,
      ...(isBudgetService(request.service)
        ? { budget: { env, service: request.service, work, prepaid: options.prepaid } }
        : {}),
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
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
}

/** The cache key of a TMDb list page: its URL without the credential, hashed to fit KV's key size. */
async function tmdbPageKey(url: string): Promise<string> {
  const parsed = new URL(url);
  parsed.searchParams.delete("api_key");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${parsed.pathname}${parsed.search}`));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `tmdb:list-page:v1:${hex}`;
}

/**
 * A TMDb page for background work (a list sync) is read through the KV cache for 24 h, so
 * syncing a list again, or two lists sharing pages, costs TMDb nothing; an interactive read (the
 * list's Test) always asks TMDb. Returns whether TMDb was asked.
 */
async function readPage(
  source: ImportListSource<unknown>,
  request: ListRequest,
  env: Env,
  options: ListReadOptions,
  pace: (service: string) => Promise<void>,
): Promise<{ answer: PageAnswer; requested: boolean }> {
  if (request.service !== "tmdb" || options.work !== "background") {
    return { answer: await requestPage(source, request, env, options, pace), requested: true };
  }
  let requested = false;
  const cached = await cachedJson(
    env.CACHE,
    "tmdb-lists",
    await tmdbPageKey(request.url),
    TMDB_LIST_PAGE_TTL_SECONDS,
    async () => {
      requested = true;
      const { status, text } = await requestPage(source, request, env, options, pace);
      return { status, text };
    },
  );
  return { answer: { ...cached.value, headers: new Headers() }, requested };
}

interface ListReadOptions {
  logger?: Logger;
  sourceEnv?: ListSourceEnvironment;
  /** Background (a list sync) spends only its share of the daily budgets and reuses cached TMDb pages. */
  work?: UpstreamWork;
  /** Calls reserved up front for this read (reserveBulkCalls); each request spends one before reserving. */
  prepaid?: { calls: number };
  /** Pages the list's summary counted: read CONCURRENT_PAGES at a time through the summary's pageRequest. */
  knownPages?: number;
}

/** Runs `work` on every index below `count`, `width` at a time; results in index order. Stops starting new work after a failure. */
async function inParallel<T>(count: number, width: number, work: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < count) {
      const index = next++;
      try {
        results[index] = await work(index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
  return results;
}

/**
 * Reads a list's summary (one request through the upstream layer, as its pages are): what the
 * sync compares with its last version and how many pages it would reserve.
 */
export async function readListSummary<S>(
  source: ImportListSource<S>,
  settings: S,
  env: Env,
  options: ListReadOptions = {},
): Promise<(ListSummary & { service: string }) | undefined> {
  if (!source.summary) return undefined;
  const sourceEnv = options.sourceEnv ?? listSourceEnvironment(env);
  const anySource = source as ImportListSource<unknown>;
  const request = source.summary.request(settings, sourceEnv);
  const answer = await requestPage(anySource, request, env, options, listPacer(anySource));
  return { ...source.summary.parse({ url: request.url, ...answer }), service: request.service };
}

/**
 * Reads every page of a list: each request goes through the upstream layer (timeout, retries with
 * backoff, 429 Retry-After, breaker, budget), paced (listPacer), and each response is handed to
 * the source's parser, whose `next` says whether another page follows. 404/401/403 become
 * notFound, authenticationFailed or forbidden (a private list) failures naming the list, so the
 * user sees "missing" or "private" rather than a retry.
 */
export async function fetchList<S>(
  source: ImportListSource<S>,
  settings: S,
  env: Env,
  options: ListReadOptions = {},
): Promise<FetchedList> {
  const sourceEnv = options.sourceEnv ?? listSourceEnvironment(env);
  const anySource = source as ImportListSource<unknown>;
  const pace = listPacer(anySource, options.prepaid?.calls);
  const items: ListItem[] = [];
  let pages = 0;
  let requests = 0;
  const readAndParse = async (request: ListRequest) => {
    const { answer, requested } = await readPage(anySource, request, env, options, pace);
    if (requested) requests++;
    const imdbPage = source.responseFormat === "imdbPage" ? await scanImdbPage(answer.text) : undefined;
    return source.parse({ url: request.url, ...answer, ...(imdbPage && { imdbPage }) }, settings, sourceEnv);
  };
  let request: ListRequest | undefined = source.firstRequest(settings, sourceEnv);
  const pageRequest = source.summary?.pageRequest;
  const known = Math.min(options.knownPages ?? 0, MAX_LIST_PAGES);
  if (pageRequest && known > 1) {
    const read = await inParallel(known, CONCURRENT_PAGES, (index) =>
      readAndParse(pageRequest(settings, sourceEnv, index + 1)),
    );
    for (const page of read) items.push(...page.items);
    pages = known;
    // A list that grew since its summary goes on from its last counted page's `next`.
    request = read[known - 1].next;
  }
  while (request && pages < MAX_LIST_PAGES) {
    const page = await readAndParse(request);
    items.push(...page.items);
    pages++;
    request = page.next;
  }
  return { items, pages, requests };
}
