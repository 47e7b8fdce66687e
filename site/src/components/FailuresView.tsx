import { useSignal } from "@preact/signals";
import { api, type DownloadFailure, type FailureKind } from "../api";
import { Link } from "../router";
import { ErrorMessage } from "./ErrorMessage";
import { FAILURE_KIND_LABELS, failureKindInWords } from "./failureKinds";
import { formatCount, formatDateTime } from "./format";
import { Pager } from "./Pager";
import { useResource } from "./useResource";

const PAGE_SIZE = 25;
const FAILURE_KINDS = Object.keys(FAILURE_KIND_LABELS) as FailureKind[];

const STATE_LABELS: Record<DownloadFailure["state"], string> = {
  retrying: "Retrying",
  failed: "Failed",
  deadLettered: "Gave up",
  recovered: "Recovered",
};
const STATE_BADGES: Record<DownloadFailure["state"], string> = {
  retrying: "warning",
  failed: "error",
  deadLettered: "error",
  recovered: "ok",
};
const OWNER_LABELS: Record<DownloadFailure["owner"], string> = {
  release: "The release",
  ours: "This server",
  upstream: "The download client or indexer",
};

/** Who is at fault and what that led to, as it happened: a stall still retrying is not blocklisted yet. */
function atFault(f: DownloadFailure): string {
  const who = OWNER_LABELS[f.owner];
  if (f.state === "recovered") return `${who} (recovered)`;
  if (f.state === "retrying")
    return `${who} (retrying${f.owner === "release" ? "; blocklisted if it keeps failing" : ""})`;
  if (f.blocklisted) return `${who} (blocklisted, another is grabbed)`;
  return f.owner === "ours" ? `${who} (fix and retry)` : `${who} (gave up)`;
}

type FailureCounts = Partial<Record<FailureKind, number>>;

/** One button per kind that has failures (and the chosen one), after "All". */
function KindCounts({
  counts,
  kind,
  choose,
}: {
  counts: FailureCounts;
  kind: FailureKind | "";
  choose: (next: FailureKind | "") => void;
}) {
  const total = Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
  return (
    <ul class="failure-counts" aria-label="Failures per kind">
      <li>
        <button type="button" aria-pressed={kind === ""} onClick={() => choose("")}>
          All <span class="count-badge">{formatCount(total)}</span>
        </button>
      </li>
      {FAILURE_KINDS.filter((k) => (counts[k] ?? 0) > 0 || kind === k).map((k) => (
        <li key={k}>
          <button type="button" aria-pressed={kind === k} onClick={() => choose(k)}>
            {FAILURE_KIND_LABELS[k]} <span class="count-badge">{formatCount(counts[k] ?? 0)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function FailureRow({ f }: { f: DownloadFailure }) {
  return (
    <tr>
      <td>{formatDateTime(f.date)}</td>
      <td>{failureKindInWords(f.failureKind)}</td>
      <td>
        <Link href={`/movie/${f.movieId}`}>
          {f.movieTitle} ({f.movieYear})
        </Link>
      </td>
      <td class="release-title wrap">
        {f.title}
        <span class="muted">
          {" "}
          · {f.indexer || "—"} → {f.downloadClient}
        </span>
      </td>
      <td class="wrap">{f.message || "—"}</td>
      <td>
        {f.retryCount} of {f.maxRetries}
        {f.nextRetryAt && <span class="muted"> · next {formatDateTime(f.nextRetryAt)}</span>}
      </td>
      <td>
        <span class={`badge ${STATE_BADGES[f.state]}`}>{STATE_LABELS[f.state]}</span>
        {f.blocklisted && <span class="muted"> · blocklisted</span>}
      </td>
      <td class="muted wrap">{atFault(f)}</td>
    </tr>
  );
}

function FailuresTable({ records }: { records: DownloadFailure[] }) {
  return (
    <div class="table-scroll">
      <table class="plain failures-table" aria-label="Recent failures">
        <thead>
          <tr>
            <th>When</th>
            <th>Kind</th>
            <th>Movie</th>
            <th>Release</th>
            <th>Message</th>
            <th>Retries</th>
            <th>State</th>
            <th>At fault</th>
          </tr>
        </thead>
        <tbody>
          {records.map((f) => (
            <FailureRow key={f.id} f={f} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Recent download failures by kind of failure, with how many of each and what was retried. */
export function FailuresView() {
  const page = useSignal(1);
  const kind = useSignal<FailureKind | "">("");
  const { data, error } = useResource(
    (signal) => api.failures({ page: page.value, pageSize: PAGE_SIZE, kind: kind.value || undefined }, signal),
    [page.value, kind.value],
    { everyMs: 10_000 },
  );
  const failures = data.value;
  const choose = (next: FailureKind | "") => {
    kind.value = next;
    page.value = 1;
  };
  return (
    <section aria-label="Failures" class="failures">
      <p class="hint">
        Every failed download has a kind; each kind has its own retry policy. A release at fault is blocklisted and the
        next-best one is grabbed.
      </p>
      <ErrorMessage error={error.value} />
      {failures && <KindCounts counts={failures.counts ?? {}} kind={kind.value} choose={choose} />}
      {failures === undefined && !error.value && <p class="muted">Loading…</p>}
      {failures?.records.length === 0 && (
        <p class="muted">{kind.value ? "No failures of this kind." : "No download has failed."}</p>
      )}
      {failures && failures.records.length > 0 && <FailuresTable records={failures.records} />}
      {failures && (
        <Pager page={page} totalRecords={failures.totalRecords} pageSize={PAGE_SIZE} label="Failure pages" />
      )}
    </section>
  );
}
