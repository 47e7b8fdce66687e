import { z } from "zod";
import { httpUrlSetting } from "../../../domain/validation/addresses";
import type { ProviderField } from "../../definition";
import { requestHeadersField, requestHeadersSettings } from "../../requestHeaders";
import { releaseHandlingFields, releaseHandlingSettings } from "../releaseHandling";
import { seedFields, seedSettings } from "../seeding";

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

/** A list of ids from one of HDBits' tables. */
const idsOf = (names: Record<number, string>, what: string) =>
  z.array(
    z
      .number()
      .int()
      .refine((id) => id in names, `not an HDBits ${what}`),
  );

export const hdbitsSettingsSchema = z.object({
  baseUrl: httpUrlSetting().default("https://hdbits.org"),
  username: z.string().trim().min(1, "username is required").max(200),
  apiKey: z.string().trim().min(1, "passkey is required").max(200),
  categories: idsOf(HDBITS_CATEGORIES, "category").min(1, "choose at least one category").default([1]),
  codecs: idsOf(HDBITS_CODECS, "codec").default([]),
  mediums: idsOf(HDBITS_MEDIUMS, "medium").default([]),
  ...seedSettings,
  ...releaseHandlingSettings,
  ...requestHeadersSettings,
});
export type HdbitsSettings = z.infer<typeof hdbitsSettingsSchema>;

const options = (names: Record<number, string>) =>
  Object.entries(names).map(([value, name]) => ({ value: Number(value), name }));

export const hdbitsFields: ProviderField[] = [
  { name: "baseUrl", label: "API URL", type: "url", advanced: true },
  { name: "username", label: "Username", type: "textbox", privacy: "userName", value: "" },
  { name: "apiKey", label: "Passkey", type: "password", privacy: "apiKey", value: "" },
  {
    name: "categories",
    label: "Categories",
    type: "select",
    selectOptions: options(HDBITS_CATEGORIES),
    helpText: "Movie (1) keeps searches to movies",
  },
  { name: "codecs", label: "Codecs", type: "select", selectOptions: options(HDBITS_CODECS) },
  { name: "mediums", label: "Mediums", type: "select", selectOptions: options(HDBITS_MEDIUMS) },
  ...seedFields,
  ...releaseHandlingFields,
  requestHeadersField,
];
