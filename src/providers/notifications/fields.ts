import { z } from "zod";
import { hostSetting, httpUrlSetting, portSetting } from "../../domain/validation/addresses";
import type { ProviderField } from "../definition";

/**
 * Settings several targets share: a media server's address (Radarr's host/port/useSsl/urlBase),
 * the API address of a hosted service (its real host by default; the simulator in tests), and a
 * list of names sent as an array or typed comma-separated.
 */
export function serverConnection(port: number) {
  return {
    host: hostSetting,
    port: portSetting.default(port),
    useSsl: z.boolean().default(false),
    urlBase: z
      .string()
      .trim()
      .max(200)
      .regex(/^(\/[\w.~-]+)*\/?$/, "urlBase must be a path such as /plex")
      .default(""),
  };
}

export const serverFields: readonly ProviderField[] = [
  { name: "host", label: "Host", type: "textbox" },
  { name: "port", label: "Port", type: "number" },
  { name: "useSsl", label: "Use SSL", type: "checkbox", helpText: "Connect over HTTPS" },
  { name: "urlBase", label: "URL Base", type: "textbox", advanced: true, helpText: "A path prefix, e.g. /plex" },
];

/** scheme://host:port/urlBase, without a trailing slash. */
export function serverUrl(settings: { host: string; port: number; useSsl: boolean; urlBase: string }): string {
  const host = settings.host.includes(":") ? `[${settings.host}]` : settings.host;
  const base = settings.urlBase.replace(/\/+$/, "");
  return `${settings.useSsl ? "https" : "http"}://${host}:${settings.port}${base}`;
}

/** A hosted service's API address: its real host unless set (advanced; the simulator in tests). */
export const apiUrlSetting = (realHost: string) => httpUrlSetting().default(realHost);

export const apiUrlField = (realHost: string): ProviderField => ({
  name: "apiUrl",
  label: "API URL",
  type: "url",
  advanced: true,
  helpText: `The service's API address; leave as ${realHost}`,
});

/** Names sent as an array (Radarr's clients) or typed comma-separated (the site's text box). */
export const nameListSetting = z
  .union([z.array(z.string().trim().max(200)).max(50), z.string().max(4000)])
  .transform((value) => (Array.isArray(value) ? value : value.split(",")).map((v) => v.trim()).filter(Boolean))
  .default([]);
