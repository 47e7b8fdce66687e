import { SettingsNav } from "../components/SettingsNav";
import { useResource } from "../components/useResource";
import { refreshTags } from "../state/reference";
import { DelayProfiles } from "./DelayProfiles";
import { ReleaseProfiles } from "./ReleaseProfiles";

/** Settings › Delay & release profiles, beside the quality profiles. */
export function ProfileRulesSettings() {
  // The tags both editors offer.
  useResource(() => refreshTags(), []);
  return (
    <section class="page settings">
      <SettingsNav />
      <h1>Delay and release profiles</h1>
      <DelayProfiles />
      <ReleaseProfiles />
    </section>
  );
}
