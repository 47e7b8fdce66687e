import type { ParsedMovieInfo, ParseResult, Rejection } from "../api";
import { Link } from "../router";
import { profileNames } from "../state/reference";

type Quality = ParsedMovieInfo["quality"];

/** "Bluray-1080p v2 REAL repack": the quality and what its revision adds. */
export function qualityText({ quality, revision }: Quality): string {
  const parts = [quality.name];
  if (revision.version > 1) parts.push(`v${revision.version}`);
  if (revision.real > 0) parts.push(revision.real > 1 ? `REAL×${revision.real}` : "REAL");
  if (revision.isRepack) parts.push("repack");
  return parts.join(" ");
}

const text = (value: string | number | undefined | null) =>
  value === undefined || value === null || value === "" || value === 0 ? "—" : String(value);
const yesNo = (value: boolean | undefined) => (value === undefined ? "—" : value ? "Yes" : "No");

/** Everything the parser read from the name. */
export function ParsedFacts({ parsed }: { parsed: ParsedMovieInfo }) {
  const { quality, revision } = parsed.quality;
  const facts: [string, string][] = [
    ["Title", parsed.primaryMovieTitle || "—"],
    ["All titles", parsed.movieTitles.join(" / ") || "—"],
    ["Year", text(parsed.year)],
    ["Edition", text(parsed.edition)],
    ["Release group", text(parsed.releaseGroup)],
    ["Release hash", text(parsed.releaseHash)],
    ["Quality", qualityText(parsed.quality)],
    ["Source", `${quality.source}, ${quality.resolution ? `${quality.resolution}p` : "unknown resolution"}`],
    ["Modifier", quality.modifier === "none" ? "—" : quality.modifier],
    [
      "Revision",
      `version ${revision.version}, real ${revision.real}, ${revision.isRepack ? "repack" : "not a repack"}`,
    ],
    ["Languages", parsed.languages.map((l) => l.name).join(", ") || "—"],
    ["IMDb id", text(parsed.imdbId)],
    ["TMDb id", text(parsed.tmdbId)],
    ["Hardcoded subs", text(parsed.hardcodedSubs)],
    ["Video codec", text(parsed.videoCodec)],
    ["Audio codec", text(parsed.audioCodec)],
    ["Audio channels", text(parsed.audioChannels)],
    ["HDR", text(parsed.hdrFormat)],
    ["3D", yesNo(parsed.is3D)],
    ["Info hash", text(parsed.infoHash)],
    ["Sample", yesNo(parsed.isSample)],
  ];
  return <Facts facts={facts} />;
}

/** Term and value pairs, one under another ("Runtime: 2h 16m"). */
export function Facts({ facts }: { facts: [string, string][] }) {
  return (
    <dl class="facts">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The custom formats the release matches and, for a movie, the score its profile gives them. */
export function FormatMatches({
  result,
  highlight,
  withScore = true,
}: {
  result: ParseResult;
  /** A format id to mark among the matches. */
  highlight?: number;
  withScore?: boolean;
}) {
  if (result.customFormats.length === 0) return <p class="muted">No custom format matches.</p>;
  return (
    <>
      <ul class="format-matches" aria-label="Matched custom formats">
        {result.customFormats.map((f) => (
          <li key={f.id} class={`chip${f.id === highlight ? " highlight" : ""}`}>
            {f.name}
          </li>
        ))}
      </ul>
      {!withScore ? null : result.movie ? (
        <p>
          Custom format score: <strong>{result.customFormatScore}</strong>
        </p>
      ) : (
        <p class="muted">Scores come from a movie's quality profile: choose a movie to see the score.</p>
      )}
    </>
  );
}

function RejectionItem({ rejection }: { rejection: Rejection }) {
  return (
    <li>
      <span>{rejection.message}</span>{" "}
      <span class="muted">
        ({rejection.specification}, {rejection.type === "temporary" ? "may pass later" : "permanent"})
      </span>
    </li>
  );
}

/** Accepted, or every reason the movie's profile and settings turn the release down. */
export function DecisionView({ result }: { result: ParseResult }) {
  const { decision, movie } = result;
  if (!decision || !movie) {
    return <p class="muted">Choose a movie (or parse a name that matches one in the library) to judge the release.</p>;
  }
  const profile = profileNames.value.get(movie.qualityProfileId) ?? `profile #${movie.qualityProfileId}`;
  return (
    <div class="decision">
      <p>
        {decision.accepted ? <span class="badge ok">Accepted</span> : <span class="badge error">Rejected</span>}{" "}
        <span class="muted">
          for <Link href={`/movie/${movie.id}`}>{movie.title}</Link> with {profile}
        </span>
      </p>
      {decision.rejections.length > 0 && (
        <ul class="rejections" aria-label="Rejections">
          {decision.rejections.map((r) => (
            <RejectionItem key={`${r.specification}:${r.reason}`} rejection={r} />
          ))}
        </ul>
      )}
    </div>
  );
}
