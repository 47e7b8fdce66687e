import { describe, expect, test } from "vitest";
import { hostSetting, httpUrlSetting, portSetting } from "../../src/domain/validation/addresses";
import { choiceSetting } from "../../src/domain/validation/choices";
import {
  absolutePathSetting,
  containingRoot,
  isPathInside,
  normalizeAbsolutePath,
} from "../../src/domain/validation/paths";

const problemOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? undefined : result.error?.issues[0].message;

describe("URL settings", () => {
  const baseUrl = httpUrlSetting();
  const fullUrl = httpUrlSetting({ allowQuery: true });

  test.each([
    ["http://localhost:9696/1", "http://localhost:9696/1"],
    ["https://api.nzbgeek.info/", "https://api.nzbgeek.info"],
    ["  HTTPS://Indexer.example.org:443/api//  ", "HTTPS://Indexer.example.org:443/api"],
    ["http://192.168.1.10:8080", "http://192.168.1.10:8080"],
    ["http://[::1]:9117/jackett", "http://[::1]:9117/jackett"],
    ["http://my_prowlarr:9696", "http://my_prowlarr:9696"],
  ])("accepts %j as %j", (input, stored) => {
    expect(baseUrl.parse(input)).toBe(stored);
  });

  test.each([
    ["file:///etc/passwd", "must be an http(s) URL; file: is not allowed"],
    ["javascript:alert(1)", "must be an http(s) URL; javascript: is not allowed"],
    ["gopher://example.org:70/", "must be an http(s) URL; gopher: is not allowed"],
    ["data:text/html,<b>x</b>", "must be an http(s) URL; data: is not allowed"],
    ["ftp://example.org", "must be an http(s) URL; ftp: is not allowed"],
    ["localhost:9696", "must be an http(s) URL; localhost: is not allowed"],
    ["example.org/api", "must start with http:// or https://"],
    ["http:example.org", "must start with http:// or https://"],
    ["", "is required"],
    ["http://exa mple.org", "must not contain spaces or control characters"],
    ["http://example.org/a\u0000b", "must not contain spaces or control characters"],
    // A credential in a URL is exactly what this case refuses.
    // secretlint-disable-next-line @secretlint/secretlint-rule-basicauth
    ["http://user:pass@example.org", "must not contain a user name or password; use the credential fields"],
    ["http://@example.org", "must not contain a user name or password; use the credential fields"],
    ["http://example.org:0", "host port must be 1-65535"],
    ["http://example.org:65536", "host port must be 1-65535"],
    ["http://example.org:http", "host port must be 1-65535"],
    ["http://", "host is required"],
    ["http://:8080", "host is required"],
    ["http://exa%41mple.org", "host must be a host name or IP address (letters, digits, dots, hyphens)"],
    ["http://-bad-.org", "host must be a host name or IP address (letters, digits, dots, hyphens)"],
    ["http://999.1.1.1", "host is not a valid IPv4 address"],
    ["http://[::g]", "host is not a valid IPv6 address"],
    ["http://example.org/#top", "must not contain a fragment (#…)"],
    ["http://example.org/api?t=caps", "must not contain a query (?…)"],
  ])("refuses %j: %s", (input, message) => {
    expect(problemOf(baseUrl.safeParse(input))).toBe(message);
  });

  test("full URLs (webhooks, published lists) may carry a query and keep their trailing slash", () => {
    expect(fullUrl.parse("https://hooks.example.org/in/?token=abc")).toBe("https://hooks.example.org/in/?token=abc");
    expect(problemOf(fullUrl.safeParse("https://hooks.example.org/in#x"))).toBe("must not contain a fragment (#…)");
    expect(problemOf(fullUrl.safeParse(42))).toBe("must be an http(s) URL");
  });
});

describe("host settings", () => {
  test.each([
    ["localhost", "localhost"],
    [" qbittorrent.lan ", "qbittorrent.lan"],
    ["10.0.0.5", "10.0.0.5"],
    ["::1", "::1"],
    ["[fe80::1]", "fe80::1"],
    ["sab_nzbd", "sab_nzbd"],
  ])("accepts %j as %j", (input, stored) => {
    expect(hostSetting.parse(input)).toBe(stored);
  });

  test.each([
    ["", "host is required"],
    ["http://localhost", "host must be a host name or IP address, not a URL"],
    ["file:///etc", "host must be a host name or IP address, not a URL"],
    ["localhost/qbittorrent", "host must not contain a path; use the URL Base field"],
    ["nas\\qbittorrent", "host must not contain a path; use the URL Base field"],
    ["localhost?x=1", "host must not contain a query (?…)"],
    ["localhost#x", "host must not contain a fragment (#…)"],
    ["admin@localhost", "host must not contain a user name or password; use the credential fields"],
    ["localhost:8080", "host must not contain a port; use the Port field"],
    ["local host", "host must not contain spaces or control characters"],
    ["javascript:alert(1)", "host must be a host name or IP address, not a URL"],
    ["fe80::1::2", "host is not a valid IPv6 address"],
    ["exa$mple", "host must be a host name or IP address (letters, digits, dots, hyphens)"],
    [`${"a".repeat(64)}.org`, "host must be a host name or IP address (letters, digits, dots, hyphens)"],
    ["[::1", "host is not a valid IPv6 address"],
    ["300.1.1.1", "host is not a valid IPv4 address"],
  ])("refuses %j: %s", (input, message) => {
    expect(problemOf(hostSetting.safeParse(input))).toBe(message);
  });

  test("ports are 1-65535", () => {
    expect(portSetting.parse(65_535)).toBe(65_535);
    for (const bad of [0, 65_536, 80.5, -1, "80"])
      expect(problemOf(portSetting.safeParse(bad))).toBe("port must be 1-65535");
  });
});

