import { useSignal } from "@preact/signals";
import { api } from "../api";
import { settingsApi } from "../api/settings";
import { ErrorMessage } from "../components/ErrorMessage";
import { useAction } from "../components/useAction";
import { useResource } from "../components/useResource";
import { useUrlState } from "../components/useUrlState";
import { uiSettings } from "../state/uiSettings";
import "./Calendar.css";
import { CALENDAR_VIEWS, type CalendarView, eventsIn, isDay, periodOf, shiftAnchor, todayUtc } from "./CalendarPeriods";
import { CalendarBody, CalendarLegend } from "./CalendarViews";

const VIEW_LABELS: Record<CalendarView, string> = { month: "Month", week: "Week", agenda: "Agenda" };

/**
 * The release calendar: every movie's cinema, digital and physical release dates by month, week
 * or as an agenda, coloured by status; the view, the period and "include unmonitored" are kept
 * in the URL. Below, the iCal feed's address for calendar apps.
 */
export function Calendar() {
  const view = useSignal<CalendarView>("month");
  const anchor = useSignal(todayUtc());
  const unmonitored = useSignal(false);
  useUrlState(
    ["view", "date", "unmonitored"],
    () => ({
      view: view.value === "month" ? undefined : view.value,
      date: anchor.value === todayUtc() ? undefined : anchor.value,
      unmonitored: unmonitored.value ? "true" : undefined,
    }),
    (query) => {
      const v = query.get("view");
      view.value = CALENDAR_VIEWS.find((name) => name === v) ?? "month";
      const date = query.get("date");
      anchor.value = isDay(date) ? (date as string) : todayUtc();
      unmonitored.value = query.get("unmonitored") === "true";
    },
  );
  const period = periodOf(view.value, anchor.value, uiSettings.value?.firstDayOfWeek ?? 0);
  const { data, error, loading } = useResource(
    (signal) => api.calendar({ start: period.start, end: period.end, unmonitored: unmonitored.value }, signal),
    [period.start, period.end, unmonitored.value],
  );
  const events = data.value ? eventsIn(data.value, period) : [];

  return (
    <section class="page calendar-page">
      <h1>Calendar</h1>
      <div class="calendar-toolbar">
        <nav class="calendar-nav" aria-label="Period">
          <button type="button" onClick={() => (anchor.value = shiftAnchor(view.value, anchor.value, -1))}>
            Previous
          </button>
          <button type="button" onClick={() => (anchor.value = todayUtc())}>
            Today
          </button>
          <button type="button" onClick={() => (anchor.value = shiftAnchor(view.value, anchor.value, 1))}>
            Next
          </button>
        </nav>
        <h2 class="calendar-title" aria-live="polite">
          {period.title}
        </h2>
        <fieldset class="segmented">
          <legend class="visually-hidden">View</legend>
          {CALENDAR_VIEWS.map((name) => (
            <button key={name} type="button" aria-pressed={view.value === name} onClick={() => (view.value = name)}>
              {VIEW_LABELS[name]}
            </button>
          ))}
        </fieldset>
        <label class="check">
          <input
            type="checkbox"
            checked={unmonitored.value}
            onChange={(e) => (unmonitored.value = e.currentTarget.checked)}
          />
          Include unmonitored
        </label>
      </div>
      <CalendarLegend />
      <ErrorMessage error={error.value} />
      <p class="muted" role="status">
        {loading.value && !data.value
          ? "Loading…"
          : `${events.length} ${events.length === 1 ? "release" : "releases"} in this ${view.value === "week" ? "week" : "month"}`}
      </p>
      <CalendarBody view={view.value} period={period} events={events} today={todayUtc()} />
      <ICalLink unmonitored={unmonitored.value} />
    </section>
  );
}

/**
 * The iCal feed's address for a calendar app, with the API key in it as Radarr shows it. The site
 * signs in with a session, not the key: Show asks the server for the key in use (as Settings ›
 * General's Show does, never cached) and builds the address; until then no key is in the page.
 */
function ICalLink({ unmonitored }: { unmonitored: boolean }) {
  const apiKey = useSignal<string | undefined>(undefined);
  const copied = useSignal(false);
  const { busy, error, act } = useAction();
  const query = new URLSearchParams({ pastDays: "7", futureDays: "28", unmonitored: String(unmonitored) });
  if (apiKey.value) query.set("apikey", apiKey.value);
  const url = `${location.origin}/feed/v3/calendar/radarr.ics?${query}`;
  const show = () =>
    act(async () => {
      apiKey.value = (await settingsApi.apiKey.show()).apiKey;
      return undefined;
    });
  const copy = async () => {
    await navigator.clipboard.writeText(url);
    copied.value = true;
  };
  return (
    <section class="settings-section calendar-ical" aria-labelledby="ical-heading">
      <h2 id="ical-heading">iCal feed</h2>
      <p class="hint">
        Subscribe from a calendar app (Google Calendar, Apple Calendar, Outlook): releases from a week ago to four weeks
        on{unmonitored ? ", unmonitored movies included" : ""}. The address carries your API key.
      </p>
      {apiKey.value === undefined ? (
        <button type="button" onClick={show} disabled={busy.value}>
          {busy.value ? "Showing…" : "Show feed address"}
        </button>
      ) : (
        <div class="inline-form">
          <label class="field grow">
            <span>Feed address</span>
            <input type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
          </label>
          <button type="button" onClick={copy}>
            Copy
          </button>
        </div>
      )}
      <ErrorMessage error={error.value} />
      {copied.value && (
        <p role="status" class="muted">
          Copied the feed address.
        </p>
      )}
    </section>
  );
}
