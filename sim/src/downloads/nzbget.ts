import type { Context } from "hono";
import * as clock from "../clock";
import { createService } from "../services/service";
import { isRejectedSecret } from "../services/sim-controls";
import { registerDownloadControls } from "./controls";
import { type Download, DownloadStore, type Instance, joinPath } from "./model";
import { fetchNzb, type ParsedNzb, parseNzb } from "./nzb";

/**
 * NZBGet 24's JSON-RPC at `POST /nzbget/jsonrpc` with basic auth: the username is the instance;
 * no credentials, or a password that is empty or starts "invalid"/"wrong", gets 401. Requests
 * `{method, params, id}` → `{version: "1.1", result, id}` or `{…, error: {name, code, message}}`.
 * Methods: version, config (MainDir, DestDir, Category1..3.Name), status (FreeDiskSpaceLo/Hi/MB,
 * TotalDiskSpace…, DownloadPaused), append (NZBFilename, Content: a URL on the simulator or
 * base64 NZB, Category, Priority, AddToTop, AddPaused, … → NZBID, 0 for an unreadable NZB),
 * listgroups (QUEUED, DOWNLOADING, PAUSED, then UNPACKING while post-processing), history
 * (SUCCESS/ALL, FAILURE/…), editqueue (GroupDelete, GroupFinalDelete, HistoryDelete,
 * HistoryFinalDelete, HistoryRedownload; → true when every id was found).
 * Faults: hashMismatch → FAILURE/PAR (ParStatus FAILURE); missingFiles → FAILURE/HEALTH
 * (DeleteStatus HEALTH); diskFull → downloading paused (DownloadPaused) with no free space;
 * stall → DOWNLOADING with no active downloads; authFailure → 401.
 */

const VERSION = "24.3";
const MAIN_DIR = "/downloads";
const DEST_DIR = `${MAIN_DIR}/complete`;
const CATEGORIES = ["Movies", "Series", "radarr"];
const MAX_POSTPROCESS_MS = 3_000;
const MB = 1024 * 1024;

export const nzbget = createService({
  name: "nzbget",
  description: "NZBGet JSON-RPC: append, listgroups, history, editqueue, config, status",
  errorResponse: (status) =>
    new Response(status === 401 ? "Unauthorized" : `Error ${status}`, {
      status,
      headers: {
        "content-type": "text/plain",
        ...(status === 401 ? { "WWW-Authenticate": 'Basic realm="NZBGet"' } : {}),
      },
    }),
});

const store = new DownloadStore("nzbget", false);
nzbget.reset = () => store.reset();

interface JobExtra {
  nzbId: number;
  category: string;
  priority: number;
  url: string;
  failMessage?: string;
}
const extraOf = (download: Download) => download.extra as unknown as JobExtra;

function instanceOf(c: Context): string | null {
  const match = /^Basic\s+(.+)$/i.exec(c.req.header("Authorization") ?? "");
  if (!match) return null;
  let decoded: string;
  try {
    decoded = atob(match[1]);
  } catch {
    return null;
  }
  const colon = decoded.indexOf(":");
  if (colon < 0 || isRejectedSecret(decoded.slice(colon + 1))) return null;
  const instance = decoded.slice(0, colon);
  return store.authFails(instance) ? null : instance;
}

function nextNzbId(instance: Instance): number {
  const id = ((instance.state.get("nzbId") as number | undefined) ?? 0) + 1;
  instance.state.set("nzbId", id);
  return id;
}

function addJob(
  instance: Instance,
  nzb: ParsedNzb | null,
  name: string,
  extra: Omit<JobExtra, "nzbId">,
  paused: boolean,
  nzbId = nextNzbId(instance),
) {
  const category = CATEGORIES.find((c) => c.toLowerCase() === extra.category.toLowerCase()) ?? "";
  const title = nzb?.title ?? name;
  const size = Math.max(1, nzb?.bytes ?? 0);
  return store.add(instance, {
    id: String(nzbId),
    name,
    files: [{ path: `${name}/${title.replace(/\s+/g, ".")}.mkv`, size }],
    multiFile: true,
    savePath: category ? joinPath(DEST_DIR, category) : DEST_DIR,
    category,
    tags: [],
    paused,
    awaitingMetadata: extra.failMessage !== undefined,
    magnet: null,
    pieceLength: 716_800,
    seeders: 0,
    leechers: 0,
    extra: { ...extra, category, nzbId } as unknown as Record<string, unknown>,
  });
}

