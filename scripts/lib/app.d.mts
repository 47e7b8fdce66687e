export const ROOT: string;
export function applyMigrations(persistDir: string): Promise<void>;
export function executeSqlFile(persistDir: string, file: string): Promise<void>;
export function queryLocalD1(persistDir: string, sql: string): Promise<Record<string, unknown>[]>;
export function startApp(options: {
  port?: number;
  persistDir: string;
  vars?: Record<string, string>;
  logLevel?: string;
  registry?: string;
  root?: string;
}): Promise<{ url: string; stop: () => Promise<void> }>;
export function fireCronsLocally(appUrl: string, onFire?: (cron: string, result: number | string) => void): () => void;
