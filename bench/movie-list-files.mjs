/**
 * `npx tsx bench/movie-list-files.mjs`: GET /api/v3/movie over the 20k bench library where every
 * movie marked hasFile has its movie_files row (the plain bench seed has none), timed cold (a
 * rebuild right after a write, the list cache missed) and warm (cached), with /ping for scale.
 * Prints one JSON line; run it at two commits to compare.
 */
import "../scripts/offline-env.mjs";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyMigrations, executeSqlFile, ROOT, startApp } from "../scripts/lib/app.mjs";
import { writeLibrarySeed } from "../scripts/lib/seed-library.mjs";

const LIBRARY_SIZE = Number(process.env.BENCH_MOVIES ?? 20_000);
const API_KEY = "bench-api-key";
const headers = { "x-api-key": API_KEY };

// One file per movie with a file, named like a release (quality 7 = Bluray-1080p).
const FILES_SQL = `INSERT INTO movie_files (movie_id, relative_path, path, size, quality, custom_format_ids,
  custom_format_score, languages, release_group, scene_name, date_added)
  SELECT id, title || '.' || year || '.1080p.BluRay.x264.DTS-GRP.mkv', path || '/' || title || '.' || year || '.1080p.BluRay.x264.DTS-GRP.mkv',
  size_on_disk, '{"quality":7,"revision":{"version":1,"real":0,"isRepack":false}}', '[]', 0,
  '[{"id":1,"name":"English"}]', 'GRP', title || '.' || year || '.1080p.BluRay.x264.DTS-GRP', added
  FROM movies WHERE has_file = 1;`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(url, init) {
  const t = performance.now();
  const res = await fetch(url, init);
  const body = await res.text();
  return { ms: performance.now() - t, status: res.status, body };
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), "radarr-edge-movielist-"));
  let app;
  try {
    await applyMigrations(work);
    writeLibrarySeed(join(work, "seed.sql"), LIBRARY_SIZE);
    await executeSqlFile(work, join(work, "seed.sql"));
    writeFileSync(join(work, "files.sql"), FILES_SQL);
    await executeSqlFile(work, join(work, "files.sql"));
    // wrangler wants the site's assets folder to exist; the API alone is measured.
    mkdirSync(join(ROOT, "dist/site"), { recursive: true });
    app = await startApp({ persistDir: work, vars: { API_KEY } });
    const list = `${app.url}/api/v3/movie`;
    const first = await timed(list, { headers });
    const movies = JSON.parse(first.body);
    const withFile = movies.filter((m) => m.movieFile).length;
    const cold = [];
    const warm = [];
    const ping = [];
    for (let i = 0; i < 7; i++) {
      await fetch(`${app.url}/api/v3/movie/1`, {
        method: "PUT",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ monitored: i % 2 === 0 }),
      });
      cold.push((await timed(list, { headers })).ms);
      warm.push((await timed(list, { headers })).ms);
      ping.push((await timed(`${app.url}/ping`)).ms);
    }
    const r = (x) => Math.round(x);
    console.log(
      JSON.stringify({
        movies: movies.length,
        withMovieFile: withFile,
        bytes: first.body.length,
        firstMs: r(first.ms),
        coldMedianMs: r(median(cold)),
        warmMedianMs: r(median(warm)),
        pingMedianMs: Math.round(median(ping) * 10) / 10,
      }),
    );
  } finally {
    await app?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
