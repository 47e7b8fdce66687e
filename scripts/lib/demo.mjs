/**
 * Fills an empty library with well-known movies through the app's own API (lookup via the
 * simulator's TMDb, then add), so a fresh `npm start` has something to show; on that first run it
 * also adds the simulator's Torznab indexer and qBittorrent, so searches, RSS sync and downloads
 * work in the demo (they are ordinary settings: edit or delete them in the site).
 */
const DEMO_TMDB_IDS = [
  603, 550, 27205, 157336, 155, 680, 13, 278, 238, 120, 121, 122, 11, 1891, 1892, 329, 78, 105, 85, 601, 348, 679, 62,
  424, 769, 274, 807, 857, 98, 597,
];

export async function seedDemoLibrary(appUrl, apiKey, simUrl) {
  const api = async (path, init = {}) => {
    const res = await fetch(`${appUrl}/api/v3${path}`, {
      ...init,
      headers: { "x-api-key": apiKey, "content-type": "application/json", ...init.headers },
    });
    if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const page = await api("/movie/paged?pageSize=1");
  if (page.totalRecords > 0) return 0;
  let roots = await api("/rootfolder");
  if (roots.length === 0)
    roots = [await api("/rootfolder", { method: "POST", body: JSON.stringify({ path: "/movies" }) })];
  const profiles = await api("/qualityprofile");
  const profile = profiles.find((p) => p.name === "HD-1080p") ?? profiles[0];
  let added = 0;
  for (const tmdbId of DEMO_TMDB_IDS) {
    try {
      await api("/movie", {
        method: "POST",
        body: JSON.stringify({
          tmdbId,
          qualityProfileId: profile.id,
          rootFolderPath: roots[0].path,
          monitored: true,
          minimumAvailability: "released",
          addOptions: { searchForMovie: false, monitor: "movieOnly", addMethod: "manual" },
        }),
      });
      added++;
    } catch {
      // The simulator's catalogue may not hold every id; the demo needs only some.
    }
  }
  if (simUrl) await seedDemoProviders(api, simUrl);
  return added;
}

async function seedDemoProviders(api, simUrl) {
  const sim = new URL(simUrl);
  const providers = [
    [
      "/indexer",
      {
        name: "Demo Torznab (simulator)",
        implementation: "Torznab",
        fields: [
          { name: "baseUrl", value: `${simUrl}/torznab` },
          { name: "apiKey", value: "demo-simulator-key" },
        ],
      },
    ],
    [
      "/downloadclient",
      {
        name: "Demo qBittorrent (simulator)",
        implementation: "QBittorrent",
        fields: [
          { name: "host", value: sim.hostname },
          { name: "port", value: Number(sim.port) },
          { name: "useSsl", value: false },
          { name: "urlBase", value: "/qbittorrent" },
          { name: "username", value: "demo" },
          { name: "password", value: "demo-simulator-pass" },
          { name: "movieCategory", value: "radarr" },
        ],
      },
    ],
  ];
  for (const [path, body] of providers) {
    try {
      if ((await api(path)).length === 0) await api(path, { method: "POST", body: JSON.stringify(body) });
    } catch (error) {
      console.warn(`Demo: could not add ${body.name}: ${error.message}`);
    }
  }
}
