import { accept, type DecisionSpecification, reject } from "../specification";

/** Radarr's ProtocolSpecification: the movie's delay profile enables the release's protocol. */
export const protocolEnabled: DecisionSpecification = {
  name: "protocolEnabled",
  type: "permanent",
  evaluate(subject, context) {
    const profile = context.delayProfile;
    if (!profile) return accept();
    const { protocol } = subject.release;
    if (protocol === "usenet" && !profile.enableUsenet)
      return reject("protocolDisabled", "Usenet is not enabled for this movie");
    if (protocol === "torrent" && !profile.enableTorrent)
      return reject("protocolDisabled", "Torrent is not enabled for this movie");
    return accept();
  },
};
