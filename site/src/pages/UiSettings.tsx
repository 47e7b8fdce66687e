import { settingsApi, type UiConfig } from "../api/settings";
import { type ConfigField, ConfigForm } from "../components/ConfigForm";
import { SettingsNav } from "../components/SettingsNav";
import { applyTheme } from "../state/theme";
import { uiSettings } from "../state/uiSettings";

const UI_FIELDS: ConfigField<UiConfig>[] = [
  {
    name: "theme",
    label: "Theme",
    type: "select",
    options: [
      ["auto", "System (follows the device)"],
      ["dark", "Dark"],
      ["light", "Light"],
    ],
  },
  {
    name: "firstDayOfWeek",
    label: "First day of week",
    type: "select",
    options: [
      [0, "Sunday"],
      [1, "Monday"],
    ],
  },
  {
    name: "calendarWeekColumnHeader",
    label: "Week column header",
    type: "select",
    options: [
      ["ddd M/D", "Tue 3/25"],
      ["ddd MM/DD", "Tue 03/25"],
      ["ddd D/M", "Tue 25/3"],
      ["ddd DD/MM", "Tue 25/03"],
    ],
  },
  {
    name: "shortDateFormat",
    label: "Short date format",
    type: "select",
    options: [
      ["MMM D YYYY", "Mar 25 2014"],
      ["DD MMM YYYY", "25 Mar 2014"],
      ["MM/D/YYYY", "03/25/2014"],
      ["MM/DD/YYYY", "03/25/2014 (padded)"],
      ["DD/MM/YYYY", "25/03/2014"],
      ["YYYY-MM-DD", "2014-03-25"],
    ],
  },
  {
    name: "longDateFormat",
    label: "Long date format",
    type: "select",
    options: [
      ["dddd, MMMM D YYYY", "Tuesday, March 25, 2014"],
      ["dddd, D MMMM YYYY", "Tuesday, 25 March, 2014"],
    ],
  },
  {
    name: "timeFormat",
    label: "Time format",
    type: "select",
    options: [
      ["h(:mm)a", "5pm / 5:30pm"],
      ["HH:mm", "17:00 / 17:30"],
    ],
  },
  { name: "showRelativeDates", label: "Show relative dates (today, yesterday…)", type: "checkbox" },
  {
    name: "movieRuntimeFormat",
    label: "Runtime format",
    type: "select",
    options: [
      ["hoursMinutes", "1h 15m"],
      ["minutes", "75 mins"],
    ],
  },
  { name: "enableColorImpairedMode", label: "Colour-impaired mode", type: "checkbox" },
];

/** Settings › UI: dates, times and the theme, which applies to the whole site once saved. */
export function UiSettings() {
  return (
    <section class="page settings">
      <SettingsNav />
      <h1>UI</h1>
      <ConfigForm
        title="UI settings"
        idPrefix="ui"
        resource={settingsApi.ui}
        fields={UI_FIELDS}
        onSaved={(saved) => {
          uiSettings.value = saved;
          applyTheme(saved.theme);
        }}
      />
    </section>
  );
}
