import { CommandList } from "../components/CommandList";
import { SystemNav } from "../components/SystemNav";

const SHOWN = 50;
/** While nothing runs, a look every so often for commands started elsewhere. */
const IDLE_MS = 15_000;

/**
 * System › Queue: the running and recent commands with when each started and ended, refreshed
 * every few seconds while one runs (every 15 s otherwise).
 */
export function SystemQueue() {
  return (
    <section class="page system">
      <h1>System: Queue</h1>
      <SystemNav />
      <CommandList shown={SHOWN} detailed idleMs={IDLE_MS} />
    </section>
  );
}
