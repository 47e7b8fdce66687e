import { z } from "zod";
import { INDEXER_FLAG_VALUES, IndexerFlags } from "../../domain/customFormats/indexerFlags";
import type { SeedLimits } from "../../integrations/downloadClient";
import type { ProviderField } from "../definition";

// What torrent indexers (Torznab, HDBits) share: a seeder floor, the flags a release must carry
// and how long to seed what they grab (Radarr's SeedCriteriaSettings, sent to the torrent client
// with each grab). The seed fields keep Radarr's dotted names (`seedCriteria.seedRatio`), so
// Prowlarr's indexer sync and Radarr's templates round-trip unchanged.

/** An empty number field (Radarr's `double?`/`int?`): null means the client's own default. */
const optionalNumber = <T extends z.ZodNumber>(schema: T) =>
  z.preprocess((value) => (value === "" ? null : value), schema.nullable()).default(null);

export const seedSettings = {
  minimumSeeders: z.number().int().min(0).max(10_000).default(1),
  requiredFlags: z
    .array(
      z
        .number()
        .int()
        .refine((flag) => INDEXER_FLAG_VALUES.includes(flag), "not a known indexer flag"),
    )
    .default([]),
  "seedCriteria.seedRatio": optionalNumber(z.number().positive("should be greater than zero").max(10_000)),
  "seedCriteria.seedTime": optionalNumber(
    z.number().int().positive("should be greater than zero (minutes)").max(525_600),
  ),
  /** A grab whose torrent's info hash is blocklisted for the movie is refused (hashes learnt from the file). */
  rejectBlocklistedTorrentHashesWhileGrabbing: z.boolean().default(false),
};

export const seedFields: ProviderField[] = [
  { name: "minimumSeeders", label: "Minimum Seeders", type: "number", advanced: true },
  {
    name: "seedCriteria.seedRatio",
    label: "Seed Ratio",
    type: "number",
    isFloat: true,
    helpText: "The ratio a torrent should reach before stopping, empty is the download client's default",
  },
  {
    name: "seedCriteria.seedTime",
    label: "Seed Time",
    type: "number",
    unit: "minutes",
    advanced: true,
    helpText: "How long a torrent should be seeded before stopping, empty is the download client's default",
  },
  {
    name: "requiredFlags",
    label: "Required Flags",
    type: "select",
    advanced: true,
    selectOptions: Object.entries(IndexerFlags).map(([name, value]) => ({ value, name })),
    helpText: "A release must carry at least one of these flags",
  },
  {
    name: "rejectBlocklistedTorrentHashesWhileGrabbing",
    label: "Reject Blocklisted Torrent Hashes While Grabbing",
    type: "checkbox",
    advanced: true,
    helpText: "Refuse a grab whose torrent turns out to have a blocklisted info hash",
  },
];

/** The seed limits in an indexer's stored settings (none for indexers without seed criteria). */
export function seedLimitsOf(settings: Record<string, unknown>): SeedLimits {
  const number = (value: unknown) => (typeof value === "number" && value > 0 ? value : null);
  return { ratio: number(settings["seedCriteria.seedRatio"]), seedTime: number(settings["seedCriteria.seedTime"]) };
}
