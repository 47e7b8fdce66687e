import { tags } from "../state/reference";

/** The tags a rule applies to, one checkbox each; none means every movie. */
export function TagChecks({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string;
  value: number[];
  onChange: (tags: number[]) => void;
}) {
  return (
    <fieldset class="field multi-select" id={`${idPrefix}-tags`}>
      <legend>Tags</legend>
      <div class="multi-select-options">
        {tags.value.map((t) => (
          <label key={t.id} class="check">
            <input
              type="checkbox"
              checked={value.includes(t.id)}
              onChange={(e) => onChange(e.currentTarget.checked ? [...value, t.id] : value.filter((id) => id !== t.id))}
            />
            {t.label}
          </label>
        ))}
        {tags.value.length === 0 && <span class="muted">No tags yet: the rule applies to every movie.</span>}
      </div>
    </fieldset>
  );
}
