import { z } from "zod";
import { httpUrlSetting } from "../../../domain/validation/addresses";
import type { ProviderField } from "../../definition";
import { requestHeadersField, requestHeadersSettings } from "../../requestHeaders";
import { releaseHandlingFields, releaseHandlingSettings } from "../releaseHandling";

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

/** The settings Newznab and Torznab share (the same API). */
export const newznabCommonSettings = {
  // Stored as sent: Prowlarr's ends in "/" and it compares what it reads back with what it sent.
  baseUrl: httpUrlSetting({ asSent: true }),
  apiPath: z
    .string()
    .trim()
    .regex(/^\/[\w\-./]*$/, "must be a path starting with /, e.g. /api")
    .default("/api"),
  apiKey: z.string().trim().min(1, "API key is required").max(500),
  categories: z
    .array(z.number().int().min(1000).max(999_999))
    .min(1, "choose at least one category")
    .default(DEFAULT_NEWZNAB_CATEGORIES),
  additionalParameters: z
    .string()
    .trim()
    .regex(/^(&[\w.\-[\]]+=[^&\s]*)*$/, "must look like &name=value&other=value")
    .default(""),
  ...releaseHandlingSettings,
  /** Text searches without the year ("Title" rather than "Title 1999"). */
  removeYear: z.boolean().default(false),
  ...requestHeadersSettings,
};

export const newznabSettingsSchema = z.object(newznabCommonSettings);
export type NewznabSettings = z.infer<typeof newznabSettingsSchema>;

/** The fields Newznab and Torznab share; `example` is an address the help text shows. */
export const newznabCommonFields = (example: string): ProviderField[] => [
  { name: "baseUrl", label: "URL", type: "url", helpText: `The indexer's address, e.g. ${example}`, value: null },
  { name: "apiPath", label: "API Path", type: "textbox", advanced: true },
  { name: "apiKey", label: "API Key", type: "password", privacy: "apiKey", value: "" },
  {
    name: "categories",
    label: "Categories",
    type: "select",
    selectOptions: Object.entries(NEWZNAB_CATEGORY_NAMES).map(([value, name]) => ({ value: Number(value), name })),
    helpText: "Newznab category ids searched (2000 is Movies)",
  },
  {
    name: "additionalParameters",
    label: "Additional Parameters",
    type: "textbox",
    advanced: true,
    helpText: "Appended to every request, e.g. &extended=1",
  },
  ...releaseHandlingFields,
  {
    name: "removeYear",
    label: "Remove Year",
    type: "checkbox",
    advanced: true,
    helpText: "Searches by title without the year",
  },
  requestHeadersField,
];
