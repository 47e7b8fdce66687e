import { type Signal, useSignal } from "@preact/signals";
import { api, type CustomFormat, type CustomFormatSpecification } from "../api";
import { ErrorMessage } from "../components/ErrorMessage";
import { FieldError, invalidProps, problemAt } from "../components/FieldError";
import { FormatMatches, qualityText } from "../components/ParseResult";
import { SettingsNav } from "../components/SettingsNav";
import { SpecificationEditor } from "../components/SpecificationEditor";
import { StatusNote } from "../components/StatusNote";
import { EditDeleteCell, TableHead } from "../components/TableParts";
import { useResource } from "../components/useResource";

const NEW_FORMAT: CustomFormat = { name: "", includeCustomFormatWhenRenaming: false, specifications: [] };

/** Settings → Custom formats: the list, and the editor for one format with a release-name test. */
export function CustomFormats() {
  const formats = useResource(() => api.customFormats.list(), []);
  const templates = useResource(() => api.customFormats.schema(), []);
  const editing = useSignal<CustomFormat | undefined>(undefined);
  const error = useSignal<unknown>(undefined);

  return (
    <section class="page settings">
      <SettingsNav />
      <h1>Custom formats</h1>
      <ErrorMessage error={error.value ?? formats.error.value ?? templates.error.value} />
      {editing.value ? (
        <FormatEditor
          initial={editing.value}
          templates={templates.data.value ?? []}
          onSaved={formats.reload}
          onClose={() => {
            editing.value = undefined;
          }}
        />
      ) : (
        <FormatList
          formats={formats.data.value}
          error={error}
          refresh={formats.reload}
          onEdit={(f) => {
            editing.value = f;
          }}
          onAdd={() => {
            editing.value = NEW_FORMAT;
          }}
        />
      )}
    </section>
  );
}

/** "Release Title: x265/HEVC · not Language: French": a format's conditions in a line. */
const conditionsText = (format: CustomFormat) =>
  format.specifications
    .map((s) => `${s.negate ? "not " : ""}${s.implementationName}: ${s.name}${s.required ? " (required)" : ""}`)
    .join(" · ");

interface ListProps {
  formats: CustomFormat[] | undefined;
  error: Signal<unknown>;
  refresh: () => void;
  onEdit: (format: CustomFormat) => void;
  onAdd: () => void;
}

