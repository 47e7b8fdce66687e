import { DEFAULT_QUALITY_DEFINITIONS, Qualities, type Quality, qualityById } from "./qualities";

/** A profile item as stored: a single quality, or a group (id ≥ 1000) of qualities. */
export interface ProfileItem {
  quality?: number;
  id?: number;
  name?: string;
  items: ProfileItem[];
  allowed: boolean;
}

export interface QualityProfileDraft {
  name: string;
  upgradeAllowed: boolean;
  cutoff: number;
  items: ProfileItem[];
  minFormatScore: number;
  cutoffFormatScore: number;
  minUpgradeFormatScore: number;
  formatItems: { format: number; score: number }[];
  language: { id: number; name: string };
}

const FIRST_GROUP_ID = 1000;

/**
 * Every quality in weight order (worst first), with WEB-DL/WEBRip of one resolution grouped as
 * Radarr's default profiles group them, and `allowed` set for the given qualities.
 */
export function defaultProfileItems(allowed: readonly Quality[]): ProfileItem[] {
  const allowedIds = new Set(allowed.map((q) => q.id));
  const items: ProfileItem[] = [];
  const groups = new Map<string, ProfileItem>();
  for (const definition of DEFAULT_QUALITY_DEFINITIONS) {
    const single: ProfileItem = {
      quality: definition.quality.id,
      items: [],
      allowed: allowedIds.has(definition.quality.id),
    };
    if (!definition.groupName) {
      items.push(single);
      continue;
    }
    let group = groups.get(definition.groupName);
    if (!group) {
      group = { id: FIRST_GROUP_ID + groups.size, name: definition.groupName, items: [], allowed: false };
      groups.set(definition.groupName, group);
      items.push(group);
    }
    group.items.push(single);
    group.allowed ||= single.allowed;
  }
  for (const group of groups.values()) for (const member of group.items) member.allowed = group.allowed;
  return items;
}

/** The cutoff id for a quality: its group's id when the quality sits in a group. */
function cutoffFor(items: ProfileItem[], quality: Quality): number {
  const group = items.find((i) => i.items.some((m) => m.quality === quality.id));
  return group?.id ?? quality.id;
}

function profile(name: string, cutoff: Quality, allowed: Quality[]): QualityProfileDraft {
  const items = defaultProfileItems(allowed);
  return {
    name,
    upgradeAllowed: false,
    cutoff: cutoffFor(items, cutoff),
    items,
    minFormatScore: 0,
    cutoffFormatScore: 0,
    minUpgradeFormatScore: 1,
    formatItems: [],
    language: { id: 1, name: "English" },
  };
}

const Q = Qualities;
const SD = [
  Q.WORKPRINT,
  Q.CAM,
  Q.TELESYNC,
  Q.TELECINE,
  Q.REGIONAL,
  Q.DVDSCR,
  Q.SDTV,
  Q.DVD,
  Q.WEBDL480p,
  Q.WEBRip480p,
  Q.Bluray480p,
  Q.Bluray576p,
];
const HD720 = [Q.HDTV720p, Q.WEBDL720p, Q.WEBRip720p, Q.Bluray720p];
const HD1080 = [Q.HDTV1080p, Q.WEBDL1080p, Q.WEBRip1080p, Q.Bluray1080p, Q.Remux1080p];
const UHD = [Q.HDTV2160p, Q.WEBDL2160p, Q.WEBRip2160p, Q.Bluray2160p, Q.Remux2160p];

/** Radarr's default profiles (QualityProfileService.InstallDefaultProfiles). */
export const DEFAULT_QUALITY_PROFILES: QualityProfileDraft[] = [
  // Radarr leaves Raw-HD out of "Any" (it is allowed by no default profile).
  profile("Any", Q.Bluray480p, [...SD, Q.DVDR, ...HD720, ...HD1080, ...UHD, Q.BRDISK]),
  profile("SD", Q.Bluray480p, SD),
  profile("HD-720p", Q.Bluray720p, HD720),
  profile("HD-1080p", Q.Bluray1080p, HD1080),
  profile("Ultra-HD", Q.Remux2160p, UHD),
  profile("HD - 720p/1080p", Q.Bluray720p, [...HD720, ...HD1080]),
];

export interface ProfileProblem {
  path: string;
  message: string;
}

/**
 * Radarr's profile rules: every quality exactly once, groups with unique ids ≥ 1000 and at least
 * one quality, at least one allowed item, and the cutoff an allowed quality or group.
 */
export function validateProfileItems(items: ProfileItem[], cutoff: number): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  const seenQualities = new Set<number>();
  const groupIds = new Set<number>();
  const allowedIds = new Set<number>();
  items.forEach((item, index) => {
    const path = `items.${index}`;
    if (item.quality !== undefined) {
      if (item.items.length) problems.push({ path: `${path}.items`, message: "a single quality cannot contain items" });
      if (!qualityById(item.quality))
        problems.push({ path: `${path}.quality`, message: `unknown quality id ${item.quality}` });
      else if (seenQualities.has(item.quality))
        problems.push({ path: `${path}.quality`, message: `quality ${item.quality} appears more than once` });
      seenQualities.add(item.quality);
      if (item.allowed) allowedIds.add(item.quality);
      return;
    }
    if (item.id === undefined || item.id < FIRST_GROUP_ID) {
      problems.push({ path: `${path}.id`, message: `a group needs an id of ${FIRST_GROUP_ID} or more` });
    } else if (groupIds.has(item.id)) {
      problems.push({ path: `${path}.id`, message: `group id ${item.id} appears more than once` });
    } else groupIds.add(item.id);
    if (!item.name?.trim()) problems.push({ path: `${path}.name`, message: "a group needs a name" });
    if (item.items.length === 0)
      problems.push({ path: `${path}.items`, message: "a group needs at least one quality" });
    item.items.forEach((member, memberIndex) => {
      const memberPath = `${path}.items.${memberIndex}.quality`;
      if (member.quality === undefined || member.items.length) {
        problems.push({ path: memberPath, message: "groups hold single qualities only" });
      } else if (!qualityById(member.quality))
        problems.push({ path: memberPath, message: `unknown quality id ${member.quality}` });
      else if (seenQualities.has(member.quality))
        problems.push({ path: memberPath, message: `quality ${member.quality} appears more than once` });
      if (member.quality !== undefined) seenQualities.add(member.quality);
    });
    if (item.allowed && item.id !== undefined) allowedIds.add(item.id);
  });
  const missing = DEFAULT_QUALITY_DEFINITIONS.filter((d) => !seenQualities.has(d.quality.id)).map(
    (d) => d.quality.name,
  );
  if (missing.length)
    problems.push({ path: "items", message: `every quality must be listed; missing ${missing.join(", ")}` });
  if (allowedIds.size === 0) problems.push({ path: "items", message: "at least one quality must be allowed" });
  else if (!allowedIds.has(cutoff))
    problems.push({ path: "cutoff", message: `cutoff ${cutoff} must be an allowed quality or group` });
  return problems;
}
