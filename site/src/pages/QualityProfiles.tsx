import { type Signal, useSignal } from "@preact/signals";
import { api, type CustomFormat, type QualityProfile } from "../api";
import { ErrorMessage } from "../components/ErrorMessage";
import { FieldError, problemAt } from "../components/FieldError";
import { ProfileItemList } from "../components/ProfileItemList";
import { itemCutoffId, itemLabel } from "../components/profileItems";
import { SettingsNav } from "../components/SettingsNav";
import { EditDeleteCell, TableHead } from "../components/TableParts";
import { useResource } from "../components/useResource";
import { invalidateLibrary } from "../state/library";
import { qualityProfiles, refreshProfiles } from "../state/reference";
import { FormatScoresSection, ProfileBasics, type ProfileProblems } from "./QualityProfileSections";

/** Settings → Quality profiles: the list, and the editor for one profile (new or existing). */
export function QualityProfiles() {
  const editing = useSignal<QualityProfile | undefined>(undefined);
  const error = useSignal<unknown>(undefined);
  // The profiles land in the shared reference state; the formats are for the editor's scores.
  const profiles = useResource(() => refreshProfiles(), []);
  const customFormats = useResource(() => api.customFormats.list(), []);

  const startNew = async () => {
    error.value = undefined;
    try {
      editing.value = await api.qualityProfiles.schema();
    } catch (e) {
      error.value = e;
    }
  };

  return (
    <section class="page settings">
      <SettingsNav />
      <h1>Quality profiles</h1>
      <ErrorMessage error={error.value ?? customFormats.error.value ?? profiles.error.value} />
      {editing.value ? (
        <ProfileEditor
          key={editing.value.id}
          initial={editing.value}
          customFormats={customFormats.data.value ?? []}
          onClose={() => {
            editing.value = undefined;
          }}
        />
      ) : (
        <ProfileList
          profiles={qualityProfiles.value}
          error={error}
          onEdit={(p) => {
            editing.value = p;
          }}
          onAdd={startNew}
        />
      )}
    </section>
  );
}

function cutoffName(profile: QualityProfile): string {
  const item = profile.items.find((i) => itemCutoffId(i) === profile.cutoff);
  return item ? itemLabel(item) : `#${profile.cutoff}`;
}

interface ListProps {
  profiles: QualityProfile[];
  error: Signal<unknown>;
  onEdit: (profile: QualityProfile) => void;
  onAdd: () => void;
}

function ProfileList({ profiles, error, onEdit, onAdd }: ListProps) {
  const remove = async (profile: QualityProfile) => {
    error.value = undefined;
    try {
      await api.qualityProfiles.remove(profile.id);
      await refreshProfiles();
    } catch (e) {
      error.value = e;
    }
  };
  return (
    <>
      <table class="plain" aria-label="Quality profiles">
        <TableHead columns={["Name", "Cutoff", "Upgrades", "Allowed"]} actions />
        <tbody>
          {profiles.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td>{cutoffName(p)}</td>
              <td>{p.upgradeAllowed ? "Allowed" : "No"}</td>
              <td class="qualities">
                {p.items
                  .filter((i) => i.allowed)
                  .map(itemLabel)
                  .reverse()
                  .join(" · ")}
              </td>
              <EditDeleteCell what={`profile ${p.name}`} onEdit={() => onEdit(p)} onDelete={() => remove(p)} />
            </tr>
          ))}
        </tbody>
      </table>
      <div class="actions">
        <button type="button" class="primary" onClick={onAdd}>
          Add profile
        </button>
      </div>
    </>
  );
}

interface EditorProps {
  /** A stored profile, or the schema's template (id 0) for a new one. */
  initial: QualityProfile;
  customFormats: CustomFormat[];
  onClose: () => void;
}

function ProfileEditor({ initial, customFormats, onClose }: EditorProps) {
  const draft = useSignal(initial);
  const saving = useSignal(false);
  const error = useSignal<unknown>(undefined);
  const isNew = initial.id === 0;
  const profile = draft.value;
  const change = (patch: Partial<QualityProfile>) => {
    draft.value = { ...draft.value, ...patch };
  };

  const save = async (event: Event) => {
    event.preventDefault();
    saving.value = true;
    error.value = undefined;
    // An unset score is 0, so only the scores that count are sent.
    const body = { ...profile, formatItems: profile.formatItems.filter((f) => f.score !== 0) };
    try {
      if (isNew) {
        const { id: _template, ...created } = body;
        await api.qualityProfiles.add(created);
      } else await api.qualityProfiles.update(body);
      await refreshProfiles();
      invalidateLibrary();
      onClose();
    } catch (e) {
      error.value = e;
      saving.value = false;
    }
  };

  const problems: ProfileProblems = {
    name: problemAt(error.value, "body.name"),
    cutoff: problemAt(error.value, "body.cutoff"),
    items: problemAt(error.value, "body.items"),
    minFormatScore: problemAt(error.value, "body.minFormatScore"),
    cutoffFormatScore: problemAt(error.value, "body.cutoffFormatScore"),
    minUpgradeFormatScore: problemAt(error.value, "body.minUpgradeFormatScore"),
    formatItems: problemAt(error.value, "body.formatItems", { nested: true }),
  };

  return (
    <form class="editor" aria-label={isNew ? "New quality profile" : `Edit ${initial.name}`} onSubmit={save}>
      <h2>{isNew ? "New quality profile" : `Edit ${initial.name}`}</h2>
      <ProfileBasics profile={profile} problems={problems} change={change} />

      <fieldset class="editor-section">
        <legend>Qualities</legend>
        <ProfileItemList
          items={profile.items}
          onChange={(items) => change({ items })}
          problemAt={(index) => problemAt(error.value, `body.items.${index}`, { nested: true })}
        />
        <FieldError id="profile-items-error" message={problems.items} />
      </fieldset>

      <FormatScoresSection profile={profile} customFormats={customFormats} problems={problems} change={change} />

      <ErrorMessage error={error.value} />
      <div class="actions">
        <button type="submit" class="primary" disabled={saving.value}>
          {saving.value ? "Saving…" : "Save profile"}
        </button>
        <button type="button" class="ghost" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
