import { signal } from "@preact/signals";
import type { UiConfig } from "../api/settings";

/**
 * Settings › UI as saved (GET /api/v3/config/ui): read once after signing in (with the theme,
 * state/theme.ts) and replaced when the settings page saves, so every page formats dates and lays
 * out weeks from the same copy rather than asking per component. Undefined until it arrives.
 */
export const uiSettings = signal<UiConfig | undefined>(undefined);
