import { createRoute, z } from "@hono/zod-openapi";
import { type IndexerFlagName, IndexerFlags } from "../domain/customFormats/indexerFlags";
import { resourceNotFound } from "../domain/failures/failure";
import { isoLanguageOf, LANGUAGES, Languages, languageById } from "../domain/parser";
import { QUALITY_SIZE_LIMITS } from "../domain/quality/qualities";
import { readSettings } from "../services/settings";
import { createRouter, jsonContent } from "./router";
import { errorResponses } from "./schemas/common";

/**
 * Radarr's small reference lists, from the app's own tables: `/language` (Radarr's Language
 * list), `/indexerflag` (the release flags indexers report), `/qualitydefinition/limits` (the
 * bounds of a definition's sizes) and `/localization` (the UI language and its strings).
 */
export const referenceRouter = createRouter();

const named = (name: string) =>
  z.object({ id: z.number().int(), name: z.string(), nameLower: z.string() }).openapi(name);
const languageSchema = named("Language");
const indexerFlagSchema = named("IndexerFlag");
const withLower = (entry: { id: number; name: string }) => ({ ...entry, nameLower: entry.name.toLowerCase() });

/** Radarr's order: Unknown, Any and Original (ids ≤ 0) first, then by name. */
const LANGUAGE_LIST = [...LANGUAGES]
  .sort((a, b) => Number(a.id > 0) - Number(b.id > 0) || a.name.localeCompare(b.name))
  .map(withLower);

referenceRouter.openapi(
  createRoute({
    method: "get",
    path: "/language",
    tags: ["Language"],
    responses: { 200: jsonContent(z.array(languageSchema), "Every language"), ...errorResponses },
  }),
  (c) => c.json(LANGUAGE_LIST, 200),
);

referenceRouter.openapi(
  createRoute({
    method: "get",
    path: "/language/{id}",
    tags: ["Language"],
    request: {
      params: z.object({
        id: z.coerce
          .number()
          .int()
          .openapi({ param: { name: "id", in: "path" } }),
      }),
    },
    responses: { 200: jsonContent(languageSchema, "The language"), ...errorResponses },
  }),
  (c) => {
    const language = languageById(c.req.valid("param").id);
    if (!language) throw resourceNotFound("Language");
    return c.json(withLower(language), 200);
  },
);

/** Radarr's IndexerFlags names (its obsolete AHD flags left out, as Radarr lists them). */
const RADARR_FLAG_NAMES: Partial<Record<IndexerFlagName, [string, string]>> = {
  freeleech: ["G_Freeleech", "Freeleech"],
  halfleech: ["G_Halfleech", "Halfleech"],
  doubleUpload: ["G_DoubleUpload", "Double Upload"],
  ptpGolden: ["PTP_Golden", "Golden"],
  ptpApproved: ["PTP_Approved", "Approved"],
  internal: ["G_Internal", "Internal"],
  scene: ["G_Scene", "Scene"],
  freeleech75: ["G_Freeleech75", "Freeleech 75%"],
  freeleech25: ["G_Freeleech25", "Freeleech 25%"],
  nuked: ["Nuked", "Nuked"],
};
const INDEXER_FLAGS = (Object.keys(IndexerFlags) as IndexerFlagName[]).flatMap((flag) => {
  const names = RADARR_FLAG_NAMES[flag];
  return names ? [{ id: IndexerFlags[flag], name: names[0], label: names[1] }] : [];
});

referenceRouter.openapi(
  createRoute({
    method: "get",
    path: "/indexerflag",
    tags: ["IndexerFlag"],
    responses: {
      200: jsonContent(z.array(indexerFlagSchema), "The flags an indexer can set on a release"),
      ...errorResponses,
    },
  }),
  (c) =>
    c.json(
      INDEXER_FLAGS.map(({ id, name }) => withLower({ id, name })),
      200,
    ),
);

const limitsSchema = z.object({ min: z.number().int(), max: z.number().int() }).openapi("QualityDefinitionLimits");

referenceRouter.openapi(
  createRoute({
    method: "get",
    path: "/qualitydefinition/limits",
    tags: ["QualityDefinition"],
    summary: "The bounds of a quality definition's sizes (megabytes per minute)",
    responses: { 200: jsonContent(limitsSchema, "Size limits"), ...errorResponses },
  }),
  (c) => c.json({ min: QUALITY_SIZE_LIMITS.min, max: QUALITY_SIZE_LIMITS.max }, 200),
);

/** The UI language's identifier as Radarr writes it: "en", "fr-FR", "pt-BR". */
function languageIdentifier(uiLanguage: number): string {
  const iso = isoLanguageOf(uiLanguage) ?? isoLanguageOf(Languages.English.id);
  if (!iso) return "en";
  return iso.countryCode ? `${iso.twoLetterCode}-${iso.countryCode.toUpperCase()}` : iso.twoLetterCode;
}

referenceRouter.openapi(
  createRoute({
    method: "get",
    path: "/localization/language",
    tags: ["Localization"],
    summary: "The UI language chosen in /config/ui",
    responses: {
      200: jsonContent(z.object({ identifier: z.string() }).openapi("LocalizationLanguage"), "The UI language"),
      ...errorResponses,
    },
  }),
  async (c) => c.json({ identifier: languageIdentifier((await readSettings(c.get("db"), "ui")).uiLanguage) }, 200),
);

/**
 * The display strings of the names the API uses, in English (the site's only language): each
 * language and indexer flag by its API name.
 */
const STRINGS: Record<string, string> = Object.fromEntries([
  ...LANGUAGES.map((l) => [l.name, l.name]),
  ...INDEXER_FLAGS.map((f) => [f.name, f.label]),
]);

referenceRouter.openapi(
  createRoute({
    method: "get",
    path: "/localization",
    tags: ["Localization"],
    summary: 'The UI strings, as Radarr sends them: the JSON text of {"Strings": {key: text}}',
    responses: {
      200: { content: { "text/plain": { schema: z.string() } }, description: "The dictionary as JSON text" },
      ...errorResponses,
    },
  }),
  (c) => c.text(JSON.stringify({ Strings: STRINGS }), 200),
);
