import { accept, type DecisionSpecification, reject } from "../specification";

/** The movie does not already stream on a service the user subscribes to. */
export const notAvailableOnStreaming: DecisionSpecification = {
  name: "notAvailableOnStreaming",
  type: "permanent",
  evaluate(_subject, context) {
    const available = context.streamingService();
    if (!available) return accept();
    return reject("availableOnStreaming", `Available to stream on ${available.service}, a service you subscribe to`);
  },
};
