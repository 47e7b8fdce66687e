import { ApiError, type ReleaseGroupDetail as Detail } from "../api";
import { analysisApi } from "../api/analysis";
import { ErrorMessage } from "../components/ErrorMessage";
import { formatBytes, formatCount, formatDate } from "../components/format";
import { useResource } from "../components/useResource";
import { Link } from "../router";

/** The factors as the analyzer weighs them (src/domain/analysis/releaseGroups.ts). */
const FACTORS: { key: string; label: string; weight: number }[] = [
  { key: "seedLeechRatio", label: "Seeders per leecher", weight: 20 },
  { key: "completionRate", label: "Completion rate", weight: 20 },
  { key: "internalShare", label: "Internal share", weight: 15 },
  { key: "volume", label: "Volume", weight: 15 },
  { key: "sizeConsistency", label: "Size consistency", weight: 10 },
  { key: "recency", label: "Recency", weight: 10 },
  { key: "sizeFit", label: "Size fit", weight: 10 },
];

const flags = (r: { freeleech: boolean; internal: boolean; exclusive: boolean }) =>
  [r.internal && "internal", r.exclusive && "exclusive", r.freeleech && "freeleech"].filter(Boolean).join(", ");

/** One release group: its score, the factors behind it and the releases collected from it. */
export function ReleaseGroupDetail({ name }: { name: string }) {
  const detail = useResource((signal) => analysisApi.group(name, signal), [name]);
  if (detail.error.value) {
    const missing = detail.error.value instanceof ApiError && detail.error.value.status === 404;
    return (
      <section class="page">
        <h1>{missing ? "Group not found" : "The group could not be loaded"}</h1>
        <ErrorMessage error={detail.error.value} />
        <Link href="/groups">Back to the groups</Link>
      </section>
    );
  }
  const d = detail.data.value;
  if (!d) return <p class="page muted">Loading…</p>;
  const g = d.reputation;
  const factors = g.factors as Record<string, number>;
  return (
    <section class="page release-group">
      <p class="breadcrumb">
        <Link href="/groups">Release groups</Link>
      </p>
      <h1>{g.group}</h1>
      <p class="group-score">
        Score <strong>{g.score}</strong> of 100 · {g.tier} · {formatCount(g.releases)} releases · confidence{" "}
        {Math.round(g.confidence * 100)}%
      </p>
      <h2>Factors</h2>
      <div class="table-scroll">
        <table class="plain" aria-label="Factors">
          <thead>
            <tr>
              <th scope="col">Factor</th>
              <th scope="col">Value (0–1)</th>
              <th scope="col">Weight</th>
              <th scope="col">Points</th>
            </tr>
          </thead>
          <tbody>
            {FACTORS.map((f) => (
              <tr key={f.key}>
                <td data-label="Factor">{f.label}</td>
                <td class="numeric" data-label="Value">
                  {(factors[f.key] ?? 0).toFixed(3)}
                </td>
                <td class="numeric" data-label="Weight">
                  {f.weight}
                </td>
                <td class="numeric" data-label="Points">
                  {((factors[f.key] ?? 0) * f.weight).toFixed(1)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Releases ({formatCount(d.releases.length)})</h2>
      {d.releases.length === 0 && <p class="muted">Only seen in searches so far; the analyzer has not collected it.</p>}
      {d.releases.length > 0 && <Releases releases={d.releases} />}
    </section>
  );
}

/** The group's collected releases, newest first. */
function Releases({ releases }: { releases: Detail["releases"] }) {
  return (
    <div class="table-scroll">
      <table class="plain" aria-label="Releases">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Quality</th>
            <th scope="col">Size</th>
            <th scope="col">Seeders</th>
            <th scope="col">Leechers</th>
            <th scope="col">Completed</th>
            <th scope="col">Flags</th>
            <th scope="col">Added</th>
          </tr>
        </thead>
        <tbody>
          {releases.map((r) => (
            <tr key={r.torrentId}>
              <td class="wrap" data-label="Name">
                {r.name}
              </td>
              <td data-label="Quality">{[r.resolution, r.source, r.codec].filter(Boolean).join(" ")}</td>
              <td class="numeric" data-label="Size">
                {formatBytes(r.size)}
              </td>
              <td class="numeric" data-label="Seeders">
                {formatCount(r.seeders)}
              </td>
              <td class="numeric" data-label="Leechers">
                {formatCount(r.leechers)}
              </td>
              <td class="numeric" data-label="Completed">
                {formatCount(r.timesCompleted)}
              </td>
              <td data-label="Flags">{flags(r)}</td>
              <td data-label="Added">{formatDate(r.uploadedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
