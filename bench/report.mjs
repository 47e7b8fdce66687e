/**
 * `npm run bench:report`: writes docs/benchmarks.md from bench/results.json (the latest full
 * `npm run bench`) and docs/cost.md's measured part from bench/cost-results.json (the latest
 * `npm run bench -- --cost`), so the documents say exactly what the last runs measured.
 * docs/cost.md keeps its hand-written text; only the part between the GENERATED markers changes.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { PLAN_READ_ON } from "./cost-pricing.mjs";

const read = (file) => JSON.parse(readFileSync(new URL(file, import.meta.url), "utf8"));
const DOCS = new URL("../docs/", import.meta.url);
const n = (v) => (v === undefined || v === null ? "—" : typeof v === "number" ? v.toLocaleString("en-US") : String(v));
const ratio = (v, ping) => (typeof v === "number" && ping ? `${(v / ping).toFixed(2)}×` : "—");
/** Upstream calls a list sync made, over every upstream. */
const upstreamCalls = (sync) => Object.values(sync.upstreamCalls ?? {}).reduce((sum, calls) => sum + calls, 0);
const table = (head, rows) =>
  [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");

/** Radarr's own published figures, as its maintainers and users reported them (see the links). */
const RADARR_FIGURES = [
  [
    "GET /api/v3/movie, 20,000 movies",
    "~4 s",
    "maintainer, after speeding it up",
    "https://github.com/Radarr/Radarr/issues/5246",
  ],
  [
    "GET /api/v3/movie, 40,000 movies",
    "up to ~15 s",
    "maintainer's estimate",
    "https://github.com/Radarr/Radarr/issues/2490",
  ],
  ["GET /api/v3/movie, 3,575 movies", "~30 s (19.6 MB)", "user report", "https://github.com/Radarr/Radarr/issues/7423"],
  [
    "Movies page, ~10,000 movies",
    '"should load in seconds"; no server paging, by design',
    "maintainer",
    "https://github.com/Radarr/Radarr/issues/5461",
  ],
  [
    "Movies page, 9,000+ movies",
    "fails to load more than half the time",
    "user report",
    "https://github.com/Radarr/Radarr/issues/11363",
  ],
];

function routesSection(r) {
  const ping = r.routes.find((x) => x.name === "/ping")?.p50;
  const rows = r.routes.map((x) => [
    `\`${x.name}\``,
    n(x.connections),
    n(x.rps),
    `${n(x.p50)} ms`,
    ratio(x.p50, ping),
    ratio(x.p99, ping),
    x.d1RowsRead === undefined ? "—" : `${n(x.d1RowsRead)} / ${n(x.d1RowsWritten)}`,
    x.firstCallMs === undefined
      ? ""
      : `first call ${n(x.firstCallMs)} ms (${ratio(x.firstCallMs, ping)}), after a write ${n(x.afterWriteMs)} ms${
          x.storedFirstCallMs === undefined ? "" : `, fresh isolate with the list stored ${n(x.storedFirstCallMs)} ms`
        }`,
  ]);
  return [
    `## Library of ${n(r.libraryMovies)} movies (seeded in ${n(r.seedSeconds)} s)`,
    "",
    "Latencies as a ratio to `/ping`'s p50 in the same run (the machine is shared: ratios, not milliseconds, compare across runs).",
    "",
    table(
      [
        "route",
        "connections",
        "req/s",
        "p50",
        "p50 / ping",
        "p99 / ping p50",
        "D1 rows read / written per request",
        "notes",
      ],
      rows,
    ),
  ];
}

function librarySections(r) {
  const out = [];
  const ping = r.routes.find((x) => x.name === "/ping")?.p50;
  if (r.highLoad) {
    const h = r.highLoad;
    out.push(
      "",
      `### High load (${n(h.connections)} connections, ${n(h.seconds)} s)`,
      "",
      `/ping p50 ${n(h.ping.p50)} ms (${n(h.ping.errors)} errors); /movie/paged p50 ${h.pagedVsPing}× /ping (${n(h.paged.errors)} errors).`,
    );
  }
  if (r.libraryFirstRenderMs !== undefined)
    out.push(
      "",
      "### Site",
      "",
      `Library page first render in Chromium: ${n(r.libraryFirstRenderMs)} ms (${ratio(r.libraryFirstRenderMs, ping)} /ping).`,
    );
  return out;
}

function otherSections(r) {
  const out = [];
  const ping = r.routes.find((x) => x.name === "/ping")?.p50;
  if (r.decisions) {
    const d = r.decisions;
    out.push(
      "",
      "## Decision engine",
      "",
      `${n(d.releases)} releases × ${n(d.customFormats)} custom formats: evaluated in ${n(d.evaluateMs)} ms (parsing included), ranked in ${n(d.rankMs)} ms.`,
    );
  }
  if (r.parser)
    out.push(
      "",
      "## Parser",
      "",
      `Names per second: ours ${n(r.parser.oursNamesPerSecond)}, @ctrl/video-filename-parser ${n(r.parser.peerNamesPerSecond)}.`,
    );
  if (r.importLists?.lists) {
    out.push("", "## Import lists", "");
    out.push(
      table(
        [
          "list",
          "items",
          "first sync",
          "added",
          "rows written",
          "upstream calls",
          "re-sync",
          "re-sync rows written",
          "re-sync upstream calls",
        ],
        r.importLists.lists.map((l) =>
          l.error
            ? [l.list, "—", `error: ${l.error}`, "", "", "", "", "", ""]
            : [
                l.list,
                n(l.items),
                `${(l.first.wallMs / 1000).toFixed(1)} s`,
                n(l.first.added),
                n(l.first.rowsWritten),
                n(upstreamCalls(l.first)),
                `${(l.resync.wallMs / 1000).toFixed(1)} s`,
                n(l.resync.rowsWritten),
                n(upstreamCalls(l.resync)),
              ],
        ),
      ),
    );
  }
  if (r.streaming)
    out.push(
      "",
      "## Streaming replay",
      "",
      `${n(r.streaming.requests)} requests, p50 ${ratio(r.streaming.replayLatencyMs?.p50, ping)} /ping, cached trending ${n(r.streaming.cachedTrendingVsPing)}× /ping.`,
    );
  if (r.downloads)
    out.push(
      "",
      "## Downloads",
      "",
      `Interactive search over ${n(r.downloads.interactiveSearch?.indexerResults)} results: median ${n(r.downloads.interactiveSearch?.medianMs)} ms; queue poll of ${n(r.downloads.queuePoll?.activeDownloads)} downloads: median ${n(r.downloads.queuePoll?.medianMs)} ms.`,
      ...(r.downloads.interactiveSearch?.siteRender?.medianMs === undefined
        ? []
        : [
            "",
            `The same search in the site (Chromium): press to releases drawn, median ${n(r.downloads.interactiveSearch.siteRender.medianMs)} ms, of which the site's render (response to drawn) ${n(r.downloads.interactiveSearch.siteRender.renderMedianMs)} ms; every row in the table ${n(r.downloads.interactiveSearch.siteRender.restMedianMs)} ms after that.`,
          ]),
    );
  for (const note of r.notes ?? []) out.push("", `Note: ${note}`);
  return out;
}

function benchmarksDoc(r) {
  const load = r.loadAverage
    ? `load average ${r.loadAverage.join(", ")} (1, 5, 15 min) when the run started`
    : "load average not recorded";
  return [
    "# Benchmarks",
    "",
    "Generated by `npm run bench:report` from bench/results.json — do not edit by hand. The run:",
    `\`npm run bench\` on ${r.date.slice(0, 10)} (${r.date}), ${load}.`,
    "",
    "Machine: the project's `node` machine kind — 2 cores and 24 GiB of memory, shared with other",
    "work while it ran; the app in workerd (wrangler's local runtime, local D1/KV/Durable Objects) and",
    "the upstream simulator on loopback. Absolute milliseconds depend on the machine's load; the",
    "ratios to `/ping` measured in the same run are what compare.",
    "",
    ...(r.libraries ?? [r]).flatMap((library) => [...routesSection(library), ...librarySections(library), ""]),
    ...otherSections(r),
    "",
    "## Radarr's published figures",
    "",
    "Radarr has no server-side paging (its maintainers removed it in v3), so its Movies page and",
    "other tools load the whole `GET /api/v3/movie`:",
    "",
    table(
      ["what", "figure", "who", "source"],
      RADARR_FIGURES.map(([w, f, who, url]) => [w, f, who, url]),
    ),
    "",
  ].join("\n");
}

function costSection(c) {
  const out = [`Measured ${c.date} (load average ${c.loadAverage?.join(", ")}), prices read ${PLAN_READ_ON}.`];
  for (const lib of c.libraries) {
    out.push("", `### ${n(lib.libraryMovies)} movies`, "", "Per operation (one run's units) and per day:", "");
    out.push(
      table(
        [
          "operation",
          "per day",
          "requests",
          "CPU ms",
          "D1 rows read",
          "D1 rows written",
          "KV reads",
          "KV writes",
          "DO requests",
          "Queue messages",
        ],
        Object.entries(lib.operations).map(([name, op]) => [
          name,
          n(op.perDay),
          n(Math.round(op.requests * 10) / 10),
          n(Math.round(op.cpuMs)),
          n(Math.round(op.d1RowsRead)),
          n(Math.round(op.d1RowsWritten)),
          n(Math.round(op.kvReads * 10) / 10),
          n(Math.round(op.kvWrites * 10) / 10),
          n(Math.round(op.doRequests * 10) / 10),
          n(Math.round(op.queueMessages * 10) / 10),
        ]),
      ),
      "",
      "The month (30 days) against the Workers Paid plan:",
      "",
      table(
        ["unit", "per day", "per month", "included per month", "share of the allowance", "billed beyond it"],
        lib.month.lines.map((l) => [
          l.name,
          n(Math.round(l.perDay)),
          n(Math.round(l.month)),
          n(l.includedPerMonth),
          `${(l.allowanceUsed * 100).toFixed(2)}%`,
          `$${l.overUsd.toFixed(2)}`,
        ]),
      ),
      "",
      `**Total: $${lib.month.totalUsd.toFixed(2)} a month** ($5.00 minimum + $${lib.month.overUsd.toFixed(2)} beyond the included usage).`,
    );
  }
  return out.join("\n");
}

const BEGIN = "<!-- GENERATED: npm run bench:report (bench/cost-results.json) -->";
const END = "<!-- END GENERATED -->";

if (existsSync(new URL("./results.json", import.meta.url))) {
  writeFileSync(new URL("benchmarks.md", DOCS), benchmarksDoc(read("./results.json")));
  console.log("wrote docs/benchmarks.md");
}
if (existsSync(new URL("./cost-results.json", import.meta.url))) {
  const file = new URL("cost.md", DOCS);
  const doc = readFileSync(file, "utf8");
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error("docs/cost.md has no GENERATED markers");
  writeFileSync(
    file,
    `${doc.slice(0, start + BEGIN.length)}\n${costSection(read("./cost-results.json"))}\n${doc.slice(end)}`,
  );
  console.log("wrote docs/cost.md's measured part");
}
