import type { MiddlewareHandler } from "hono";
import { invalidInput } from "../../domain/failures/failure";
import type { AppEnv } from "../context";

/** A registered route as Hono lists it (`app.routes`); middleware is listed under method ALL. */
interface RegisteredRoute {
  method: string;
  path: string;
}

/** A literal segment keeps its registered spelling and, for matching in any casing, its lower case. */
type Segment = { literal: string; lower: string } | { param: string; pattern?: RegExp };

interface RoutePattern {
  path: string;
  segments: Segment[];
  methods: Set<string>;
}

interface RouteMatch {
  /** The path as registered: literal segments in their registered spelling, parameters as sent. */
  path: string;
  methods: Set<string>;
  params: Record<string, string>;
}

const API_PATH = /^\/api(\/|$)/i;

/** Whether a path is an API path, in any casing, as Radarr decides which requests are API requests. */
export const isApiPath = (path: string) => API_PATH.test(path);

/**
 * The API's registered routes, matched the way Radarr's ASP.NET routing matches them: literal
 * segments regardless of case, a trailing slash ignored. Where several routes match, the one
 * whose literal segments come first wins (`/movie/lookup` before `/movie/{id}`).
 */
export class ApiRoutes {
  /** The patterns by their number of segments: a path is matched only against those of its length. */
  private readonly bySegmentCount = new Map<number, RoutePattern[]>();

  constructor(routes: readonly RegisteredRoute[]) {
    const byPath = new Map<string, RoutePattern>();
    for (const { method, path } of routes) {
      if (method === "ALL" || !isApiPath(path) || path.includes("*")) continue;
      let pattern = byPath.get(path);
      if (!pattern) {
        pattern = { path, segments: splitPath(path).map(toSegment), methods: new Set() };
        byPath.set(path, pattern);
        const sameLength = this.bySegmentCount.get(pattern.segments.length) ?? [];
        sameLength.push(pattern);
        this.bySegmentCount.set(pattern.segments.length, sameLength);
      }
      pattern.methods.add(method);
    }
  }

  match(path: string): RouteMatch | undefined {
    const parts = splitPath(path);
    const lowerParts = parts.map((part) => part.toLowerCase());
    let best: { pattern: RoutePattern; rank: string } | undefined;
    for (const pattern of this.bySegmentCount.get(parts.length) ?? []) {
      const rank = matchRank(pattern.segments, parts, lowerParts);
      if (rank !== undefined && (!best || rank < best.rank)) best = { pattern, rank };
    }
    if (!best) return undefined;
    const params: Record<string, string> = {};
    const segments = best.pattern.segments.map((segment, i) => {
      if ("literal" in segment) return segment.literal;
      params[segment.param] = decodeSegment(parts[i] ?? "");
      return parts[i];
    });
    return { path: `/${segments.join("/")}`, methods: best.pattern.methods, params };
  }

  /**
   * Radarr's `/config/{name}/{id}`: a config resource is one singleton, and Radarr's config
   * controllers answer GET and PUT by id with it whatever the id. Where no route has the path,
   * its `/config/{name}` route does (undefined for other paths).
   */
  matchConfigById(path: string): RouteMatch | undefined {
    const byId = CONFIG_BY_ID.exec(path);
    return byId?.[1] ? this.match(byId[1]) : undefined;
  }

  /** Whether `PUT {path}/{id}` is a route while `PUT {path}` is not: Radarr's optional route id. */
  hasOptionalPutId(path: string): boolean {
    const own = this.match(path);
    if (own?.methods.has("PUT")) return false;
    const byId = this.match(`${path.replace(/\/+$/, "")}/1`);
    return byId?.methods.has("PUT") === true && "id" in byId.params && isParentOf(path, byId.path);
  }
}

