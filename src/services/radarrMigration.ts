import * as clock from "../clock";
import { type CommandRow, commandRepository } from "../db/repositories/commands";
import { type Failure, invalidInput, isUpstreamFailure, resourceNotFound } from "../domain/failures/failure";
import { RadarrClient, type RadarrSource } from "../integrations/radarr/client";
import type { ServiceContext } from "./context";
import {
  type IdMaps,
  type LocalLibrary,
  type MigrationItem,
  type MigrationRun,
  migrateCustomFormats,
  migrateDelayProfiles,
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

export type { LocalLibrary } from "./radarrMigrationSteps";

/**
 * Moves a running Radarr over in one step. A migration is recorded like a command (the commands
 * table, name RadarrMigration) so its progress and report are read back by id; the API key is
 * used, never stored.
 */
const MIGRATION_NAME = "RadarrMigration";

/** The order the steps run in: each after those whose ids it needs. */
const STEPS: readonly { label: string; run: (run: MigrationRun) => Promise<void> }[] = [
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

/**
 * Checks that Radarr answers with this key (a wrong URL or key is the caller's input to fix), then
 * records the migration and runs it in the background; resolves with its record.
 */
export async function startRadarrMigration(
  ctx: ServiceContext,
  source: RadarrSource,
  library: LocalLibrary,
  secrets: readonly (SecretToEnter & { value: string })[] = [],
): Promise<CommandRow> {
  const radarr = new RadarrClient(ctx.env, source, ctx.logger);
  let version: string;
  try {
    version = (await radarr.status()).version;
  } catch (error) {
    throw sourceFailure(error, source);
  }
  const repo = commandRepository(ctx.db);
  const row = await repo.queue({
    name: MIGRATION_NAME,
    body: { url: source.url },
    trigger: "manual",
    queued: clock.nowIso(),
  });
  const given = new Map(secrets.map((secret) => [secretKey(secret), secret.value]));
  ctx.background.waitUntil(runMigration(ctx, row.id, { radarr, library, given }, version));
  return row;
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

type RunSources = Pick<MigrationRun, "radarr" | "library" | "given">;

async function runMigration(ctx: ServiceContext, id: number, sources: RunSources, version: string) {
  const repo = commandRepository(ctx.db);
  await repo.markStarted(id, clock.nowIso());
  const maps: IdMaps = { tags: new Map(), formats: new Map(), profiles: new Map() };
  const run: MigrationRun = {
    ...sources,
    maps,
    items: [],
    secrets: [],
    progress: (message) => repo.setMessage(id, message),
  };
  const stepFailures: MigrationReport["stepFailures"] = [];
  try {
    for (const step of STEPS) {
      await run.progress(`Copying ${step.label}`);
      try {
        await step.run(run);
      } catch (error) {
        stepFailures.push({ step: step.label, reason: (error as Error).message });
      }
    }
    const report: MigrationReport = {
      radarrVersion: version,
      counts: countOutcomes(run.items),
      items: run.items,
      secrets: run.secrets,
      stepFailures,
    };
    await repo.markCompleted(id, { ended: clock.nowIso(), message: summary(report), result: { ...report } });
    ctx.logger.info("radarr migration completed", { migrationId: id, message: summary(report) });
  } catch (error) {
    await repo.markFailed(id, clock.nowIso(), (error as Error).message);
    ctx.logger.error("radarr migration failed", { migrationId: id, error: (error as Error).message });
  }
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
