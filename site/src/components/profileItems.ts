/**
 * The edits the quality profile editor makes to a profile's items, as pure functions: items in,
 * new items out. Items are stored worst first; a group (id ≥ 1000) holds single qualities that
 * rank equal. The server checks the result (every quality once, cutoff allowed), so these only
 * keep the shape right.
 */
import type { QualityProfileItem } from "../api";

const FIRST_GROUP_ID = 1000;

/** A stable key for a top-level item: `q7` for a quality, `g1001` for a group. */
export const itemKey = (item: QualityProfileItem) => (item.quality ? `q${item.quality.id}` : `g${item.id}`);

export const itemLabel = (item: QualityProfileItem) => item.quality?.name ?? item.name ?? "Unnamed group";

/** The id a cutoff names for this item: the quality's id, or the group's. */
export const itemCutoffId = (item: QualityProfileItem) => item.quality?.id ?? (item.id as number);

/** Moves the item `key` by `steps` places; positive steps make it better (later in storage order). */
export function moveItem(items: QualityProfileItem[], key: string, steps: number): QualityProfileItem[] {
  const from = items.findIndex((i) => itemKey(i) === key);
  const to = Math.max(0, Math.min(items.length - 1, from + steps));
  if (from < 0 || from === to) return items;
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved);
  return next;
}

/** Puts the item `key` where `targetKey` is now (a drag and drop), shifting the rest. */
export function moveItemTo(items: QualityProfileItem[], key: string, targetKey: string): QualityProfileItem[] {
  const from = items.findIndex((i) => itemKey(i) === key);
  const to = items.findIndex((i) => itemKey(i) === targetKey);
  if (from < 0 || to < 0) return items;
  return moveItem(items, key, to - from);
}

/** Allows or disallows a top-level item; a group's qualities follow the group. */
export function setAllowed(items: QualityProfileItem[], key: string, allowed: boolean): QualityProfileItem[] {
  return items.map((item) =>
    itemKey(item) === key ? { ...item, allowed, items: item.items.map((member) => ({ ...member, allowed })) } : item,
  );
}

export function renameGroup(items: QualityProfileItem[], key: string, name: string): QualityProfileItem[] {
  return items.map((item) => (itemKey(item) === key ? { ...item, name } : item));
}

/**
 * Makes one group of the selected items (groups among them are merged in), placed where the best
 * of them was. The group is allowed when any selected item was.
 */
export function groupItems(items: QualityProfileItem[], keys: readonly string[]): QualityProfileItem[] {
  const selected = items.filter((i) => keys.includes(itemKey(i)));
  if (selected.length === 0) return items;
  const allowed = selected.some((i) => i.allowed);
  const members = selected.flatMap((i) => (i.quality ? [i] : i.items)).map((m) => ({ ...m, items: [], allowed }));
  const usedIds = items.filter((i) => !i.quality).map((i) => i.id ?? 0);
  const group: QualityProfileItem = {
    id: Math.max(FIRST_GROUP_ID - 1, ...usedIds) + 1,
    name: members.map(itemLabel).join(" / "),
    items: members,
    allowed,
  };
  const bestIndex = Math.max(...selected.map((i) => items.indexOf(i)));
  return items.flatMap((item, index) => {
    if (index === bestIndex) return [group];
    return keys.includes(itemKey(item)) ? [] : [item];
  });
}

/** Replaces a group by its qualities, in place, each keeping the group's allowed flag. */
export function ungroup(items: QualityProfileItem[], key: string): QualityProfileItem[] {
  return items.flatMap((item) =>
    itemKey(item) === key ? item.items.map((member) => ({ ...member, items: [], allowed: item.allowed })) : [item],
  );
}

/** What the cutoff may be: allowed items, best first as the editor lists them. */
export function cutoffChoices(items: QualityProfileItem[]): { id: number; label: string }[] {
  return items
    .filter((i) => i.allowed)
    .map((i) => ({ id: itemCutoffId(i), label: itemLabel(i) }))
    .reverse();
}