function FormatList({ formats, error, refresh, onEdit, onAdd }: ListProps) {
  const remove = async (format: CustomFormat) => {
    error.value = undefined;
    try {
      await api.customFormats.remove(format.id as number);
    } catch (e) {
      error.value = e;
    }
    refresh();
  };
  return (
    <>
      <p class="hint">
        A custom format is a set of conditions on a release; quality profiles give each format a score.
      </p>
      {formats === undefined && <p class="muted">Loading…</p>}
      {formats?.length === 0 && <p class="muted">No custom formats yet.</p>}
      {formats && formats.length > 0 && (
        <table class="plain" aria-label="Custom formats">
          <TableHead columns={["Name", "Conditions"]} actions />
          <tbody>
            {formats.map((f) => (
              <tr key={f.id}>
                <td>{f.name}</td>
                <td class="qualities">{conditionsText(f)}</td>
                <EditDeleteCell what={`format ${f.name}`} onEdit={() => onEdit(f)} onDelete={() => remove(f)} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="actions">
        <button type="button" class="primary" onClick={onAdd}>
          Add custom format
        </button>
      </div>
    </>
  );
}

interface EditorProps {
  initial: CustomFormat;
  templates: CustomFormatSpecification[];
  onSaved: () => void;
  onClose: () => void;
}

function FormatEditor({ initial, templates, onSaved, onClose }: EditorProps) {
  /** The format as last saved (or the blank one): what "unsaved changes" compares against. */
  const base = useSignal(initial);
  const draft = useSignal(initial);
  const saving = useSignal(false);
  const saved = useSignal(false);
  const error = useSignal<unknown>(undefined);
  const format = draft.value;
  const isNew = base.value.id === undefined;
  const change = (patch: Partial<CustomFormat>) => {
    draft.value = { ...draft.value, ...patch };
    saved.value = false;
  };

  const save = async (event: Event) => {
    event.preventDefault();
    saving.value = true;
    error.value = undefined;
    try {
      const result =
        format.id === undefined
          ? await api.customFormats.add(format)
          : await api.customFormats.update({ ...format, id: format.id });
      base.value = result;
      draft.value = result;
      saved.value = true;
      onSaved();
    } catch (e) {
      error.value = e;
    } finally {
      saving.value = false;
    }
  };

  const nameProblem = problemAt(error.value, "body.name");
  const unsaved = isNew || JSON.stringify(format) !== JSON.stringify(base.value);

  return (
    <div class="format-editor">
      <form class="editor" aria-label={isNew ? "New custom format" : `Edit ${base.value.name}`} onSubmit={save}>
        <h2>{isNew ? "New custom format" : `Edit ${base.value.name}`}</h2>
        <FormatNameFields format={format} nameProblem={nameProblem} change={change} />

        <ConditionsSection
          specifications={format.specifications}
          templates={templates}
          error={error.value}
          onChange={(specifications) => change({ specifications })}
        />

        <ErrorMessage error={error.value} />
        <div class="actions">
          <button type="submit" class="primary" disabled={saving.value}>
            {saving.value ? "Saving…" : "Save format"}
          </button>
          <button type="button" class="ghost" onClick={onClose}>
            {saved.value ? "Back to the list" : "Cancel"}
          </button>
          <StatusNote message={saved.value && "Saved"} />
        </div>
      </form>
      <FormatTester formatId={base.value.id} formatName={base.value.name} unsaved={unsaved} />
    </div>
  );
}

/** The format's name and whether renaming includes it. */
function FormatNameFields({
  format,
  nameProblem,
  change,
}: {
  format: CustomFormat;
  nameProblem: string | undefined;
  change: (patch: Partial<CustomFormat>) => void;
}) {
  return (
    <div class="editor-fields">
      <div class="field grow">
        <label for="format-name">Name</label>
        <input
          id="format-name"
          type="text"
          value={format.name}
          onInput={(e) => change({ name: e.currentTarget.value })}
          {...invalidProps("format-name-error", nameProblem)}
        />
        <FieldError id="format-name-error" message={nameProblem} />
      </div>
      <label class="check">
        <input
          type="checkbox"
          checked={format.includeCustomFormatWhenRenaming}
          onChange={(e) => change({ includeCustomFormatWhenRenaming: e.currentTarget.checked })}
        />
        Include in renaming ({"{Custom Formats}"})
      </label>
    </div>
  );
}

/** The format's conditions, each editable, and a new one of a chosen type from the server's templates. */
function ConditionsSection({
  specifications,
  templates,
  error,
  onChange,
}: {
  specifications: CustomFormatSpecification[];
  templates: CustomFormatSpecification[];
  error: unknown;
  onChange: (specifications: CustomFormatSpecification[]) => void;
}) {
  const newType = useSignal("");
  const listProblem = problemAt(error, "body.specifications");
  const setSpecification = (index: number, specification: CustomFormatSpecification) =>
    onChange(specifications.map((s, i) => (i === index ? specification : s)));
  const addSpecification = () => {
    const template = templates.find((t) => t.implementation === (newType.value || templates[0]?.implementation));
    if (!template) return;
    onChange([
      ...specifications,
      { ...template, name: template.implementationName, fields: template.fields.map((f) => ({ ...f })) },
    ]);
  };
  return (
    <fieldset class="editor-section">
      <legend>Conditions</legend>
      <p class="hint">
        The format matches when every required condition matches and, of the others of each type, at least one does.
        Negate inverts a condition.
      </p>
      {specifications.map((s, index) => (
        <SpecificationEditor
          // Conditions have no id; the position is what the server's errors name too.
          key={index}
          specification={s}
          index={index}
          error={error}
          onChange={(next) => setSpecification(index, next)}
          onRemove={() => onChange(specifications.filter((_, i) => i !== index))}
        />
      ))}
      {specifications.length === 0 && <p class="muted">No conditions yet.</p>}
      <FieldError id="format-specifications-error" message={listProblem} />
      <div class="inline-form">
        <label class="field">
          <span>Condition type</span>
          <select
            value={newType.value || templates[0]?.implementation}
            onChange={(e) => {
              newType.value = e.currentTarget.value;
            }}
          >
            {templates.map((t) => (
              <option key={t.implementation} value={t.implementation}>
                {t.implementationName}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={templates.length === 0} onClick={addSpecification}>
          Add condition
        </button>
      </div>
    </fieldset>
  );
}

interface TesterProps {
  formatId: number | undefined;
  formatName: string;
  unsaved: boolean;
}

/**
 * Tries a release name against the saved formats through `GET /parse`. Matching runs on the
 * server with its parser and regex dialect, so edits count once they are saved.
 */
function FormatTester({ formatId, formatName, unsaved }: TesterProps) {
  const title = useSignal("");
  /** The name last tested: a new object each test, so the same name is tested again. */
  const asked = useSignal<{ title: string } | undefined>(undefined);
  const query = asked.value;
  const {
    data: result,
    error,
    loading: testing,
  } = useResource(query ? (signal) => api.parse({ title: query.title }, signal) : undefined, [query]);

  const test = (event: Event) => {
    event.preventDefault();
    asked.value = { title: title.value.trim() };
  };

  const r = result.value;
  const matches = r && formatId !== undefined ? r.customFormats.some((f) => f.id === formatId) : undefined;
  return (
    <section class="format-tester" aria-labelledby="tester-heading">
      <h2 id="tester-heading">Test a release name</h2>
      <p class="hint">
        {unsaved
          ? "Tests run against the saved formats: save to test your changes."
          : "Tests run against the saved formats."}
      </p>
      <form class="lookup" onSubmit={test}>
        <label class="field grow">
          <span>Release name to test</span>
          <input
            type="text"
            value={title.value}
            onInput={(e) => {
              title.value = e.currentTarget.value;
            }}
          />
        </label>
        <button type="submit" disabled={testing.value || !title.value.trim()}>
          {testing.value ? "Testing…" : "Test"}
        </button>
      </form>
      <ErrorMessage error={error.value} />
      {r && (
        <div role="status" class="test-result">
          {matches !== undefined && (
            <p>
              <span class={`badge ${matches ? "ok" : "warn"}`}>{matches ? "Matches" : "No match"}</span> {formatName}{" "}
              (as saved) {matches ? "matches" : "does not match"} this name.
            </p>
          )}
          {r.parsedMovieInfo && (
            <p class="muted">
              Parsed as {r.parsedMovieInfo.primaryMovieTitle || "an unknown title"}
              {r.parsedMovieInfo.year ? ` (${r.parsedMovieInfo.year})` : ""}, {qualityText(r.parsedMovieInfo.quality)}
              {r.parsedMovieInfo.releaseGroup ? `, group ${r.parsedMovieInfo.releaseGroup}` : ""}
            </p>
          )}
          <FormatMatches result={r} highlight={formatId} withScore={false} />
        </div>
      )}
    </section>
  );
}
