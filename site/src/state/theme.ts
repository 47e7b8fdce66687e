import { settingsApi, type UiConfig } from "../api/settings";
import { uiSettings } from "./uiSettings";

/**
 * The site's theme (Settings › UI): dark, light, or "auto" following the system's
 * prefers-color-scheme. Set on the root element, where the stylesheet picks its colours, and
 * remembered in this browser so the next visit paints in it before the settings arrive.
 */
type Theme = UiConfig["theme"];
const KEY = "radarr-edge.theme";
const THEMES: readonly Theme[] = ["auto", "dark", "light"];

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // Storage refused (private mode): the theme still holds for this visit.
  }
}

/** The theme this browser last used, at once (before any request). */
export function restoreTheme(): void {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(KEY);
  } catch {
    stored = null;
  }
  document.documentElement.dataset.theme = THEMES.includes(stored as Theme) ? (stored as Theme) : "auto";
}

/** The theme saved in the UI settings (another browser may have changed it). */
export async function syncTheme(): Promise<void> {
  const saved = await settingsApi.ui.get();
  uiSettings.value = saved;
  applyTheme(saved.theme);
}
