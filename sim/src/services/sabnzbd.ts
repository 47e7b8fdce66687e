import type { Context } from "hono";
import * as clock from "../clock";
import type { Release } from "../data/releases";
import { registerDownloadControls } from "../downloads/controls";
import { type Download, DownloadStore, type Instance, joinPath } from "../downloads/model";
import { fetchNzb, type ParsedNzb, parseNzb } from "../downloads/nzb";
import { createService } from "./service";
import { escapeXml, isRejectedSecret } from "./sim-controls";

/**
 * SABnzbd's API (as SABnzbd 4.3 serves it) at `/sabnzbd/api?mode=…&apikey=…&output=json`:
 * version (no key needed), queue (start, limit, cat/category, search, nzo_ids; name=delete|pause|
 * resume with value=nzo_id[,…] and del_files), history (start, limit, category, search,
 * failed_only, nzo_ids; name=delete with value=nzo_id|all|failed|completed and del_files), addurl
 * (name=URL of an .nzb on the simulator or a loopback address, nzbname, cat, priority), addfile
 * (POST multipart field "name" or "nzbfile"), retry (value=nzo_id), pause, resume, get_config
 * (section, keyword), get_cats, fullstatus, warnings. output=xml answers in XML; without output,
 * errors come as text ("error: API Key Incorrect").
 * API key: each key is its own SABnzbd (queue, history, disk); a missing key gets "API Key
 * Required", one that starts "invalid" or "wrong" "API Key Incorrect" (HTTP 200, as SABnzbd does).
 * Without a key, ma_username + ma_password log in (each username its own SABnzbd, "user:<name>").
 * Queue slots show each job's priority (Force, High, Normal, Low; -100 takes the category's).
 * Jobs go Queued → Downloading (percentage rising with wall time, downloads/model.ts) → history
 * Verifying → Extracting → Completed with `storage` = complete_dir/<category dir>/<name> holding
 * the unpacked video file. Faults: stall → stays Downloading, no progress, timeleft 0:00:00;
 * diskFull → Failed "Unpacking failed, write error or disk is full?" and diskspace1 "0.00";
 * hashMismatch → Failed "Repair failed, not enough repair blocks (n short)"; missingFiles →
 * Failed "Aborted, cannot be completed - https://sabnzbd.org/not-complete"; a URL that cannot be
 * fetched → Failed "URL Fetching failed; …"; authFailure → "API Key Incorrect".
 */

const VERSION = "4.3.3";
const COMPLETE_DIR = "/downloads/complete";
const INCOMPLETE_DIR = "/downloads/incomplete";
const MAX_POSTPROCESS_MS = 3_000;

const CATEGORIES = [
  { name: "*", order: 0, pp: "3", script: "None", dir: "", newzbin: "", priority: 0 },
  { name: "movies", order: 1, pp: "", script: "Default", dir: "movies", newzbin: "", priority: -100 },
  { name: "tv", order: 2, pp: "", script: "Default", dir: "tv", newzbin: "", priority: -100 },
  { name: "audio", order: 3, pp: "", script: "Default", dir: "audio", newzbin: "", priority: -100 },
  { name: "software", order: 4, pp: "", script: "Default", dir: "software", newzbin: "", priority: -100 },
];

export const sabnzbd = createService({
  name: "sabnzbd",
  description: "SABnzbd API: addurl/addfile, queue and history (JSON), delete, retry, get_config, fullstatus",
  errorResponse: (status) =>
    Response.json({ status: false, error: status === 429 ? "Too many requests" : `HTTP ${status}` }, { status }),
});

const store = new DownloadStore("sabnzbd", false);

sabnzbd.reset = () => store.reset();

type Output = "json" | "xml" | "text";

function outputOf(c: Context): Output {
  const output = c.req.query("output");
  return output === "json" ? "json" : output === "xml" ? "xml" : "text";
}

