import { accept, type DecisionSpecification, reject } from "../specification";

/** A Usenet post younger than the minimum age waits, giving it time to propagate. */
export const minimumAge: DecisionSpecification = {
  name: "minimumAge",
  type: "temporary",
  evaluate(subject, context) {
    const minimum = context.settings.minimumAgeMinutes;
    if (subject.release.protocol !== "usenet" || !minimum || !subject.age.known) return accept();
    const minutes = Math.round(subject.age.minutes * 10) / 10;
    if (minutes >= minimum) return accept();
    return reject("belowMinimumAge", `Only ${minutes} minutes old, minimum age is ${minimum} minutes`);
  },
};
