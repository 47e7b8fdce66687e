/** Radarr's parser fixture corpus and how each kind is checked: shared by the corpus test and the parser benchmark. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  cleanMovieTitle,
  findIsoLanguage,
  isSceneTitle,
  normalizeImdbId,
  parseLanguages,
  parseMoviePath,
  parseMovieTitle,
  parseQuality,
  parseReleaseGroup,
  parseSubtitleInfo,
  parseSubtitleLanguage,
  sceneTitle,
} from "../../src/domain/parser";

/** One fixture row: what kind of fact is asserted, for which name, and the expected value. */
export interface CorpusCase {
  kind: string;
  name: string;
  expected: string;
}

export function readCorpus(file: string): CorpusCase[] {
  const path = fileURLToPath(new URL(`../fixtures/corpus/${file}`, import.meta.url));
  return readFileSync(path, "utf8")
    .split("\n")
    .slice(1)
    .filter((line) => line !== "")
    .map((line) => {
      const [kind, name, expected = ""] = line.split("\t");
      return { kind, name, expected };
    });
}

function languageNames(name: string, isDirectory = false): string[] {
  return parseMovieTitle(name, isDirectory)?.languages.map((l) => l.name) ?? [];
}

function sameSet(actual: readonly string[], expected: readonly string[]): boolean {
  return actual.length === expected.length && expected.every((item) => actual.includes(item));
}

/** Radarr's own fixture assertions, one per kind: true when the parser agrees with the row. */
export const CHECKS: Record<string, (name: string, expected: string) => boolean> = {
  title: (name, expected) => parseMovieTitle(name)?.primaryMovieTitle === expected,
  year: (name, expected) => (parseMovieTitle(name)?.year ?? 0) === Number(expected),
  edition: (name, expected) => (parseMovieTitle(name)?.edition ?? "") === expected,
  group: (name, expected) => parseReleaseGroup(name) === expected,
  quality: (name, expected) => parseQuality(name).quality.name === expected,
  proper: (name, expected) => (parseQuality(name).revision.version === 2) === (expected === "true"),
  alt_titles_isdir: (name, expected) => parseMovieTitle(name, true)?.movieTitles.join(" | ") === expected,
  tmdbid: (name, expected) => parseMovieTitle(name)?.tmdbId === Number(expected),
  languages_exact: (name, expected) => sameSet(languageNames(name), expected.split(",")),
  languages_exact_isdir: (name, expected) => sameSet(languageNames(name, true), expected.split(",")),
  // Radarr's fixtures for this kind run either the whole parser or its language parser alone on
  // the raw name (where the title and group are not yet masked); a language either finds counts.
  language_contains: (name, expected) =>
    languageNames(name).includes(expected) ||
    (expected !== "Unknown" && parseLanguages(name).some((l) => l.name === expected)),
  hardcoded_subs: (name, expected) => parseMovieTitle(name)?.hardcodedSubs === expected,
  normalize_imdbid: (name, expected) => normalizeImdbId(name) === expected,
  detection_source: (name, expected) => {
    const quality = parseQuality(name);
    return `source=${quality.qualityDetectionSource};resolution=${quality.resolutionDetectionSource}` === expected;
  },
  title_clean_compare: (name, expected) => {
    const title = parseMovieTitle(name)?.primaryMovieTitle;
    return title !== undefined && cleanMovieTitle(title) === cleanMovieTitle(expected);
  },
  subtitle_language: (name, expected) => parseSubtitleLanguage(name).name === expected,
  subtitle_info: (name, expected) => {
    const info = parseSubtitleInfo(name);
    return `language=${info.language.name};title=${info.title ?? ""};tags=${info.languageTags.join(",")}` === expected;
  },
  revision_real: (name, expected) => parseQuality(name).revision.real === Number(expected),
  revision_version: (name, expected) => parseQuality(name).revision.version === Number(expected),
  resolution: (name, expected) => parseQuality(name).quality.resolution === Number(expected),
  path_title: (name, expected) => parseMoviePath(name)?.primaryMovieTitle === expected,
  path_quality: (name, expected) => parseMoviePath(name)?.quality.quality.name === expected,
  path_group: (name, expected) => (parseMoviePath(name)?.releaseGroup ?? "") === expected,
  unparseable: (name) => parseMovieTitle(name) === null,
  is_scene_title: (name, expected) => isSceneTitle(name) === (expected === "true"),
  scene_title: (name, expected) => sceneTitle(name) === expected,
  clean_title: (name, expected) => cleanMovieTitle(name) === expected,
  iso_language: (name, expected) => (findIsoLanguage(name)?.language.name ?? "") === expected,
};

export const CORPUS_FILES = ["release_names.dev.tsv", "release_names_extra.dev.tsv"] as const;

/** The kinds Radarr's fixtures assert most (the "core" kinds). */
export const CORE_KINDS = new Set(["title", "year", "edition", "group", "quality", "proper"]);