function toXml(value: unknown, name: string): string {
  if (Array.isArray(value)) {
    const item = name.endsWith("s") ? name.slice(0, -1) : "item";
    return `<${name}>${value.map((entry) => toXml(entry, item)).join("")}</${name}>`;
  }
  if (value !== null && typeof value === "object") {
    return `<${name}>${Object.entries(value)
      .map(([key, entry]) => toXml(entry, key))
      .join("")}</${name}>`;
  }
  return `<${name}>${escapeXml(value === null || value === undefined ? "" : String(value))}</${name}>`;
}

function respond(c: Context, body: Record<string, unknown>): Response {
  const output = outputOf(c);
  if (output === "xml") {
    const [[root, value]] = Object.entries(body).length === 1 ? Object.entries(body) : [["result", body]];
    return new Response(`<?xml version="1.0" encoding="UTF-8" ?>\n${toXml(value, root)}`, {
      headers: { "content-type": "text/xml; charset=UTF-8" },
    });
  }
  if (output === "text" && "status" in body && Object.keys(body).length <= 2) {
    const ids = Array.isArray(body.nzo_ids) ? `\n${body.nzo_ids.join("\n")}` : "";
    return new Response(`${body.status ? "ok" : "error"}${ids}\n`, { headers: { "content-type": "text/plain" } });
  }
  return c.json(body);
}

function error(c: Context, message: string): Response {
  if (outputOf(c) === "text") return new Response(`error: ${message}\n`, { headers: { "content-type": "text/plain" } });
  return respond(c, { status: false, error: message });
}

// --- Formatting as SABnzbd does ----------------------------------------------------------------

const MB = 1024 * 1024;

