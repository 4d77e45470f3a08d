import { describe, expect, it } from "vitest";
import { embeddedIPv4, guardedLookup, refusedAddress, RefusedAddressError, webhookAddressPolicy } from "./address-guard";

const production = { allowLoopback: false };
const development = { allowLoopback: true };

describe("the webhook address guard refuses what is not the public internet", () => {
  it.each([
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.254", "private"],
    ["192.168.1.10", "private"],
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["169.254.169.254", "link-local"],
    ["169.254.1.1", "link-local"],
    ["0.0.0.0", "private"],
    ["100.64.0.1", "private"],
    ["224.0.0.1", "private"],
    ["255.255.255.255", "private"],
    ["::1", "loopback"],
    ["::", "private"],
    ["fc00::1", "private"],
    ["fd00:ec2::254", "private"],
    ["fdff:ffff::1", "private"],
    ["fe80::1", "private"],
    ["febf::1", "private"],
    ["ff02::1", "private"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:a9fe:a9fe", "link-local"],
    ["::ffff:192.168.0.1", "private"],
    ["64:ff9b::a00:1", "private"],
    ["::127.0.0.1", "private"],
  ])("refuses %s in production (%s)", (address, what) => {
    const reason = refusedAddress(address, production);
    expect(reason).toContain(address);
    expect(reason).toContain(what);
  });

  it.each(["8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "192.169.0.1", "11.0.0.1", "169.253.255.255", "2606:4700::6810:85e5", "2001:4860:4860::8888", "::ffff:8.8.8.8", "fbff::1", "2a00::1"])(
    "lets %s through",
    (address) => {
      expect(refusedAddress(address, production)).toBeNull();
    },
  );

  it("allows loopback only outside production, and nothing else private", () => {
    expect(refusedAddress("127.0.0.1", development)).toBeNull();
    expect(refusedAddress("::1", development)).toBeNull();
    expect(refusedAddress("::ffff:127.0.0.1", development)).toBeNull();
    expect(refusedAddress("10.0.0.1", development)).toContain("private");
    expect(refusedAddress("169.254.169.254", development)).toContain("link-local");
  });

  it("production refuses loopback; development, tests and the unsafe demo mode allow it", () => {
    expect(webhookAddressPolicy({ NODE_ENV: "production" })).toEqual({ allowLoopback: false });
    expect(webhookAddressPolicy({ NODE_ENV: "production", RINGBACK_UNSAFE_DEV_IN_PRODUCTION: "0" })).toEqual({ allowLoopback: false });
    expect(webhookAddressPolicy({ NODE_ENV: "production", RINGBACK_UNSAFE_DEV_IN_PRODUCTION: "1" })).toEqual({ allowLoopback: true });
    expect(webhookAddressPolicy({ NODE_ENV: "development" })).toEqual({ allowLoopback: true });
    expect(webhookAddressPolicy({ NODE_ENV: "test" })).toEqual({ allowLoopback: true });
  });

  it("reads the IPv4 address inside mapped and NAT64 IPv6 addresses", () => {
    expect(embeddedIPv4("::ffff:7f00:1")).toBe("127.0.0.1");
    expect(embeddedIPv4("::FFFF:10.1.2.3")).toBe("10.1.2.3");
    expect(embeddedIPv4("64:ff9b::c0a8:1")).toBe("192.168.0.1");
    expect(embeddedIPv4("2001:db8::1")).toBeNull();
    expect(embeddedIPv4("10.0.0.1")).toBeNull();
  });

  it("refuses a host name when any one of its addresses is private (a DNS answer mixing public and private)", async () => {
    const resolve = ((_host: string, _options: unknown, callback: (e: null, a: { address: string; family: number }[]) => void) =>
      callback(null, [
        { address: "93.184.216.34", family: 4 },
        { address: "10.0.0.7", family: 4 },
      ])) as never;
    const lookup = guardedLookup(production, resolve);
    const error = await new Promise<Error | null>((done) => lookup("crm.example.com", {}, (e) => done(e)));
    expect(error).toBeInstanceOf(RefusedAddressError);
    expect(error!.message).toBe("crm.example.com is not allowed: 10.0.0.7 is a private or reserved address. Webhooks go only to public internet addresses.");
  });

  it("answers both forms of lookup for a public host", async () => {
    const resolve = ((_host: string, _options: unknown, callback: (e: null, a: { address: string; family: number }[]) => void) =>
      callback(null, [{ address: "93.184.216.34", family: 4 }])) as never;
    const lookup = guardedLookup(production, resolve);
    const one = await new Promise((done) => lookup("crm.example.com", {}, (_e, address, family) => done([address, family])));
    expect(one).toEqual(["93.184.216.34", 4]);
    const all = await new Promise((done) => lookup("crm.example.com", { all: true }, (_e, address) => done(address)));
    expect(all).toEqual([{ address: "93.184.216.34", family: 4 }]);
  });
});
