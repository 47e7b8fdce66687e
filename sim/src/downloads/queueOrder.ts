import type { Download, Instance } from "./model";

/**
 * A torrent client's download queue (qBittorrent's queue priority, Transmission's queuePosition):
 * downloads in the order they were added, new ones at the bottom, reordered by the clients'
 * move-to-top/bottom/up/down calls. Kept per instance.
 */
const ORDER_KEY = "queueOrder";

function order(instance: Instance): string[] {
  const kept = ((instance.state.get(ORDER_KEY) as string[] | undefined) ?? []).filter((id) =>
    instance.downloads.has(id),
  );
  const known = new Set(kept);
  const added = [...instance.downloads.values()]
    .filter((download) => !known.has(download.id))
    .sort((a, b) => a.numericId - b.numericId)
    .map((download) => download.id);
  const current = [...kept, ...added];
  instance.state.set(ORDER_KEY, current);
  return current;
}

/** The download's place in the queue, 0 at the top. */
export function queuePosition(instance: Instance, download: Download): number {
  return order(instance).indexOf(download.id);
}

export type QueueMove = "top" | "bottom" | "up" | "down";

/** Moves the downloads (in their current order) to the top or bottom, or one place up or down. */
export function moveInQueue(instance: Instance, downloads: readonly Download[], move: QueueMove): void {
  const current = order(instance);
  const moving = new Set(downloads.map((download) => download.id));
  const chosen = current.filter((id) => moving.has(id));
  const rest = current.filter((id) => !moving.has(id));
  if (move === "top" || move === "bottom") {
    instance.state.set(ORDER_KEY, move === "top" ? [...chosen, ...rest] : [...rest, ...chosen]);
    return;
  }
  const list = [...current];
  const step = move === "up" ? -1 : 1;
  const indices = chosen.map((id) => list.indexOf(id));
  for (const index of move === "up" ? indices : indices.reverse()) {
    const target = index + step;
    if (target < 0 || target >= list.length || moving.has(list[target])) continue;
    [list[index], list[target]] = [list[target], list[index]];
  }
  instance.state.set(ORDER_KEY, list);
}
