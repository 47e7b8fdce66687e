import { api } from "../api";
import { systemApi } from "../api/system";
import { ErrorMessage } from "../components/ErrorMessage";
import { formatDateTime } from "../components/format";
import { SystemNav } from "../components/SystemNav";
import { useResource } from "../components/useResource";

/** System › Updates: the deployed versions, newest first, the running one marked, and the Radarr API line served. */
export function SystemUpdates() {
  const updates = useResource((signal) => systemApi.updates(signal), []);
  const status = useResource(() => api.system.status(), []);
  const list = updates.data.value;
  const s = status.data.value;
  return (
    <section class="page system">
      <h1>System: Updates</h1>
      <SystemNav />
      <ErrorMessage error={updates.error.value ?? status.error.value} />
      {s && (
        <p role="status" aria-label="Running version">
          Running Radarr Edge {s.appVersion}, serving Radarr's API version {s.version}. Updating is a deploy (npm run
          deploy), so nothing installs from here.
        </p>
      )}
      {list?.length === 0 && <p class="muted">No deployment recorded yet.</p>}
      {list && list.length > 0 && (
        <table class="plain" aria-label="Deployed versions">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Branch</th>
              <th scope="col">Released</th>
              <th scope="col">Installed</th>
              <th scope="col">Worker version</th>
            </tr>
          </thead>
          <tbody>
            {list.map((u) => (
              <tr key={u.id}>
                <td>
                  {u.version} {u.installed && <span class="badge ok">running</span>}
                </td>
                <td>{u.branch}</td>
                <td>{formatDateTime(u.releaseDate)}</td>
                <td>{formatDateTime(u.installedOn)}</td>
                <td class="log-message">{u.versionId || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
