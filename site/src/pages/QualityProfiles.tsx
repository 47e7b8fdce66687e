import { type Signal, useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { api, type CustomFormat, type QualityProfile } from "../api";
import { ConfirmButton } from "../components/ConfirmButton";
import { ErrorMessage } from "../components/ErrorMessage";
import { FieldError, invalidProps, problemAt } from "../components/FieldError";
import { ProfileItemList } from "../components/ProfileItemList";
import { cutoffChoices, itemCutoffId, itemLabel } from "../components/profileItems";
import { SettingsNav } from "../components/SettingsNav";
import { invalidateLibrary } from "../state/library";
import { qualityProfiles, refreshProfiles } from "../state/reference";

/** Settings → Quality profiles: the list, and the editor for one profile (new or existing). */
export function QualityProfiles() {
  const editing = useSignal<QualityProfile | undefined>(undefined);
  const customFormats = useSignal<CustomFormat[]>([]);
  const error = useSignal<unknown>(undefined);

  useEffect(() => {
    refreshProfiles().catch((e) => {
      error.value = e;
    });
    api.customFormats.list().then(
      (formats) => {
        customFormats.value = formats;
      },
      (e) => {
        error.value = e;
      },
    );
  }, []);

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
      <ErrorMessage error={error.value} />
      {editing.value ? (
        <ProfileEditor
          key={editing.value.id}
          initial={editing.value}
          customFormats={customFormats.value}
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
        <thead>
          <tr>
            <th>Name</th>
            <th>Cutoff</th>
            <th>Upgrades</th>
            <th>Allowed</th>
            <th>
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
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
              <td class="row-actions">
                <button type="button" class="ghost" aria-label={`Edit profile ${p.name}`} onClick={() => onEdit(p)}>
                  Edit
                </button>
                <ConfirmButton label="Delete" description={`Delete profile ${p.name}`} onConfirm={() => remove(p)} />
              </td>
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

/** Custom formats with this profile's score for each; formats the profile never scored are 0. */
function formatScores(profile: QualityProfile, formats: CustomFormat[]) {
  const scores = new Map(profile.formatItems.map((f) => [f.format, f]));
  const known = formats.filter((f) => f.id !== undefined).map((f) => f.id as number);
  for (const id of known) if (!scores.has(id)) scores.set(id, { format: id, name: "", score: 0 });
  const names = new Map(formats.map((f) => [f.id, f.name]));
  return [...scores.values()]
    .map((f) => ({ ...f, name: names.get(f.format) ?? f.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
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

  const choices = cutoffChoices(profile.items);
  const cutoffAllowed = choices.some((c) => c.id === profile.cutoff);
  const problems = {
    name: problemAt(error.value, "body.name"),
    cutoff: problemAt(error.value, "body.cutoff"),
    items: problemAt(error.value, "body.items"),
    minFormatScore: problemAt(error.value, "body.minFormatScore"),
    cutoffFormatScore: problemAt(error.value, "body.cutoffFormatScore"),
    minUpgradeFormatScore: problemAt(error.value, "body.minUpgradeFormatScore"),
    formatItems: problemAt(error.value, "body.formatItems", { nested: true }),
  };
  const scores = formatScores(profile, customFormats);

  return (
    <form class="editor" aria-label={isNew ? "New quality profile" : `Edit ${initial.name}`} onSubmit={save}>
      <h2>{isNew ? "New quality profile" : `Edit ${initial.name}`}</h2>
      <div class="editor-fields">
        <div class="field">
          <label for="profile-name">Name</label>
          <input
            id="profile-name"
            type="text"
            value={profile.name}
            onInput={(e) => change({ name: e.currentTarget.value })}
            {...invalidProps("profile-name-error", problems.name)}
          />
          <FieldError id="profile-name-error" message={problems.name} />
        </div>
        <label class="check">
          <input
            type="checkbox"
            checked={profile.upgradeAllowed}
            onChange={(e) => change({ upgradeAllowed: e.currentTarget.checked })}
          />
          Upgrades allowed
        </label>
        <div class="field">
          <label for="profile-cutoff">Cutoff (upgrade until)</label>
          <select
            id="profile-cutoff"
            value={String(profile.cutoff)}
            onChange={(e) => change({ cutoff: Number(e.currentTarget.value) })}
            {...invalidProps("profile-cutoff-error", problems.cutoff)}
          >
            {!cutoffAllowed && (
              <option value={String(profile.cutoff)}>
                {choices.length ? "Choose an allowed quality" : "Allow a quality first"}
              </option>
            )}
            {choices.map((c) => (
              <option key={c.id} value={String(c.id)}>
                {c.label}
              </option>
            ))}
          </select>
          <FieldError id="profile-cutoff-error" message={problems.cutoff} />
        </div>
      </div>

      <fieldset class="editor-section">
        <legend>Qualities</legend>
        <ProfileItemList
          items={profile.items}
          onChange={(items) => change({ items })}
          problemAt={(index) => problemAt(error.value, `body.items.${index}`, { nested: true })}
        />
        <FieldError id="profile-items-error" message={problems.items} />
      </fieldset>

      <fieldset class="editor-section">
        <legend>Custom format scores</legend>
        <p class="hint">
          A release's score is the sum of the scores of the formats it matches. Releases below the minimum are rejected;
          upgrades stop at the cutoff score.
        </p>
        <div class="editor-fields">
          <ScoreInput
            id="min-format-score"
            label="Minimum custom format score"
            value={profile.minFormatScore}
            problem={problems.minFormatScore}
            onChange={(minFormatScore) => change({ minFormatScore })}
          />
          <ScoreInput
            id="cutoff-format-score"
            label="Upgrade until custom format score"
            value={profile.cutoffFormatScore}
            problem={problems.cutoffFormatScore}
            onChange={(cutoffFormatScore) => change({ cutoffFormatScore })}
          />
          <ScoreInput
            id="min-upgrade-format-score"
            label="Minimum custom format score increment"
            value={profile.minUpgradeFormatScore}
            problem={problems.minUpgradeFormatScore}
            onChange={(minUpgradeFormatScore) => change({ minUpgradeFormatScore })}
          />
        </div>
        {scores.length === 0 && <p class="muted">No custom formats yet.</p>}
        <div class="format-scores">
          {scores.map((f) => (
            <ScoreInput
              key={f.format}
              id={`format-score-${f.format}`}
              label={f.name}
              value={f.score}
              problem={undefined}
              onChange={(score) =>
                change({
                  formatItems: [...scores.filter((s) => s.format !== f.format), { ...f, score }],
                })
              }
            />
          ))}
        </div>
        <FieldError id="format-items-error" message={problems.formatItems} />
      </fieldset>

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

interface ScoreProps {
  id: string;
  label: string;
  value: number;
  problem: string | undefined;
  onChange: (value: number) => void;
}

/** A whole-number score; the text is kept as typed so "-" on the way to "-10" stays put. */
function ScoreInput({ id, label, value, problem, onChange }: ScoreProps) {
  const text = useSignal(String(value));
  const message = problem ?? (Number.isInteger(Number(text.value.trim())) ? undefined : "Enter a whole number");
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="text"
        class="score-input"
        inputMode="numeric"
        value={text.value}
        onInput={(e) => {
          text.value = e.currentTarget.value;
          const n = Number(text.value.trim());
          if (Number.isInteger(n)) onChange(n);
        }}
        {...invalidProps(`${id}-error`, message)}
      />
      <FieldError id={`${id}-error`} message={message} />
    </div>
  );
}
