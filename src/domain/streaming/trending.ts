/**
 * Combined trending: TMDb's and Trakt's trending lists merged into one ranking by TMDb id.
 *
 * Each source's list is first de-duplicated (a TMDb id keeps its best position) and ranked 1..N.
 * A title's normalised rank in a source is
 *
 *     n = 1 − (rank − 1) / N      (1 for the top title, 1/N for the last, 0 when absent)
 *
 * and its score is the weighted mean over the sources that answered:
 *
 *     score = Σ w·n / Σ w         with w = 0.5 for TMDb and 0.5 for Trakt,
 *
 * so with both sources score = 0.5 × n(TMDb) + 0.5 × n(Trakt), and when one source is missing
 * (not asked, or failed) the other alone ranks the titles on the same 0–1 scale. Normalising by
 * N keeps lists of different lengths comparable: the bottom of a long list counts as little as
 * the bottom of a short one.
 *
 * Ties are broken by the best rank in any source, then the TMDb rank, then the TMDb id, so equal
 * inputs always give the same order.
 */

export const TRENDING_SOURCES = ["tmdb", "trakt"] as const;
export type TrendingSource = (typeof TRENDING_SOURCES)[number];

const TRENDING_WEIGHTS: Readonly<Record<TrendingSource, number>> = { tmdb: 0.5, trakt: 0.5 };

/** TMDb ids in a source's rank order; undefined when the source did not answer. */
export type TrendingLists = Partial<Record<TrendingSource, readonly number[]>>;

export interface ScoredTitle {
  tmdbId: number;
  /** 0–1, higher first. */
  score: number;
  /** 1-based rank in each source's de-duplicated list; null when absent from it (or it did not answer). */
  ranks: Record<TrendingSource, number | null>;
}

/** Normalised rank (see above) of a 1-based `rank` in a list of `size`; 0 when absent. */
export function normalisedRank(rank: number | null, size: number): number {
  if (rank === null || size <= 0) return 0;
  return 1 - (rank - 1) / size;
}

/** A list's TMDb ids with duplicates dropped (the first, best-ranked, occurrence kept). */
export function dedupeRanked(ids: readonly number[]): number[] {
  return [...new Set(ids)];
}

/** Merges the lists that answered into one ranking, best first (see the module comment). */
export function combineTrending(lists: TrendingLists): ScoredTitle[] {
  const answered = TRENDING_SOURCES.filter((source) => lists[source] !== undefined);
  const ranked = new Map(answered.map((source) => [source, dedupeRanked(lists[source] ?? [])]));
  const positions = new Map<TrendingSource, Map<number, number>>(
    answered.map((source) => [source, new Map((ranked.get(source) ?? []).map((id, index) => [id, index + 1]))]),
  );
  const weightSum = answered.reduce((sum, source) => sum + TRENDING_WEIGHTS[source], 0);

  const ids = new Set(answered.flatMap((source) => ranked.get(source) ?? []));
  const titles: ScoredTitle[] = [...ids].map((tmdbId) => {
    const ranks = { tmdb: null, trakt: null } as Record<TrendingSource, number | null>;
    let weighted = 0;
    for (const source of answered) {
      const rank = positions.get(source)?.get(tmdbId) ?? null;
      ranks[source] = rank;
      weighted += TRENDING_WEIGHTS[source] * normalisedRank(rank, ranked.get(source)?.length ?? 0);
    }
    return { tmdbId, score: weightSum > 0 ? weighted / weightSum : 0, ranks };
  });
  return titles.sort(compareScored);
}

const bestRank = (title: ScoredTitle) =>
  Math.min(...TRENDING_SOURCES.map((source) => title.ranks[source] ?? Number.POSITIVE_INFINITY));

function compareScored(a: ScoredTitle, b: ScoredTitle): number {
  return (
    b.score - a.score ||
    bestRank(a) - bestRank(b) ||
    (a.ranks.tmdb ?? Number.POSITIVE_INFINITY) - (b.ranks.tmdb ?? Number.POSITIVE_INFINITY) ||
    a.tmdbId - b.tmdbId
  );
}
