import { QUALITIES } from "../domain/quality/qualities";
import type { RadarrClient } from "../integrations/radarr/client";
import type { RadarrProvider } from "../integrations/radarr/schemas";

/**
 * The steps of a Radarr migration, one per resource, in the order their ids are needed: tags and
 * custom formats before the profiles that score them, profiles and folders before the movies and
 * lists that name them. Every write goes through this app's own API routes (LocalLibrary), so a
 * migrated resource passes the same validation as one a user adds.
 */

/** What this app's API answered: the resource, or why it refused (the route's own message). */
type LibraryAnswer = { ok: true; body: unknown } | { ok: false; message: string };

/** This app's API, called in-process with the app's own validation (built by the API layer). */
export interface LocalLibrary {
  send(method: "GET" | "POST" | "PUT", path: string, body?: unknown): Promise<LibraryAnswer>;
}

type ItemOutcome = "copied" | "updated" | "skipped" | "failed";

export interface MigrationItem {
  resource: string;
  name: string;
  outcome: ItemOutcome;
  reason?: string;
}

/** A secret Radarr masks ("********") that the user must type again here. */
export interface SecretToEnter {
  resource: string;
  name: string;
  field: string;
}

/** Radarr ids → ours, per resource that others refer to. */
export interface IdMaps {
  tags: Map<number, number>;
  formats: Map<number, number>;
  profiles: Map<number, number>;
}

/** A secret the user typed for a provider Radarr masked it on, keyed by secretKey. */
export const secretKey = (secret: SecretToEnter) => `${secret.resource}/${secret.name}/${secret.field}`;

export interface MigrationRun {
  radarr: RadarrClient;
  /** Secrets the user gave for this run, by secretKey. */
  given: ReadonlyMap<string, string>;
  library: LocalLibrary;
  maps: IdMaps;
  items: MigrationItem[];
  secrets: SecretToEnter[];
  progress(message: string): Promise<void>;
  /** Where a step walked in slices (movies) resumes: the index of its next item, 0 at first. */
  from: number;
  /** The chunk running the migration has used its time: a sliced step stops after the item in hand. */
  outOfTime(): boolean;
  /** Keeps a copied movie's date added (Radarr's `added`); the movie API sets it to now. */
  setMovieAdded(movieId: number, added: string): Promise<void>;
}

// Movies copied per slice at most: a slice ends a queue chunk even when time is left.
const MOVIE_SLICE = 50;

const MASKED = "********";

type Named = { id: number } & Record<string, unknown>;

export async function listOurs(run: MigrationRun, path: string): Promise<Named[]> {
  const answer = await run.library.send("GET", path);
  if (!answer.ok) throw new Error(`Could not read ${path}: ${answer.message}`);
  return answer.body as Named[];
}

export function record(run: MigrationRun, resource: string, name: string, answer: LibraryAnswer, outcome: ItemOutcome) {
  run.items.push(
    answer.ok ? { resource, name, outcome } : { resource, name, outcome: "failed", reason: answer.message },
  );
  return answer.ok ? (answer.body as Named) : undefined;
}

export const mapIds = (ids: readonly number[], map: Map<number, number>) =>
  ids.flatMap((id) => (map.has(id) ? [map.get(id) as number] : []));

export async function migrateTags(run: MigrationRun) {
  const ours = await listOurs(run, "/api/v3/tag");
  for (const tag of await run.radarr.tags()) {
    const label = tag.label.toLowerCase();
    const existing = ours.find((t) => t.label === label);
    if (existing) {
      run.maps.tags.set(tag.id, existing.id);
      run.items.push({ resource: "tag", name: label, outcome: "skipped", reason: "already here" });
      continue;
    }
    const created = record(run, "tag", label, await run.library.send("POST", "/api/v3/tag", { label }), "copied");
    if (created) run.maps.tags.set(tag.id, created.id);
  }
}

