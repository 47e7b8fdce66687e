import { type Language, Languages, languageById } from "../parser";

/** Radarr's MULTI tag: a release holding several languages, which its name does not list. */
const MULTI = /[_. ]multi[_. ]/i;

/**
 * The languages of a release marked MULTI on an indexer that says which languages its MULTI
 * releases hold (the indexer's "Multi Languages"): those languages, added to what the name
 * announces (or instead of it when it announces nothing). Other releases keep the parsed ones.
 */
export function withMultiLanguages(
  parsed: readonly Language[],
  title: string,
  multiLanguages: readonly number[] | undefined,
): readonly Language[] {
  if (!multiLanguages?.length || !MULTI.test(title)) return parsed;
  const indexerLanguages = multiLanguages.flatMap((id) => languageById(id) ?? []);
  const unparsed = parsed.length === 0 || (parsed.length === 1 && parsed[0].id === Languages.Unknown.id);
  if (unparsed) return indexerLanguages;
  return [...parsed, ...indexerLanguages.filter((language) => !parsed.some((l) => l.id === language.id))];
}
