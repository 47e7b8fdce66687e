import { useSignal } from "@preact/signals";
import { ErrorMessage } from "./ErrorMessage";
import { useResource } from "./useResource";

/** A schema template: one implementation of a kind (a list source, an indexer type…). */
interface Template {
  implementation: string;
  implementationName?: string | null;
}

/**
 * "Add …": whether the implementation chooser is open, and the kind's templates (its schema),
 * fetched the first time the chooser opens and again on opening after a failure.
 */
export function useTemplates<T>(schema: () => Promise<T[]>) {
  const wanted = useSignal(false);
  const choosing = useSignal(false);
  const templates = useResource(wanted.value ? () => schema() : undefined, [wanted.value]);
  const choose = () => {
    choosing.value = true;
    if (!wanted.value) wanted.value = true;
    else if (templates.error.value) templates.reload();
  };
  return { templates, choosing, choose };
}

function TemplateGrid<T extends Template>({
  templates,
  onChoose,
}: {
  templates: T[];
  onChoose: (template: T) => void;
}) {
  return (
    <ul class="source-grid">
      {templates.map((t) => (
        <li key={t.implementation}>
          <button type="button" onClick={() => onChoose(t)}>
            {t.implementationName ?? t.implementation}
          </button>
        </li>
      ))}
    </ul>
  );
}

interface Props<T> {
  headingId: string;
  heading: string;
  templates: T[] | undefined;
  /** Why the templates could not be had (shown here; a page that shows it elsewhere leaves it out). */
  error?: unknown;
  /** Said when the server offers none. */
  empty?: string;
  /** Sorts the templates under headings (the list schema's `listType`), as the schema groups them. */
  group?: { of: (template: T) => string; label: (group: string) => string };
  onChoose: (template: T) => void;
  onCancel: () => void;
}

/** The implementations the server offers for "Add …", each a button, optionally under group headings. */
export function ImplementationChooser<T extends Template>(props: Props<T>) {
  const { headingId, heading, templates, error, empty, group, onChoose, onCancel } = props;
  const groups = new Map<string, T[]>();
  if (group) for (const t of templates ?? []) groups.set(group.of(t), [...(groups.get(group.of(t)) ?? []), t]);
  return (
    <section aria-labelledby={headingId} class="source-chooser">
      <h2 id={headingId}>{heading}</h2>
      <ErrorMessage error={error} />
      {templates === undefined && !error && <p class="muted">Loading…</p>}
      {empty && templates?.length === 0 && <p class="muted">{empty}</p>}
      {group ? (
        [...groups].map(([type, members]) => (
          <section key={type} aria-labelledby={`source-group-${type}`}>
            <h3 id={`source-group-${type}`}>{group.label(type)}</h3>
            <TemplateGrid templates={members} onChoose={onChoose} />
          </section>
        ))
      ) : (
        <TemplateGrid templates={templates ?? []} onChoose={onChoose} />
      )}
      <div class="actions">
        <button type="button" class="ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
