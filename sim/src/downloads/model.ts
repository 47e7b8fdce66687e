import * as clock from "../clock";
/**
 * The download model the simulated clients (qBittorrent, Transmission, SABnzbd) share: downloads
 * whose bytes arrive with wall time at a configurable speed, download-level faults (stall, disk
 * full, hash mismatch, missing files) attached by rules, and a small filesystem per client
 * instance so completed content exists at its path, moves with set-location, is renamed with
 * rename-file and disappears with delete-files.
 *
 * A client "instance" is one client as an app configures it, keyed by its credentials (the
 * qBittorrent or Transmission username, the SABnzbd API key): test files that use different
 * credentials never see each other's downloads, files or faults.
 */

export type ClientKind = "qbittorrent" | "transmission" | "sabnzbd" | "deluge" | "nzbget" | "rtorrent";

export const DOWNLOAD_FAULTS = ["stall", "diskFull", "hashMismatch", "missingFiles"] as const;
type DownloadFault = (typeof DOWNLOAD_FAULTS)[number];

export interface DownloadFile {
  /** Relative to the save path; a multi-file torrent's paths start with its top folder. */
  path: string;
  size: number;
}

export interface DownloadSpec {
  /** Info hash (torrents) or nzo_id (SABnzbd). */
  id: string;
  name: string;
  files: DownloadFile[];
  multiFile: boolean;
  savePath: string;
  category: string;
  tags: string[];
  paused: boolean;
  /** A magnet whose metadata the simulator does not know never leaves the metadata phase. */
  awaitingMetadata: boolean;
  magnet: string | null;
  pieceLength: number;
  seeders: number;
  leechers: number;
  /** Anything the client keeps for itself (tracker, comment, nzb name, …). */
  extra?: Record<string, unknown>;
}

interface AttachedFault {
  kind: DownloadFault;
  /** Fraction of the size at which a stall or disk-full strikes. */
  at: number;
  /** When it struck (ms), null while the download has not reached `at` yet. */
  struckAt: number | null;
}

export interface Download extends DownloadSpec {
  client: ClientKind;
  instance: string;
  /** Small sequential id (Transmission's torrent id, SABnzbd's history id). */
  numericId: number;
  size: number;
  addedAt: number;
  /** Bytes flow from here on: before it the download is queued or fetching metadata. */
  startAt: number;
  done: number;
  lastTick: number;
  /** Time from 0 to 100 % at the current speed; 0 is instant. */
  durationMs: number;
  completedAt: number | null;
  fault: AttachedFault | null;
  /** Bytes that failed verification after a hash mismatch. */
  corruptBytes: number;
  /** Set when a move hit a read-only location (Transmission reports it on the torrent). */
  localError: string | null;
  forceStart: boolean;
}

export interface LogEntry {
  id: number;
  message: string;
  /** Unix ms. */
  timestamp: number;
  /** qBittorrent's log types: 1 normal, 2 info, 4 warning, 8 critical. */
  type: 1 | 2 | 4 | 8;
}

/** Files on one instance's disk: absolute path → size. Directories are implied by paths. */
class Disk {
  readonly files = new Map<string, number>();
  static readonly CAPACITY = 4 * 1024 ** 4;

  write(path: string, size: number): void {
    this.files.set(normalisePath(path), size);
  }

  has(path: string): boolean {
    return this.files.has(normalisePath(path));
  }

  remove(path: string): void {
    this.files.delete(normalisePath(path));
  }

  move(from: string, to: string): boolean {
    const source = normalisePath(from);
    const size = this.files.get(source);
    if (size === undefined) return false;
    this.files.delete(source);
    this.files.set(normalisePath(to), size);
    return true;
  }

  /** Files at or under `path`, sorted. */
  list(path: string): { path: string; size: number }[] {
    const root = normalisePath(path);
    const prefix = root === "/" ? "/" : `${root}/`;
    return [...this.files.entries()]
      .filter(([file]) => file === root || file.startsWith(prefix))
      .map(([file, size]) => ({ path: file, size }))
      .sort((a, b) => a.path.localeCompare(b.path));
  }

