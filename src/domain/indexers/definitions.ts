import { z } from "zod";
import { INDEXER_FLAG_VALUES, IndexerFlags } from "../customFormats/indexerFlags";
import type { DownloadProtocol } from "../decisions/types";
import { httpUrlSetting } from "../validation/addresses";

/**
 * The indexer implementations (Radarr's `Indexers/<Name>`): each is settings (validated by zod),
 * the fields the provider API shows for them, and the protocol its releases use. Adding one is
 * adding an entry here and a client in src/integrations/indexers.
 */

export const INDEXER_IMPLEMENTATIONS = ["Torznab", "Newznab", "HDBits"] as const;
export type IndexerImplementation = (typeof INDEXER_IMPLEMENTATIONS)[number];

/** A settings field in Radarr's provider schema (`fields[{name, label, type, value, privacy}]`). */
interface IndexerFieldDefinition {
  name: string;
  label: string;
  type: "textbox" | "url" | "number" | "select" | "checkbox" | "tag" | "password";
  helpText?: string;
  advanced?: boolean;
  privacy?: "normal" | "apiKey" | "password" | "userName";
  selectOptions?: { value: number; name: string }[];
  defaultValue?: unknown;
}

/** Newznab's movie categories: 2000 Movies and its standard subcategories (Radarr's default set). */
const DEFAULT_NEWZNAB_CATEGORIES = [2000, 2010, 2020, 2030, 2040, 2045, 2050, 2060];
const NEWZNAB_CATEGORY_NAMES: Record<number, string> = {
  2000: "Movies",
  2010: "Movies/Foreign",
  2020: "Movies/Other",
  2030: "Movies/SD",
  2040: "Movies/HD",
  2045: "Movies/UHD",
  2050: "Movies/BluRay",
  2060: "Movies/3D",
  2070: "Movies/DVD",
  2080: "Movies/WEB-DL",
};

/** HDBits' categories; Movie (1) is the one movies live in. */
const HDBITS_CATEGORIES: Record<number, string> = {
  1: "Movie",
  2: "TV",
  3: "Documentary",
  4: "Music",
  5: "Sport",
  6: "Audio Track",
  7: "XXX",
  8: "Misc/Demo",
};
const HDBITS_CODECS: Record<number, string> = { 1: "H.264", 2: "MPEG-2", 3: "VC-1", 4: "XviD", 5: "HEVC" };
const HDBITS_MEDIUMS: Record<number, string> = {
  1: "Blu-ray/HD DVD",
  3: "Encode",
  4: "Capture",
  5: "Remux",
  6: "WEB-DL",
};

const httpUrl = httpUrlSetting();

const apiKey = z.string().trim().min(1, "API key is required").max(500);
const indexerFlagList = z
  .array(
    z
      .number()
      .int()
      .refine((flag) => INDEXER_FLAG_VALUES.includes(flag), "not a known indexer flag"),
  )
  .default([]);

const newznabCommon = {
  baseUrl: httpUrl,
  apiPath: z
    .string()
    .trim()
    .regex(/^\/[\w\-./]*$/, "must be a path starting with /, e.g. /api")
    .default("/api"),
  apiKey,
  categories: z
    .array(z.number().int().min(1000).max(999_999))
    .min(1, "choose at least one category")
    .default(DEFAULT_NEWZNAB_CATEGORIES),
  additionalParameters: z
    .string()
    .trim()
    .regex(/^(&[\w.\-[\]]+=[^&\s]*)*$/, "must look like &name=value&other=value")
    .default(""),
};

export const newznabSettingsSchema = z.object(newznabCommon);
export const torznabSettingsSchema = z.object({
  ...newznabCommon,
  minimumSeeders: z.number().int().min(0).max(10_000).default(1),
  requiredFlags: indexerFlagList,
});
export const hdbitsSettingsSchema = z.object({
  baseUrl: httpUrl.default("https://hdbits.org"),
  username: z.string().trim().min(1, "username is required").max(200),
  apiKey: z.string().trim().min(1, "passkey is required").max(200),
  categories: z
    .array(
      z
        .number()
        .int()
        .refine((id) => id in HDBITS_CATEGORIES, "not an HDBits category"),
    )
    .min(1, "choose at least one category")
    .default([1]),
  codecs: z
    .array(
      z
        .number()
        .int()
        .refine((id) => id in HDBITS_CODECS, "not an HDBits codec"),
    )
    .default([]),
  mediums: z
    .array(
      z
        .number()
        .int()
        .refine((id) => id in HDBITS_MEDIUMS, "not an HDBits medium"),
    )
    .default([]),
  minimumSeeders: z.number().int().min(0).max(10_000).default(1),
  requiredFlags: indexerFlagList,
});

