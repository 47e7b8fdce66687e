import type { DecisionSpecification } from "../specification";
import { acceptableSize } from "./acceptableSize";
import { alreadyInQueue } from "./alreadyInQueue";
import { blocklisted } from "./blocklisted";
import { customFormatAllowedByProfile } from "./customFormatAllowedByProfile";
import { cutoffNotMet } from "./cutoffNotMet";
import { languageWanted } from "./languageWanted";
import { maximumSize } from "./maximumSize";
import { minimumAge } from "./minimumAge";
import { minimumSeeders } from "./minimumSeeders";
import { notAvailableOnStreaming } from "./notAvailableOnStreaming";
import { proper } from "./proper";
import { protocolEnabled } from "./protocolEnabled";
import { qualityAllowedByProfile } from "./qualityAllowedByProfile";
import { releaseRestrictions } from "./releaseRestrictions";
import { repack } from "./repack";
import { requiredIndexerFlags } from "./requiredIndexerFlags";
import { retention } from "./retention";
import { sample } from "./sample";
import { upgradable } from "./upgradable";
import { upgradeAllowed } from "./upgradeAllowed";

/** Every decision rule, run for every release; adding a rule is adding a module and a line here. */
export const DECISION_SPECIFICATIONS: readonly DecisionSpecification[] = [
  qualityAllowedByProfile,
  customFormatAllowedByProfile,
  languageWanted,
  upgradeAllowed,
  upgradable,
  cutoffNotMet,
  proper,
  repack,
  acceptableSize,
  maximumSize,
  minimumAge,
  retention,
  sample,
  minimumSeeders,
  requiredIndexerFlags,
  protocolEnabled,
  releaseRestrictions,
  blocklisted,
  alreadyInQueue,
  notAvailableOnStreaming,
];
