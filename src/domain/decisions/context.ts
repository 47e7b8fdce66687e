import { type CustomFormat, type CustomFormatMatcher, compileCustomFormats } from "../customFormats";
import { type ParsedMovieInfo, parseMovieTitle } from "../parser";
import { DEFAULT_QUALITY_DEFINITIONS } from "../quality/qualities";
import { type ProfileOrder, profileOrder, toComparableQuality } from "./qualityComparer";
import type { BlocklistEntry, ComparableQuality, DecisionContext, QualitySizeDefinition, QueuedRelease } from "./types";

interface PreparedQueueItem {
  item: QueuedRelease;
  quality: ComparableQuality;
  customFormatScore: number;
}

interface PreparedExistingFile {
  quality: ComparableQuality;
  customFormatScore: number;
  releaseGroup: string;
}

/** The context with everything that does not depend on the release worked out once. */
export interface PreparedDecisionContext extends DecisionContext {
  order: ProfileOrder;
  matcher: CustomFormatMatcher<CustomFormat>;
  now: number;
  /** Parses a release title, once per distinct title (indexers often list the same release). */
  parse(title: string): ParsedMovieInfo | null;
  scoreOf(formats: readonly CustomFormat[]): number;
  sizeDefinition(qualityId: number): QualitySizeDefinition | undefined;
  existingFile: PreparedExistingFile | null;
  queueItems(): readonly PreparedQueueItem[];
  /** Blocklist entries by lower-cased info hash and by lower-cased title. */
  blocklistByHash: ReadonlyMap<string, BlocklistEntry[]>;
  blocklistByTitle: ReadonlyMap<string, BlocklistEntry[]>;
  /** The streaming hook's answer for the movie, asked once. */
  streamingService(): { service: string } | null;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!k) continue;
    const group = groups.get(k) ?? [];
    group.push(item);
    groups.set(k, group);
  }
  return groups;
}

function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

export function prepareDecisionContext(context: DecisionContext): PreparedDecisionContext {
  const matcher = compileCustomFormats(context.customFormats);
  const scores = new Map<number, number>();
  for (const item of context.profile.formatItems) scores.set(item.format, (scores.get(item.format) ?? 0) + item.score);
  const scoreOf = (formats: readonly CustomFormat[]) => {
    let score = 0;
    for (const format of formats) score += scores.get(format.id) ?? 0;
    return score;
  };
  const definitions = new Map(
    (context.qualityDefinitions ?? DEFAULT_QUALITY_DEFINITIONS).map((d) => [d.quality.id, d]),
  );
  const { movie } = context;

  const parsedByTitle = new Map<string, ParsedMovieInfo | null>();
  const parse = (title: string) => {
    let parsed = parsedByTitle.get(title);
    if (parsed === undefined) {
      parsed = parseMovieTitle(title);
      parsedByTitle.set(title, parsed);
    }
    return parsed;
  };

  /** A title's format score, for files and queue items whose score the caller did not give. */
  const titleScore = (title: string | undefined, size?: number): number => {
    if (!title) return 0;
    const parsed = parse(title);
    if (!parsed) return 0;
    return scoreOf(matcher.match({ parsed, releaseTitle: title, size, movie }));
  };

  const file = movie.movieFile;
  const existingFile: PreparedExistingFile | null = file
    ? {
        quality: toComparableQuality(file.quality),
        customFormatScore: file.customFormatScore ?? titleScore(file.sceneName),
        releaseGroup: file.releaseGroup ?? "",
      }
    : null;

  const blocklist = context.blocklist ?? [];
  return {
    ...context,
    order: profileOrder(context.profile.items),
    matcher,
    now: context.now ?? Date.now(),
    parse,
    scoreOf,
    sizeDefinition: (qualityId) => definitions.get(qualityId),
    existingFile,
    queueItems: once(() =>
      (context.queue ?? []).map((item) => ({
        item,
        quality: toComparableQuality(item.quality),
        customFormatScore: item.customFormatScore ?? titleScore(item.title, item.size),
      })),
    ),
    blocklistByHash: groupBy(blocklist, (entry) => entry.infoHash?.toLowerCase()),
    blocklistByTitle: groupBy(blocklist, (entry) => entry.title.toLowerCase()),
    streamingService: once(() => context.streamingAvailability?.(movie) ?? null),
  };
}

export function isPrepared(context: DecisionContext | PreparedDecisionContext): context is PreparedDecisionContext {
  return "order" in context && "matcher" in context;
}