async function append(c: Context, instance: Instance, params: unknown[]): Promise<number> {
  const [fileName, content, category, priority, , addPaused] = params;
  const name = String(fileName ?? "").replace(/\.nzb$/i, "") || "download";
  const source = String(content ?? "");
  const extra = { category: String(category ?? ""), priority: Number(priority ?? 0), url: "" };
  if (/^https?:\/\//i.test(source)) {
    const fetched = await fetchNzb(source, c.req.url);
    if ("error" in fetched)
      return Number(addJob(instance, null, name, { ...extra, url: source, failMessage: fetched.error }, false).id);
    return Number(addJob(instance, fetched.nzb, name, { ...extra, url: source }, addPaused === true).id);
  }
  let text = "";
  try {
    text = atob(source);
  } catch {
    return 0;
  }
  const nzb = parseNzb(text);
  return nzb ? Number(addJob(instance, nzb, name, extra, addPaused === true).id) : 0;
}

type Phase =
  | { where: "queue"; status: string; active: number }
  | { where: "history"; status: string; par: string; unpack: string; del: string };

function phaseOf(instance: Instance, download: Download, now: number): Phase {
  store.observe(download, now);
  const extra = extraOf(download);
  if (extra.failMessage) return { where: "history", status: "FAILURE/FETCH", par: "NONE", unpack: "NONE", del: "NONE" };
  if (download.completedAt === null) {
    const stalled = download.fault?.kind === "stall" && download.fault.struckAt !== null;
    if (download.paused || store.diskFull(instance)) return { where: "queue", status: "PAUSED", active: 0 };
    if (now < download.startAt) return { where: "queue", status: "QUEUED", active: 0 };
    return { where: "queue", status: "DOWNLOADING", active: stalled ? 0 : 4 };
  }
  const fault = download.fault?.kind;
  if (fault === "hashMismatch")
    return { where: "history", status: "FAILURE/PAR", par: "FAILURE", unpack: "NONE", del: "NONE" };
  if (fault === "missingFiles")
    return { where: "history", status: "FAILURE/HEALTH", par: "NONE", unpack: "NONE", del: "HEALTH" };
  if (now - download.completedAt < Math.min(MAX_POSTPROCESS_MS, download.durationMs * 0.1))
    return { where: "queue", status: "UNPACKING", active: 0 };
  return { where: "history", status: "SUCCESS/ALL", par: "SUCCESS", unpack: "SUCCESS", del: "NONE" };
}

const split = (bytes: number) => ({ Lo: bytes % 2 ** 32, Hi: Math.floor(bytes / 2 ** 32), MB: Math.floor(bytes / MB) });

function sizes(prefix: string, bytes: number): Record<string, number> {
  const parts = split(bytes);
  return { [`${prefix}Lo`]: parts.Lo, [`${prefix}Hi`]: parts.Hi, [`${prefix}MB`]: parts.MB };
}

function group(download: Download, phase: Extract<Phase, { where: "queue" }>) {
  const extra = extraOf(download);
  const remaining = download.size - download.done;
  return {
    NZBID: extra.nzbId,
    NZBName: download.name,
    NZBFilename: `${download.name}.nzb`,
    Kind: "NZB",
    URL: extra.url,
    Category: download.category,
    Status: phase.status,
    ...sizes("FileSize", download.size),
    ...sizes("RemainingSize", remaining),
    ...sizes("PausedSize", phase.status === "PAUSED" ? remaining : 0),
    ...sizes("DownloadedSize", download.done),
    ActiveDownloads: phase.active,
    MaxPriority: extra.priority,
    Health: 1000,
    CriticalHealth: 898,
    DestDir: joinPath(download.savePath, `${download.name}.#${extra.nzbId}`),
    FinalDir: "",
    Parameters: [],
  };
}

function historyItem(download: Download, phase: Extract<Phase, { where: "history" }>) {
  const extra = extraOf(download);
  const ok = phase.status.startsWith("SUCCESS");
  return {
    NZBID: extra.nzbId,
    ID: extra.nzbId,
    Name: download.name,
    NZBName: download.name,
    Kind: "NZB",
    URL: extra.url,
    Category: download.category,
    Status: phase.status,
    ParStatus: phase.par,
    UnpackStatus: phase.unpack,
    MoveStatus: ok ? "SUCCESS" : "NONE",
    ScriptStatus: "NONE",
    DeleteStatus: phase.del,
    MarkStatus: "NONE",
    ...sizes("FileSize", download.size),
    Health: phase.del === "HEALTH" ? 640 : 1000,
    DestDir: joinPath(download.savePath, download.name),
    FinalDir: "",
    HistoryTime: Math.floor((download.completedAt ?? download.addedAt) / 1000),
    Parameters: [],
  };
}

