/**
 * Lists many pages need (quality profiles, root folders, tags): fetched once per session and
 * refreshed by the pages that change them, so names can be shown wherever an id appears.
 */
import { computed, signal } from "@preact/signals";
import { api, type QualityProfile, type RootFolder, type Tag } from "../api";

export const qualityProfiles = signal<QualityProfile[]>([]);
export const rootFolders = signal<RootFolder[]>([]);
export const tags = signal<Tag[]>([]);

export const profileNames = computed(() => new Map(qualityProfiles.value.map((p) => [p.id, p.name])));
export const tagLabels = computed(() => new Map(tags.value.map((t) => [t.id, t.label])));

let loading: Promise<void> | undefined;

/** Loads all three lists once; later callers share the first load. */
export function loadReference(): Promise<void> {
  loading ??= Promise.all([refreshProfiles(), refreshRootFolders(), refreshTags()]).then(
    () => undefined,
    (error) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

export async function refreshProfiles() {
  qualityProfiles.value = await api.qualityProfiles.list();
}

export async function refreshRootFolders() {
  rootFolders.value = await api.rootFolders.list();
}

export async function refreshTags() {
  tags.value = await api.tags.list();
}