export type NewznabSettings = z.infer<typeof newznabSettingsSchema>;
export type HdbitsSettings = z.infer<typeof hdbitsSettingsSchema>;

export interface IndexerDefinition {
  implementation: IndexerImplementation;
  implementationName: string;
  configContract: string;
  infoLink: string;
  protocol: DownloadProtocol;
  settings: z.ZodType<Record<string, unknown>>;
  fields: IndexerFieldDefinition[];
}

const options = (names: Record<number, string>) =>
  Object.entries(names).map(([value, name]) => ({ value: Number(value), name }));

const newznabFields = (example: string): IndexerFieldDefinition[] => [
  { name: "baseUrl", label: "URL", type: "url", helpText: `The indexer's address, e.g. ${example}` },
  { name: "apiPath", label: "API Path", type: "textbox", advanced: true, defaultValue: "/api" },
  { name: "apiKey", label: "API Key", type: "password", privacy: "apiKey" },
  {
    name: "categories",
    label: "Categories",
    type: "select",
    selectOptions: options(NEWZNAB_CATEGORY_NAMES),
    defaultValue: DEFAULT_NEWZNAB_CATEGORIES,
    helpText: "Newznab category ids searched (2000 is Movies)",
  },
  {
    name: "additionalParameters",
    label: "Additional Parameters",
    type: "textbox",
    advanced: true,
    defaultValue: "",
    helpText: "Appended to every request, e.g. &extended=1",
  },
];

const seedFields: IndexerFieldDefinition[] = [
  { name: "minimumSeeders", label: "Minimum Seeders", type: "number", advanced: true, defaultValue: 1 },
  {
    name: "requiredFlags",
    label: "Required Flags",
    type: "select",
    advanced: true,
    selectOptions: Object.entries(IndexerFlags).map(([name, value]) => ({ value, name })),
    defaultValue: [],
    helpText: "A release must carry at least one of these flags",
  },
];

export const INDEXER_DEFINITIONS: readonly IndexerDefinition[] = [
  {
    implementation: "Torznab",
    implementationName: "Torznab",
    configContract: "TorznabSettings",
    infoLink: "https://wiki.servarr.com/radarr/supported#torznab",
    protocol: "torrent",
    settings: torznabSettingsSchema as z.ZodType<Record<string, unknown>>,
    fields: [...newznabFields("http://localhost:9696/1 (Prowlarr) or a Jackett feed"), ...seedFields],
  },
  {
    implementation: "Newznab",
    implementationName: "Newznab",
    configContract: "NewznabSettings",
    infoLink: "https://wiki.servarr.com/radarr/supported#newznab",
    protocol: "usenet",
    settings: newznabSettingsSchema as z.ZodType<Record<string, unknown>>,
    fields: newznabFields("https://api.nzbgeek.info"),
  },
  {
    implementation: "HDBits",
    implementationName: "HDBits",
    configContract: "HDBitsSettings",
    infoLink: "https://wiki.servarr.com/radarr/supported#hdbits",
    protocol: "torrent",
    settings: hdbitsSettingsSchema as z.ZodType<Record<string, unknown>>,
    fields: [
      { name: "baseUrl", label: "API URL", type: "url", defaultValue: "https://hdbits.org", advanced: true },
      { name: "username", label: "Username", type: "textbox", privacy: "userName" },
      { name: "apiKey", label: "Passkey", type: "password", privacy: "apiKey" },
      {
        name: "categories",
        label: "Categories",
        type: "select",
        selectOptions: options(HDBITS_CATEGORIES),
        defaultValue: [1],
        helpText: "Movie (1) keeps searches to movies",
      },
      { name: "codecs", label: "Codecs", type: "select", selectOptions: options(HDBITS_CODECS), defaultValue: [] },
      { name: "mediums", label: "Mediums", type: "select", selectOptions: options(HDBITS_MEDIUMS), defaultValue: [] },
      ...seedFields,
    ],
  },
];

export function findIndexerDefinition(implementation: string): IndexerDefinition | undefined {
  return INDEXER_DEFINITIONS.find((d) => d.implementation.toLowerCase() === implementation.toLowerCase());
}

/** The settings fields an implementation keeps secret (stored encrypted, shown masked). */
export function indexerSecretFields(definition: IndexerDefinition): string[] {
  return definition.fields.filter((f) => f.privacy === "apiKey" || f.privacy === "password").map((f) => f.name);
}
