import { formatLongDate } from "../components/format";
import { Link } from "../router";
import {
  type CalendarEvent,
  type CalendarView,
  dayTitle,
  type Period,
  RELEASE_LABELS,
  RELEASE_TYPES,
  STATUS_LABELS,
} from "./CalendarPeriods";

/** A movie's release on a day: its type as a mark and border, its status as the colour. */
function EventChip({ event }: { event: CalendarEvent }) {
  const { movie, type, status } = event;
  return (
    <li class={`calendar-event release-${type} status-${status}`}>
      <Link href={`/movie/${movie.id}`} class="calendar-event-title">
        {movie.title}
      </Link>
      <span class="calendar-event-meta">
        {RELEASE_LABELS[type]} · {STATUS_LABELS[status]}
      </span>
    </li>
  );
}

function byDay(events: readonly CalendarEvent[]): Map<string, CalendarEvent[]> {
  const days = new Map<string, CalendarEvent[]>();
  for (const event of events) days.set(event.day, [...(days.get(event.day) ?? []), event]);
  return days;
}

interface ViewProps {
  view: CalendarView;
  period: Period;
  events: readonly CalendarEvent[];
  today: string;
}

/** Month and week: a grid of days (stacked as a list on a phone); agenda: only the days with releases. */
export function CalendarBody({ view, period, events, today }: ViewProps) {
  const days = byDay(events);
  if (view === "agenda") {
    const withEvents = period.days.filter((day) => days.has(day));
    if (withEvents.length === 0) return <p class="muted">No releases this month.</p>;
    return (
      <ol class="calendar-agenda" aria-label="Agenda">
        {withEvents.map((day) => (
          <li key={day} class={day === today ? "today" : undefined}>
            <h3>{formatLongDate(day)}</h3>
            <ul class="calendar-events">
              {(days.get(day) ?? []).map((e) => (
                <EventChip key={`${e.movie.id}-${e.type}`} event={e} />
              ))}
            </ul>
          </li>
        ))}
      </ol>
    );
  }
  return (
    <>
      {view === "month" && (
        <div class="calendar-weekdays" aria-hidden="true">
          {period.days.slice(0, 7).map((day) => (
            <span key={day}>{dayTitle(day, { month: undefined, day: undefined })}</span>
          ))}
        </div>
      )}
      <MonthOrWeek view={view} period={period} days={days} today={today} />
    </>
  );
}

function MonthOrWeek({
  view,
  period,
  days,
  today,
}: Omit<ViewProps, "events"> & { days: Map<string, CalendarEvent[]> }) {
  const month = view === "month" ? period.days[Math.floor(period.days.length / 2)].slice(0, 7) : undefined;
  return (
    <ol class={`calendar-grid calendar-${view}`} aria-label={view === "month" ? "Month" : "Week"}>
      {period.days.map((day) => {
        const dayEvents = days.get(day) ?? [];
        const outside = month !== undefined && !day.startsWith(month);
        const classes = ["calendar-day", day === today && "today", outside && "outside", !dayEvents.length && "empty"];
        return (
          <li key={day} class={classes.filter(Boolean).join(" ")} aria-label={dayTitle(day, { weekday: "long" })}>
            <span class="calendar-day-number" aria-hidden="true">
              <span class="calendar-weekday">{dayTitle(day, { month: undefined, day: undefined })} </span>
              {Number(day.slice(8))}
            </span>
            {dayEvents.length > 0 && (
              <ul class="calendar-events">
                {dayEvents.map((e) => (
                  <EventChip key={`${e.movie.id}-${e.type}`} event={e} />
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** What the marks and colours mean. */
export function CalendarLegend() {
  return (
    <ul class="calendar-legend" aria-label="Legend">
      {RELEASE_TYPES.map((type) => (
        <li key={type} class={`calendar-event release-${type}`}>
          {RELEASE_LABELS[type]}
        </li>
      ))}
      {(["downloaded", "missing", "unmonitored"] as const).map((status) => (
        <li key={status} class={`calendar-event status-${status}`}>
          {STATUS_LABELS[status]}
        </li>
      ))}
    </ul>
  );
}
