/**
 * Decorations indexers and download sites wrap around a release name, which are not part of
 * the movie's title or the release group.
 */

/** "[www.site.com] - ", "site.net - ", "[site.co.uk]" before the name. */
const WEBSITE_PREFIX =
  /^(?:\[\s*)?(?:www\.)?[-a-z0-9-]{1,256}\.(?<!Naruto-Kun\.)(?:[a-z]{2,6}\.[a-z]{2,6}|xn--[a-z0-9-]{4,}|[a-z]{2,})\b(?:\s*\]|[ -]{2,})[ -]*/i;

/** "[www.site.com]" after the name. */
export const WEBSITE_POSTFIX = /(?:\[\s*)?(?:www\.)?[-a-z0-9-]{1,256}\.(?:xn--[a-z0-9-]{4,}|[a-z]{2,6})\b(?:\s*\])$/i;

/** Public tracker tags appended to torrent names. */
const TORRENT_SITE_SUFFIX = /\[(?:ettv|rartv|rarbg|cttv|publichd)\]$/i;

function isSpaceOrDash(code: number): boolean {
  return code === 32 || code === 45;
}

/**
 * A website prefix ends in a closing bracket or two separators (" " or "-") in a row; most names
 * have neither. Read without a regex: every name is checked, twice.
 */
function mayHaveWebsitePrefix(text: string): boolean {
  if (text.includes("]")) return true;
  for (let i = 1; i < text.length; i++) {
    if (isSpaceOrDash(text.charCodeAt(i)) && isSpaceOrDash(text.charCodeAt(i - 1))) return true;
  }
  return false;
}

/** The name without a leading website tag. */
export function removeWebsitePrefix(text: string): string {
  return mayHaveWebsitePrefix(text) ? text.replace(WEBSITE_PREFIX, "") : text;
}

/** The name without a trailing public tracker tag. */
export function removeTorrentSiteSuffix(text: string): string {
  return text.endsWith("]") ? text.replace(TORRENT_SITE_SUFFIX, "") : text;
}
