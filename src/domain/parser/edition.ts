/**
 * Edition names Radarr recognises ("Director's Cut", "Extended.Theatrical.Version.IMAX",
 * "25th Anniversary", "Despecialized"). The source pattern is shared with the title patterns,
 * where an edition ends the title just as a year does.
 */
export const EDITION_PATTERN = String.raw`\(?\b(?<edition>(((Recut.|Extended.|Ultimate.)?(Director.?s|Collector.?s|Theatrical|Ultimate|Extended|Despecialized|(Special|Rouge|Final|Assembly|Imperial|Diamond|Signature|Hunter|Rekall)(?=(.(Cut|Edition|Version)))|\d{2,3}(th)?.Anniversary)(?:.(Cut|Edition|Version))?(.(Extended|Uncensored|Remastered|Unrated|Uncut|Open.?Matte|IMAX|Fan.?Edit))?|((Uncensored|Remastered|Unrated|Uncut|Open?.Matte|IMAX|Fan.?Edit|Restored|((2|3|4)in1))))))\b\)?`;

/** Words the edition pattern cannot match without: one cheap scan spares most names the pattern. */
export const MENTIONS_EDITION =
  /recut|extended|ultimate|director|collector|theatrical|despecialized|special|rouge|final|assembly|imperial|diamond|signature|hunter|rekall|anniversary|uncensored|remastered|unrated|uncut|matte|imax|fan.?edit|restored|[234]in1/i;

/** The first edition after at least one character of title. */
const EDITION_AFTER_TITLE = new RegExp(`^.+?${EDITION_PATTERN}`, "i");

/** Separators inside an edition become spaces: "Extended.Cut" reads "Extended Cut". */
export function editionName(rawEdition: string): string {
  return rawEdition.replaceAll(".", " ");
}

/** The edition a release name states, or "" when it states none. */
export function parseEdition(releaseTitle: string): string {
  if (!MENTIONS_EDITION.test(releaseTitle)) return "";
  const edition = EDITION_AFTER_TITLE.exec(releaseTitle)?.groups?.edition;
  return edition && edition.trim() !== "" ? editionName(edition) : "";
}
