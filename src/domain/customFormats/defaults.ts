import { IndexerFlags } from "./indexerFlags";
import { MODIFIER_VALUES } from "./qualityEnums";
import type { CustomFormatDraft, CustomFormatSpecification } from "./types";

function titleRegex(name: string, value: string): CustomFormatSpecification {
  return { name, implementation: "ReleaseTitleSpecification", negate: false, required: false, fields: { value } };
}

function indexerFlag(name: string, value: number): CustomFormatSpecification {
  return { name, implementation: "IndexerFlagSpecification", negate: false, required: false, fields: { value } };
}

function format(name: string, ...specifications: CustomFormatSpecification[]): CustomFormatDraft {
  return { name, includeCustomFormatWhenRenaming: false, specifications };
}

/**
 * Formats installed for new users, unscored until a profile gives them a score; users edit or
 * delete them like their own. Specifications of different kinds must all match, so "Internal" by
 * title and by indexer flag are two formats rather than one.
 */
export const DEFAULT_CUSTOM_FORMATS: readonly CustomFormatDraft[] = Object.freeze([
  format("Freeleech", indexerFlag("Freeleech", IndexerFlags.freeleech)),
  format("Internal", titleRegex("INTERNAL", String.raw`\bINTERNAL\b`)),
  format("Internal (Indexer)", indexerFlag("Internal", IndexerFlags.internal)),
  format("Scene", indexerFlag("Scene", IndexerFlags.scene)),
  format("Remux", {
    name: "Remux",
    implementation: "QualityModifierSpecification",
    negate: false,
    required: false,
    fields: { value: MODIFIER_VALUES.remux },
  }),
  format(
    "HDR",
    titleRegex("HDR", String.raw`\bHDR(10(\+|P(lus)?)?)?\b`),
    titleRegex("HLG", String.raw`\bHLG(10)?\b`),
    titleRegex("Dolby Vision", String.raw`\b(DV|DoVi|Dolby[ .-]?Vision)\b`),
  ),
  format("Dolby Vision", titleRegex("Dolby Vision", String.raw`\b(DV|DoVi|Dolby[ .-]?Vision)\b`)),
  format("x265", titleRegex("x265/HEVC", String.raw`[xh]\.?265|HEVC`)),
  format("Atmos", titleRegex("Atmos", String.raw`\bATMOS(\b|\d)`)),
  format("Multi", titleRegex("MULTI", String.raw`\bMULTI\b`)),
]);