const CONFIG_BY_ID = /^(\/api\/v3\/config\/[^/]+)\/\d+\/*$/i;

const splitPath = (path: string) => path.split("/").filter((part) => part !== "");

function toSegment(part: string): Segment {
  const param = /^:([^{?]+)(?:\{(.+)\})?$/.exec(part);
  if (!param) return { literal: part, lower: part.toLowerCase() };
  return { param: param[1] ?? part, pattern: param[2] ? new RegExp(`^(?:${param[2]})$`) : undefined };
}

/** A sortable rank ("L" before "P" per segment: literals win) or undefined when the route does not match. */
function matchRank(segments: Segment[], parts: string[], lowerParts: string[]): string | undefined {
  if (segments.length !== parts.length) return undefined;
  let rank = "";
  for (const [i, segment] of segments.entries()) {
    const part = parts[i] ?? "";
    if ("literal" in segment) {
      if (segment.lower !== lowerParts[i]) return undefined;
      rank += "L";
    } else {
      if (segment.pattern && !segment.pattern.test(part)) return undefined;
      rank += "P";
    }
  }
  return rank;
}

function decodeSegment(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

const isParentOf = (path: string, child: string) =>
  child.toLowerCase().startsWith(`${path.replace(/\/+$/, "").toLowerCase()}/`);

/**
 * The request the app routes: an API path rewritten to its registered spelling (query string kept),
 * `PUT /x` with the id in the body sent to `PUT /x/{id}`, as Radarr's `{id:int?}` routes take it,
 * and `/config/{name}/{id}` sent to the config resource `/config/{name}`.
 * Other paths (the site's assets) pass untouched.
 */
export async function canonicalRequest(request: Request, routes: ApiRoutes): Promise<Request> {
  const url = new URL(request.url);
  if (!isApiPath(url.pathname)) return request;
  if (request.method === "PUT" && routes.hasOptionalPutId(url.pathname)) {
    const id = await bodyId(request.clone());
    if (id !== undefined) url.pathname = `${url.pathname.replace(/\/+$/, "")}/${id}`;
  }
  const match = routes.match(url.pathname) ?? routes.matchConfigById(url.pathname);
  // An unknown API path still answers as the API does (key required, JSON 404), never as the site.
  url.pathname = match ? match.path : url.pathname.replace(API_PATH, "/api$1");
  return url.href === request.url ? request : new Request(url.href, request);
}

/** The positive integer `id` of a JSON body, if it has one. */
async function bodyId(request: Request): Promise<number | undefined> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_ID_BODY_BYTES) return undefined;
  try {
    const body: unknown = await request.json();
    const id = typeof body === "object" && body !== null ? (body as { id?: unknown }).id : undefined;
    return typeof id === "number" && Number.isInteger(id) && id > 0 ? id : undefined;
  } catch {
    return undefined;
  }
}

// Larger bodies are left to the body limit, which refuses them before any route reads them.
const MAX_ID_BODY_BYTES = 1024 * 1024;

/**
 * The id in a PUT's path and in its body name one resource: a body id that differs (0 or none
 * means "the path's", as in Radarr) is refused naming `id`, and a PUT to a resource's collection
 * path whose body carries no id is refused the same way.
 */
export function agreeingIds(routes: () => ApiRoutes): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== "PUT") return next();
    const index = routes();
    if (index.hasOptionalPutId(c.req.path))
      throw invalidInput("id", `PUT ${c.req.path} needs the resource's id, in the path or as the body's id`);
    const pathId = index.match(c.req.path)?.params.id;
    if (pathId === undefined) return next();
    const body: unknown = await c.req.json().catch(() => undefined);
    const bodyIdValue = typeof body === "object" && body !== null ? (body as { id?: unknown }).id : undefined;
    if (bodyIdValue !== undefined && bodyIdValue !== null && bodyIdValue !== 0 && String(bodyIdValue) !== pathId)
      throw invalidInput("id", `The body's id (${String(bodyIdValue)}) is not the id in the path (${pathId})`);
    return next();
  };
}
