import { removeFileExtension } from "./fileExtensions";
import { removeTorrentSiteSuffix, removeWebsitePrefix } from "./siteTags";

/**
 * "-GROUP" at the end of a scene name (or "-GRP-PART"), or a trailing "[GROUP]". Dashes inside
 * technical tokens (WEB-DL, DTS-HD, 2013-04, tmdb-123, EN-ES) are not groups, and neither is a
 * dash followed later by a resolution.
 */
const RELEASE_GROUP =
  /-(?<releasegroup>[a-z0-9]+(?<part2>-[a-z0-9]+)?(?!.+?(?:480p|576p|720p|1080p|2160p)))(?<!(?:WEB-(?:DL|Rip)|Blu-Ray|480p|576p|720p|1080p|2160p|DTS-HD|DTS-X|DTS-MA|DTS-ES|-ES|-EN|-CAT|-ENG|-JAP|-GER|-FRA|-FRE|-ITA|-HDRip|\d{1,2}-bit|[ ._]\d{4}-\d{2}|-\d{2}|tmdb(?:id)?-\d+|tt\d{7,8})(?:\k<part2>)?)(?:\b|[-._ ]|$)|[-._ ]\[(?<bracketgroup>[a-z0-9]+)\]$/gi;

/** Season/episode tokens and CRC32 hashes that can end up where a group would be. */
const NOT_A_RELEASE_GROUP = /^(?:[se]\d+|[0-9a-f]{8})$/i;

/** "[SubGroup] Title ..." as fansub releases start. */
const LEADING_SUBGROUP = /^(?:\[(?<subgroup>(?!\s).+?(?<!\s))\](?:_|-|\s|\.)?)/i;

/**
 * Groups that do not sign with a dash, matched by name wherever they appear. Kept short: each
 * entry risks matching a title word.
 */
const GROUPS_KNOWN_BY_NAME =
  /\b(?<releasegroup>KRaLiMaRKo|E\.N\.D|D-Z0N3|Koten_Gars|BluDragon|ZØNEHD|HQMUX|VARYG|YIFY|YTS(?:.(?:MX|LT|AG))?|TMd|Eml HDTeam|LMain|DarQ|BEN THE MEN|TAoE|QxR|126811)\b/gi;

/** Groups that sign inside the closing bracket: "(1080p BluRay x265 Joy)", "[HDO]". */
const GROUPS_SIGNING_IN_BRACKETS =
  /(?<=[._ [])(?<releasegroup>Silence|afm72|Panda|Ghost|MONOLITH|Tigole|Joy|ImE|UTR|t3nzin|Anime Time|Project Angel|Hakata Ramen|HONE|GiLG|Vyndros|SEV|Garshasp|Kappa|Natty|RCVR|SAMPA|YOGI|r00t|EDGE2020|RZeroX|FreetheFish|Anna|Bandi|Qman|theincognito|HDO|DusIctv|DHD|CtrlHD|-ZR-|ADC|XZVN|RH|Kametsu|Celdra)(?=\]|\))/gi;

/** Reposting and obfuscation suffixes added after the real group ("-EVO-xpost", "-NTb-Rakuv"). */
const REPOST_SUFFIXES =
  /(?:-(?:RP|1|NZBGeek|Obfuscated|Obfuscation|Scrambled|sample|Pre|postbot|xpost|Rakuv[a-z0-9]*|WhiteRev|BUYMORE|AsRequested|AlternativeToRequested|GEROV|Z0iDS3N|Chamele0n|4P|4Planet|AlteZachen|RePACKPOST))+$/i;

function isAllDigits(text: string): boolean {
  if (text === "") return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** Only "S01"/"E02"-like tokens and 8-character hashes can be one of those. */
function mayBeEpisodeOrHash(group: string): boolean {
  const first = group[0];
  return group.length === 8 || first === "s" || first === "S" || first === "e" || first === "E";
}

function lastMatch(regex: RegExp, text: string): RegExpExecArray | undefined {
  regex.lastIndex = 0;
  let last: RegExpExecArray | undefined;
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    last = match;
    if (match[0] === "") regex.lastIndex++;
  }
  return last;
}

/** The release group of a release name, or "" when it has none. */
export function parseReleaseGroup(releaseTitle: string): string {
  let title = removeFileExtension(releaseTitle.trim());
  title = removeTorrentSiteSuffix(removeWebsitePrefix(title));

  const subgroup = title.startsWith("[") ? LEADING_SUBGROUP.exec(title)?.groups?.subgroup : undefined;
  if (subgroup !== undefined) return subgroup;

  title = title.replace(REPOST_SUFFIXES, "");

  const knownByName = lastMatch(GROUPS_KNOWN_BY_NAME, title);
  if (knownByName) return knownByName.groups?.releasegroup ?? "";

  // Those groups sign just before a closing bracket: names without one are spared the scan.
  const signingInBrackets =
    title.includes("]") || title.includes(")") ? lastMatch(GROUPS_SIGNING_IN_BRACKETS, title) : undefined;
  if (signingInBrackets) return signingInBrackets.groups?.releasegroup ?? "";

  const match = lastMatch(RELEASE_GROUP, title);
  if (!match) return "";
  const group = match.groups?.releasegroup ?? match.groups?.bracketgroup ?? "";
  if (isAllDigits(group) || (mayBeEpisodeOrHash(group) && NOT_A_RELEASE_GROUP.test(group))) return "";
  return group;
}