export async function migrateCustomFormats(run: MigrationRun) {
  const ours = await listOurs(run, "/api/v3/customformat");
  for (const { id, ...format } of await run.radarr.customFormats()) {
    const existing = ours.find((f) => f.name === format.name);
    const answer = existing
      ? await run.library.send("PUT", `/api/v3/customformat/${existing.id}`, { ...format, id: existing.id })
      : await run.library.send("POST", "/api/v3/customformat", format);
    const saved = record(run, "customFormat", format.name, answer, existing ? "updated" : "copied");
    if (saved) run.maps.formats.set(id, saved.id);
  }
}

export async function migrateQualityDefinitions(run: MigrationRun) {
  const ours = await listOurs(run, "/api/v3/qualitydefinition");
  const updates = (await run.radarr.qualityDefinitions()).flatMap((definition) => {
    const mine = ours.find((d) => (d.quality as { id: number }).id === definition.quality.id);
    if (!mine) {
      run.items.push({
        resource: "qualityDefinition",
        name: definition.quality.name,
        outcome: "skipped",
        reason: "unknown quality",
      });
      return [];
    }
    const { minSize, maxSize, preferredSize } = definition;
    return [
      {
        id: mine.id,
        name: definition.quality.name,
        minSize: minSize ?? 0,
        maxSize: maxSize ?? null,
        preferredSize: preferredSize ?? null,
      },
    ];
  });
  if (updates.length === 0) return;
  const answer = await run.library.send(
    "PUT",
    "/api/v3/qualitydefinition/update",
    updates.map(({ name: _, ...d }) => d),
  );
  for (const update of updates) record(run, "qualityDefinition", update.name, answer, "updated");
}

export async function migrateQualityProfiles(run: MigrationRun) {
  const ours = await listOurs(run, "/api/v3/qualityprofile");
  for (const { id, ...profile } of await run.radarr.qualityProfiles()) {
    const formatItems = profile.formatItems
      .filter((item) => run.maps.formats.has(item.format) && item.score !== 0)
      .map((item) => ({ format: run.maps.formats.get(item.format) as number, score: item.score }));
    const body = { ...profile, items: withEveryQuality(profile.items), formatItems };
    const existing = ours.find((p) => p.name === profile.name);
    const answer = existing
      ? await run.library.send("PUT", `/api/v3/qualityprofile/${existing.id}`, { ...body, id: existing.id })
      : await run.library.send("POST", "/api/v3/qualityprofile", body);
    const saved = record(run, "qualityProfile", profile.name, answer, existing ? "updated" : "copied");
    if (saved) run.maps.profiles.set(id, saved.id);
  }
}

type ProfileItem = { quality?: { id: number }; items?: ProfileItem[] };

/** A profile's items with the qualities its Radarr did not list (an older release) added, not allowed. */
function withEveryQuality(items: readonly unknown[]): unknown[] {
  const listed = new Set<number>();
  const collect = (item: ProfileItem) => {
    if (item.quality) listed.add(item.quality.id);
    for (const inner of item.items ?? []) collect(inner);
  };
  for (const item of items as ProfileItem[]) collect(item);
  const missing = QUALITIES.filter((q) => !listed.has(q.id)).map((q) => ({
    quality: { id: q.id },
    items: [],
    allowed: false,
  }));
  return [...missing, ...items];
}

export async function migrateRootFolders(run: MigrationRun) {
  const ours = await listOurs(run, "/api/v3/rootfolder");
  for (const folder of await run.radarr.rootFolders()) {
    if (ours.some((f) => f.path === folder.path)) {
      run.items.push({ resource: "rootFolder", name: folder.path, outcome: "skipped", reason: "already here" });
      continue;
    }
    record(
      run,
      "rootFolder",
      folder.path,
      await run.library.send("POST", "/api/v3/rootfolder", { path: folder.path }),
      "copied",
    );
  }
}

export async function migrateNaming(run: MigrationRun) {
  const { id: _, ...naming } = await run.radarr.naming();
  record(run, "naming", "naming", await run.library.send("PUT", "/api/v3/config/naming", naming), "updated");
}

