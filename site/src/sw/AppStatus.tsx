import { applyUpdate, offline, updateWaiting } from "./serviceWorker";

/** The app's own state above every page: offline, or a new version waiting to be loaded. */
export function AppStatus() {
  if (!offline.value && !updateWaiting.value) return null;
  return (
    <div class="notice app-status" role="status">
      {offline.value && (
        <p>
          <strong>Offline.</strong> Radarr Edge cannot reach its server; the app is loaded from this device and your
          library comes back when the connection does.
        </p>
      )}
      {updateWaiting.value && (
        <p>
          A new version of Radarr Edge is ready.{" "}
          <button type="button" onClick={applyUpdate}>
            Reload to update
          </button>
        </p>
      )}
    </div>
  );
}
