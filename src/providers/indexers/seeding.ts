import { z } from "zod";
import { INDEXER_FLAG_VALUES, IndexerFlags } from "../../domain/customFormats/indexerFlags";
import type { ProviderField } from "../definition";

// What torrent indexers (Torznab, HDBits) share: a seeder floor and the flags a release must carry.

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
};

export const seedFields: ProviderField[] = [
  { name: "minimumSeeders", label: "Minimum Seeders", type: "number", advanced: true },
  {
    name: "requiredFlags",
    label: "Required Flags",
    type: "select",
    advanced: true,
    selectOptions: Object.entries(IndexerFlags).map(([name, value]) => ({ value, name })),
    helpText: "A release must carry at least one of these flags",
  },
];
