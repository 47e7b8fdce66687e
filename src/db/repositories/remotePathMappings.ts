import { remotePathMappings } from "../schema";
import { crudRepository } from "./crud";

export type RemotePathMappingRow = typeof remotePathMappings.$inferSelect;

export const remotePathMappingRepository = crudRepository(remotePathMappings, [
  remotePathMappings.host,
  remotePathMappings.remotePath,
]);
