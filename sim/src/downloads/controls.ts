import type { Hono } from "hono";
import { z } from "zod";
import * as clock from "../clock";
import { allMovies } from "../data/catalogue";
import { type IndexerSite, type Release, releasesForMovie } from "../data/releases";
import { readControlBody } from "../services/sim-controls";
import { DOWNLOAD_FAULTS, type Download, type DownloadStore, type Instance, joinPath, normalisePath } from "./model";

/**
 * Simulator-only controls every download client mounts under its prefix (not part of the real
 * clients' APIs):
 *   POST   /<client>/__speed   {"secondsToComplete": 0} or {"bytesPerSecond": n}, optionally with
 *                              "match" (name substring or id) and "instance"; without either it
 *                              sets the client's default. Applies to running downloads too.
 *   DELETE /<client>/__speed   back to the default (250 MB/s, 5 s – 5 min per download)
 *   POST   /<client>/__faults  {"kind": "stall"|"diskFull"|"hashMismatch"|"missingFiles"|"authFailure"}
 *                              (or the shorthand {"stall": true}), with optional "match", "instance",
 *                              "at" (0–1: progress where a stall or disk-full strikes; default: at
 *                              once) and "times" (downloads — or logins — it hits before it is spent)
 *   GET    /<client>/__faults  the rules;  DELETE /<client>/__faults[?instance=] clears them and
 *                              lifts stalls (failed downloads stay failed)
 *   POST   /<client>/__seed    {"count": 500, "instance"?, "category"?, "secondsToComplete"?}:
 *                              that many active downloads of real catalogue releases
 *   GET    /<client>/__fs?instance=&path=/movies   files on the instance's disk under a path
 *   GET    /<client>/__downloads?instance=         every download with its progress, fault and options
 *   POST   /<client>/__files   {"id", "path", "size", "instance"?}: one more file in a download (on
 *                              disk too once complete), e.g. an executable among the release's files
 * Bad bodies get 400 { message, errors: [{ path, message }] }.
 */

interface SeedRequest {
  instance: Instance;
  release: Release;
  category: string;
}

export interface DownloadControlOptions {
  defaultInstance: string;
  /** Which indexer's releases seeding uses: torrents or NZBs. */
  seedSite: IndexerSite;
  /** Adds one release to the instance as the client would; null when it is already there. */
  seed: (request: SeedRequest) => Promise<Download | null>;
}

const scope = {
  match: z.string().min(1).optional(),
  instance: z.string().optional(),
};

const speedSchema = z
  .object({
    secondsToComplete: z
      .number()
      .min(0)
      .max(86_400 * 30)
      .optional(),
    bytesPerSecond: z.number().positive().optional(),
    ...scope,
  })
  .strict()
  .refine((body) => (body.secondsToComplete === undefined) !== (body.bytesPerSecond === undefined), {
    message: "give exactly one of secondsToComplete and bytesPerSecond",
    path: ["secondsToComplete"],
  });

const FAULT_KINDS = [...DOWNLOAD_FAULTS, "authFailure"] as const;
type FaultKind = (typeof FAULT_KINDS)[number];

const faultSchema = z
  .object({
    kind: z.enum(FAULT_KINDS).optional(),
    ...Object.fromEntries(FAULT_KINDS.map((kind) => [kind, z.literal(true).optional()])),
    ...scope,
    at: z.number().min(0).max(1).optional(),
    times: z.number().int().min(1).optional(),
  })
  .strict()
  .transform((body, context) => {
    const flags = FAULT_KINDS.filter((kind) => (body as Record<string, unknown>)[kind] === true);
    const kinds = body.kind ? [body.kind, ...flags.filter((kind) => kind !== body.kind)] : flags;
    if (kinds.length !== 1) {
      context.addIssue({ code: "custom", message: `give one fault kind: ${FAULT_KINDS.join(", ")}`, path: ["kind"] });
      return z.NEVER;
    }
    return {
      kind: kinds[0] as FaultKind,
      match: body.match ?? null,
      instance: body.instance ?? null,
      at: body.at ?? null,
      remaining: body.times ?? null,
    };
  });

const seedSchema = z
  .object({
    count: z.number().int().min(1).max(2_000),
    instance: z.string().optional(),
    category: z.string().max(100).optional(),
    secondsToComplete: z
      .number()
      .min(0)
      .max(86_400 * 30)
      .optional(),
  })
  .strict();

