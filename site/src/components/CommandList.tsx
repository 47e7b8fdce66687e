import { api } from "../api";
import { ErrorMessage } from "./ErrorMessage";
import { formatDateTime } from "./format";
import { useResource } from "./useResource";

const SHOWN = 10;
const POLL_MS = 3_000;

/**
 * System › Commands: the latest commands with their priority (a sync or search run by hand is
 * high, scheduled work low) and message and, while one walks many movies, how far it got.
 */
export function CommandList() {
  const { data, error } = useResource(() => api.commands.list(), [], { everyMs: POLL_MS });
  const commands = data.value?.slice(0, SHOWN);
  return (
    <section aria-labelledby="commands-heading" class="settings-section">
      <h2 id="commands-heading">Commands</h2>
      <ErrorMessage error={error.value} />
      {commands?.length === 0 && <p class="muted">No command has run yet.</p>}
      {commands && commands.length > 0 && (
        <table class="plain" aria-label="Commands">
          <thead>
            <tr>
              <th scope="col">Command</th>
              <th scope="col">Status</th>
              <th scope="col">Priority</th>
              <th scope="col">Trigger</th>
              <th scope="col">Message</th>
              <th scope="col">Progress</th>
              <th scope="col">Queued</th>
            </tr>
          </thead>
          <tbody>
            {commands.map((c) => (
              <tr key={c.id}>
                <td>{c.commandName}</td>
                <td>{c.status}</td>
                <td>{c.priority}</td>
                <td>{c.trigger}</td>
                <td>{c.message ?? ""}</td>
                <td>
                  {c.progress && (
                    <progress
                      max={c.progress.total}
                      value={c.progress.done}
                      aria-label={`${c.progress.done} of ${c.progress.total}`}
                      title={`${c.progress.done} of ${c.progress.total}`}
                    />
                  )}
                </td>
                <td>{formatDateTime(c.queued)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
