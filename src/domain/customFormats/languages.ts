import { type Language, Languages, languageById } from "../parser";

/**
 * The languages a release is taken to be in, as Radarr's language aggregator decides: "Original"
 * (a German "DL" dual-language release) becomes the movie's original language, and a name that
 * says nothing (no language, or just Unknown) means the movie's original language.
 */
export function releaseLanguages(
  parsed: readonly Language[],
  originalLanguage: Pick<Language, "id"> | null | undefined,
): readonly Language[] {
  const original =
    originalLanguage && originalLanguage.id !== Languages.Unknown.id
      ? (languageById(originalLanguage.id) ?? { id: originalLanguage.id, name: String(originalLanguage.id) })
      : undefined;
  let languages = parsed;
  if (languages.some((l) => l.id === Languages.Original.id)) {
    languages = languages.filter((l) => l.id !== Languages.Original.id);
    if (original && !languages.some((l) => l.id === original.id)) languages = [...languages, original];
  }
  const unparsed = languages.length === 0 || (languages.length === 1 && languages[0].id === Languages.Unknown.id);
  if (unparsed && original) return [original];
  return languages.length ? languages : [Languages.Unknown];
}
