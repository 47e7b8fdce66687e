import { MINIMUM_AVAILABILITIES } from "../../../src/domain/library/movieStatus";
import type { MinimumAvailability, QualityProfile, RootFolder, Tag } from "../api";
import { AVAILABILITY_LABELS } from "./movieLabels";

/** What the user decides about a movie when adding or editing it. */
export interface MovieChoices {
  monitored: boolean;
  qualityProfileId: number;
  minimumAvailability: MinimumAvailability;
  rootFolderPath: string;
  tags: number[];
}

/** Radarr's usual default: a 1080p profile when there is one, else the first; the first root folder. */
export function defaultChoices(profiles: QualityProfile[], folders: RootFolder[]): MovieChoices {
  const profile = profiles.find((p) => p.name === "HD-1080p") ?? profiles[0];
  return {
    monitored: true,
    qualityProfileId: profile?.id ?? 0,
    minimumAvailability: "released",
    rootFolderPath: folders[0]?.path ?? "",
    tags: [],
  };
}

interface Props {
  value: MovieChoices;
  onChange: (patch: Partial<MovieChoices>) => void;
  profiles: QualityProfile[];
  rootFolders: RootFolder[];
  tags: Tag[];
}

/** The shared form fields for a movie's monitoring, profile, availability, folder and tags. */
export function MovieChoicesFields({ value, onChange, profiles, rootFolders, tags }: Props) {
  const folderKnown = rootFolders.some((f) => f.path === value.rootFolderPath);
  return (
    <div class="choices">
      <label class="check">
        <input
          type="checkbox"
          checked={value.monitored}
          onChange={(e) => onChange({ monitored: e.currentTarget.checked })}
        />
        Monitored
      </label>
      <label class="field">
        <span>Quality profile</span>
        <select
          value={String(value.qualityProfileId)}
          onChange={(e) => onChange({ qualityProfileId: Number(e.currentTarget.value) })}
        >
          {profiles.map((p) => (
            <option key={p.id} value={String(p.id)}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>Minimum availability</span>
        <select
          value={value.minimumAvailability}
          onChange={(e) => onChange({ minimumAvailability: e.currentTarget.value as MinimumAvailability })}
        >
          {MINIMUM_AVAILABILITIES.map((a) => (
            <option key={a} value={a}>
              {AVAILABILITY_LABELS[a]}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>Root folder</span>
        <select value={value.rootFolderPath} onChange={(e) => onChange({ rootFolderPath: e.currentTarget.value })}>
          {!folderKnown && <option value={value.rootFolderPath}>{value.rootFolderPath || "No root folder"}</option>}
          {rootFolders.map((f) => (
            <option key={f.id} value={f.path}>
              {f.path}
            </option>
          ))}
        </select>
      </label>
      <TagChoices tags={tags} chosen={value.tags} onChange={(chosen) => onChange({ tags: chosen })} />
    </div>
  );
}

/** The tags a movie (or what a list adds) gets: a checkbox each. */
export function TagChoices({
  tags,
  chosen,
  onChange,
}: {
  tags: Tag[];
  chosen: number[];
  onChange: (chosen: number[]) => void;
}) {
  return (
    <fieldset class="tag-choices">
      <legend>Tags</legend>
      {tags.length === 0 && <span class="muted">No tags yet (add them in Settings)</span>}
      {tags.map((t) => (
        <label key={t.id} class="check">
          <input
            type="checkbox"
            checked={chosen.includes(t.id)}
            onChange={(e) => onChange(e.currentTarget.checked ? [...chosen, t.id] : chosen.filter((id) => id !== t.id))}
          />
          {t.label}
        </label>
      ))}
    </fieldset>
  );
}
