import { type Signal, useSignal } from "@preact/signals";
import { api, type QualityProfile, type QualityProfileItem, type Tag } from "../api";
import { ErrorMessage } from "../components/ErrorMessage";
import { GeneralSettings } from "../components/GeneralSettings";
import { SettingsNav } from "../components/SettingsNav";
import { TableHead } from "../components/TableParts";
import { useResource } from "../components/useResource";
import { Link } from "../router";
import { invalidateLibrary } from "../state/library";
import { loadReference, qualityProfiles, refreshRootFolders, refreshTags, rootFolders, tags } from "../state/reference";

/** Settings: quality profiles (summary), root folders, tags and import exclusions. */
export function Settings() {
  const { error } = useResource(() => loadReference(), []);
  return (
    <section class="page settings">
      <SettingsNav />
      <h1>Settings</h1>
      <ErrorMessage error={error.value} />
      <QualityProfiles profiles={qualityProfiles.value} />
      <RootFolders />
      <Tags />
      <Exclusions />
      <GeneralSettings />
    </section>
  );
}

/** Runs a change, showing its error (if any) in `error` and refreshing what it touched. */
async function attempt(error: Signal<unknown>, change: () => Promise<unknown>) {
  error.value = undefined;
  try {
    await change();
    return true;
  } catch (e) {
    error.value = e;
    return false;
  }
}

const itemName = (item: QualityProfileItem) => item.quality?.name ?? item.name ?? "?";

function cutoffName(profile: QualityProfile): string {
  for (const item of profile.items) {
    if (item.quality?.id === profile.cutoff || (!item.quality && item.id === profile.cutoff)) return itemName(item);
  }
  return `#${profile.cutoff}`;
}

/** Allowed qualities from best to worst, as Radarr lists them (stored worst first). */
const allowedNames = (profile: QualityProfile) =>
  profile.items
    .filter((i) => i.allowed)
    .map((i) => (i.items.length ? `${itemName(i)} (${i.items.map(itemName).join(", ")})` : itemName(i)))
    .reverse();

