/** A release profile as decisions read it (Radarr's ReleaseProfile, enabled and for the movie's tags). */
export interface ReleaseProfileTerms {
  name?: string | null;
  required: readonly string[];
  ignored: readonly string[];
  /** 0: every indexer. */
  indexerId: number;
}

const PERL_REGEX = /^\/(.*)\/([a-z]*)$/s;
const FLAGS: Record<string, string> = { i: "i", m: "m", s: "s" };

/**
 * Radarr's TermMatcherService: a term written `/pattern/flags` is a regular expression (flags i,
 * m, s), anything else matches case-insensitively as a substring. An invalid pattern throws.
 */
export function termMatcher(term: string): (title: string) => boolean {
  const perl = PERL_REGEX.exec(term);
  if (perl) {
    const [, pattern, modifiers] = perl;
    const unknown = [...modifiers].find((m) => !(m in FLAGS));
    if (unknown) throw new SyntaxError(`Unknown or unsupported regex modifier: ${unknown}`);
    const regex = new RegExp(pattern, [...new Set(modifiers)].join(""));
    return (title) => regex.test(title);
  }
  const lower = term.toLowerCase();
  return (title) => title.toLowerCase().includes(lower);
}

/** Whether the term matches the title; a term that is no valid expression matches nothing. */
export function termMatches(term: string, title: string): boolean {
  try {
    return termMatcher(term)(title);
  } catch {
    return false;
  }
}