describe("folder paths", () => {
  test.each([
    ["/movies", "/movies"],
    ["/", "/"],
    ["//movies//hd///", "/movies/hd"],
    ["  /movies/./hd/ ", "/movies/hd"],
    ["/movies/The Matrix (1999)", "/movies/The Matrix (1999)"],
    ["D:\\Movies\\", "D:\\Movies"],
    ["D:/Movies//HD", "D:\\Movies\\HD"],
    ["D:\\", "D:\\"],
    ["\\\\nas\\share\\movies\\", "\\\\nas\\share\\movies"],
  ])("accepts %j as %j", (input, stored) => {
    expect(absolutePathSetting().parse(input)).toBe(stored);
  });

  test.each([
    ["", "is required"],
    ["movies", "must be absolute, e.g. /movies or D:\\Movies"],
    ["./movies", "must be absolute, e.g. /movies or D:\\Movies"],
    ["D:Movies", "must be absolute, e.g. /movies or D:\\Movies"],
    ["/movies/../etc", "must not contain '..' segments"],
    ["/movies/..", "must not contain '..' segments"],
    ["/movies/x\\..\\y", "must not contain '..' segments"],
    ["D:\\Movies\\..\\Windows", "must not contain '..' segments"],
    ["/movies/a\u0000b", "must not contain NUL or other control characters"],
    ["/movies/a\nb", "must not contain NUL or other control characters"],
    ["\\\\nas", "must name a share, e.g. \\\\server\\share"],
    [`/${"a".repeat(1024)}`, "must be at most 1024 characters"],
  ])("refuses %j: %s", (input, message) => {
    expect(problemOf(absolutePathSetting().safeParse(input))).toBe(message);
  });

  test("an optional path may be empty; anything else is checked", () => {
    const optional = absolutePathSetting({ optional: true });
    expect(optional.parse("  ")).toBe("");
    expect(optional.parse("/downloads/")).toBe("/downloads");
    expect(problemOf(optional.safeParse("downloads"))).toBe("must be absolute, e.g. /movies or D:\\Movies");
    expect(normalizeAbsolutePath("/a/b/")).toEqual({ path: "/a/b" });
  });

  test("inside a folder: strictly below it, by whole segments; Windows ignores case", () => {
    expect(isPathInside("/movies", "/movies/Matrix")).toBe(true);
    expect(isPathInside("/movies", "/movies")).toBe(false);
    expect(isPathInside("/movies", "/movies2/Matrix")).toBe(false);
    expect(isPathInside("/", "/movies")).toBe(true);
    expect(isPathInside("/Movies", "/movies/Matrix")).toBe(false);
    expect(isPathInside("D:\\Movies", "d:\\movies\\Matrix")).toBe(true);
    expect(isPathInside("D:\\", "D:\\Matrix")).toBe(true);
    expect(isPathInside("D:\\Movies", "/Movies/Matrix")).toBe(false);
    expect(containingRoot(["/movies", "/movies/hd", "/tv"], "/movies/hd/Matrix")).toBe("/movies/hd");
    expect(containingRoot(["/movies"], "/tv/Matrix")).toBeUndefined();
  });
});

describe("choice settings", () => {
  const priority = choiceSetting([
    { value: -100, name: "Default" },
    { value: 2, name: "Force" },
  ]);
  const method = choiceSetting([
    { value: "POST", name: "POST" },
    { value: "PUT", name: "PUT" },
  ]);

  test("take one of the options and nothing else, naming the options", () => {
    expect(priority.parse(-100)).toBe(-100);
    expect(method.parse("PUT")).toBe("PUT");
    expect(problemOf(priority.safeParse(-50))).toBe("must be one of -100, 2");
    expect(problemOf(method.safeParse("GET"))).toBe('must be one of "POST", "PUT"');
    expect(problemOf(priority.safeParse("2"))).toBe("must be one of -100, 2");
  });
});
