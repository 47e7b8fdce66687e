import { useSignal } from "@preact/signals";
import type { FailureKind, NotificationFailure } from "../api";
import { notificationFailuresApi as deadLetters } from "../api/notificationFailures";
import { ConfirmButton } from "./ConfirmButton";
import { ErrorMessage } from "./ErrorMessage";
import { FAILURE_KIND_LABELS } from "./failureKinds";
import { formatDateTime } from "./format";
import { Pager } from "./Pager";
import { TableHead } from "./TableParts";
import { useResource } from "./useResource";

const PAGE_SIZE = 10;

/** "movieFileDelete" → "Movie file delete". */
const eventLabel = (event: string) => {
  const words = event.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words[0].toUpperCase() + words.slice(1);
};

/** What the event was about: its movie, or its message. */
function about({ summary }: NotificationFailure): string {
  if (summary.title) return summary.year ? `${summary.title} (${summary.year})` : summary.title;
  return summary.message ?? "—";
}

/**
 * Notification deliveries that failed for good (after their last retry, or at once when no retry
 * can help): Retry sends the event again, Delete dismisses it. Nothing shows while there are none.
 */
export function NotificationFailures() {
  const page = useSignal(1);
  const busy = useSignal(false);
  const actionError = useSignal<unknown>(undefined);
  const notice = useSignal<string | undefined>(undefined);
  const { data, error, reload } = useResource(
    (signal) => deadLetters.page({ page: page.value, pageSize: PAGE_SIZE }, signal),
    [page.value],
  );
  const act = async (run: () => Promise<unknown>, done: string) => {
    busy.value = true;
    actionError.value = undefined;
    notice.value = undefined;
    try {
      await run();
      notice.value = done;
      reload();
    } catch (e) {
      actionError.value = e;
    } finally {
      busy.value = false;
    }
  };
  const list = data.value;
  if (!list?.totalRecords && !error.value && !actionError.value && !notice.value) return null;
  return (
    <section aria-label="Failed notifications" class="notification-failures">
      <h2>Failed notifications</h2>
      <p class="hint">
        Deliveries that still failed after their retries (or that no retry could fix). Retry sends the event to its
        target again.
      </p>
      {notice.value && (
        <p role="status" class="saved">
          {notice.value}
        </p>
      )}
      <ErrorMessage error={error.value ?? actionError.value} />
      {list && list.records.length > 0 && (
        <div class="table-scroll">
          <table class="plain" aria-label="Failed notifications">
            <TableHead columns={["Target", "Event", "About", "Failure", "Attempts", "Last attempt"]} actions />
            <tbody>
              {list.records.map((f) => (
                <FailureRow
                  key={f.id}
                  failure={f}
                  busy={busy.value}
                  onRetry={() => void act(() => deadLetters.retry(f.id), `Sent again to ${f.notificationName}`)}
                  onDelete={() => void act(() => deadLetters.remove(f.id), "Deleted")}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list && (
        <Pager page={page} totalRecords={list.totalRecords} pageSize={PAGE_SIZE} label="Failed notification pages" />
      )}
    </section>
  );
}

/** One dead letter: target, event, what it was about, the failure, with Retry and Delete. */
function FailureRow({
  failure: f,
  busy,
  onRetry,
  onDelete,
}: {
  failure: NotificationFailure;
  busy: boolean;
  onRetry: () => void;
  onDelete: () => void;
}) {
  return (
    <tr>
      <td>{f.notificationName}</td>
      <td>{eventLabel(f.event)}</td>
      <td class="wrap">{about(f)}</td>
      <td class="wrap">
        {FAILURE_KIND_LABELS[f.failureKind as FailureKind] ?? f.failureKind}: {f.failureMessage}
      </td>
      <td>{f.attempts}</td>
      <td>{formatDateTime(f.lastAttemptAt)}</td>
      <td class="row-actions">
        <button type="button" disabled={busy} aria-label={`Retry ${f.notificationName}: ${about(f)}`} onClick={onRetry}>
          Retry
        </button>
        <ConfirmButton
          label="Delete"
          description={`Delete the failed notification to ${f.notificationName}`}
          busy={busy}
          onConfirm={onDelete}
        />
      </td>
    </tr>
  );
}
