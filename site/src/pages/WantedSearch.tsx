import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { api, type Command } from "../api";
import { ErrorMessage } from "../components/ErrorMessage";
import { formatCount } from "../components/format";

const POLL_MS = 1000;
const running = (command: Command) => command.status === "queued" || command.status === "started";

/** A search command's state in words: queued, how far it has got, what it found, or why it failed. */
function describe(command: Command): string {
  if (command.status === "queued") return "Search queued…";
  if (command.status === "started")
    return command.progress
      ? `Searching… ${formatCount(command.progress.done)} of ${formatCount(command.progress.total)} movies`
      : "Searching…";
  if (command.status === "failed") return `Search failed: ${command.message ?? "see System › Logs"}`;
  if (command.status === "cancelled") return "Search cancelled";
  // The finished command says what it did ("Searched 12 of 12 movies, grabbed 3").
  return command.message ? `Search finished: ${command.message}` : "Search finished";
}

/**
 * Runs a search command and follows it (GET /command/{id} every second) until it ends; `onEnded`
 * then re-reads the page (searched movies move or leave the list).
 */
export function useSearchCommand(onEnded: () => void) {
  const command = useSignal<Command | undefined>(undefined);
  const error = useSignal<unknown>(undefined);
  const current = command.value;
  useEffect(() => {
    if (!current || !running(current)) return;
    let live = true;
    const timer = setTimeout(async () => {
      try {
        const next = await api.commands.get(current.id);
        if (!live) return;
        command.value = next;
        if (!running(next)) onEnded();
      } catch (e) {
        if (live) error.value = e;
      }
    }, POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [current]);

  const run = async (name: string, body: Record<string, unknown> = {}) => {
    error.value = undefined;
    try {
      command.value = await api.commands.run(name, body);
    } catch (e) {
      error.value = e;
    }
  };
  return { command, error, run, busy: Boolean(current && running(current)) };
}

/** The command's progress line, announced as it changes. */
export function SearchProgress({ command, error }: { command?: Command; error: unknown }) {
  return (
    <>
      {command && (
        <p
          class={`search-progress ${command.status === "failed" ? "failed" : ""}`}
          role="status"
          aria-label="Search progress"
        >
          {describe(command)}
        </p>
      )}
      <ErrorMessage error={error} />
    </>
  );
}
