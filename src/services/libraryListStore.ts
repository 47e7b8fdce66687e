import type { ServiceContext } from "./context";

/**
 * The built whole-library list kept in KV, so an isolate that has not built it (a fresh one, or
 * another of the many a Worker runs) sends it without reading 20,000 movies from D1 again. Kept
 * under the list's stamp (the library version and the quality profiles it was judged under):
 * a write makes a new stamp, so a stored list is never read for a library it does not show.
 * The manifest (which parts, built when, valid until when) is written after every part it names,
 * so a reader that finds it finds its parts (each key written once and never changed).
 */
export interface StoredList {
  builtAt: number;
  /** The first instant at which a movie's isAvailable differs from the list's. */
  validUntil: number;
  build: string;
  parts: number;
}

const PREFIX = "library-list:";
// A KV value is at most 25 MiB: the list goes in parts of about this many bytes.
const PART_BYTES = 8_000_000;
// Kept a day at most; a part outlives its manifest, so no manifest names a part already gone.
const MANIFEST_TTL_SECONDS = 86_400;
const PART_TTL_SECONDS = MANIFEST_TTL_SECONDS + 600;

const manifestKey = (stamp: string) => `${PREFIX}${stamp}`;
const partKey = (stamp: string, build: string, part: number) => `${PREFIX}${stamp}:${build}:${part}`;

/** The list stored under this stamp, if one is stored and still valid at `now`. */
export async function storedList(ctx: ServiceContext, stamp: string, now: number): Promise<StoredList | undefined> {
  const manifest = await ctx.env.CACHE.get<StoredList>(manifestKey(stamp), "json");
  return manifest && manifest.builtAt <= now && now < manifest.validUntil ? manifest : undefined;
}

/** Reads a stored list's parts in turn (the next while the last is sent), each as it is sent. */
export function storedListParts(
  ctx: ServiceContext,
  stamp: string,
  list: StoredList,
): () => Promise<Uint8Array | undefined> {
  let next = 0;
  const read = (part: number) =>
    part < list.parts ? ctx.env.CACHE.get(partKey(stamp, list.build, part), "arrayBuffer") : Promise.resolve(null);
  let reading = read(0);
  return async () => {
    if (next >= list.parts) return undefined;
    const bytes = await reading;
    // Never sent short: a missing part (expired early) fails the response rather than end it.
    if (!bytes) throw new Error(`stored library list part ${next} of ${stamp} is missing`);
    reading = read(++next);
    reading.catch(() => undefined);
    return new Uint8Array(bytes);
  };
}

/**
 * Stores a list built under `stamp` as the chunks it was sent in, joined into parts; the manifest
 * last. A failed write leaves the list unstored (the next isolate builds it), never half-stored.
 */
export async function storeList(
  ctx: ServiceContext,
  stamp: string,
  chunks: Uint8Array[],
  list: Omit<StoredList, "build" | "parts">,
): Promise<void> {
  const build = `${list.builtAt.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const parts = joinParts(chunks);
  try {
    await Promise.all(
      parts.map((part, i) => ctx.env.CACHE.put(partKey(stamp, build, i), part, { expirationTtl: PART_TTL_SECONDS })),
    );
    const manifest: StoredList = { ...list, build, parts: parts.length };
    await ctx.env.CACHE.put(manifestKey(stamp), JSON.stringify(manifest), { expirationTtl: MANIFEST_TTL_SECONDS });
  } catch (error) {
    ctx.logger.warn("library list not stored", { stamp, error: String(error) });
  }
}

function joinParts(chunks: Uint8Array[]): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let group: Uint8Array[] = [];
  let bytes = 0;
  const flush = () => {
    const part = new Uint8Array(bytes);
    let at = 0;
    for (const chunk of group) {
      part.set(chunk, at);
      at += chunk.byteLength;
    }
    parts.push(part);
    group = [];
    bytes = 0;
  };
  for (const chunk of chunks) {
    if (bytes > 0 && bytes + chunk.byteLength > PART_BYTES) flush();
    group.push(chunk);
    bytes += chunk.byteLength;
  }
  if (bytes > 0 || parts.length === 0) flush();
  return parts;
}
