import { type MediaManagementConfig, type NamingConfig, settingsApi } from "../api/settings";
import { type ConfigField, ConfigForm } from "../components/ConfigForm";
import { SettingsNav } from "../components/SettingsNav";
import { useResource } from "../components/useResource";
import { RemotePathMappings } from "./RemotePathMappings";

const NAMING_FIELDS: ConfigField<NamingConfig>[] = [
  { name: "renameMovies", label: "Rename movies", type: "checkbox", help: "Imported files get the format below" },
  { name: "replaceIllegalCharacters", label: "Replace illegal characters", type: "checkbox" },
  {
    name: "colonReplacementFormat",
    label: "Colon replacement",
    type: "select",
    options: [
      ["delete", "Delete"],
      ["dash", "Replace with dash"],
      ["spaceDash", "Replace with space dash"],
      ["spaceDashSpace", "Replace with space dash space"],
      ["smart", "Smart replace"],
    ],
  },
  { name: "standardMovieFormat", label: "Standard movie format", type: "textbox" },
  { name: "movieFolderFormat", label: "Movie folder format", type: "textbox" },
];

const yesNo = (name: keyof MediaManagementConfig & string, label: string, help?: string, advanced = false) =>
  ({ name, label, type: "checkbox", help, advanced }) as const;

const FILE_FIELDS: ConfigField<MediaManagementConfig>[] = [
  yesNo("createEmptyMovieFolders", "Create empty movie folders", "Create folders for movies not downloaded yet"),
  yesNo("deleteEmptyFolders", "Delete empty folders", "Delete empty movie folders during a disk scan"),
  yesNo("autoUnmonitorPreviouslyDownloadedMovies", "Unmonitor deleted movies"),
  yesNo("copyUsingHardlinks", "Use hardlinks instead of copy"),
  yesNo("importExtraFiles", "Import extra files"),
  {
    name: "extraFileExtensions",
    label: "Extra file extensions",
    type: "textbox",
    help: "Comma-separated, e.g. srt,nfo",
  },
  {
    name: "downloadPropersAndRepacks",
    label: "Propers and repacks",
    type: "select",
    options: [
      ["preferAndUpgrade", "Prefer and upgrade"],
      ["doNotUpgrade", "Do not upgrade automatically"],
      ["doNotPrefer", "Do not prefer"],
    ],
  },
  yesNo("enableMediaInfo", "Analyse video files"),
  {
    name: "rescanAfterRefresh",
    label: "Rescan folder after refresh",
    type: "select",
    options: [
      ["always", "Always"],
      ["afterManual", "After manual refresh"],
      ["never", "Never"],
    ],
  },
  {
    name: "fileDate",
    label: "Change file date",
    type: "select",
    options: [
      ["none", "None"],
      ["cinemas", "In cinemas date"],
      ["release", "Physical release date"],
    ],
  },
  yesNo("skipFreeSpaceCheckWhenImporting", "Skip free space check", undefined, true),
  {
    name: "minimumFreeSpaceWhenImporting",
    label: "Minimum free space (MB)",
    type: "number",
    advanced: true,
  },
  { name: "recycleBin", label: "Recycling bin", type: "textbox", advanced: true },
  { name: "recycleBinCleanupDays", label: "Recycling bin cleanup (days)", type: "number", advanced: true },
  yesNo("autoRenameFolders", "Rename movie folders", undefined, true),
  yesNo("pathsDefaultStatic", "Movie paths default to static", undefined, true),
];

/** Settings › Media Management: how imported files are named, file handling, remote path mappings. */
export function MediaManagementSettings() {
  return (
    <section class="page settings">
      <SettingsNav />
      <h1>Media management</h1>
      <ConfigForm
        title="Movie naming"
        idPrefix="naming"
        resource={settingsApi.naming}
        fields={NAMING_FIELDS}
        extra={(values) => <NamingExamples values={values} />}
      />
      <ConfigForm
        title="File management"
        idPrefix="files"
        resource={settingsApi.mediaManagement}
        fields={FILE_FIELDS}
      />
      <RemotePathMappings />
    </section>
  );
}

/** What the formats being typed make of an example movie, asked of the server once typing pauses. */
function NamingExamples({ values }: { values: Partial<NamingConfig> }) {
  const { standardMovieFormat, movieFolderFormat } = values;
  const { data, error } = useResource(
    (signal) => settingsApi.naming.examples({ standardMovieFormat, movieFolderFormat }, signal),
    [standardMovieFormat, movieFolderFormat],
    { delayMs: 300 },
  );
  return (
    <dl class="naming-examples" aria-label="Naming examples">
      <dt>Movie file</dt>
      <dd>
        <code>{data.value?.movieExample ?? "…"}</code>
      </dd>
      <dt>Movie folder</dt>
      <dd>
        <code>{data.value?.movieFolderExample ?? "…"}</code>
      </dd>
      {Boolean(error.value) && (
        <dd class="field-error" role="alert">
          {errorText(error.value)}
        </dd>
      )}
    </dl>
  );
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
