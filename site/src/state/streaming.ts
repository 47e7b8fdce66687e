/**
 * Streaming settings (region, subscribed services) and the provider catalogue per region: read by
 * the trending, coming-soon and movie pages, changed by the streaming settings page. Fetched once
 * per session and shared; the settings page refreshes them after a save.
 */
import { signal } from "@preact/signals";
import { api, type ProviderCatalogue, type StreamingConfig, type StreamingMediaType, type WithStale } from "../api";

export const streamingSettings = signal<StreamingConfig | undefined>(undefined);

let loading: Promise<StreamingConfig> | undefined;

/** The saved streaming settings; later callers share the first load. */
export function loadStreamingSettings(): Promise<StreamingConfig> {
  loading ??= api.streaming.config().then(
    (config) => {
      streamingSettings.value = config;
      return config;
    },
    (error) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

export async function saveStreamingSettings(changes: Partial<Omit<StreamingConfig, "id">>): Promise<StreamingConfig> {
  const saved = await api.streaming.updateConfig(changes);
  streamingSettings.value = saved;
  loading = Promise.resolve(saved);
  return saved;
}

const catalogues = new Map<string, Promise<WithStale<ProviderCatalogue>>>();

/** The services known in a region (cached by the server for a day; asked once per page load here). */
export function providerCatalogue(region: string, type: StreamingMediaType = "movie") {
  const key = `${type}:${region}`;
  let found = catalogues.get(key);
  if (!found) {
    found = api.streaming.providers({ region, type });
    found.catch(() => catalogues.delete(key));
    catalogues.set(key, found);
  }
  return found;
}
