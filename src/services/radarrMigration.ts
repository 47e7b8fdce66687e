import { type CommandRow, commandRepository } from "../db/repositories/commands";
import { MovieRepository } from "../db/repositories/movies";
import { type Failure, invalidInput, isUpstreamFailure, resourceNotFound } from "../domain/failures/failure";
import { RadarrClient, type RadarrSource } from "../integrations/radarr/client";
import type { ServiceContext } from "./context";
import { migrateDelayProfiles } from "./radarrMigrationDelayProfiles";
import {
  type IdMaps,
  type LocalLibrary,
  type MigrationItem,
  type MigrationRun,
  migrateCustomFormats,
  migrateExclusions,
  migrateMovies,
  migrateNaming,
  migrateProviders,
  migrateQualityDefinitions,
  migrateQualityProfiles,
  migrateRootFolders,
  migrateTags,
  PROVIDER_KINDS,
  type SecretToEnter,
  secretKey,
} from "./radarrMigrationSteps";
import { decryptSecret, encryptSecret } from "./secrets";

export type { LocalLibrary } from "./radarrMigrationSteps";

/**
 * Moves a running Radarr over. A migration is a command (name RadarrMigration) run on the commands
 * queue in chunks: each chunk copies whole steps, or a slice of the movies, and saves where it
 * stands (the id maps, the items so far) as the command's cursor. The API key and the secrets the
 * user typed ride in the command's body sealed with ENCRYPTION_KEY and are dropped when it ends.
 */
export const MIGRATION_NAME = "RadarrMigration";

/** The order the steps run in: each after those whose ids it needs. A sliced step returns where it resumes. */
const STEPS: readonly { label: string; run: (run: MigrationRun) => Promise<unknown> }[] = [
  { label: "tags", run: migrateTags },
  { label: "custom formats", run: migrateCustomFormats },
  { label: "quality definitions", run: migrateQualityDefinitions },
  { label: "quality profiles", run: migrateQualityProfiles },
  { label: "root folders", run: migrateRootFolders },
  { label: "naming", run: migrateNaming },
  { label: "exclusions", run: migrateExclusions },
  { label: "movies", run: migrateMovies },
  ...PROVIDER_KINDS.map((kind) => ({
    label: `${kind.resource}s`,
    run: (run: MigrationRun) => migrateProviders(run, kind),
  })),
  { label: "delay profiles", run: migrateDelayProfiles },
];

interface MigrationReport {
  radarrVersion: string;
  counts: Record<string, Record<MigrationItem["outcome"], number>>;
  items: MigrationItem[];
  secrets: SecretToEnter[];
  /** Steps that could not run at all (Radarr did not answer that resource), with why. */
  stepFailures: { step: string; reason: string }[];
}

/** A migration command's body: the key and typed secrets sealed (encryptSecret), never in clear. */
export interface MigrationBody {
  url: string;
  radarrVersion: string;
  apiKey: string;
  secrets: (SecretToEnter & { value: string })[];
}

/**
 * Checks that Radarr answers with this key (a wrong URL or key is the caller's input to fix), then
 * returns the body of the migration command to queue, its key and secrets sealed.
 */
export async function prepareRadarrMigration(
  ctx: ServiceContext,
  source: RadarrSource,
  secrets: readonly (SecretToEnter & { value: string })[] = [],
): Promise<MigrationBody> {
  const radarr = new RadarrClient(ctx.env, source, ctx.logger);
  let version: string;
  try {
    version = (await radarr.status()).version;
  } catch (error) {
    throw sourceFailure(error, source);
  }
  const seal = (value: string) => encryptSecret(ctx.env, value);
  return {
    url: source.url,
    radarrVersion: version,
    apiKey: await seal(source.apiKey),
    secrets: await Promise.all(secrets.map(async (secret) => ({ ...secret, value: await seal(secret.value) }))),
  };
}

/** A Radarr that refuses the key or cannot be reached, as the field the user must fix. */
function sourceFailure(error: unknown, source: RadarrSource): Failure {
  if (!isUpstreamFailure(error)) return error as Failure;
  if (error.kind === "authenticationFailed")
    return invalidInput(
      "body.apiKey",
      `Radarr at ${source.url} refused the API key; copy it from Radarr's Settings › General`,
    );
  return invalidInput("body.url", `Could not read Radarr's API at ${source.url}: ${error.message}`);
}

/** What a migration chunk runs with (the command runner's context, without naming the jobs layer). */
export interface MigrationChunkContext extends ServiceContext {
  cursor: Record<string, unknown> | null;
  progress(message: string): Promise<void>;
  outOfTime(): boolean;
}

/** Where a migration stands between chunks. */
interface MigrationCursor {
  step: number;
  from: number;
  maps: Record<keyof IdMaps, [number, number][]>;
  items: MigrationItem[];
  secrets: SecretToEnter[];
  stepFailures: MigrationReport["stepFailures"];
}