export async function migrateExclusions(run: MigrationRun) {
  const ours = await listOurs(run, "/api/v3/exclusions");
  const known = new Set(ours.map((e) => e.tmdbId as number));
  for (const exclusion of await run.radarr.exclusions()) {
    const name = exclusion.movieTitle || `TMDb ${exclusion.tmdbId}`;
    if (known.has(exclusion.tmdbId)) {
      run.items.push({ resource: "exclusion", name, outcome: "skipped", reason: "already here" });
      continue;
    }
    const body = { tmdbId: exclusion.tmdbId, movieTitle: name, movieYear: exclusion.movieYear ?? 0 };
    record(run, "exclusion", name, await run.library.send("POST", "/api/v3/exclusions", body), "copied");
  }
}

/** Copies movies from `run.from` for one slice; the index to resume at, or undefined once all are done. */
export async function migrateMovies(run: MigrationRun): Promise<number | undefined> {
  const known = new Map((await listOurs(run, "/api/v3/movie")).map((m) => [m.tmdbId as number, m]));
  const movies = await run.radarr.movies();
  for (let index = run.from; index < movies.length; index++) {
    if (index > run.from && (index - run.from >= MOVIE_SLICE || run.outOfTime())) return index;
    const movie = movies[index];
    const name = movie.year ? `${movie.title} (${movie.year})` : movie.title;
    if (index % 10 === 0) await run.progress(`Copying movies (${index + 1} of ${movies.length})`);
    const ours = known.get(movie.tmdbId);
    if (ours) {
      await keepAdded(run, name, ours, movie.added);
      continue;
    }
    const profileId = run.maps.profiles.get(movie.qualityProfileId);
    if (profileId === undefined) {
      run.items.push({
        resource: "movie",
        name,
        outcome: "skipped",
        reason: `its quality profile ${movie.qualityProfileId} was not copied`,
      });
      continue;
    }
    const body = {
      tmdbId: movie.tmdbId,
      title: movie.title,
      year: movie.year,
      monitored: movie.monitored,
      qualityProfileId: profileId,
      minimumAvailability: movie.minimumAvailability,
      tags: mapIds(movie.tags, run.maps.tags),
      ...(movie.path ? { path: movie.path } : {}),
      ...(movie.rootFolderPath ? { rootFolderPath: movie.rootFolderPath } : {}),
      addOptions: { searchForMovie: false, monitor: movie.monitored ? "movieOnly" : "none" },
    };
    const created = record(run, "movie", name, await run.library.send("POST", "/api/v3/movie", body), "copied");
    const added = addedDate(movie.added);
    if (created && added) {
      await run.setMovieAdded(created.id, added);
      (run.items.at(-1) as MigrationItem).reason = `added ${added}`;
    }
  }
  return undefined;
}

/** Radarr's `added` as an ISO date-time, or null when it has none (or not a date). */
function addedDate(added: string | undefined): string | null {
  const at = added ? Date.parse(added) : Number.NaN;
  return Number.isFinite(at) ? new Date(at).toISOString() : null;
}

/** A movie already here: skipped, its date added set to Radarr's when it differs (one copied before dates were kept). */
async function keepAdded(run: MigrationRun, name: string, ours: Named, radarrAdded: string | undefined) {
  const added = addedDate(radarrAdded);
  if (!added || addedDate(ours.added as string | undefined) === added) {
    run.items.push({ resource: "movie", name, outcome: "skipped", reason: "already in the library" });
    return;
  }
  await run.setMovieAdded(ours.id, added);
  run.items.push({ resource: "movie", name, outcome: "updated", reason: `already in the library; added ${added}` });
}

/** One provider kind: its API path, its resource name and the flags that switch one off. */
interface ProviderKindPath {
  resource: "indexer" | "downloadClient" | "importList";
  path: string;
  read(radarr: RadarrClient): Promise<RadarrProvider[]>;
  disabled: Record<string, boolean>;
}

