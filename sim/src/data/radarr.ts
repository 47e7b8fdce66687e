/**
 * One running Radarr's configuration, as Radarr v3 answers it (shapes from Radarr's OpenAPI):
 * two tags, a custom format scored in a profile, a profile named like one of ours and one that is
 * not, three movies (one TMDb does not know), exclusions, indexers, download clients and import
 * lists — one of each kind an implementation Radarr Edge lacks — and secrets masked as Radarr masks
 * them ("********"). `origin` is the simulator's own address, where the indexers and clients live.
 */

const MASK = "********";

const field = (name: string, value: unknown, privacy = "normal") => ({ name, value, privacy });

export const RADARR_TAGS = [
  { id: 1, label: "4k" },
  { id: 2, label: "kids" },
];

export const RADARR_CUSTOM_FORMATS = [
  {
    id: 5,
    name: "Remux Tier",
    includeCustomFormatWhenRenaming: false,
    specifications: [
      {
        name: "Remux",
        implementation: "QualityModifierSpecification",
        implementationName: "Quality Modifier",
        negate: false,
        required: true,
        fields: [{ order: 0, name: "value", label: "Quality Modifier", value: 5, type: "select" }],
      },
    ],
  },
];

const qualityItem = (
  id: number,
  name: string,
  source: string,
  resolution: number,
  modifier: string,
  allowed = true,
) => ({
  quality: { id, name, source, resolution, modifier },
  items: [],
  allowed,
});

// Radarr's Quality.All: [id, name, source, resolution, modifier].
const ALL_QUALITIES: [number, string, string, number, string][] = [
  [0, "Unknown", "unknown", 0, "none"],
  [24, "WORKPRINT", "workprint", 0, "none"],
  [25, "CAM", "cam", 0, "none"],
  [26, "TELESYNC", "telesync", 0, "none"],
  [27, "TELECINE", "telecine", 0, "none"],
  [28, "DVDSCR", "dvd", 480, "screener"],
  [29, "REGIONAL", "dvd", 480, "regional"],
  [1, "SDTV", "tv", 480, "none"],
  [2, "DVD", "dvd", 480, "none"],
  [23, "DVD-R", "dvd", 480, "remux"],
  [8, "WEBDL-480p", "webdl", 480, "none"],
  [12, "WEBRip-480p", "webrip", 480, "none"],
  [20, "Bluray-480p", "bluray", 480, "none"],
  [21, "Bluray-576p", "bluray", 576, "none"],
  [4, "HDTV-720p", "tv", 720, "none"],
  [5, "WEBDL-720p", "webdl", 720, "none"],
  [14, "WEBRip-720p", "webrip", 720, "none"],
  [6, "Bluray-720p", "bluray", 720, "none"],
  [9, "HDTV-1080p", "tv", 1080, "none"],
  [3, "WEBDL-1080p", "webdl", 1080, "none"],
  [15, "WEBRip-1080p", "webrip", 1080, "none"],
  [7, "Bluray-1080p", "bluray", 1080, "none"],
  [30, "Remux-1080p", "bluray", 1080, "remux"],
  [16, "HDTV-2160p", "tv", 2160, "none"],
  [18, "WEBDL-2160p", "webdl", 2160, "none"],
  [17, "WEBRip-2160p", "webrip", 2160, "none"],
  [19, "Bluray-2160p", "bluray", 2160, "none"],
  [31, "Remux-2160p", "bluray", 2160, "remux"],
  [22, "BR-DISK", "bluray", 1080, "brdisk"],
  [10, "Raw-HD", "tv", 1080, "rawhd"],
];

/**
 * A profile lists every quality, as Radarr's do; `complete: false` lists only the allowed ones,
 * as a profile saved by an older Radarr that predates some qualities.
 */
function profile(id: number, name: string, cutoff: number, score: number, complete: boolean) {
  const allowed = new Set([3, 7, 30]);
  const qualities = ALL_QUALITIES.filter(([qualityId]) => complete || allowed.has(qualityId));
  return {
    id,
    name,
    upgradeAllowed: true,
    cutoff,
    items: qualities.map(([qualityId, ...rest]) => qualityItem(qualityId, ...rest, allowed.has(qualityId))),
    minFormatScore: 0,
    cutoffFormatScore: 0,
    minUpgradeFormatScore: 1,
    formatItems: [{ format: 5, name: "Remux Tier", score }],
    language: { id: 1, name: "English" },
  };
}

export const RADARR_QUALITY_PROFILES = [
  profile(4, "HD-1080p", 7, 50, true),
  profile(9, "Remux Collectors", 30, 120, false),
];

export const RADARR_QUALITY_DEFINITIONS = [
  {
    id: 1,
    quality: { id: 7, name: "Bluray-1080p", source: "bluray", resolution: 1080, modifier: "none" },
    title: "Bluray-1080p",
    weight: 20,
    minSize: 10,
    maxSize: 300,
    preferredSize: 150,
  },
  {
    id: 2,
    quality: { id: 3, name: "WEBDL-1080p", source: "webdl", resolution: 1080, modifier: "none" },
    title: "WEBDL-1080p",
    weight: 17,
    minSize: 5,
    maxSize: 200,
    preferredSize: 90,
  },
];

export const RADARR_ROOT_FOLDERS = [
  { id: 1, path: "/data/movies", accessible: true, freeSpace: 1_000_000_000_000, unmappedFolders: [] },
  { id: 2, path: "/data/kids", accessible: true, freeSpace: 1_000_000_000_000, unmappedFolders: [] },
];

