import { BackupList } from "../components/BackupList";
import { SystemNav } from "../components/SystemNav";

/** System › Backup: the library's backups (the same list Settings › General shows). */
export function SystemBackup() {
  return (
    <section class="page system">
      <h1>System: Backup</h1>
      <SystemNav />
      <BackupList />
    </section>
  );
}
