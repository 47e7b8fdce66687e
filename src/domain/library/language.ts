import { findIsoLanguage } from "../parser";

/** An ISO 639 code (TMDb's original_language) as Radarr's language; Unknown when not known. */
export function languageForIso(code: string | undefined): { id: number; name: string } {
  const language = code ? findIsoLanguage(code)?.language : undefined;
  return language ? { id: language.id, name: language.name } : { id: 0, name: "Unknown" };
}
