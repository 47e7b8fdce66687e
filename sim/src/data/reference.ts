/** Genres and languages as TMDb names them; the one table each other module reads. */

export interface Genre {
  id: number;
  name: string;
}

/** TMDb's movie genres, keyed by the letter codes used in real-movies.ts. */
export const GENRES_BY_CODE: Record<string, Genre> = {
  A: { id: 28, name: "Action" },
  V: { id: 12, name: "Adventure" },
  N: { id: 16, name: "Animation" },
  C: { id: 35, name: "Comedy" },
  K: { id: 80, name: "Crime" },
  O: { id: 99, name: "Documentary" },
  D: { id: 18, name: "Drama" },
  F: { id: 10751, name: "Family" },
  Y: { id: 14, name: "Fantasy" },
  H: { id: 36, name: "History" },
  R: { id: 27, name: "Horror" },
  M: { id: 10402, name: "Music" },
  Q: { id: 9648, name: "Mystery" },
  L: { id: 10749, name: "Romance" },
  S: { id: 878, name: "Science Fiction" },
  X: { id: 10770, name: "TV Movie" },
  T: { id: 53, name: "Thriller" },
  W: { id: 10752, name: "War" },
  E: { id: 37, name: "Western" },
};

export const GENRES: Genre[] = Object.values(GENRES_BY_CODE).sort((a, b) => a.name.localeCompare(b.name));

const genreNames = new Map(GENRES.map((genre) => [genre.id, genre.name]));

export function genreName(id: number): string {
  return genreNames.get(id) ?? "Unknown";
}

export interface Language {
  /** ISO 639-1 as TMDb uses it ("cn" is TMDb's code for Cantonese). */
  code: string;
  englishName: string;
  nativeName: string;
  /** Where films in this language are usually made, for origin_country. */
  country: string;
  countryName: string;
}

export const LANGUAGES: Record<string, Language> = {
  en: {
    code: "en",
    englishName: "English",
    nativeName: "English",
    country: "US",
    countryName: "United States of America",
  },
  fr: { code: "fr", englishName: "French", nativeName: "Français", country: "FR", countryName: "France" },
  de: { code: "de", englishName: "German", nativeName: "Deutsch", country: "DE", countryName: "Germany" },
  es: { code: "es", englishName: "Spanish", nativeName: "Español", country: "MX", countryName: "Mexico" },
  it: { code: "it", englishName: "Italian", nativeName: "Italiano", country: "IT", countryName: "Italy" },
  ja: { code: "ja", englishName: "Japanese", nativeName: "日本語", country: "JP", countryName: "Japan" },
  ko: { code: "ko", englishName: "Korean", nativeName: "한국어/조선말", country: "KR", countryName: "South Korea" },
  sv: { code: "sv", englishName: "Swedish", nativeName: "svenska", country: "SE", countryName: "Sweden" },
  da: { code: "da", englishName: "Danish", nativeName: "Dansk", country: "DK", countryName: "Denmark" },
  pt: { code: "pt", englishName: "Portuguese", nativeName: "Português", country: "BR", countryName: "Brazil" },
  hi: { code: "hi", englishName: "Hindi", nativeName: "हिन्दी", country: "IN", countryName: "India" },
  te: { code: "te", englishName: "Telugu", nativeName: "తెలుగు", country: "IN", countryName: "India" },
  ru: { code: "ru", englishName: "Russian", nativeName: "Pусский", country: "SU", countryName: "Soviet Union" },
  zh: { code: "zh", englishName: "Mandarin", nativeName: "普通话", country: "TW", countryName: "Taiwan" },
  cn: { code: "cn", englishName: "Cantonese", nativeName: "广州话 / 廣州話", country: "HK", countryName: "Hong Kong" },
};

export function language(code: string): Language {
  return LANGUAGES[code] ?? LANGUAGES.en;
}

const COUNTRY_NAMES = new Map<string, string>([
  ...Object.values(LANGUAGES).map((entry) => [entry.country, entry.countryName] as [string, string]),
  ["GB", "United Kingdom"],
]);

export function countryName(code: string): string {
  return COUNTRY_NAMES.get(code) ?? code;
}

/** US certification → the British one, for the GB release dates we add. */
export const GB_CERTIFICATION: Record<string, string> = {
  G: "U",
  PG: "PG",
  "PG-13": "12A",
  R: "15",
  "NC-17": "18",
  "": "",
};
