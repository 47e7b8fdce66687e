import { type Language, Languages } from "./languages";

/** Radarr's `IsoLanguages` table: ISO 639 codes and the Radarr language each stands for. */
export interface IsoLanguage {
  readonly twoLetterCode: string;
  /** Lower-case ISO 3166 region when the entry is specific to one ("br" for Brazilian Portuguese). */
  readonly countryCode: string;
  /** ISO 639-2/T code; empty when the entry only exists as a regional variant. */
  readonly threeLetterCode: string;
  readonly englishName: string;
  readonly language: Language;
}

function iso(
  twoLetterCode: string,
  countryCode: string,
  threeLetterCode: string,
  englishName: string,
  language: Language,
): IsoLanguage {
  return Object.freeze({ twoLetterCode, countryCode, threeLetterCode, englishName, language });
}

const ISO_LANGUAGES: readonly IsoLanguage[] = Object.freeze([
  iso("en", "", "eng", "English", Languages.English),
  iso("fr", "fr", "fra", "French", Languages.French),
  iso("es", "", "spa", "Spanish", Languages.Spanish),
  iso("de", "de", "deu", "German", Languages.German),
  iso("it", "", "ita", "Italian", Languages.Italian),
  iso("da", "", "dan", "Danish", Languages.Danish),
  iso("nl", "", "nld", "Dutch", Languages.Dutch),
  iso("ja", "", "jpn", "Japanese", Languages.Japanese),
  iso("is", "", "isl", "Icelandic", Languages.Icelandic),
  iso("zh", "cn", "zho", "Chinese", Languages.Chinese),
  iso("ru", "", "rus", "Russian", Languages.Russian),
  iso("pl", "", "pol", "Polish", Languages.Polish),
  iso("vi", "", "vie", "Vietnamese", Languages.Vietnamese),
  iso("sv", "", "swe", "Swedish", Languages.Swedish),
  iso("no", "", "nor", "Norwegian", Languages.Norwegian),
  iso("nb", "", "nob", "Norwegian Bokmal", Languages.Norwegian),
  iso("fi", "", "fin", "Finnish", Languages.Finnish),
  iso("tr", "", "tur", "Turkish", Languages.Turkish),
  iso("pt", "pt", "por", "Portuguese", Languages.Portuguese),
  iso("el", "", "ell", "Greek", Languages.Greek),
  iso("ko", "", "kor", "Korean", Languages.Korean),
  iso("hu", "", "hun", "Hungarian", Languages.Hungarian),
  iso("he", "", "heb", "Hebrew", Languages.Hebrew),
  iso("cs", "", "ces", "Czech", Languages.Czech),
  iso("hi", "", "hin", "Hindi", Languages.Hindi),
  iso("th", "", "tha", "Thai", Languages.Thai),
  iso("bg", "", "bul", "Bulgarian", Languages.Bulgarian),
  iso("ro", "", "ron", "Romanian", Languages.Romanian),
  iso("pt", "br", "", "Portuguese (Brazil)", Languages.PortugueseBrazil),
  iso("ar", "", "ara", "Arabic", Languages.Arabic),
  iso("uk", "", "ukr", "Ukrainian", Languages.Ukrainian),
  iso("fa", "", "fas", "Persian", Languages.Persian),
  iso("bn", "", "ben", "Bengali", Languages.Bengali),
  iso("lt", "", "lit", "Lithuanian", Languages.Lithuanian),
  iso("sk", "", "slk", "Slovak", Languages.Slovak),
  iso("lv", "", "lav", "Latvian", Languages.Latvian),
  iso("es", "mx", "spa", "Spanish (Latino)", Languages.SpanishLatino),
  iso("ca", "", "cat", "Catalan", Languages.Catalan),
  iso("hr", "", "hrv", "Croatian", Languages.Croatian),
  iso("sr", "", "srp", "Serbian", Languages.Serbian),
  iso("bs", "", "bos", "Bosnian", Languages.Bosnian),
  iso("et", "", "est", "Estonian", Languages.Estonian),
  iso("ta", "", "tam", "Tamil", Languages.Tamil),
  iso("id", "", "ind", "Indonesian", Languages.Indonesian),
  iso("te", "", "tel", "Telugu", Languages.Telugu),
  iso("mk", "", "mkd", "Macedonian", Languages.Macedonian),
  iso("sl", "", "slv", "Slovenian", Languages.Slovenian),
  iso("ml", "", "mal", "Malayalam", Languages.Malayalam),
  iso("kn", "", "kan", "Kannada", Languages.Kannada),
  iso("sq", "", "sqi", "Albanian", Languages.Albanian),
  iso("af", "", "afr", "Afrikaans", Languages.Afrikaans),
  iso("mr", "", "mar", "Marathi", Languages.Marathi),
  iso("tl", "", "tgl", "Tagalog", Languages.Tagalog),
  iso("ur", "", "urd", "Urdu", Languages.Urdu),
  iso("rm", "", "roh", "Romansh", Languages.Romansh),
  iso("mn", "", "mon", "Mongolian", Languages.Mongolian),
  iso("ka", "", "kat", "Georgian", Languages.Georgian),
]);

/** ISO 639-2/B codes (used in file names) mapped to the /T codes the table is keyed by. */
const BIBLIOGRAPHIC_TO_TERMINOLOGY: ReadonlyMap<string, string> = new Map([
  ["alb", "sqi"],
  ["arm", "hye"],
  ["baq", "eus"],
  ["bur", "mya"],
  ["chi", "zho"],
  ["cze", "ces"],
  ["dut", "nld"],
  ["fre", "fra"],
  ["geo", "kat"],
  ["ger", "deu"],
  ["gre", "ell"],
  ["ice", "isl"],
  ["mac", "mkd"],
  ["mao", "mri"],
  ["may", "msa"],
  ["per", "fas"],
  ["rum", "ron"],
  ["slo", "slk"],
  ["tib", "bod"],
  ["wel", "cym"],
]);

/**
 * Finds the language for "en", "en-US", "eng" or "ger". A region only narrows the match: an
 * unknown region falls back to the region-less entry, and a code whose only entries are
 * regional ("fr" is listed as France) matches nothing for another region ("fr-CA").
 */
export function findIsoLanguage(isoCode: string): IsoLanguage | undefined {
  const [rawLanguageCode, rawCountryCode] = isoCode.split("-");
  const languageCode = rawLanguageCode.toLowerCase();

  if (languageCode.length === 2) {
    let candidates = ISO_LANGUAGES.filter((l) => l.twoLetterCode === languageCode);
    if (rawCountryCode !== undefined) {
      const countryCode = rawCountryCode.toLowerCase();
      const regional = candidates.filter((l) => l.countryCode === countryCode);
      candidates = regional.length > 0 ? regional : candidates.filter((l) => l.countryCode === "");
    }
    return candidates[0];
  }

  if (languageCode.length === 3) {
    const terminologyCode = BIBLIOGRAPHIC_TO_TERMINOLOGY.get(languageCode) ?? languageCode;
    return ISO_LANGUAGES.find((l) => l.threeLetterCode === terminologyCode);
  }

  return undefined;
}

/** The ISO entry of a Radarr language (its first, as Radarr's `IsoLanguages.Get(Language)`). */
export function isoLanguageOf(languageId: number): IsoLanguage | undefined {
  return ISO_LANGUAGES.find((l) => l.language.id === languageId);
}
