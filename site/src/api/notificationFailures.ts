import { request, v3 } from ".";
import type { NotificationFailurePage } from "./resources";

/** Notification deliveries that failed for good (dead letters): list, send again, dismiss. */
export const notificationFailuresApi = {
  page: (query: { page: number; pageSize: number }, signal?: AbortSignal) =>
    request<NotificationFailurePage>("GET", `${v3}/notification/failures`, { query: { ...query }, signal }),
  retry: (id: number) => request<unknown>("POST", `${v3}/notification/failures/${id}/retry`),
  remove: (id: number) => request<unknown>("DELETE", `${v3}/notification/failures/${id}`),
};
