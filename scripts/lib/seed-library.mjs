/**
 * Writes (or returns) SQL that fills the library with `count` generated movies (for benchmarks and browser
 * tests of big libraries). Deterministic: the same count always gives the same rows.
 */
import { writeFileSync } from "node:fs";

const WORDS = [
  "Dark",
  "Silent",
  "Last",
  "Lost",
  "Iron",
  "Golden",
  "Hidden",
  "Broken",
  "Crimson",
  "Frozen",
  "Wild",
  "Electric",
  "Midnight",
  "Paper",
  "Glass",
  "Burning",
  "Distant",
  "Hollow",
  "Savage",
  "Quiet",
];
const NOUNS = [
  "River",
  "Empire",
  "Garden",
  "Horizon",
  "Signal",
  "Kingdom",
  "Shadow",
  "Machine",
  "Harbor",
  "Voyage",
  "Storm",
  "Witness",
  "Protocol",
  "Frontier",
  "Echo",
  "Citadel",
  "Orchard",
  "Mirror",
  "Compass",
  "Legacy",
];
const GENRES = [
  "Action",
  "Adventure",
  "Animation",
  "Comedy",
  "Crime",
  "Documentary",
  "Drama",
  "Family",
  "Fantasy",
  "History",
  "Horror",
  "Music",
  "Mystery",
  "Romance",
  "Science Fiction",
  "Thriller",
  "War",
  "Western",
];
const STATUSES = ["released", "released", "released", "inCinemas", "announced", "tba"];
// Original and alternate titles use words the English titles never do, so a search for one of
// them can only match through those titles.
const ORIGINAL_WORDS = ["Rivière", "Été", "Mañana", "Noche", "Sombra", "Nacht", "Ombre", "Reino"];
const ALTERNATE_WORDS = ["Zephyr", "Quasar", "Nebula", "Tundra", "Lantern", "Monsoon", "Glacier", "Meridian"];

/** An alternate title as the TMDb mapping stores it (its clean title: folded, letters and digits). */
function alternateTitle(title) {
  const clean = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
  return { id: 0, sourceType: "tmdb", movieMetadataId: 0, title, cleanTitle: clean };
}

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const q = (v) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

export function librarySeedSql(count, { firstTmdbId = 5_000_000, rootFolder = "/movies" } = {}) {
  const random = prng(count);
  const pick = (list) => list[Math.floor(random() * list.length)];
  // A second stream for the original and alternate titles keeps the other columns as they were.
  const titleRandom = prng(count + 1);
  const pickTitleWord = (list) => list[Math.floor(titleRandom() * list.length)];
  const lines = [
    `INSERT OR IGNORE INTO root_folders (path) VALUES (${q(rootFolder)});`,
    "INSERT OR IGNORE INTO tags (label) VALUES ('favourites'), ('kids'), ('4k');",
  ];
  const movieRows = [];
  const genreRows = [];
  const tagRows = [];
  for (let i = 0; i < count; i++) {
    const id = i + 1;
    const title = `${pick(WORDS)} ${pick(NOUNS)}${random() < 0.3 ? ` ${pick(NOUNS)}` : ""} ${id}`;
    const originalTitle =
      titleRandom() < 0.1 ? `${pickTitleWord(ORIGINAL_WORDS)} ${pickTitleWord(NOUNS)} ${id}` : title;
    const alternateTitles = titleRandom() < 0.2 ? [alternateTitle(`${pickTitleWord(ALTERNATE_WORDS)} ${id}`)] : [];
    const year = 1950 + Math.floor(random() * 76);
    const genres = [...new Set([pick(GENRES), pick(GENRES)])];
    const status = pick(STATUSES);
    const sort = title.toLowerCase();
    const clean = sort.replace(/[^a-z0-9]/g, "");
    const hasFile = random() < 0.6;
    const size = hasFile ? Math.floor(2e9 + random() * 5e10) : 0;
    const added = new Date(Date.UTC(2020, 0, 1) + Math.floor(random() * 5 * 365 * 86400000)).toISOString();
    const inCinemas = `${year}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}T00:00:00.000Z`;
    const metadata = {
      overview: `A generated movie number ${id} for large-library tests.`,
      images: [{ coverType: "poster", remoteUrl: `/generated/${id}-poster.jpg` }],
      alternateTitles,
      ratings: { tmdb: { votes: Math.floor(random() * 20000), value: Math.round(random() * 100) / 10, type: "user" } },
      keywords: [],
      studio: "Generated Pictures",
      website: "",
      youTubeTrailerId: "",
      certification: "PG-13",
      originalLanguage: { id: 1, name: "English" },
      collection: null,
    };
    movieRows.push(
      `(${[id, firstTmdbId + i, `tt${String(9000000 + id)}`, title, originalTitle, sort, clean, year, status, 90 + Math.floor(random() * 60), inCinemas, null, null, random() < 0.8 ? 1 : 0, "released", 1 + Math.floor(random() * 6), rootFolder, `${rootFolder}/${title} (${year})`, hasFile ? 1 : 0, size, metadata.ratings.tmdb.value, Math.round(random() * 1000) / 10, JSON.stringify(genres), JSON.stringify(metadata), null, added, added, added].map(q).join(", ")})`,
    );
    for (const g of genres) genreRows.push(`(${id}, ${q(g)})`);
    if (random() < 0.2) tagRows.push(`(${id}, ${1 + Math.floor(random() * 3)})`);
  }
  const batches = (rows, prefix) => {
    for (let i = 0; i < rows.length; i += 50) lines.push(`${prefix} ${rows.slice(i, i + 50).join(",\n")};`);
  };
  batches(
    movieRows,
    "INSERT INTO movies (id, tmdb_id, imdb_id, title, original_title, sort_title, clean_title, year, status, runtime, in_cinemas, physical_release, digital_release, monitored, minimum_availability, quality_profile_id, root_folder_path, path, has_file, size_on_disk, rating, popularity, genres, metadata, add_options, added, last_info_sync, updated_at) VALUES",
  );
  batches(genreRows, "INSERT INTO movie_genres (movie_id, genre) VALUES");
  batches(tagRows, "INSERT OR IGNORE INTO movie_tags (movie_id, tag_id) VALUES");
  return `${lines.join("\n")}\n`;
}

export function writeLibrarySeed(file, count, options) {
  writeFileSync(file, librarySeedSql(count, options));
}
