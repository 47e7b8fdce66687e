import type { RadarrDelayProfile } from "../integrations/radarr/schemas";
import { listOurs, type MigrationRun, mapIds, record } from "./radarrMigrationSteps";

/** The settings a delay profile carries besides its tags and order (Radarr's DelayProfileResource). */
const DELAY_SETTINGS = [
  "enableUsenet",
  "enableTorrent",
  "preferredProtocol",
  "usenetDelay",
  "torrentDelay",
  "bypassIfHighestQuality",
  "bypassIfAboveCustomFormatScore",
  "minimumCustomFormatScore",
] as const;

const DEFAULT_PROFILE_ID = 1;

const sameIds = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && [...a].sort((x, y) => x - y).every((id, i) => id === [...b].sort((x, y) => x - y)[i]);

/**
 * Radarr's delay profiles, in Radarr's order (a copied one joins ours last but before the
 * default, so their order is kept): Radarr's default (no tags) onto ours (id 1); a tagged one
 * by its tags mapped to ours — the one here with the same tags is updated, else one is added. A
 * profile whose tags were none of them copied is skipped (it would apply to every movie).
 */
export async function migrateDelayProfiles(run: MigrationRun) {
  const ours = await listOurs(run, "/api/v3/delayprofile");
  const theirs = [...(await run.radarr.delayProfiles())].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  for (const profile of theirs) {
    const name = `delay profile ${profile.id}`;
    const isDefault = profile.tags.length === 0;
    const tags = mapIds(profile.tags, run.maps.tags);
    if (!isDefault && tags.length === 0) {
      run.items.push({ resource: "delayProfile", name, outcome: "skipped", reason: "none of its tags was copied" });
      continue;
    }
    const settings = settingsOf(profile);
    const same = ours.find((p) =>
      isDefault ? p.id === DEFAULT_PROFILE_ID : sameIds((p.tags as number[] | undefined) ?? [], tags),
    );
    if (same && Object.entries(settings).every(([key, value]) => same[key] === value)) {
      run.items.push({ resource: "delayProfile", name, outcome: "skipped", reason: "already here" });
    } else if (same) {
      const answer = await run.library.send("PUT", `/api/v3/delayprofile/${same.id}`, { ...same, ...settings });
      record(run, "delayProfile", name, answer, "updated");
    } else {
      const answer = await run.library.send("POST", "/api/v3/delayprofile", { ...settings, tags });
      const created = record(run, "delayProfile", name, answer, "copied");
      if (created) ours.push(created);
    }
  }
}

function settingsOf(profile: RadarrDelayProfile): Record<string, unknown> {
  return Object.fromEntries(DELAY_SETTINGS.flatMap((key) => (profile[key] === undefined ? [] : [[key, profile[key]]])));
}
