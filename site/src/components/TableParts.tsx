import { ConfirmButton } from "./ConfirmButton";

/** A table's header row: the column names, then (with `actions`) the column of row buttons, named only for screen readers. */
export function TableHead({ columns, actions = false }: { columns: string[]; actions?: boolean }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c}>{c}</th>
        ))}
        {actions && (
          <th>
            <span class="visually-hidden">Actions</span>
          </th>
        )}
      </tr>
    </thead>
  );
}

/** A row's Edit and Delete (confirmed first); `what` names the row for screen readers, e.g. "format x265". */
export function EditDeleteCell({ what, onEdit, onDelete }: { what: string; onEdit: () => void; onDelete: () => void }) {
  return (
    <td class="row-actions">
      <button type="button" class="ghost" aria-label={`Edit ${what}`} onClick={onEdit}>
        Edit
      </button>
      <ConfirmButton label="Delete" description={`Delete ${what}`} onConfirm={onDelete} />
    </td>
  );
}
