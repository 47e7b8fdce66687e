import { z } from "zod";
import { LANGUAGES } from "../../domain/parser/languages";
import type { ProviderField } from "../definition";

// What every indexer's settings carry about the releases it finds (Radarr's IIndexerSettings):
// the languages a MULTI release holds, and which unwanted file types fail its downloads.

/** Radarr's FailDownloads: the file types that fail a download instead of only holding its import. */
export const FailDownloads = { executables: 0, potentiallyDangerous: 1 } as const;
const FAIL_DOWNLOAD_OPTIONS = [
  { value: FailDownloads.executables, name: "Executables" },
  { value: FailDownloads.potentiallyDangerous, name: "Potentially Dangerous" },
];

/** Real languages (Radarr's RealLanguageFieldConverter: not Unknown, Any or Original). */
const REAL_LANGUAGES = LANGUAGES.filter((language) => language.id > 0);

export const releaseHandlingSettings = {
  multiLanguages: z
    .array(
      z
        .number()
        .int()
        .refine((id) => REAL_LANGUAGES.some((language) => language.id === id), "not a known language"),
    )
    .default([]),
  failDownloads: z
    .array(
      z
        .number()
        .int()
        .refine((value) => FAIL_DOWNLOAD_OPTIONS.some((option) => option.value === value), "must be 0 or 1"),
    )
    .default([]),
};

export const releaseHandlingFields: ProviderField[] = [
  {
    name: "multiLanguages",
    label: "Multi Languages",
    type: "select",
    advanced: true,
    selectOptions: REAL_LANGUAGES.map((language) => ({ value: language.id, name: language.name })),
    helpText: "The languages a release marked MULTI on this indexer holds",
  },
  {
    name: "failDownloads",
    label: "Fail Downloads",
    type: "select",
    advanced: true,
    selectOptions: FAIL_DOWNLOAD_OPTIONS,
    helpText: "A download holding files of these types is failed (blocklisted, and searched again)",
  },
];

/** The file types that fail a download, by extension (Radarr's lists). */
export const FAIL_DOWNLOAD_EXTENSIONS: Record<number, readonly string[]> = {
  [FailDownloads.executables]: [".bat", ".cmd", ".exe", ".sh"],
  [FailDownloads.potentiallyDangerous]: [".arj", ".lnk", ".lzh", ".ps1", ".scr", ".vbs", ".zipx"],
};