export const PROVIDER_KINDS: readonly ProviderKindPath[] = [
  {
    resource: "indexer",
    path: "/api/v3/indexer",
    read: (radarr) => radarr.indexers(),
    disabled: { enableRss: false, enableAutomaticSearch: false, enableInteractiveSearch: false },
  },
  {
    resource: "downloadClient",
    path: "/api/v3/downloadclient",
    read: (radarr) => radarr.downloadClients(),
    disabled: { enable: false },
  },
  {
    resource: "importList",
    path: "/api/v3/importlist",
    read: (radarr) => radarr.importLists(),
    disabled: { enabled: false },
  },
];

export async function migrateProviders(run: MigrationRun, kind: ProviderKindPath) {
  const ours = await listOurs(run, kind.path);
  const implementations = new Set(
    (await listOurs(run, `${kind.path}/schema`)).map((t) => String(t.implementation).toLowerCase()),
  );
  for (const provider of await kind.read(run.radarr)) {
    const same = (p: Named) =>
      String(p.implementation).toLowerCase() === provider.implementation.toLowerCase() && p.name === provider.name;
    const skip = (reason: string) =>
      run.items.push({ resource: kind.resource, name: provider.name, outcome: "skipped", reason });
    const existing = ours.find(same);
    if (existing) {
      const unset = stillUnset(provider, existing);
      for (const field of unset) run.secrets.push({ resource: kind.resource, name: provider.name, field });
      skip(unset.length ? `already here; still needs ${unset.join(", ")}` : "already here");
    } else if (!implementations.has(provider.implementation.toLowerCase()))
      skip(`not supported yet: Radarr Edge has no ${provider.implementation} implementation`);
    else await copyProvider(run, kind, provider);
  }
}

/** The secrets Radarr masked that a provider copied earlier still has empty (ours are masked only when set). */
function stillUnset(provider: RadarrProvider, ours: Named): string[] {
  const fields = (ours.fields ?? []) as { name: string; value?: unknown }[];
  const value = (name: string) => fields.find((f) => f.name === name)?.value;
  return provider.fields.filter((f) => f.value === MASKED && (value(f.name) ?? "") === "").map((f) => f.name);
}

async function copyProvider(run: MigrationRun, kind: ProviderKindPath, { id: _, ...provider }: RadarrProvider) {
  const secretOf = (field: string) => run.given.get(secretKey({ resource: kind.resource, name: provider.name, field }));
  const masked = provider.fields.filter((f) => f.value === MASKED && secretOf(f.name) === undefined).map((f) => f.name);
  // A secret nobody gave stays empty, not made up: the provider waits, switched off, for it.
  const fields = provider.fields.map(({ name, value }) => ({
    name,
    value: value === MASKED ? (secretOf(name) ?? "") : value,
  }));
  const qualityProfileId = provider.qualityProfileId as number | undefined;
  const body = {
    ...provider,
    fields,
    tags: mapIds(provider.tags, run.maps.tags),
    ...(qualityProfileId !== undefined
      ? { qualityProfileId: run.maps.profiles.get(qualityProfileId) ?? qualityProfileId }
      : {}),
    // Without its secret it cannot work yet: it waits, switched off, for the user to re-enter it.
    ...(masked.length ? kind.disabled : {}),
  };
  for (const field of masked) run.secrets.push({ resource: kind.resource, name: provider.name, field });
  const answer = await run.library.send("POST", `${kind.path}?forceSave=true`, body);
  const item: MigrationItem = answer.ok
    ? { resource: kind.resource, name: provider.name, outcome: "copied" }
    : { resource: kind.resource, name: provider.name, outcome: "failed", reason: answer.message };
  if (answer.ok && masked.length) item.reason = `switched off until you re-enter ${masked.join(", ")}`;
  if (!answer.ok && masked.length)
    item.reason = `${answer.message} (Radarr does not give out ${masked.join(", ")}: enter it and run the migration again)`;
  run.items.push(item);
}