/** Releases for seeding: the first few of each of the most popular released movies. */
function seedReleases(site: IndexerSite, count: number): Release[] {
  const movies = allMovies()
    .filter((movie) => movie.releaseDate !== "" && movie.releaseDate < "2026-08-01")
    .slice()
    .sort((a, b) => b.popularity - a.popularity || a.id - b.id);
  const out: Release[] = [];
  for (const movie of movies) {
    for (const release of releasesForMovie(site, movie).slice(0, 5)) {
      if (release.movieId === movie.id) out.push(release);
      if (out.length >= count) return out;
    }
  }
  return out;
}

const extraFileSchema = z
  .object({
    id: z.string().min(1),
    path: z.string().min(1).max(500),
    size: z.number().int().min(0),
    instance: z.string().min(1).optional(),
  })
  .strict();

export function registerDownloadControls(app: Hono, store: DownloadStore, options: DownloadControlOptions): void {
  app.post("/__files", async (c) => {
    const body = await readControlBody(c, extraFileSchema, "Invalid file control");
    if (!body.ok) return body.response;
    const instance = store.instance(body.data.instance ?? options.defaultInstance);
    const download = instance.downloads.get(body.data.id);
    if (!download) return c.json({ message: `No download ${body.data.id}` }, 404);
    const path = normalisePath(body.data.path).replace(/^\//, "");
    download.files.push({ path, size: body.data.size });
    if (download.completedAt !== null) instance.disk.write(joinPath(download.savePath, path), body.data.size);
    return c.json({ id: download.id, files: download.files });
  });

  app.post("/__speed", async (c) => {
    const body = await readControlBody(c, speedSchema, "Invalid speed control");
    if (!body.ok) return body.response;
    const { secondsToComplete, bytesPerSecond, match, instance } = body.data;
    const affected = store.setSpeed({
      match: match ?? null,
      instance: instance ?? null,
      secondsToComplete: secondsToComplete ?? null,
      bytesPerSecond: bytesPerSecond ?? null,
    });
    return c.json({ affected });
  });

  app.delete("/__speed", (c) => {
    store.clearSpeed();
    return c.json({ ok: true });
  });

  app.post("/__faults", async (c) => {
    const body = await readControlBody(c, faultSchema, "Invalid fault control");
    if (!body.ok) return body.response;
    const rule = store.addFaultRule(body.data);
    return c.json({ id: rule.id, fault: rule }, 201);
  });

  app.get("/__faults", (c) => c.json({ faults: store.listFaultRules() }));

  app.delete("/__faults", (c) => c.json({ cleared: store.clearFaultRules(c.req.query("instance") ?? null) }));

  app.post("/__seed", async (c) => {
    const body = await readControlBody(c, seedSchema, "Invalid seed control");
    if (!body.ok) return body.response;
    const { count, category, secondsToComplete } = body.data;
    const instance = store.instance(body.data.instance ?? options.defaultInstance);
    const created: Download[] = [];
    for (const release of seedReleases(options.seedSite, count * 2)) {
      if (created.length >= count) break;
      const download = await options.seed({ instance, release, category: category ?? "" });
      if (download) created.push(download);
    }
    // Seeded downloads stay active for a day unless the request says otherwise.
    const seconds = secondsToComplete ?? 86_400;
    for (const download of created) store.retime(download, seconds);
    return c.json({ instance: instance.key, created: created.length, total: instance.downloads.size });
  });

  app.get("/__fs", (c) => {
    const instance = store.instance(c.req.query("instance") ?? options.defaultInstance);
    const path = normalisePath(c.req.query("path") ?? "/");
    return c.json({
      instance: instance.key,
      path,
      files: instance.disk.list(path),
      freeSpace: store.freeSpace(instance),
    });
  });

  app.get("/__downloads", (c) => {
    const instance = store.instance(c.req.query("instance") ?? options.defaultInstance);
    const now = clock.now();
    const downloads = [...instance.downloads.values()].map((download) => {
      store.observe(download, now);
      return {
        id: download.id,
        name: download.name,
        savePath: download.savePath,
        contentPath: store.contentPath(download),
        size: download.size,
        done: download.done,
        progress: download.size > 0 ? download.done / download.size : 0,
        completedAt: download.completedAt === null ? null : new Date(download.completedAt).toISOString(),
        fault: download.fault,
        files: download.files,
        /** What the client was told beyond the torrent itself (share limits, display name, …). */
        options: download.extra ?? {},
      };
    });
    return c.json({ instance: instance.key, downloads });
  });
}