  used(): number {
    let total = 0;
    for (const size of this.files.values()) total += size;
    return total;
  }
}

/** "/downloads//a/./b/" → "/downloads/a/b". */
export function normalisePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, "/").split("/")) {
    if (!part || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}

export function joinPath(base: string, relative: string): string {
  return normalisePath(`${base}/${relative}`);
}

export interface Instance {
  key: string;
  downloads: Map<string, Download>;
  disk: Disk;
  log: LogEntry[];
  nextNumericId: number;
  nextLogId: number;
  /** Client-specific state (qBittorrent categories, SABnzbd history order, …). */
  state: Map<string, unknown>;
}

export interface FaultRule {
  id: number;
  kind: DownloadFault | "authFailure";
  /** Case-insensitive substring of the name, or the exact info hash / nzo_id. */
  match: string | null;
  instance: string | null;
  at: number | null;
  /** Downloads (or logins) left before the rule is spent; null = until cleared. */
  remaining: number | null;
  applied: number;
}

export interface SpeedRule {
  match: string | null;
  instance: string | null;
  secondsToComplete: number | null;
  bytesPerSecond: number | null;
}

/** Without a speed rule, downloads run at 250 MB/s but take between 5 s and 5 minutes. */
const DEFAULT_BYTES_PER_SECOND = 250_000_000;
const MIN_DEFAULT_MS = 5_000;
const MAX_DEFAULT_MS = 300_000;
/** Queue / metadata wait before bytes flow: a tenth of the download time, at most 2 s. */
const MAX_START_DELAY_MS = 2_000;
const LOG_LIMIT = 500;

export class DownloadStore {
  private instances = new Map<string, Instance>();
  private faultRules: FaultRule[] = [];
  private speedRules: SpeedRule[] = [];
  private nextRuleId = 1;

  constructor(
    readonly client: ClientKind,
    /** Whether a download that fails verification still leaves its files (torrents do; SABnzbd does not). */
    private readonly keepCorruptFiles = true,
  ) {}

  reset(): void {
    this.instances.clear();
    this.faultRules = [];
    this.speedRules = [];
    this.nextRuleId = 1;
  }

  instance(key: string): Instance {
    let found = this.instances.get(key);
    if (!found) {
      found = {
        key,
        downloads: new Map(),
        disk: new Disk(),
        log: [],
        nextNumericId: 1,
        nextLogId: 0,
        state: new Map(),
      };
      this.instances.set(key, found);
    }
    return found;
  }

  allInstances(): Instance[] {
    return [...this.instances.values()];
  }

  log(instance: Instance, message: string, type: LogEntry["type"] = 1): void {
    instance.log.push({ id: instance.nextLogId++, message, timestamp: clock.now(), type });
    if (instance.log.length > LOG_LIMIT) instance.log.splice(0, instance.log.length - LOG_LIMIT);
  }

  // --- Rules ---------------------------------------------------------------------------------

  private matches(rule: { match: string | null; instance: string | null }, download: Download): boolean {
    if (rule.instance !== null && rule.instance !== download.instance) return false;
    if (rule.match === null) return true;
    const match = rule.match.toLowerCase();
    return download.id.toLowerCase() === match || download.name.toLowerCase().includes(match);
  }

  addFaultRule(input: Omit<FaultRule, "id" | "applied">): FaultRule {
    const rule: FaultRule = { ...input, id: this.nextRuleId++, applied: 0 };
    this.faultRules.push(rule);
    // Rules also reach downloads already running.
    const now = clock.now();
    for (const instance of this.instances.values())
      for (const download of instance.downloads.values()) this.observe(download, now);
    return rule;
  }

  listFaultRules(): FaultRule[] {
    return this.faultRules.slice();
  }

  /** Clears the rules and lifts stalls (other faults have already done their damage). */
  clearFaultRules(instance: string | null): number {
    const now = clock.now();
    const before = this.faultRules.length;
    this.faultRules = this.faultRules.filter((rule) => instance !== null && rule.instance !== instance);
    for (const entry of this.instances.values()) {
      if (instance !== null && entry.key !== instance) continue;
      for (const download of entry.downloads.values()) {
        if (download.fault?.kind !== "stall") continue;
        this.advance(download, now);
        download.fault = null;
      }
    }
    return before - this.faultRules.length;
  }

  /** True when an auth-failure rule covers this instance; spends one use of it. */
  authFails(instance: string): boolean {
    const rule = this.faultRules.find(
      (candidate) =>
        candidate.kind === "authFailure" && (candidate.instance === null || candidate.instance === instance),
    );
    if (!rule) return false;
    this.spend(rule);
    return true;
  }

  /** True while an auth-failure rule covers this instance (without spending it). */
  authBlocked(instance: string): boolean {
    return this.faultRules.some(
      (rule) => rule.kind === "authFailure" && (rule.instance === null || rule.instance === instance),
    );
  }

  /** True while a disk-full rule covers the instance or one of its downloads is failing with it. */
  diskFull(instance: Instance): boolean {
    if (
      this.faultRules.some(
        (rule) => rule.kind === "diskFull" && (rule.instance === null || rule.instance === instance.key),
      )
    ) {
      return true;
    }
    for (const download of instance.downloads.values()) {
      if (download.fault?.kind === "diskFull" && download.fault.struckAt !== null) return true;
    }
    return false;
  }

  private spend(rule: FaultRule): void {
    rule.applied++;
    if (rule.remaining !== null) {
      rule.remaining--;
      if (rule.remaining <= 0) this.faultRules = this.faultRules.filter((candidate) => candidate !== rule);
    }
  }

  setSpeed(rule: SpeedRule): number {
    const now = clock.now();
    if (rule.match === null && rule.instance === null) this.speedRules = [];
    this.speedRules.push(rule);
    let affected = 0;
    for (const instance of this.instances.values()) {
      for (const download of instance.downloads.values()) {
        if (!this.matches(rule, download)) continue;
        this.advance(download, now);
        download.durationMs = this.durationFor(download);
        if (download.startAt > now) download.startAt = now + this.startDelay(download);
        affected++;
      }
    }
    return affected;
  }

  clearSpeed(): void {
    this.speedRules = [];
  }

  /** Gives one download its own time to complete, without a rule. */
  retime(download: Download, secondsToComplete: number): void {
    const now = clock.now();
    this.advance(download, now);
    download.durationMs = secondsToComplete * 1000;
    if (download.startAt > now) download.startAt = now + this.startDelay(download);
  }

  /** Free bytes on the instance's disk: none while it is full. */
  freeSpace(instance: Instance): number {
    return this.diskFull(instance) ? 0 : Math.max(0, Disk.CAPACITY - instance.disk.used());
  }

  private durationFor(download: Download): number {
    const rule = this.speedRules.findLast((candidate) => this.matches(candidate, download));
    if (rule?.secondsToComplete !== null && rule?.secondsToComplete !== undefined) return rule.secondsToComplete * 1000;
    if (rule?.bytesPerSecond) return (download.size / rule.bytesPerSecond) * 1000;
    return Math.min(MAX_DEFAULT_MS, Math.max(MIN_DEFAULT_MS, (download.size / DEFAULT_BYTES_PER_SECOND) * 1000));
  }

  private startDelay(download: Download): number {
    return Math.min(MAX_START_DELAY_MS, download.durationMs * 0.1);
  }

  // --- Downloads -----------------------------------------------------------------------------

  add(instance: Instance, spec: DownloadSpec): Download {
    const now = clock.now();
    const download: Download = {
      ...spec,
      client: this.client,
      instance: instance.key,
      numericId: instance.nextNumericId++,
      size: spec.files.reduce((sum, file) => sum + file.size, 0),
      addedAt: now,
      startAt: now,
      done: 0,
      lastTick: now,
      durationMs: 0,
      completedAt: null,
      fault: null,
      corruptBytes: 0,
      localError: null,
      forceStart: false,
    };
    download.durationMs = this.durationFor(download);
    download.startAt = now + this.startDelay(download);
    instance.downloads.set(download.id, download);
    this.log(instance, `Added new torrent. Torrent: "${download.name}"`, 1);
    this.observe(download, now);
    return download;
  }

  /** Brings a download up to `now`: faults attach, bytes arrive, completion writes the files. */
  observe(download: Download, now = clock.now()): Download {
    if (!download.fault) {
      const rule = this.faultRules.find(
        (candidate) => candidate.kind !== "authFailure" && this.matches(candidate, download),
      );
      if (rule && download.completedAt === null) {
        // Progress as of the last look: the fault must attach before any more bytes arrive.
        const progress = download.size > 0 ? download.done / download.size : 0;
        const kind = rule.kind as DownloadFault;
        const at = kind === "stall" || kind === "diskFull" ? Math.max(progress, rule.at ?? progress) : 1;
        download.fault = { kind, at, struckAt: null };
        this.spend(rule);
      }
    }
    this.advance(download, now);
    return download;
  }

  private advance(download: Download, now: number): void {
    const running =
      !download.paused && download.completedAt === null && !download.awaitingMetadata && download.localError === null;
    const struck =
      download.fault?.struckAt != null && (download.fault.kind === "diskFull" || download.fault.kind === "stall");
    if (running && !struck && now >= download.startAt) {
      const from = Math.max(download.lastTick, download.startAt);
      let done =
        download.durationMs <= 0
          ? download.size
          : Math.min(download.size, download.done + (download.size / download.durationMs) * Math.max(0, now - from));
      const fault = download.fault;
      if (fault && (fault.kind === "stall" || fault.kind === "diskFull") && done >= fault.at * download.size) {
        done = Math.floor(fault.at * download.size);
        fault.struckAt = now;
        const instance = this.instance(download.instance);
        if (fault.kind === "diskFull") {
          this.log(
            instance,
            `File error alert. Torrent: "${download.name}". File: "${joinPath(download.savePath, download.files[0]?.path ?? download.name)}". Reason: "${download.name} file_write error: No space left on device"`,
            8,
          );
        }
      }
      download.done = Math.floor(done);
      if (download.done >= download.size && download.size > 0) this.complete(download, now);
    }
    download.lastTick = now;
  }

  private complete(download: Download, now: number): void {
    download.completedAt = now;
    download.done = download.size;
    const instance = this.instance(download.instance);
    const kind = download.fault?.kind;
    if (kind !== "missingFiles" && (kind !== "hashMismatch" || this.keepCorruptFiles)) {
      for (const file of download.files) instance.disk.write(joinPath(download.savePath, file.path), file.size);
    }
    if (download.fault?.kind === "hashMismatch") {
      const pieces = Math.max(1, Math.min(8, Math.floor(download.size / Math.max(1, download.pieceLength) / 50)));
      download.corruptBytes = Math.min(download.size, pieces * Math.max(1, download.pieceLength));
      download.done = download.size - download.corruptBytes;
      download.fault.struckAt = now;
      this.log(instance, `Torrent "${download.name}" failed the hash check: ${this.corruptPiece(download)}`, 4);
    } else if (download.fault?.kind === "missingFiles") {
      download.fault.struckAt = now;
      this.log(instance, `Torrent "${download.name}" is missing files: No such file or directory`, 8);
    } else {
      this.log(instance, `Torrent download finished. Torrent: "${download.name}"`, 1);
    }
  }

  /** "Piece #1234 is corrupt", numbered from the release so it is the same on every run. */
  corruptPiece(download: Download): string {
    const pieces = Math.max(1, Math.ceil(download.size / Math.max(1, download.pieceLength)));
    let hash = 0;
    for (const char of download.id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
    return `Piece #${hash % pieces} is corrupt`;
  }

  /** Whether every file of a completed download is still where the client expects it. */
  filesPresent(download: Download): boolean {
    const disk = this.instance(download.instance).disk;
    return download.files.every((file) => disk.has(joinPath(download.savePath, file.path)));
  }

  remove(instance: Instance, download: Download, deleteFiles: boolean): void {
    instance.downloads.delete(download.id);
    if (deleteFiles) for (const file of download.files) instance.disk.remove(joinPath(download.savePath, file.path));
  }

  /** Moves a download to `location`; completed content moves on the disk with it. */
  move(download: Download, location: string): void {
    const disk = this.instance(download.instance).disk;
    const target = normalisePath(location);
    if (download.completedAt !== null) {
      for (const file of download.files) disk.move(joinPath(download.savePath, file.path), joinPath(target, file.path));
    }
    download.savePath = target;
  }

  /** Renames one file (paths relative to the save path); false when `from` is not a file of it or `to` is taken. */
  renameFile(download: Download, from: string, to: string): boolean {
    const source = normaliseRelative(from);
    const target = normaliseRelative(to);
    const file = download.files.find((candidate) => candidate.path === source);
    if (!file || !target || download.files.some((candidate) => candidate.path === target)) return false;
    const disk = this.instance(download.instance).disk;
    if (download.completedAt !== null)
      disk.move(joinPath(download.savePath, source), joinPath(download.savePath, target));
    file.path = target;
    return true;
  }

  /** Renames a folder prefix of the download's files. */
  renameFolder(download: Download, from: string, to: string): boolean {
    const source = normaliseRelative(from);
    const target = normaliseRelative(to);
    if (!source || !target) return false;
    const inside = download.files.filter((file) => file.path.startsWith(`${source}/`));
    if (inside.length === 0) return false;
    if (download.files.some((file) => file.path === target || file.path.startsWith(`${target}/`))) return false;
    const disk = this.instance(download.instance).disk;
    for (const file of inside) {
      const renamed = `${target}${file.path.slice(source.length)}`;
      if (download.completedAt !== null)
        disk.move(joinPath(download.savePath, file.path), joinPath(download.savePath, renamed));
      file.path = renamed;
    }
    return true;
  }

  /** The torrent's content path: its top folder, or its file, or the save path when files no longer share a folder. */
  contentPath(download: Download): string {
    if (download.files.length === 0) return joinPath(download.savePath, download.name);
    if (download.files.length === 1 && !download.files[0].path.includes("/")) {
      return joinPath(download.savePath, download.files[0].path);
    }
    const roots = new Set(download.files.map((file) => (file.path.includes("/") ? file.path.split("/")[0] : "")));
    const [root] = roots;
    return roots.size === 1 && root ? joinPath(download.savePath, root) : normalisePath(download.savePath);
  }

  /** Bytes per second right now (0 when nothing flows). */
  rate(download: Download, now = clock.now()): number {
    if (
      download.paused ||
      download.completedAt !== null ||
      download.awaitingMetadata ||
      download.localError !== null ||
      now < download.startAt ||
      download.fault?.struckAt != null
    ) {
      return 0;
    }
    return download.durationMs <= 0 ? download.size : Math.round((download.size / download.durationMs) * 1000);
  }

  /** Seconds left at the current rate, or null when unknown. */
  eta(download: Download, now = clock.now()): number | null {
    if (download.completedAt !== null) return 0;
    const rate = this.rate(download, now);
    if (rate <= 0) return null;
    return Math.ceil((download.size - download.done) / rate);
  }
}

function normaliseRelative(path: string): string {
  return normalisePath(path).slice(1);
}
