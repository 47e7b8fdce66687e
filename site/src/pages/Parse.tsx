import { type Signal, useSignal } from "@preact/signals";
import { IndexerFlags } from "../../../src/domain/customFormats/indexerFlags";
import { api, type Movie, type ParseQuery, type ParseResult } from "../api";
import { ErrorMessage } from "../components/ErrorMessage";
import { MoviePicker } from "../components/MoviePicker";
import { DecisionView, FormatMatches, ParsedFacts } from "../components/ParseResult";
import { useResource } from "../components/useResource";
import { Link } from "../router";
import { loadReference } from "../state/reference";

const GIGABYTE = 1024 ** 3;

/** Indexer flag names as Radarr shows them. */
const FLAG_LABELS: Record<keyof typeof IndexerFlags, string> = {
  freeleech: "Freeleech",
  halfleech: "Halfleech",
  doubleUpload: "Double upload",
  ptpGolden: "PTP golden",
  ptpApproved: "PTP approved",
  internal: "Internal",
  ahdInternal: "AHD internal",
  scene: "Scene",
  freeleech75: "Freeleech 75%",
  freeleech25: "Freeleech 25%",
  ahdUserRelease: "AHD user release",
  nuked: "Nuked",
};

interface ReleaseDetails {
  sizeGb: string;
  protocol: "torrent" | "usenet";
  seeders: string;
  ageMinutes: string;
  flags: number;
}

const NO_DETAILS: ReleaseDetails = { sizeGb: "", protocol: "torrent", seeders: "", ageMinutes: "", flags: 0 };

const asNumber = (text: string) => (text.trim() !== "" && Number.isFinite(Number(text)) ? Number(text) : undefined);

function parseQuery(title: string, movie: Movie | undefined, d: ReleaseDetails): ParseQuery {
  const sizeGb = asNumber(d.sizeGb);
  return {
    title,
    movieId: movie?.id,
    size: sizeGb === undefined ? undefined : Math.round(sizeGb * GIGABYTE),
    protocol: d.protocol,
    seeders: asNumber(d.seeders),
    ageMinutes: asNumber(d.ageMinutes),
    indexerFlags: d.flags || undefined,
  };
}

/** Parse: what Radarr Edge reads from a release name, which formats it matches, and whether a movie would take it. */
export function Parse() {
  const title = useSignal("");
  const movie = useSignal<Movie | undefined>(undefined);
  const details = useSignal<ReleaseDetails>(NO_DETAILS);
  /** What was last asked: a new query each submit, so the same name is parsed again. */
  const asked = useSignal<ParseQuery | undefined>(undefined);

  useResource(() => loadReference(), []);
  const query = asked.value;
  const parsed = useResource(query ? (signal) => api.parse(query, signal) : undefined, [query]);
  const parsing = parsed.loading;
  const error = parsed.error;

  const submit = (event: Event) => {
    event.preventDefault();
    if (!title.value.trim()) return;
    asked.value = parseQuery(title.value.trim(), movie.value, details.value);
  };

  // A failed parse shows no outcome.
  const r = error.value ? undefined : parsed.data.value;
  return (
    <section class="page parse">
      <h1>Parse a release</h1>
      <form class="parse-form" aria-label="Release to parse" onSubmit={submit}>
        <div class="lookup">
          <label class="field grow">
            <span>Release name</span>
            <input
              type="text"
              placeholder="The.Movie.2010.1080p.BluRay.x264-GROUP"
              value={title.value}
              onInput={(e) => {
                title.value = e.currentTarget.value;
              }}
            />
          </label>
          <button type="submit" class="primary" disabled={parsing.value || !title.value.trim()}>
            {parsing.value ? "Parsing…" : "Parse"}
          </button>
        </div>
        <MoviePicker
          label="Judge for movie (optional)"
          value={movie.value}
          onChange={(m) => {
            movie.value = m;
          }}
        />
        <ReleaseDetailsFields details={details} />
      </form>
      <ErrorMessage error={error.value} />
      {r && <ParseOutcome result={r} />}
    </section>
  );
}

/** The optional release details a decision depends on: size, protocol, seeders, age and indexer flags. */
function ReleaseDetailsFields({ details }: { details: Signal<ReleaseDetails> }) {
  const setDetail = <K extends keyof ReleaseDetails>(name: K, value: ReleaseDetails[K]) => {
    details.value = { ...details.value, [name]: value };
  };
  const d = details.value;
  return (
    <details class="release-details">
      <summary>Release details (optional)</summary>
      <div class="choices">
        <NumberField label="Size (GB)" step="any" value={d.sizeGb} onInput={(v) => setDetail("sizeGb", v)} />
        <label class="field">
          <span>Protocol</span>
          <select
            value={d.protocol}
            onChange={(e) => setDetail("protocol", e.currentTarget.value as ReleaseDetails["protocol"])}
          >
            <option value="torrent">Torrent</option>
            <option value="usenet">Usenet</option>
          </select>
        </label>
        <NumberField label="Seeders" step="1" value={d.seeders} onInput={(v) => setDetail("seeders", v)} />
        <NumberField label="Age (minutes)" step="1" value={d.ageMinutes} onInput={(v) => setDetail("ageMinutes", v)} />
      </div>
      <fieldset class="tag-choices">
        <legend>Indexer flags</legend>
        {(Object.keys(IndexerFlags) as (keyof typeof IndexerFlags)[]).map((name) => (
          <label key={name} class="check">
            <input
              type="checkbox"
              checked={(d.flags & IndexerFlags[name]) !== 0}
              onChange={() => setDetail("flags", d.flags ^ IndexerFlags[name])}
            />
            {FLAG_LABELS[name]}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

/** A release detail typed as a number of 0 or more (kept as typed: empty means not given). */
function NumberField({
  label,
  step,
  value,
  onInput,
}: {
  label: string;
  step: string;
  value: string;
  onInput: (value: string) => void;
}) {
  return (
    <label class="field">
      <span>{label}</span>
      <input type="number" min="0" step={step} value={value} onInput={(e) => onInput(e.currentTarget.value)} />
    </label>
  );
}

function ParseOutcome({ result }: { result: ParseResult }) {
  return (
    <div class="parse-outcome">
      <section aria-labelledby="parsed-heading">
        <h2 id="parsed-heading">Parsed</h2>
        {result.parsedMovieInfo ? (
          <ParsedFacts parsed={result.parsedMovieInfo} />
        ) : (
          <p class="muted">The name could not be parsed as a movie release.</p>
        )}
      </section>
      <div>
        <section aria-labelledby="movie-heading">
          <h2 id="movie-heading">Movie</h2>
          {result.movie ? (
            <p>
              <Link href={`/movie/${result.movie.id}`}>
                {result.movie.title} ({result.movie.year || "unknown year"})
              </Link>
            </p>
          ) : (
            <p class="muted">No movie in the library matches this name.</p>
          )}
        </section>
        <section aria-labelledby="formats-heading">
          <h2 id="formats-heading">Custom formats</h2>
          <FormatMatches result={result} />
        </section>
        <section aria-labelledby="decision-heading">
          <h2 id="decision-heading">Decision</h2>
          <DecisionView result={result} />
        </section>
      </div>
    </div>
  );
}