function sizeText(bytes: number): string {
  if (bytes >= 1024 ** 4) return `${(bytes / 1024 ** 4).toFixed(1)} T`.replace(" T", " TB");
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= MB) return `${Math.round(bytes / MB)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

function timeLeft(secondsLeft: number | null): string {
  if (secondsLeft === null || secondsLeft <= 0) return "0:00:00";
  const hours = Math.floor(secondsLeft / 3600);
  const minutes = Math.floor((secondsLeft % 3600) / 60);
  const secs = secondsLeft % 60;
  return `${hours}:${String(minutes).padStart(2, "0")}:${String(secs).padStart(2, "0")}`;
}

const mb = (bytes: number) => (bytes / MB).toFixed(2);

// --- Jobs ------------------------------------------------------------------------------------

interface JobExtra {
  nzbName: string;
  url: string;
  category: string;
  priority: string;
  postedAt: number;
  /** Set when the job never got going (unfetchable URL, invalid NZB). */
  failMessage?: string;
  retried?: number;
}

const extraOf = (download: Download) => download.extra as unknown as JobExtra;

function newNzoId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return `SABnzbd_nzo_${[...bytes].map((byte) => "abcdefghijklmnopqrstuvwxyz0123456789"[byte % 36]).join("")}`;
}

function categoryOf(name: string | undefined): (typeof CATEGORIES)[number] {
  return CATEGORIES.find((category) => category.name === name?.toLowerCase()) ?? CATEGORIES[0];
}

function globallyPaused(instance: Instance): boolean {
  return instance.state.get("paused") === true;
}

function addJob(
  instance: Instance,
  input: { nzb: ParsedNzb | null; name: string; url: string; category: string; priority: string; failMessage?: string },
): Download {
  const category = categoryOf(input.category);
  const name = input.name;
  const size = Math.max(1, input.nzb?.bytes ?? 0);
  const title = input.nzb?.title ?? name;
  const extension = /\bXviD\b/i.test(title) ? "avi" : "mkv";
  const extra: JobExtra = {
    nzbName: `${name}.nzb`,
    url: input.url,
    category: category.name,
    priority: input.priority,
    postedAt: input.nzb?.postedAt ?? Math.floor(clock.now() / 1000),
    ...(input.failMessage ? { failMessage: input.failMessage } : {}),
  };
  return store.add(instance, {
    id: newNzoId(),
    name,
    files: [{ path: `${name}/${title.replace(/\s+/g, ".")}.${extension}`, size }],
    multiFile: true,
    savePath: category.dir ? joinPath(COMPLETE_DIR, category.dir) : COMPLETE_DIR,
    category: category.name,
    tags: [],
    paused: globallyPaused(instance) || input.priority === "-2",
    awaitingMetadata: input.failMessage !== undefined,
    magnet: null,
    pieceLength: 716_800,
    seeders: 0,
    leechers: 0,
    extra: extra as unknown as Record<string, unknown>,
  });
}

/** Where a job is: still in the queue, post-processing, or finished (with its failure, if any). */
type JobPhase =
  | { where: "queue"; status: "Queued" | "Downloading" | "Paused" }
  | { where: "history"; status: "Verifying" | "Extracting" | "Completed" | "Failed"; failMessage: string };

function postprocessMs(download: Download): number {
  return Math.min(MAX_POSTPROCESS_MS, download.durationMs * 0.1);
}

function phaseOf(download: Download, now: number): JobPhase {
  store.observe(download, now);
  const extra = extraOf(download);
  if (extra.failMessage) return { where: "history", status: "Failed", failMessage: extra.failMessage };
  const fault = download.fault;
  if (fault?.kind === "diskFull" && fault.struckAt !== null) {
    return { where: "history", status: "Failed", failMessage: "Unpacking failed, write error or disk is full?" };
  }
  if (download.completedAt === null) {
    if (download.paused) return { where: "queue", status: "Paused" };
    return { where: "queue", status: now < download.startAt ? "Queued" : "Downloading" };
  }
  const elapsed = now - download.completedAt;
  const window = postprocessMs(download);
  if (elapsed < window / 2) return { where: "history", status: "Verifying", failMessage: "" };
  if (fault?.kind === "hashMismatch") {
    const short = 1 + ((download.numericId * 37) % 180);
    return {
      where: "history",
      status: "Failed",
      failMessage: `Repair failed, not enough repair blocks (${short} short)`,
    };
  }
  if (fault?.kind === "missingFiles") {
    return {
      where: "history",
      status: "Failed",
      failMessage: "Aborted, cannot be completed - https://sabnzbd.org/not-complete",
    };
  }
  if (elapsed < window) return { where: "history", status: "Extracting", failMessage: "" };
  return { where: "history", status: "Completed", failMessage: "" };
}

/** When a finished job entered the history (its completion, or its failure). */
function finishedAt(download: Download): number {
  return download.completedAt ?? download.fault?.struckAt ?? download.addedAt;
}

const PRIORITY_NAMES: Record<string, string> = {
  "2": "Force",
  "1": "High",
  "0": "Normal",
  "-1": "Low",
  "-2": "Paused",
};

/** A job's priority as the queue names it; -100 (Default) is its category's (the default category's: Normal). */
function priorityName(extra: JobExtra): string {
  const own = extra.priority === "-100" ? String(categoryOf(extra.category).priority) : extra.priority;
  return PRIORITY_NAMES[own] ?? "Normal";
}

function queueSlot(download: Download, index: number, status: string, now: number) {
  const extra = extraOf(download);
  const left = download.size - download.done;
  const stalled = download.fault?.kind === "stall" && download.fault.struckAt !== null;
  const eta = stalled ? null : store.eta(download, now);
  return {
    status,
    index,
    password: "",
    avg_age: `${Math.max(0, Math.floor((clock.now() / 1000 - extra.postedAt) / 86_400))}d`,
    time_added: Math.floor(download.addedAt / 1000),
    script: "None",
    direct_unpack: null,
    mb: mb(download.size),
    mbleft: mb(left),
    mbmissing: "0.0",
    size: sizeText(download.size),
    sizeleft: sizeText(left),
    filename: download.name,
    labels: [] as string[],
    priority: priorityName(extra),
    cat: extra.category,
    timeleft: timeLeft(eta),
    percentage: String(download.size > 0 ? Math.floor((download.done / download.size) * 100) : 0),
    nzo_id: download.id,
    unpackopts: "3",
  };
}

function historySlot(download: Download, phase: Extract<JobPhase, { where: "history" }>) {
  const extra = extraOf(download);
  const failed = phase.status === "Failed";
  const finished = Math.floor(finishedAt(download) / 1000);
  const incomplete = joinPath(INCOMPLETE_DIR, download.name);
  const storage = failed ? incomplete : joinPath(download.savePath, download.name);
  const downloadSeconds = Math.max(
    1,
    Math.round(((download.completedAt ?? finished * 1000) - download.startAt) / 1000),
  );
  return {
    action_line: phase.status === "Extracting" ? "Unpacking: 01/01" : "",
    series: "",
    script_log: "",
    meta: null,
    fail_message: phase.failMessage,
    loaded: false,
    id: download.numericId,
    size: sizeText(download.size),
    category: extra.category,
    pp: "D",
    retry: failed ? 1 : 0,
    script: "None",
    nzb_name: extra.nzbName,
    download_time: downloadSeconds,
    storage,
    has_rating: false,
    status: phase.status,
    script_line: "",
    completed: finished,
    nzo_id: download.id,
    downloaded: download.done,
    report: "",
    password: "",
    path: incomplete,
    postproc_time: Math.round(postprocessMs(download) / 1000),
    name: download.name,
    url: extra.url,
    md5sum: "",
    archive: false,
    bytes: download.size,
    url_info: "",
    stage_log: failed
      ? [{ name: "Download", actions: [phase.failMessage] }]
      : [
          { name: "Source", actions: [extra.nzbName] },
          { name: "Download", actions: [`Downloaded in ${downloadSeconds} seconds`] },
          { name: "Repair", actions: ["Quick Check OK"] },
          { name: "Unpack", actions: ["Unpacked 1 files/folders"] },
        ],
    time_added: Math.floor(download.addedAt / 1000),
    duplicate_key: download.name,
  };
}

function freeGb(instance: Instance): string {
  return (store.freeSpace(instance) / 1024 ** 3).toFixed(2);
}

function queueView(c: Context, instance: Instance) {
  const now = clock.now();
  const category = c.req.query("category") ?? c.req.query("cat");
  const search = c.req.query("search")?.toLowerCase();
  const ids = c.req.query("nzo_ids")?.split(",");
  const all = [...instance.downloads.values()]
    .map((download) => ({ download, phase: phaseOf(download, now) }))
    .filter(({ phase }) => phase.where === "queue");
  const rows = all.filter(
    ({ download }) =>
      (!category || extraOf(download).category === category) &&
      (!search || download.name.toLowerCase().includes(search)) &&
      (!ids || ids.includes(download.id)),
  );
  const start = Number(c.req.query("start") ?? 0) || 0;
  const limit = Number(c.req.query("limit") ?? 0) || 0;
  const page = limit > 0 ? rows.slice(start, start + limit) : rows.slice(start);
  const speed = all.reduce((sum, { download }) => sum + store.rate(download, now), 0);
  const bytes = all.reduce((sum, { download }) => sum + download.size, 0);
  const left = all.reduce((sum, { download }) => sum + download.size - download.done, 0);
  const paused = globallyPaused(instance);
  return {
    queue: {
      status: paused ? "Paused" : speed > 0 ? "Downloading" : "Idle",
      speedlimit: "100",
      speedlimit_abs: "",
      paused,
      noofslots_total: all.length,
      noofslots: rows.length,
      limit,
      start,
      timeleft: timeLeft(speed > 0 ? Math.ceil(left / speed) : null),
      speed: speed > 0 ? `${(speed / MB).toFixed(1)} M` : "0 ",
      kbpersec: (speed / 1024).toFixed(2),
      size: sizeText(bytes),
      sizeleft: sizeText(left),
      mb: mb(bytes),
      mbleft: mb(left),
      slots: page.map(({ download, phase }, index) => queueSlot(download, start + index, phase.status, now)),
      diskspace1: freeGb(instance),
      diskspace2: freeGb(instance),
      diskspacetotal1: "4096.00",
      diskspacetotal2: "4096.00",
      diskspace1_norm: `${(store.freeSpace(instance) / 1024 ** 4).toFixed(1)} T`,
      diskspace2_norm: `${(store.freeSpace(instance) / 1024 ** 4).toFixed(1)} T`,
      have_warnings: String(warnings(instance).length),
      pause_int: "0",
      left_quota: "0 ",
      version: VERSION,
      finish: 0,
      cache_art: "0",
      cache_size: "0 B",
      finishaction: null,
      paused_all: paused,
      quota: "0 ",
      have_quota: false,
    },
  };
}

function historyView(c: Context, instance: Instance) {
  const now = clock.now();
  const category = c.req.query("category") ?? c.req.query("cat");
  const search = c.req.query("search")?.toLowerCase();
  const ids = c.req.query("nzo_ids")?.split(",");
  const failedOnly = c.req.query("failed_only") === "1";
  const all = [...instance.downloads.values()]
    .map((download) => ({ download, phase: phaseOf(download, now) }))
    .filter(
      (entry): entry is { download: Download; phase: Extract<JobPhase, { where: "history" }> } =>
        entry.phase.where === "history",
    )
    .sort((a, b) => finishedAt(b.download) - finishedAt(a.download) || b.download.numericId - a.download.numericId);
  const rows = all.filter(
    ({ download, phase }) =>
      (!category || extraOf(download).category === category) &&
      (!search || download.name.toLowerCase().includes(search)) &&
      (!ids || ids.includes(download.id)) &&
      (!failedOnly || phase.status === "Failed"),
  );
  const start = Number(c.req.query("start") ?? 0) || 0;
  const limit = Number(c.req.query("limit") ?? 0) || 0;
  const page = limit > 0 ? rows.slice(start, start + limit) : rows.slice(start);
  const total = all.reduce((sum, { download }) => sum + download.done, 0);
  return {
    history: {
      noofslots: rows.length,
      ppslots: all.filter(({ phase }) => phase.status === "Verifying" || phase.status === "Extracting").length,
      day_size: sizeText(total),
      week_size: sizeText(total),
      month_size: sizeText(total),
      total_size: sizeText(total),
      last_history_update: Math.floor(now / 1000),
      slots: page.map(({ download, phase }) => historySlot(download, phase)),
    },
  };
}

function warnings(instance: Instance): { text: string; type: string; time: number }[] {
  return store.freeSpace(instance) === 0
    ? [{ text: "Too little diskspace forcing PAUSE", type: "WARNING", time: Math.floor(clock.now() / 1000) }]
    : [];
}

function configView(c: Context, instance: Instance) {
  const misc = {
    complete_dir: COMPLETE_DIR,
    download_dir: INCOMPLETE_DIR,
    dirscan_dir: "",
    script_dir: "",
    history_retention: "",
    enable_tv_sorting: 0,
    enable_movie_sorting: 0,
    enable_date_sorting: 0,
    pre_check: 0,
    direct_unpack: 0,
    api_key: instance.key,
    host: "0.0.0.0",
    port: "8080",
    url_base: "/sabnzbd",
    version: VERSION,
  };
  const config: Record<string, unknown> = {
    misc,
    categories: CATEGORIES,
    servers: [
      {
        name: "news.sim.invalid",
        displayname: "news.sim.invalid",
        host: "news.sim.invalid",
        port: 563,
        ssl: 1,
        connections: 20,
        enable: 1,
      },
    ],
    sorters: [],
  };
  const section = c.req.query("section");
  if (!section) return { config };
  const part = config[section];
  if (part === undefined) return { config: {} };
  const keyword = c.req.query("keyword");
  if (keyword && part && typeof part === "object" && !Array.isArray(part)) {
    return { config: { [section]: { [keyword]: (part as Record<string, unknown>)[keyword] } } };
  }
  return { config: { [section]: part } };
}

function fullStatus(instance: Instance) {
  return {
    status: {
      localipv4: "127.0.0.1",
      ipv6: null,
      publicipv4: null,
      dnslookup: "OK",
      folders: [] as string[],
      cpumodel: "Simulated CPU",
      pystone: 250_000,
      loadavg: "0.10 | 0.12 | 0.09",
      downloaddir: INCOMPLETE_DIR,
      downloaddirspeed: 0,
      completedir: COMPLETE_DIR,
      completedirspeed: 0,
      loglevel: "1",
      logfile: "/config/logs/sabnzbd.log",
      configfn: "/config/sabnzbd.ini",
      nt: false,
      darwin: false,
      confighelpuri: "https://sabnzbd.org/wiki/configuration/4.3/",
      uptime: "1d",
      color_scheme: "Light",
      webdir: "/app/interfaces/Glitter/templates",
      active_lang: "en",
      restart_req: false,
      power_options: false,
      pp_pause_event: false,
      pid: 1,
      weblogfile: null,
      new_release: false,
      new_rel_url: null,
      have_warnings: String(warnings(instance).length),
      warnings: warnings(instance),
      servers: [],
    },
  };
}

async function addFromUrl(c: Context, instance: Instance, url: string): Promise<Download> {
  const category = c.req.query("cat") ?? c.req.query("category") ?? "*";
  const priority = c.req.query("priority") ?? "0";
  const given = c.req.query("nzbname")?.trim();
  const fallbackName =
    given || decodeURIComponent(url.split("?")[0].split("/").pop() ?? "download").replace(/\.nzb$/i, "") || url;
  const fetched = await fetchNzb(url, c.req.url);
  if ("error" in fetched) {
    const failMessage = fetched.error === "Invalid NZB file" ? fetched.error : `URL Fetching failed; ${fetched.error}`;
    return addJob(instance, { nzb: null, name: fallbackName, url, category, priority, failMessage });
  }
  const name = given || fetched.name || fetched.nzb.title || fallbackName;
  return addJob(instance, { nzb: fetched.nzb, name, url, category, priority });
}

/**
 * SABnzbd's web login instead of the key (ma_username + ma_password): the instance is
 * `user:<username>`; a password that is empty or starts "invalid"/"wrong" is refused.
 */
function webLogin(c: Context): string | "refused" | undefined {
  const username = c.req.query("ma_username");
  const password = c.req.query("ma_password");
  if (c.req.query("apikey") || (username === undefined && password === undefined)) return undefined;
  if (!username?.trim() || !password || isRejectedSecret(password)) return "refused";
  return `user:${username}`;
}

function jobs(instance: Instance, value: string | undefined): Download[] {
  const ids = new Set((value ?? "").split(","));
  return [...instance.downloads.values()].filter((download) => ids.has(download.id));
}

sabnzbd.app.on(["GET", "POST"], "/api", async (c) => {
  const mode =
    c.req.query("mode") ??
    (c.req.method === "POST" ? ((await c.req.parseBody()).mode as string | undefined) : undefined);
  if (mode === "version") return respond(c, { version: VERSION });
  const login = webLogin(c);
  if (login === "refused") return error(c, "Authentication failed, check username/password.");
  const apiKey = login ?? c.req.query("apikey");
  if (!apiKey?.trim()) return error(c, "API Key Required");
  if (isRejectedSecret(apiKey) || store.authFails(apiKey)) return error(c, "API Key Incorrect");
  const instance = store.instance(apiKey);
  const name = c.req.query("name");
  const value = c.req.query("value");
  const now = clock.now();
  switch (mode) {
    case "queue": {
      if (name === "delete") {
        const deleteFiles = c.req.query("del_files") === "1";
        const targets =
          value === "all"
            ? [...instance.downloads.values()].filter((d) => phaseOf(d, now).where === "queue")
            : jobs(instance, value);
        for (const download of targets) store.remove(instance, download, deleteFiles);
        return respond(c, { status: true, nzo_ids: targets.map((download) => download.id) });
      }
      if (name === "pause" || name === "resume") {
        const targets = jobs(instance, value);
        for (const download of targets) {
          store.observe(download, now);
          download.paused = name === "pause";
        }
        return respond(c, { status: true, nzo_ids: targets.map((download) => download.id) });
      }
      return respond(c, queueView(c, instance));
    }
    case "history": {
      if (name === "delete") {
        const deleteFiles = c.req.query("del_files") === "1";
        const finished = [...instance.downloads.values()]
          .map((download) => ({ download, phase: phaseOf(download, now) }))
          .filter(({ phase }) => phase.where === "history");
        const targets =
          value === "all"
            ? finished
            : value === "failed"
              ? finished.filter(({ phase }) => phase.status === "Failed")
              : value === "completed"
                ? finished.filter(({ phase }) => phase.status === "Completed")
                : finished.filter(({ download }) => (value ?? "").split(",").includes(download.id));
        for (const { download } of targets) store.remove(instance, download, deleteFiles);
        return respond(c, { status: true });
      }
      return respond(c, historyView(c, instance));
    }
    case "addurl": {
      if (!name?.trim()) return error(c, "expects one parameter");
      const download = await addFromUrl(c, instance, name.trim());
      return respond(c, { status: true, nzo_ids: [download.id] });
    }
    case "addfile": {
      if (c.req.method !== "POST") return error(c, "expects one parameter");
      const body = await c.req.parseBody();
      const file = body.name ?? body.nzbfile;
      if (!(file instanceof File)) return respond(c, { status: false, nzo_ids: [] });
      const nzb = parseNzb(await file.text());
      if (!nzb) return respond(c, { status: false, nzo_ids: [] });
      const given = c.req.query("nzbname")?.trim();
      const download = addJob(instance, {
        nzb,
        name: given || nzb.title || file.name.replace(/\.nzb$/i, ""),
        url: file.name,
        category: c.req.query("cat") ?? c.req.query("category") ?? "*",
        priority: c.req.query("priority") ?? "0",
      });
      return respond(c, { status: true, nzo_ids: [download.id] });
    }
    case "retry": {
      const [download] = jobs(instance, value);
      if (!download || phaseOf(download, now).status !== "Failed" || extraOf(download).failMessage) {
        return respond(c, { status: false });
      }
      store.remove(instance, download, true);
      const again = addJob(instance, {
        nzb: {
          title:
            download.files[0]?.path
              .split("/")
              .pop()
              ?.replace(/\.\w+$/, "") ?? download.name,
          bytes: download.size,
          postedAt: extraOf(download).postedAt,
        },
        name: download.name,
        url: extraOf(download).url,
        category: extraOf(download).category,
        priority: extraOf(download).priority,
      });
      return respond(c, { status: true, nzo_id: again.id });
    }
    case "pause":
    case "resume":
      instance.state.set("paused", mode === "pause");
      for (const download of instance.downloads.values()) {
        store.observe(download, now);
        if (download.completedAt === null) download.paused = mode === "pause";
      }
      return respond(c, { status: true });
    case "get_config":
      return respond(c, configView(c, instance));
    case "get_cats":
      return respond(c, { categories: CATEGORIES.map((category) => category.name) });
    case "fullstatus":
      return respond(c, fullStatus(instance));
    case "warnings":
      return respond(c, { warnings: warnings(instance) });
    case "auth":
      return new Response("apikey\n", { headers: { "content-type": "text/plain" } });
    case undefined:
    case "":
      return error(c, "not implemented");
    default:
      return error(c, "not implemented");
  }
});

registerDownloadControls(sabnzbd.app, store, {
  defaultInstance: "sabnzbd-api-key",
  seedSite: "newznab",
  async seed({ instance, release, category }: { instance: Instance; release: Release; category: string }) {
    const posted = release.publishedAt;
    return addJob(instance, {
      nzb: { title: release.title, bytes: release.size, postedAt: posted },
      name: release.title,
      url: `${release.id}.nzb`,
      category: category || "movies",
      priority: "0",
    });
  },
});