type MigrationChunk =
  | { message: string; result: Record<string, unknown> }
  | { next: { cursor: Record<string, unknown>; done: number; total: number; message: string } };

/**
 * Runs one chunk of a migration: steps until the chunk's time is used (a step in hand finishes;
 * movies stop after a slice), then where to resume, or the report once every step ran. The
 * secrets in the command's body are dropped when it ends, completed or failed.
 */
export async function runRadarrMigrationChunk(
  ctx: MigrationChunkContext,
  id: number,
  body: MigrationBody,
  library: LocalLibrary,
): Promise<MigrationChunk> {
  try {
    const chunk = await migrateUntilOutOfTime(ctx, body, library);
    if (!("next" in chunk)) await dropSecrets(ctx, id, body);
    return chunk;
  } catch (error) {
    await dropSecrets(ctx, id, body);
    throw error;
  }
}

async function migrateUntilOutOfTime(
  ctx: MigrationChunkContext,
  body: MigrationBody,
  library: LocalLibrary,
): Promise<MigrationChunk> {
  const state = (ctx.cursor as MigrationCursor | null) ?? {
    step: 0,
    from: 0,
    maps: { tags: [], formats: [], profiles: [] },
    items: [],
    secrets: [],
    stepFailures: [],
  };
  const run = await openRun(ctx, body, library, state);
  while (state.step < STEPS.length) {
    const step = STEPS[state.step];
    if (ctx.outOfTime()) return continueAt(state, run, `Copying ${step.label}`);
    if (state.from === 0) await run.progress(`Copying ${step.label}`);
    run.from = state.from;
    try {
      const resumeAt = await step.run(run);
      if (typeof resumeAt === "number") {
        state.from = resumeAt;
        return continueAt(state, run, `Copying ${step.label} (${resumeAt} done)`);
      }
    } catch (error) {
      state.stepFailures.push({ step: step.label, reason: (error as Error).message });
    }
    state.step++;
    state.from = 0;
  }
  const report: MigrationReport = {
    radarrVersion: body.radarrVersion,
    counts: countOutcomes(run.items),
    items: run.items,
    secrets: run.secrets,
    stepFailures: state.stepFailures,
  };
  return { message: summary(report), result: { ...report } };
}

async function openRun(
  ctx: MigrationChunkContext,
  body: MigrationBody,
  library: LocalLibrary,
  state: MigrationCursor,
): Promise<MigrationRun> {
  const open = (value: string) => decryptSecret(ctx.env, value);
  const radarr = new RadarrClient(ctx.env, { url: body.url, apiKey: await open(body.apiKey) }, ctx.logger);
  const given = new Map<string, string>();
  for (const secret of body.secrets) given.set(secretKey(secret), await open(secret.value));
  return {
    radarr,
    library,
    given,
    maps: {
      tags: new Map(state.maps.tags),
      formats: new Map(state.maps.formats),
      profiles: new Map(state.maps.profiles),
    },
    items: state.items,
    secrets: state.secrets,
    progress: ctx.progress,
    from: state.from,
    outOfTime: ctx.outOfTime,
    setMovieAdded: (movieId, added) => new MovieRepository(ctx.db).update([movieId], { added }),
  };
}

function continueAt(state: MigrationCursor, run: MigrationRun, message: string): MigrationChunk {
  const cursor: MigrationCursor = {
    ...state,
    maps: { tags: [...run.maps.tags], formats: [...run.maps.formats], profiles: [...run.maps.profiles] },
  };
  return { next: { cursor: { ...cursor }, done: state.step, total: STEPS.length, message } };
}

/** The finished migration's body keeps only where it copied from. */
async function dropSecrets(ctx: ServiceContext, id: number, body: MigrationBody) {
  await commandRepository(ctx.db).setBody(id, { url: body.url, radarrVersion: body.radarrVersion });
}

function countOutcomes(items: readonly MigrationItem[]): MigrationReport["counts"] {
  const counts: MigrationReport["counts"] = {};
  for (const item of items) {
    counts[item.resource] ??= { copied: 0, updated: 0, skipped: 0, failed: 0 };
    counts[item.resource][item.outcome]++;
  }
  return counts;
}

function summary(report: MigrationReport): string {
  const total = (outcome: MigrationItem["outcome"]) => report.items.filter((i) => i.outcome === outcome).length;
  const secrets = report.secrets.length ? `; ${report.secrets.length} secrets to re-enter` : "";
  return `Copied ${total("copied")}, updated ${total("updated")}, skipped ${total("skipped")}, failed ${total("failed")}${secrets}`;
}

/** A migration's record, by id. */
export async function radarrMigration(ctx: ServiceContext, id: number): Promise<CommandRow> {
  const row = await commandRepository(ctx.db).get(id);
  if (!row || row.name !== MIGRATION_NAME) throw resourceNotFound(`Radarr migration ${id}`);
  return row;
}
