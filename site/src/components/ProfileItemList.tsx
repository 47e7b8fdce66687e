import { type Signal, useSignal } from "@preact/signals";
import type { QualityProfileItem } from "../api";
import { groupItems, itemKey, itemLabel, moveItem, moveItemTo, renameGroup, setAllowed, ungroup } from "./profileItems";

interface Props {
  /** Stored order: worst first. */
  items: QualityProfileItem[];
  onChange: (items: QualityProfileItem[]) => void;
  /** The server's complaint about the item at a stored index, if any. */
  problemAt: (index: number) => string | undefined;
}

/**
 * A profile's qualities, best first as Radarr lists them: allow each, reorder by dragging a row
 * or with its arrow buttons (for keyboards), and group qualities that should rank equal.
 */
export function ProfileItemList({ items, onChange, problemAt }: Props) {
  const grouping = useSignal(false);
  const selected = useSignal<string[]>([]);
  const drag: DragState = { dragged: useSignal(undefined), dropTarget: useSignal(undefined) };
  const bestFirst = [...items].reverse();

  const toggleSelected = (key: string, on: boolean) => {
    selected.value = on ? [...selected.value, key] : selected.value.filter((k) => k !== key);
  };

  return (
    <div class="profile-items">
      <div class="section-head">
        <p class="hint">Best first: higher rows are preferred. Drag a row by its handle, or use its arrows.</p>
        <button
          type="button"
          class="ghost"
          aria-pressed={grouping.value}
          onClick={() => {
            grouping.value = !grouping.value;
            selected.value = [];
          }}
        >
          {grouping.value ? "Done grouping" : "Edit groups"}
        </button>
        {grouping.value && (
          <button
            type="button"
            disabled={selected.value.length === 0}
            onClick={() => {
              onChange(groupItems(items, selected.value));
              selected.value = [];
            }}
          >
            Group selected ({selected.value.length})
          </button>
        )}
      </div>
      <ol class="item-list" aria-label="Qualities, best first">
        {bestFirst.map((item, position) => {
          const key = itemKey(item);
          return (
            <ItemRow
              key={key}
              item={item}
              items={items}
              onChange={onChange}
              position={position}
              problem={problemAt(items.length - 1 - position)}
              drag={drag}
              selected={grouping.value ? selected.value.includes(key) : undefined}
              onSelect={(on) => toggleSelected(key, on)}
            />
          );
        })}
      </ol>
    </div>
  );
}

/** Which row is being dragged, and which row it would drop on. */
interface DragState {
  dragged: Signal<string | undefined>;
  dropTarget: Signal<string | undefined>;
}

interface RowProps {
  item: QualityProfileItem;
  /** Stored order: worst first. */
  items: QualityProfileItem[];
  onChange: (items: QualityProfileItem[]) => void;
  /** Place in the best-first list. */
  position: number;
  problem: string | undefined;
  drag: DragState;
  /** Whether the row is selected for grouping; undefined while not grouping. */
  selected: boolean | undefined;
  onSelect: (on: boolean) => void;
}

/** One quality or group: a drop target, its drag handle, allow box, group fields and arrows. */
function ItemRow({ item, items, onChange, position, problem, drag, selected, onSelect }: RowProps) {
  const { dragged, dropTarget } = drag;
  const key = itemKey(item);
  const label = itemLabel(item);
  const isGroup = !item.quality;
  return (
    <li
      class={`item-row${dropTarget.value === key && dragged.value !== key ? " drop-target" : ""}${
        item.allowed ? " allowed" : ""
      }`}
      onDragOver={(event) => {
        if (!dragged.value) return;
        event.preventDefault();
        dropTarget.value = key;
      }}
      onDragLeave={() => {
        if (dropTarget.value === key) dropTarget.value = undefined;
      }}
      onDrop={(event) => {
        event.preventDefault();
        if (dragged.value) onChange(moveItemTo(items, dragged.value, key));
        dragged.value = undefined;
        dropTarget.value = undefined;
      }}
    >
      <DragHandle itemKey={key} label={label} drag={drag} />
      {selected !== undefined && (
        <label class="check select-for-group">
          <input
            type="checkbox"
            aria-label={`Select ${label}`}
            checked={selected}
            onChange={(e) => onSelect(e.currentTarget.checked)}
          />
          Select
        </label>
      )}
      <label class="check item-allowed">
        <input
          type="checkbox"
          aria-label={`Allow ${label}`}
          checked={item.allowed}
          onChange={(e) => onChange(setAllowed(items, key, e.currentTarget.checked))}
        />
        {isGroup ? <span class="badge">Group</span> : <span>{label}</span>}
      </label>
      {isGroup && <GroupBody item={item} items={items} onChange={onChange} />}
      <ItemMoves label={label} itemKey={key} items={items} onChange={onChange} position={position} />
      {problem && <span class="field-error item-problem">{problem}</span>}
    </li>
  );
}

function DragHandle({ itemKey: key, label, drag }: { itemKey: string; label: string; drag: DragState }) {
  return (
    <span
      class="drag-handle"
      draggable
      title="Drag to reorder"
      aria-hidden="true"
      onDragStart={(event) => {
        drag.dragged.value = key;
        if (event.dataTransfer) {
          event.dataTransfer.effectAllowed = "move";
          event.dataTransfer.setData("text/plain", label);
          const row = event.currentTarget.closest("li");
          if (row) event.dataTransfer.setDragImage(row, 12, 12);
        }
      }}
      onDragEnd={() => {
        drag.dragged.value = undefined;
        drag.dropTarget.value = undefined;
      }}
    >
      ⠿
    </span>
  );
}

/** A group's name, its members and a way to ungroup them. */
function GroupBody({ item, items, onChange }: Pick<RowProps, "item" | "items" | "onChange">) {
  const key = itemKey(item);
  const label = itemLabel(item);
  return (
    <span class="group-body">
      <input
        type="text"
        class="group-name"
        aria-label={`Name of group ${label}`}
        value={item.name ?? ""}
        onInput={(e) => onChange(renameGroup(items, key, e.currentTarget.value))}
      />
      <span class="group-members">
        {item.items.map((member) => (
          <span key={itemKey(member)} class="chip">
            {itemLabel(member)}
          </span>
        ))}
      </span>
      <button type="button" class="ghost" onClick={() => onChange(ungroup(items, key))}>
        Ungroup<span class="visually-hidden"> {label}</span>
      </button>
    </span>
  );
}

/** The arrow buttons: reordering without a mouse. */
function ItemMoves({
  label,
  itemKey: key,
  items,
  onChange,
  position,
}: Pick<RowProps, "items" | "onChange" | "position"> & { label: string; itemKey: string }) {
  return (
    <span class="item-moves">
      <button
        type="button"
        class="ghost"
        aria-label={`Move ${label} up`}
        disabled={position === 0}
        onClick={() => onChange(moveItem(items, key, 1))}
      >
        ↑
      </button>
      <button
        type="button"
        class="ghost"
        aria-label={`Move ${label} down`}
        disabled={position === items.length - 1}
        onClick={() => onChange(moveItem(items, key, -1))}
      >
        ↓
      </button>
    </span>
  );
}
