/** "KORSUB", "NLSubs": subtitles burnt into the picture in that language; "HC"/"SUBBED" unnamed. */
const HARDCODED_SUBS = /\b(?:(?<hcsub>\w+(?<!SOFT|MULTI|HORRIBLE)SUBS?)|(?<hc>HC|SUBBED))\b/gi;

/** Every tag above contains "sub" or "hc": most names are spared the word-by-word scan. */
const MENTIONS_SUBS = /sub|hc/i;

const GENERIC_HARDCODED_SUBS = "Generic Hardcoded Subs";

/** The last hardcoded-subtitle tag in a name, or "" when the subtitles are not burnt in. */
export function parseHardcodedSubs(title: string): string {
  if (!MENTIONS_SUBS.test(title)) return "";
  let last: RegExpExecArray | undefined;
  HARDCODED_SUBS.lastIndex = 0;
  for (let match = HARDCODED_SUBS.exec(title); match !== null; match = HARDCODED_SUBS.exec(title)) last = match;
  if (!last?.groups) return "";
  if (last.groups.hcsub !== undefined) return last.groups.hcsub;
  if (last.groups.hc !== undefined) return GENERIC_HARDCODED_SUBS;
  return "";
}
