import { useSignal } from "@preact/signals";
import type { ComponentChildren } from "preact";
import type { ProviderResource } from "../api";
import { ErrorMessage } from "./ErrorMessage";
import { withArticle } from "./format";
import { ImplementationChooser, useTemplates } from "./ImplementationChooser";
import { type OptionsProps, type ProviderCalls, ProviderEditor } from "./ProviderEditor";
import { StatusNote } from "./StatusNote";
import { TableHead } from "./TableParts";
import { useResource } from "./useResource";

interface ProviderColumn<T> {
  header: string;
  cell: (resource: T) => ComponentChildren;
}

interface Props<T extends ProviderResource, TestResult> {
  /** "indexer": the words the page uses for one of them. */
  noun: string;
  /** "Indexers": the table's name. */
  plural: string;
  calls: ProviderCalls<T, TestResult> & { list: () => Promise<T[]>; schema: () => Promise<T[]> };
  columns: ProviderColumn<T>[];
  options: (props: OptionsProps<T>) => ComponentChildren;
  describeTest: (result: TestResult) => string;
  /** Bumped by the page to fetch the list again (e.g. after a status change). */
  onChanged?: () => void;
}

/**
 * A provider settings page's body: the saved ones in a table, "Add" offering each implementation
 * from the server's schema, and the editor for a new or a saved one in place of the table.
 */
export function ProviderSettings<T extends ProviderResource, TestResult>({
  noun,
  plural,
  calls,
  columns,
  options,
  describeTest,
  onChanged,
}: Props<T, TestResult>) {
  const { items, loadError, templates, choosing, editing, notice, choose, finish } = useProviderList<T>(
    calls,
    onChanged,
  );

  if (editing.value) {
    const initial = editing.value;
    return (
      <ProviderEditor
        key={initial.id || `new-${initial.implementation}`}
        initial={initial}
        noun={noun}
        calls={calls}
        options={options}
        describeTest={describeTest}
        onSaved={(saved) => finish(`Saved ${noun} ${saved.name}`, saved)}
        onDeleted={() => finish(`Deleted ${noun} ${initial.name}`, undefined, initial.id)}
        onCancel={() => {
          editing.value = undefined;
        }}
      />
    );
  }
  if (choosing.value) {
    return (
      <ImplementationChooser
        headingId="implementations-heading"
        heading={`Choose ${withArticle(noun)} type`}
        templates={templates.data.value}
        error={templates.error.value}
        onChoose={(t) => {
          choosing.value = false;
          // A new provider starts named after its kind, numbered past the names already taken.
          const name = t.name || uniqueName(t.implementationName ?? t.implementation, items.value ?? []);
          editing.value = { ...t, name, fields: t.fields.map((f) => ({ ...f })) };
        }}
        onCancel={() => {
          choosing.value = false;
        }}
      />
    );
  }
  const list = items.value;
  const problem = templates.error.value ?? loadError.value;
  return (
    <>
      <ErrorMessage error={problem} />
      {list === undefined && !problem && <p class="muted">Loading…</p>}
      {list?.length === 0 && <p class="muted">No {plural.toLowerCase()} yet.</p>}
      {list && list.length > 0 && (
        <ProviderTable
          plural={plural}
          columns={columns}
          list={list}
          onEdit={(item) => {
            notice.value = undefined;
            editing.value = item;
          }}
        />
      )}
      <div class="actions">
        <button type="button" class="primary" onClick={choose}>
          Add {noun}
        </button>
        <StatusNote message={notice.value} />
      </div>
    </>
  );
}

/** `base`, or "base 2", "base 3"… whichever no saved provider is called yet. */
function uniqueName(base: string, saved: readonly { name: string }[]): string {
  const taken = new Set(saved.map((p) => p.name.toLowerCase()));
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} ${n}`;
  return name;
}

/** The saved providers, the schema's templates once asked for, and which one is being edited. */
function useProviderList<T extends ProviderResource>(
  calls: { list: () => Promise<T[]>; schema: () => Promise<T[]> },
  onChanged: (() => void) | undefined,
) {
  const {
    data: items,
    error: loadError,
    reload: refresh,
  } = useResource(async () => {
    const list = await calls.list();
    onChanged?.();
    return list;
  }, []);
  const { templates, choosing, choose: open } = useTemplates(calls.schema);
  const editing = useSignal<T | undefined>(undefined);
  const notice = useSignal<string | undefined>(undefined);

  const choose = () => {
    notice.value = undefined;
    open();
  };
  /** Back to the list, which shows the change at once (then reloads): the notice never runs ahead of it. */
  const finish = (message: string, saved?: T, deletedId?: number) => {
    const list = items.value;
    if (list && saved) {
      items.value = list.some((i) => i.id === saved.id)
        ? list.map((i) => (i.id === saved.id ? saved : i))
        : [...list, saved];
    } else if (list && deletedId !== undefined) {
      items.value = list.filter((i) => i.id !== deletedId);
    }
    editing.value = undefined;
    notice.value = message;
    refresh();
  };
  return { items, loadError, templates, choosing, editing, notice, choose, finish };
}

function ProviderTable<T extends ProviderResource>({
  plural,
  columns,
  list,
  onEdit,
}: {
  plural: string;
  columns: ProviderColumn<T>[];
  list: T[];
  onEdit: (item: T) => void;
}) {
  return (
    <table class="plain" aria-label={plural}>
      <TableHead columns={["Name", "Type", ...columns.map((c) => c.header)]} actions />
      <tbody>
        {list.map((item) => (
          <tr key={item.id}>
            <td>{item.name}</td>
            <td>{item.implementationName ?? item.implementation}</td>
            {columns.map((c) => (
              <td key={c.header}>{c.cell(item)}</td>
            ))}
            <td class="row-actions">
              <button type="button" aria-label={`Edit ${item.name}`} onClick={() => onEdit(item)}>
                Edit
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
