import { describe, expect, it } from "vitest";
import { parseRequestHeaders, requestHeadersSetting } from "../../src/domain/validation/headers";
import { unreachableHostKind, urlHost } from "../../src/domain/validation/privateHosts";

describe("hosts a deployed Worker cannot reach", () => {
  it.each([
    ["127.0.0.1", "a loopback address"],
    ["::1", "a loopback address"],
    ["[::1]", "a loopback address"],
    ["10.0.0.5", "a private address"],
    ["172.16.3.4", "a private address"],
    ["192.168.1.20", "a private address"],
    ["fd12:3456::1", "a private address"],
    ["169.254.10.1", "a link-local address"],
    ["fe80::1", "a link-local address"],
    ["100.64.0.1", "a carrier-grade NAT address"],
    ["::ffff:192.168.0.1", "a private address"],
    ["0.0.0.0", "an unroutable address"],
    ["localhost", "a local name"],
    ["nas.local", "a local name"],
    ["router.home.arpa", "a local name"],
    ["qbittorrent", "a name without a domain"],
  ])("%s is %s", (host, kind) => {
    expect(unreachableHostKind(host)).toBe(kind);
  });

  it.each(["qb.example.com", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "prowlarr.example.org."])(
    "%s is reachable",
    (host) => {
      expect(unreachableHostKind(host)).toBeUndefined();
    },
  );

  it("reads the host of a URL", () => {
    expect(urlHost("https://prowlarr.example.com/1")).toBe("prowlarr.example.com");
    expect(urlHost("http://[fe80::1]:9696")).toBe("[fe80::1]");
    expect(urlHost("not a url")).toBeUndefined();
  });
});

describe("request headers setting", () => {
  it("parses Name: value entries split by ; or new lines", () => {
    expect(parseRequestHeaders("CF-Access-Client-Id: a.access; CF-Access-Client-Secret: s\nX-Extra: 1")).toEqual({
      "CF-Access-Client-Id": "a.access",
      "CF-Access-Client-Secret": "s",
      "X-Extra": "1",
    });
    expect(parseRequestHeaders(undefined)).toEqual({});
  });

  it.each(["no colon", "Bad Name: x", "Authorization: Bearer x", "X-Empty:", Array(11).fill("X-A: 1").join(";")])(
    "refuses %j",
    (text) => {
      expect(requestHeadersSetting.safeParse(text).success).toBe(false);
    },
  );
});
