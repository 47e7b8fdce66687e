import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from "./words";

/** A generated pool of people, credited on movies by details.ts. Ids cannot collide with TMDb's. */

const PERSON_FIRST_ID = 9_000_000;
const ACTOR_COUNT = 1_800;
const CREW_PER_DEPARTMENT = 100;

export const CREW_DEPARTMENTS = [
  { department: "Directing", job: "Director" },
  { department: "Writing", job: "Screenplay" },
  { department: "Production", job: "Producer" },
  { department: "Sound", job: "Original Music Composer" },
  { department: "Camera", job: "Director of Photography" },
  { department: "Editing", job: "Editor" },
] as const;

export interface Person {
  id: number;
  name: string;
  /** TMDb's codes: 0 not set, 1 female, 2 male. */
  gender: 0 | 1 | 2;
  knownForDepartment: string;
  popularity: number;
  hasProfile: boolean;
}

function buildPeople(): Person[] {
  const people: Person[] = [];
  const total = ACTOR_COUNT + CREW_DEPARTMENTS.length * CREW_PER_DEPARTMENT;
  for (let index = 0; index < total; index++) {
    const female = index % 2 === 0;
    const firstNames = female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES;
    const first = firstNames[Math.floor(index / 2) % firstNames.length];
    // Walking last names at a different stride keeps every first/last pair distinct.
    const last = LAST_NAMES[Math.floor(index / (2 * firstNames.length)) % LAST_NAMES.length];
    const department =
      index < ACTOR_COUNT
        ? "Acting"
        : CREW_DEPARTMENTS[Math.floor((index - ACTOR_COUNT) / CREW_PER_DEPARTMENT)].department;
    people.push({
      id: PERSON_FIRST_ID + index,
      name: `${first} ${last}`,
      gender: index % 17 === 5 ? 0 : female ? 1 : 2,
      knownForDepartment: department,
      popularity: Math.round((0.5 + ((index * 7919) % 1000) / 40) * 1000) / 1000,
      hasProfile: index % 5 !== 3,
    });
  }
  return people;
}

const people = buildPeople();
const byId = new Map(people.map((person) => [person.id, person]));

export const ACTORS: readonly Person[] = people.slice(0, ACTOR_COUNT);

export function crewFor(department: string): readonly Person[] {
  return people.filter((person) => person.knownForDepartment === department);
}

export function personById(id: number): Person | undefined {
  return byId.get(id);
}
