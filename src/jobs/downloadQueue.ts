import type { Env } from "../config";

/** Download work on the downloads queue (retries travel here with their policy's delay). */
export type DownloadJobMessage =
  /** Send a grab its client could not take yet. */
  | { action: "grab"; queueId: number }
  /** Check a failing download again (after a re-announce or re-check) and retry or give up. */
  | { action: "recheck"; queueId: number }
  /** Import a finished download again (after disk full, permission denied…). */
  | { action: "import"; queueId: number }
  /** Search for and grab the next-best release after the queue item failed. */
  | { action: "redownload"; queueId: number; movieId: number };

export async function enqueueDownloadJob(env: Env, message: DownloadJobMessage, delaySeconds: number) {
  await env.DOWNLOAD_QUEUE.send(message, delaySeconds > 0 ? { delaySeconds: Math.round(delaySeconds) } : undefined);
}