function QualityProfiles({ profiles }: { profiles: QualityProfile[] }) {
  return (
    <section aria-labelledby="profiles-heading" class="settings-section">
      <div class="section-head">
        <h2 id="profiles-heading">Quality profiles</h2>
        <Link href="/settings/profiles">Edit quality profiles</Link>
      </div>
      <table class="plain">
        <thead>
          <tr>
            <th>Name</th>
            <th>Cutoff</th>
            <th>Upgrades</th>
            <th>Allowed qualities</th>
          </tr>
        </thead>
        <tbody>
          {profiles.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td>{cutoffName(p)}</td>
              <td>{p.upgradeAllowed ? "Allowed" : "No"}</td>
              <td class="qualities">{allowedNames(p).join(" · ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RootFolders() {
  const path = useSignal("");
  const error = useSignal<unknown>(undefined);
  const add = async (event: Event) => {
    event.preventDefault();
    if (await attempt(error, () => api.rootFolders.add(path.value.trim()))) path.value = "";
    await refreshRootFolders();
  };
  return (
    <section aria-labelledby="folders-heading" class="settings-section">
      <h2 id="folders-heading">Root folders</h2>
      <p class="hint">Where movies live on the download client's host; new movies get a folder inside one of these.</p>
      <ul class="rows">
        {rootFolders.value.map((f) => (
          <li key={f.id}>
            <code>{f.path}</code>
            <span class="muted">{f.movieCount.toLocaleString("en-US")} movies</span>
            <button
              type="button"
              class="ghost"
              aria-label={`Remove root folder ${f.path}`}
              onClick={async () => {
                await attempt(error, () => api.rootFolders.remove(f.id));
                await refreshRootFolders();
              }}
            >
              Remove
            </button>
          </li>
        ))}
        {rootFolders.value.length === 0 && <li class="muted">No root folders yet.</li>}
      </ul>
      <form class="inline-form" onSubmit={add}>
        <label class="field grow">
          <span>New root folder path</span>
          <input
            type="text"
            placeholder="/movies"
            value={path.value}
            onInput={(e) => {
              path.value = e.currentTarget.value;
            }}
          />
        </label>
        <button type="submit" disabled={!path.value.trim()}>
          Add root folder
        </button>
      </form>
      <ErrorMessage error={error.value} />
    </section>
  );
}

function Tags() {
  const label = useSignal("");
  const error = useSignal<unknown>(undefined);
  const add = async (event: Event) => {
    event.preventDefault();
    if (await attempt(error, () => api.tags.add(label.value.trim()))) label.value = "";
    await refreshTags();
  };
  return (
    <section aria-labelledby="tags-heading" class="settings-section">
      <h2 id="tags-heading">Tags</h2>
      <ul class="rows">
        {tags.value.map((t) => (
          <TagRow key={t.id} tag={t} error={error} />
        ))}
        {tags.value.length === 0 && <li class="muted">No tags yet.</li>}
      </ul>
      <form class="inline-form" onSubmit={add}>
        <label class="field grow">
          <span>New tag</span>
          <input
            type="text"
            placeholder="letters, digits and dashes"
            value={label.value}
            onInput={(e) => {
              label.value = e.currentTarget.value;
            }}
          />
        </label>
        <button type="submit" disabled={!label.value.trim()}>
          Add tag
        </button>
      </form>
      <ErrorMessage error={error.value} />
    </section>
  );
}

function TagRow({ tag, error }: { tag: Tag; error: Signal<unknown> }) {
  const editing = useSignal(false);
  const label = useSignal(tag.label);
  if (editing.value) {
    return (
      <li>
        <form
          class="inline-form"
          onSubmit={async (event) => {
            event.preventDefault();
            if (await attempt(error, () => api.tags.rename(tag.id, label.value.trim()))) editing.value = false;
            await refreshTags();
            invalidateLibrary();
          }}
        >
          <label class="field grow">
            <span>New name for {tag.label}</span>
            <input
              type="text"
              value={label.value}
              onInput={(e) => {
                label.value = e.currentTarget.value;
              }}
            />
          </label>
          <button type="submit">Save name</button>
          <button
            type="button"
            class="ghost"
            onClick={() => {
              editing.value = false;
              label.value = tag.label;
            }}
          >
            Cancel
          </button>
        </form>
      </li>
    );
  }
  return (
    <li>
      <span class="chip">{tag.label}</span>
      <button
        type="button"
        class="ghost"
        aria-label={`Rename tag ${tag.label}`}
        onClick={() => {
          editing.value = true;
        }}
      >
        Rename
      </button>
      <button
        type="button"
        class="ghost"
        aria-label={`Remove tag ${tag.label}`}
        onClick={async () => {
          await attempt(error, () => api.tags.remove(tag.id));
          await refreshTags();
          invalidateLibrary();
        }}
      >
        Remove
      </button>
    </li>
  );
}

function Exclusions() {
  const { data: exclusions, error: loadError, reload } = useResource(() => api.exclusions.list(), []);
  // What a removal reports, kept apart so the reload after it does not clear it.
  const error = useSignal<unknown>(undefined);
  return (
    <section aria-labelledby="exclusions-heading" class="settings-section">
      <h2 id="exclusions-heading">Import exclusions</h2>
      <p class="hint">
        Movies that lists will never add again (set when deleting a movie with “Add import exclusion”).
      </p>
      {exclusions.value?.length === 0 && <p class="muted">No import exclusions.</p>}
      {exclusions.value && exclusions.value.length > 0 && (
        <table class="plain">
          <TableHead columns={["Title", "Year", "TMDb id"]} actions />
          <tbody>
            {exclusions.value.map((x) => (
              <tr key={x.id}>
                <td>{x.movieTitle}</td>
                <td>{x.movieYear || "—"}</td>
                <td>{x.tmdbId}</td>
                <td>
                  <button
                    type="button"
                    class="ghost"
                    aria-label={`Remove exclusion ${x.movieTitle}`}
                    onClick={async () => {
                      await attempt(error, () => api.exclusions.remove(x.id));
                      reload();
                    }}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorMessage error={error.value ?? loadError.value} />
    </section>
  );
}
