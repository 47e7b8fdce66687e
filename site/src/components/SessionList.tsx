import { api, type SystemSession } from "../api";
import { ErrorMessage } from "./ErrorMessage";
import { formatDateTime, formatDateTimeRelative } from "./format";
import { useResource } from "./useResource";

/** System › Sessions: the browsers logged in to the site, each revocable (its cookie stops working). */
export function SessionList() {
  const { data: sessions, error, reload } = useResource(() => api.system.sessions(), []);

  const revoke = async (session: SystemSession) => {
    try {
      await api.system.revokeSession(session.id);
      reload();
    } catch (e) {
      error.value = e;
    }
  };

  return (
    <section aria-labelledby="sessions-heading" class="settings-section">
      <h2 id="sessions-heading">Sessions</h2>
      <ErrorMessage error={error.value} />
      {sessions.value?.length === 0 && <p class="muted">No browser is logged in; API keys are not sessions.</p>}
      {sessions.value && sessions.value.length > 0 && (
        <table class="plain" aria-label="Sessions">
          <thead>
            <tr>
              <th scope="col">Browser</th>
              <th scope="col">Address</th>
              <th scope="col">Logged in</th>
              <th scope="col">Last seen</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.value.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.userAgent || "Unknown"} {s.current && <span class="badge ok">This browser</span>}
                </td>
                <td>{s.clientAddress}</td>
                <td>{formatDateTime(s.createdAt)}</td>
                <td>{formatDateTimeRelative(s.lastSeenAt)}</td>
                <td>
                  <button
                    type="button"
                    class="ghost"
                    aria-label={`Revoke session ${s.id}`}
                    onClick={() => void revoke(s)}
                  >
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
