import { z } from "zod";
import { APP_NAME } from "../config";
import { languageById } from "../domain/parser";

/**
 * The settings groups behind Radarr's `/api/v3/config/{ui,host,mediamanagement,downloadclient,
 * metadata}` resources, with Radarr's defaults (its ConfigService and ConfigFileProvider).
 * Fields that describe a local server (ports, SSL, proxy, permissions, recycle bin…) are stored
 * and returned as sent, so Radarr's clients round-trip them; a Worker has no use for them.
 */

/** A Radarr language id a user can choose (Language.All without Unknown, Any and Original). */
const languageId = (field: string) =>
  z
    .number()
    .int()
    .refine((id) => id >= 1 && languageById(id) !== undefined, { message: `${field} is not a language id` });

const text = (max = 500) => z.string().max(max);

const UI_THEMES = ["auto", "dark", "light"] as const;

/** Radarr's `/config/ui`: how the site shows dates, times and runtimes, and its theme. */
export const uiSettingsSchema = z.object({
  /** 0 Sunday, 1 Monday (Radarr offers those two). */
  firstDayOfWeek: z.number().int().min(0).max(1).default(0),
  calendarWeekColumnHeader: text(100).default("ddd M/D"),
  movieRuntimeFormat: z.enum(["hoursMinutes", "minutes"]).default("hoursMinutes"),
  shortDateFormat: text(100).default("MMM D YYYY"),
  longDateFormat: text(100).default("dddd, MMMM D YYYY"),
  timeFormat: text(100).default("h(:mm)a"),
  showRelativeDates: z.boolean().default(true),
  enableColorImpairedMode: z.boolean().default(false),
  movieInfoLanguage: languageId("movieInfoLanguage").default(1),
  uiLanguage: languageId("uiLanguage").default(1),
  theme: z.enum(UI_THEMES).default("auto"),
});

const port = z.number().int().min(1).max(65_535);
const absoluteUrl = z
  .string()
  .trim()
  .max(500)
  .refine((url) => url === "" || /^https?:\/\/[^\s/]+/i.test(url), { message: "must be an http(s) URL" });

/**
 * Radarr's `/config/host`, the fields this app stores. `instanceName` names the app in
 * system/status and notifications; `applicationUrl` is the address notifications link to.
 * Authentication and the API key are not settings here (the key is a Worker secret).
 */
export const hostSettingsSchema = z.object({
  bindAddress: text(100).default("*"),
  port: port.default(7878),
  sslPort: port.default(9898),
  enableSsl: z.boolean().default(false),
  launchBrowser: z.boolean().default(true),
  analyticsEnabled: z.boolean().default(false),
  logLevel: text(20).default("info"),
  logSizeLimit: z.number().int().min(1).max(10).default(1),
  consoleLogLevel: text(20).default(""),
  branch: z.string().trim().min(1, "Branch name is required, 'master' is the default").max(100).default("master"),
  sslCertPath: text().default(""),
  sslCertPassword: text().default(""),
  urlBase: text(100)
    .refine((base) => base === "" || base.startsWith("/"), { message: "urlBase must start with /" })
    .default(""),
  instanceName: z
    .string()
    .trim()
    .max(100)
    .refine((name) => name === "" || /radarr/i.test(name), { message: "instanceName must contain Radarr" })
    .default(APP_NAME),
  applicationUrl: absoluteUrl.default(""),
  updateAutomatically: z.boolean().default(false),
  updateMechanism: z.enum(["builtIn", "script", "external", "apt", "docker"]).default("external"),
  updateScriptPath: text().default(""),
  proxyEnabled: z.boolean().default(false),
  proxyType: z.enum(["http", "socks4", "socks5"]).default("http"),
  proxyHostname: text().default(""),
  proxyPort: port.default(8080),
  proxyUsername: text().default(""),
  proxyPassword: text().default(""),
  proxyBypassFilter: text().default(""),
  proxyBypassLocalAddresses: z.boolean().default(true),
  certificateValidation: z.enum(["enabled", "disabledForLocalAddresses", "disabled"]).default("enabled"),
  backupFolder: text().default("Backups"),
  backupInterval: z.number().int().min(1).max(7).default(7),
  backupRetention: z.number().int().min(1).max(90).default(28),
  trustCgnatIpAddresses: z.boolean().default(false),
});

/** Host settings that are credentials: stored encrypted, masked in every response. */
export const HOST_SECRET_FIELDS = ["sslCertPassword", "proxyPassword"] as const;

/**
 * Radarr's `/config/mediamanagement` (its `downloadPropersAndRepacks` is kept with the indexer
 * settings the decision engine reads, so both resources show the one value).
 */
export const mediaManagementSettingsSchema = z.object({
  autoUnmonitorPreviouslyDownloadedMovies: z.boolean().default(false),
  recycleBin: text().default(""),
  recycleBinCleanupDays: z.number().int().min(0).max(36_500).default(7),
  createEmptyMovieFolders: z.boolean().default(false),
  deleteEmptyFolders: z.boolean().default(false),
  fileDate: z.enum(["none", "cinemas", "release"]).default("none"),
  rescanAfterRefresh: z.enum(["always", "afterManual", "never"]).default("always"),
  autoRenameFolders: z.boolean().default(false),
  pathsDefaultStatic: z.boolean().default(false),
  setPermissionsLinux: z.boolean().default(false),
  chmodFolder: text(4)
    .refine((mode) => mode === "" || /^[0-7]{3,4}$/.test(mode), { message: "chmodFolder must be octal, e.g. 755" })
    .default("755"),
  chownGroup: text(100).default(""),
  skipFreeSpaceCheckWhenImporting: z.boolean().default(false),
  minimumFreeSpaceWhenImporting: z.number().int().min(100).max(10_000_000).default(100),
  copyUsingHardlinks: z.boolean().default(true),
  useScriptImport: z.boolean().default(false),
  scriptImportPath: text().default(""),
  importExtraFiles: z.boolean().default(false),
  extraFileExtensions: text().default("srt"),
  enableMediaInfo: z.boolean().default(true),
});

/** Radarr's `/config/downloadclient`: what the downloads pipeline does with finished and failed downloads. */
export const downloadClientSettingsSchema = z.object({
  downloadClientWorkingFolders: text().default("_UNPACK_|_FAILED_"),
  enableCompletedDownloadHandling: z.boolean().default(true),
  /** Minutes between polls of the clients for finished downloads. */
  checkForFinishedDownloadInterval: z.number().int().min(1).max(1440).default(1),
  autoRedownloadFailed: z.boolean().default(true),
  autoRedownloadFailedFromInteractiveSearch: z.boolean().default(true),
});

const CERTIFICATION_COUNTRIES = ["au", "br", "ca", "fr", "de", "gb", "in", "ie", "it", "nz", "ro", "es", "us"] as const;

/** Radarr's `/config/metadata`: whose certification (rating) a movie shows. */
export const metadataSettingsSchema = z.object({
  certificationCountry: z.enum(CERTIFICATION_COUNTRIES).default("us"),
});
