/** Radarr's `Language` list: ids and display names as Radarr's API reports them. */

export interface Language {
  readonly id: number;
  readonly name: string;
}

function language(id: number, name: string): Language {
  return Object.freeze({ id, name });
}

export const Languages = Object.freeze({
  Unknown: language(0, "Unknown"),
  English: language(1, "English"),
  French: language(2, "French"),
  Spanish: language(3, "Spanish"),
  German: language(4, "German"),
  Italian: language(5, "Italian"),
  Danish: language(6, "Danish"),
  Dutch: language(7, "Dutch"),
  Japanese: language(8, "Japanese"),
  Icelandic: language(9, "Icelandic"),
  Chinese: language(10, "Chinese"),
  Russian: language(11, "Russian"),
  Polish: language(12, "Polish"),
  Vietnamese: language(13, "Vietnamese"),
  Swedish: language(14, "Swedish"),
  Norwegian: language(15, "Norwegian"),
  Finnish: language(16, "Finnish"),
  Turkish: language(17, "Turkish"),
  Portuguese: language(18, "Portuguese"),
  Flemish: language(19, "Flemish"),
  Greek: language(20, "Greek"),
  Korean: language(21, "Korean"),
  Hungarian: language(22, "Hungarian"),
  Hebrew: language(23, "Hebrew"),
  Lithuanian: language(24, "Lithuanian"),
  Czech: language(25, "Czech"),
  Hindi: language(26, "Hindi"),
  Romanian: language(27, "Romanian"),
  Thai: language(28, "Thai"),
  Bulgarian: language(29, "Bulgarian"),
  PortugueseBrazil: language(30, "Portuguese (Brazil)"),
  Arabic: language(31, "Arabic"),
  Ukrainian: language(32, "Ukrainian"),
  Persian: language(33, "Persian"),
  Bengali: language(34, "Bengali"),
  Slovak: language(35, "Slovak"),
  Latvian: language(36, "Latvian"),
  SpanishLatino: language(37, "Spanish (Latino)"),
  Catalan: language(38, "Catalan"),
  Croatian: language(39, "Croatian"),
  Serbian: language(40, "Serbian"),
  Bosnian: language(41, "Bosnian"),
  Estonian: language(42, "Estonian"),
  Tamil: language(43, "Tamil"),
  Indonesian: language(44, "Indonesian"),
  Telugu: language(45, "Telugu"),
  Macedonian: language(46, "Macedonian"),
  Slovenian: language(47, "Slovenian"),
  Malayalam: language(48, "Malayalam"),
  Kannada: language(49, "Kannada"),
  Albanian: language(50, "Albanian"),
  Afrikaans: language(51, "Afrikaans"),
  Marathi: language(52, "Marathi"),
  Tagalog: language(53, "Tagalog"),
  Urdu: language(54, "Urdu"),
  Romansh: language(55, "Romansh"),
  Mongolian: language(56, "Mongolian"),
  Georgian: language(57, "Georgian"),
  /** Profile wildcard: any language is acceptable. */
  Any: language(-1, "Any"),
  /** The movie's original language, whatever it is (German "DL" dual-language releases). */
  Original: language(-2, "Original"),
});

/** Every language in Radarr's `Language.All` order. */
export const LANGUAGES: readonly Language[] = Object.freeze(Object.values(Languages));

const LANGUAGE_BY_ID = new Map(LANGUAGES.map((l) => [l.id, l]));

export function languageById(id: number): Language | undefined {
  return LANGUAGE_BY_ID.get(id);
}