function views(instance: Instance, now: number) {
  const groups: ReturnType<typeof group>[] = [];
  const history: ReturnType<typeof historyItem>[] = [];
  for (const download of instance.downloads.values()) {
    const phase = phaseOf(instance, download, now);
    if (phase.where === "queue") groups.push(group(download, phase));
    else history.push(historyItem(download, phase));
  }
  return { groups, history };
}

function editQueue(instance: Instance, params: unknown[], now: number): boolean {
  const [command, , ids] = params;
  const targets = (Array.isArray(ids) ? ids : []).map((id) => instance.downloads.get(String(id)));
  if (targets.length === 0 || targets.some((t) => !t)) return false;
  for (const download of targets as Download[]) {
    const inQueue = phaseOf(instance, download, now).where === "queue";
    switch (command) {
      case "GroupDelete":
      case "GroupFinalDelete":
        if (!inQueue) return false;
        store.remove(instance, download, true);
        break;
      case "HistoryDelete":
      case "HistoryFinalDelete":
        if (inQueue) return false;
        store.remove(instance, download, command === "HistoryFinalDelete");
        break;
      case "HistoryRedownload": {
        if (inQueue) return false;
        const extra = extraOf(download);
        store.remove(instance, download, true);
        const nzb = { title: null, bytes: download.size, postedAt: 0 };
        addJob(
          instance,
          nzb,
          download.name,
          { category: extra.category, priority: extra.priority, url: extra.url },
          false,
          extra.nzbId,
        );
        break;
      }
      default:
        return false;
    }
  }
  return true;
}

function status(instance: Instance) {
  const free = store.freeSpace(instance);
  return {
    DownloadPaused: store.diskFull(instance),
    ...sizes("FreeDiskSpace", free),
    ...sizes("TotalDiskSpace", 4 * 1024 ** 4),
    DownloadRate: 0,
    ServerStandBy: false,
  };
}

function config() {
  return [
    { Name: "MainDir", Value: MAIN_DIR },
    // NZBGet keeps the variable in its config: clients expand it.
    { Name: "DestDir", Value: "$" + "{MainDir}/complete" },
    ...CATEGORIES.flatMap((name, i) => [
      { Name: `Category${i + 1}.Name`, Value: name },
      { Name: `Category${i + 1}.DestDir`, Value: "" },
    ]),
  ];
}

async function dispatch(c: Context, instance: Instance, method: string, params: unknown[]): Promise<unknown> {
  const now = clock.now();
  switch (method) {
    case "version":
      return VERSION;
    case "config":
      return config();
    case "status":
      return status(instance);
    case "append":
      return append(c, instance, params);
    case "listgroups":
      return views(instance, now).groups;
    case "history":
      return views(instance, now).history;
    case "editqueue":
      return editQueue(instance, params, now);
    default:
      return undefined;
  }
}

nzbget.app.post("/jsonrpc", async (c) => {
  const key = instanceOf(c);
  if (key === null) return nzbget.errorResponse(401);
  let request: { method?: unknown; params?: unknown; id?: unknown };
  try {
    request = await c.req.json();
  } catch {
    return c.json({ version: "1.1", error: { name: "JSONRPCError", code: 1, message: "Invalid json request" } });
  }
  const id = request.id ?? null;
  const params = Array.isArray(request.params) ? request.params : [];
  const result = await dispatch(c, store.instance(key), String(request.method ?? ""), params);
  if (result === undefined)
    return c.json({ version: "1.1", id, error: { name: "JSONRPCError", code: 1, message: "Invalid procedure" } });
  return c.json({ version: "1.1", id, result });
});

registerDownloadControls(nzbget.app, store, {
  defaultInstance: "nzbget",
  seedSite: "newznab",
  async seed({ instance, release, category }) {
    const nzb = { title: release.title, bytes: release.size, postedAt: release.publishedAt };
    return addJob(
      instance,
      nzb,
      release.title,
      { category: category || "Movies", priority: 0, url: `${release.id}.nzb` },
      false,
    );
  },
});
