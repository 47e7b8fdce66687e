import { useSignal } from "@preact/signals";
import type { CustomFormat, QualityProfile } from "../api";
import { FieldError, invalidProps } from "../components/FieldError";
import { cutoffChoices } from "../components/profileItems";

/** The server's complaints about the profile's fields, by field. */
export interface ProfileProblems {
  name: string | undefined;
  cutoff: string | undefined;
  items: string | undefined;
  minFormatScore: string | undefined;
  cutoffFormatScore: string | undefined;
  minUpgradeFormatScore: string | undefined;
  formatItems: string | undefined;
}

interface SectionProps {
  profile: QualityProfile;
  problems: ProfileProblems;
  change: (patch: Partial<QualityProfile>) => void;
}

/** The profile's three custom format score limits. */
const SCORE_LIMITS: {
  name: "minFormatScore" | "cutoffFormatScore" | "minUpgradeFormatScore";
  id: string;
  label: string;
}[] = [
  { name: "minFormatScore", id: "min-format-score", label: "Minimum custom format score" },
  { name: "cutoffFormatScore", id: "cutoff-format-score", label: "Upgrade until custom format score" },
  { name: "minUpgradeFormatScore", id: "min-upgrade-format-score", label: "Minimum custom format score increment" },
];

/** Name, upgrades and the cutoff quality (one of the allowed ones). */
export function ProfileBasics({ profile, problems, change }: SectionProps) {
  const choices = cutoffChoices(profile.items);
  const cutoffAllowed = choices.some((c) => c.id === profile.cutoff);
  return (
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
  );
}

/** Custom formats with this profile's score for each; formats the profile never scored are 0. */
function formatScores(profile: QualityProfile, formats: CustomFormat[]) {
  const scores = new Map(profile.formatItems.map((f) => [f.format, f]));
  const known = formats.filter((f) => f.id !== undefined).map((f) => f.id as number);
  for (const id of known) if (!scores.has(id)) scores.set(id, { id: 0, format: id, name: "", score: 0 });
  const names = new Map(formats.map((f) => [f.id, f.name]));
  return [...scores.values()]
    .map((f) => ({ ...f, name: names.get(f.format) ?? f.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The score thresholds and each custom format's score in this profile. */
export function FormatScoresSection({
  profile,
  customFormats,
  problems,
  change,
}: SectionProps & { customFormats: CustomFormat[] }) {
  const scores = formatScores(profile, customFormats);
  return (
    <fieldset class="editor-section">
      <legend>Custom format scores</legend>
      <p class="hint">
        A release's score is the sum of the scores of the formats it matches. Releases below the minimum are rejected;
        upgrades stop at the cutoff score.
      </p>
      <div class="editor-fields">
        {SCORE_LIMITS.map(({ name, id, label }) => (
          <ScoreInput
            key={name}
            id={id}
            label={label}
            value={profile[name]}
            problem={problems[name]}
            onChange={(score) => change({ [name]: score })}
          />
        ))}
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
