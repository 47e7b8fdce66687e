import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { Command } from "../../api";
import { movieDetailApi } from "../../api/movieDetail";
import { ErrorMessage } from "../ErrorMessage";
import { useResource } from "../useResource";

const POLL_MS = 1_000;
const RUNNING = new Set(["queued", "started"]);

/** "started", "completed: Grabbed 1 release": a command's status and message in a few words. */
const commandText = (c: Command) => `${c.status}${c.message ? `: ${c.message}` : ""}`;

interface Props {
  /** The button's text, e.g. "Search". */
  label: string;
  /** What it does, for screen readers: "Search Heat automatically". */
  description: string;
  /** The command's name and body, as POST /command takes them. */
  name: string;
  body: Record<string, unknown>;
  class?: string;
  /** Called when the command ended (completed or failed). */
  onEnd?: (command: Command) => void;
}

/** A command's status, message and progress, polled until it ends. */
function CommandProgress({ id, label, onEnd }: { id: number; label: string; onEnd: (c: Command) => void }) {
  const { data } = useResource((signal) => movieDetailApi.command(id, signal), [id], { everyMs: POLL_MS });
  const c = data.value;
  const ended = c !== undefined && !RUNNING.has(c.status);
  useEffect(() => {
    if (c && ended) onEnd(c);
  }, [ended]);
  return (
    <span role="status" aria-label={`${label} progress`} class="command-run">
      {c ? commandText(c) : "queued"}
      {c?.progress && (
        <progress
          max={c.progress.total}
          value={c.progress.done}
          aria-label={`${c.progress.done} of ${c.progress.total}`}
        />
      )}
    </span>
  );
}

/**
 * A button that starts a command for the movie and shows how it goes (queued, started with its
 * progress, then completed or failed with the command's message) until the next run.
 */
export function CommandButton({ label, description, name, body, class: className = "", onEnd }: Props) {
  const running = useSignal<number | undefined>(undefined);
  const finished = useSignal<Command | undefined>(undefined);
  const error = useSignal<unknown>(undefined);
  const start = async () => {
    error.value = undefined;
    finished.value = undefined;
    try {
      running.value = (await movieDetailApi.runCommand(name, body)).id;
    } catch (e) {
      error.value = e;
    }
  };
  const ended = (command: Command) => {
    running.value = undefined;
    finished.value = command;
    onEnd?.(command);
  };
  return (
    <span class="command-button">
      <button
        type="button"
        class={className}
        aria-label={description}
        disabled={running.value !== undefined}
        onClick={start}
      >
        {running.value !== undefined ? `${label}…` : label}
      </button>
      {running.value !== undefined && <CommandProgress id={running.value} label={label} onEnd={ended} />}
      {finished.value && (
        <span role="status" aria-label={`${label} progress`} class={`command-run ${finished.value.status}`}>
          {commandText(finished.value)}
        </span>
      )}
      <ErrorMessage error={error.value} />
    </span>
  );
}
