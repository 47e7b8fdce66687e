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

/** A website prefix ends in a closing bracket or two separators in a row; most names have neither. */
const PREFIX_END = /\]|[ -]{2}/;

/** The name without a leading website tag. */
export function removeWebsitePrefix(text: string): string {
  return PREFIX_END.test(text) ? text.replace(WEBSITE_PREFIX, "") : text;
}

/** The name without a trailing public tracker tag. */
export function removeTorrentSiteSuffix(text: string): string {
  return text.endsWith("]") ? text.replace(TORRENT_SITE_SUFFIX, "") : text;
}
