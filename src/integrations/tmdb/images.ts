import { type Env, upstreamPolicy } from "../../config";
import type { Logger } from "../../observability/logger";
import { upstreamFetch } from "../http";

const SERVICE = "tmdb-images";
const DAY_SECONDS = 24 * 60 * 60;

/**
 * One picture from TMDb's image CDN (TMDB_IMAGE_URL), through the shared upstream layer (timeout,
 * retries, breaker; the CDN is not rationed). Cloudflare's cache keeps it for a day, so a poster
 * a client shows again and again is fetched from TMDb once.
 */
export async function fetchTmdbImage(
  env: Env,
  path: string,
  logger?: Logger,
): Promise<{ body: ReadableStream | null; contentType: string }> {
  const url = `${env.TMDB_IMAGE_URL.replace(/\/$/, "")}${path}`;
  const response = await upstreamFetch({
    service: SERVICE,
    url,
    init: { headers: { accept: "image/*" }, cf: { cacheEverything: true, cacheTtl: DAY_SECONDS } },
    policy: upstreamPolicy(env),
    logger,
  });
  return { body: response.body, contentType: response.headers.get("content-type") ?? "image/jpeg" };
}