function movie(id: number, tmdbId: number, title: string, year: number, extra: Record<string, unknown>) {
  const rootFolderPath = (extra.rootFolderPath as string | undefined) ?? "/data/movies";
  return {
    id,
    title,
    sortTitle: title.toLowerCase(),
    year,
    tmdbId,
    monitored: true,
    qualityProfileId: 4,
    minimumAvailability: "released",
    tags: [],
    added: "2023-04-01T10:00:00Z",
    hasFile: false,
    status: "released",
    folderName: `${rootFolderPath}/${title} (${year})`,
    path: `${rootFolderPath}/${title} (${year})`,
    rootFolderPath,
    ...extra,
  };
}

export const RADARR_MOVIES = [
  movie(11, 603, "The Matrix", 1999, { qualityProfileId: 9, tags: [1], added: "2021-06-15T08:30:00Z" }),
  movie(12, 1891, "The Empire Strikes Back", 1980, {
    monitored: false,
    tags: [1, 2],
    rootFolderPath: "/data/kids",
    minimumAvailability: "announced",
  }),
  movie(13, 990000001, "A Home Video", 2001, {}),
];

export const RADARR_EXCLUSIONS = [{ id: 1, tmdbId: 8587, movieTitle: "The Lion King", movieYear: 1994 }];

function provider(id: number, name: string, implementation: string, fields: ReturnType<typeof field>[], extra: object) {
  return {
    id,
    name,
    implementation,
    implementationName: implementation,
    configContract: `${implementation}Settings`,
    fields,
    tags: [],
    ...extra,
  };
}

export function radarrIndexers(origin: string) {
  const searchable = { enableRss: true, enableAutomaticSearch: true, enableInteractiveSearch: true, priority: 25 };
  return [
    provider(
      1,
      "Sim Torznab",
      "Torznab",
      [
        field("baseUrl", `${origin}/torznab`),
        field("apiPath", "/api"),
        field("apiKey", MASK, "apiKey"),
        field("categories", [2000, 2040]),
      ],
      { ...searchable, protocol: "torrent", tags: [1] },
    ),
    provider(
      2,
      "Sim Newznab",
      "Newznab",
      [
        field("baseUrl", `${origin}/newznab`),
        field("apiPath", "/api"),
        field("apiKey", MASK, "apiKey"),
        field("categories", [2000]),
      ],
      { ...searchable, protocol: "usenet", priority: 10 },
    ),
    provider(3, "Old Rarbg", "Rarbg", [field("baseUrl", "https://torrentapi.org")], {
      ...searchable,
      protocol: "torrent",
    }),
  ];
}

export function radarrDownloadClients(origin: string) {
  const { hostname, port } = new URL(origin);
  return [
    provider(
      1,
      "Sim qBittorrent",
      "QBittorrent",
      [
        field("host", hostname),
        field("port", Number(port)),
        field("useSsl", false),
        field("urlBase", "/qbittorrent"),
        field("username", "radarr"),
        field("password", MASK, "password"),
        field("movieCategory", "radarr"),
      ],
      { enable: true, protocol: "torrent", priority: 1, removeCompletedDownloads: true, removeFailedDownloads: true },
    ),
    provider(2, "uTorrent Box", "UTorrent", [field("host", "utorrent.example"), field("password", MASK, "password")], {
      enable: true,
      protocol: "torrent",
      priority: 2,
      removeCompletedDownloads: true,
      removeFailedDownloads: true,
    }),
  ];
}

export const RADARR_IMPORT_LISTS = [
  provider(1, "Staff Picks", "TMDbListImport", [field("listId", "8136")], {
    enabled: true,
    enableAuto: true,
    monitor: "movieOnly",
    rootFolderPath: "/data/movies",
    qualityProfileId: 9,
    searchOnAdd: false,
    minimumAvailability: "released",
    listType: "tmdb",
    listOrder: 1,
    minRefreshInterval: "12:00:00",
    tags: [2],
  }),
  provider(
    2,
    "Other Radarr",
    "RadarrImport",
    [field("baseUrl", "http://radarr2.example"), field("apiKey", MASK, "apiKey")],
    {
      enabled: true,
      enableAuto: false,
      monitor: "movieOnly",
      rootFolderPath: "/data/movies",
      qualityProfileId: 4,
      searchOnAdd: false,
      minimumAvailability: "released",
      listType: "program",
      listOrder: 2,
      minRefreshInterval: "12:00:00",
      tags: [],
    },
  ),
];

export const RADARR_NAMING = {
  id: 1,
  renameMovies: true,
  replaceIllegalCharacters: true,
  colonReplacementFormat: "dash",
  standardMovieFormat: "{Movie CleanTitle} {(Release Year)} {Quality Full}",
  movieFolderFormat: "{Movie CleanTitle} ({Release Year})",
};

export const RADARR_DELAY_PROFILES = [
  {
    id: 1,
    enableUsenet: true,
    enableTorrent: true,
    preferredProtocol: "usenet",
    usenetDelay: 0,
    torrentDelay: 0,
    bypassIfHighestQuality: true,
    bypassIfAboveCustomFormatScore: false,
    minimumCustomFormatScore: 0,
    order: 2147483647,
    tags: [],
  },
  {
    id: 2,
    enableUsenet: true,
    enableTorrent: true,
    preferredProtocol: "torrent",
    usenetDelay: 60,
    torrentDelay: 120,
    bypassIfHighestQuality: false,
    bypassIfAboveCustomFormatScore: false,
    minimumCustomFormatScore: 0,
    order: 1,
    tags: [1],
  },
  {
    id: 3,
    enableUsenet: false,
    enableTorrent: true,
    preferredProtocol: "torrent",
    usenetDelay: 0,
    torrentDelay: 30,
    bypassIfHighestQuality: false,
    bypassIfAboveCustomFormatScore: true,
    minimumCustomFormatScore: 100,
    order: 2,
    tags: [2],
  },
];
