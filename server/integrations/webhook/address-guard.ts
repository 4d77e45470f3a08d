import dns from "node:dns";
import net from "node:net";
import { UNSAFE_OVERRIDE } from "../../security/production-settings";

/**
 * The SSRF guard of "Send to a webhook": an owner types the URL, so without it a flow could make
 * the server POST to the database, the cloud's metadata service (169.254.169.254) or anything else
 * on the private network. Every address a host name resolves to is checked (one bad address refuses
 * the whole host), and the check runs inside the connection's own DNS lookup, so the address
 * checked is the address connected to (no second lookup an attacker's DNS could answer differently).
 */

/** Blocked ranges, IPv4: "this network", private, carrier-grade NAT, loopback, link-local (cloud metadata), IETF, benchmarking, multicast, reserved. */
const BLOCKED_V4: [string, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];
/** IPv6: unspecified, loopback, IPv4-compatible, unique local (fc00::/7, incl. AWS's fd00:ec2::254), link-local, site-local, multicast. */
const BLOCKED_V6: [string, number][] = [
  ["::", 128],
  ["::1", 128],
  ["::", 96],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
];

const blocked = new net.BlockList();
for (const [address, prefix] of BLOCKED_V4) blocked.addSubnet(address, prefix, "ipv4");
for (const [address, prefix] of BLOCKED_V6) blocked.addSubnet(address, prefix, "ipv6");

const loopback = new net.BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/**
 * The IPv4 address an IPv6 address carries, for the forms that reach an IPv4 host: IPv4-mapped
 * (::ffff:10.0.0.1, ::ffff:a00:1) and NAT64 (64:ff9b::a00:1). Null for any other address.
 */
export function embeddedIPv4(address: string): string | null {
  if (net.isIP(address) !== 6) return null;
  const groups = expandIPv6(address);
  const isMapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  const isNat64 = groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0);
  if (!isMapped && !isNat64) return null;
  return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join(".");
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part counts as two). */
function expandIPv6(address: string): number[] {
  let text = address.toLowerCase().split("%")[0];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split(".").map(Number);
    text = text.slice(0, dotted.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, null];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = tail === null ? [] : Array(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((g) => parseInt(g, 16));
}

export type AddressPolicy = {
  /** Outside production: loopback (127.0.0.0/8, ::1) is allowed, for development and the tests. */
  allowLoopback: boolean;
};

/**
 * Loopback is a development convenience (the tests' and a developer's local receiver); production
 * posts only to public addresses. The unsafe demo mode runs against local doubles, so it may too.
 */
export const webhookAddressPolicy = (vars: Record<string, string | undefined> = process.env): AddressPolicy => ({
  allowLoopback: vars.NODE_ENV !== "production" || vars[UNSAFE_OVERRIDE] === "1",
});

/** Why an address may not be posted to, or null when it may. */
export function refusedAddress(address: string, policy: AddressPolicy): string | null {
  const family = net.isIP(address);
  if (family === 0) return `${address} is not an IP address`;
  const v4 = family === 4 ? address : embeddedIPv4(address);
  const [checked, type] = v4 !== null ? [v4, "ipv4" as const] : [address, "ipv6" as const];
  if (policy.allowLoopback && loopback.check(checked, type)) return null;
  if (!blocked.check(checked, type)) return null;
  if (loopback.check(checked, type)) return `${address} is this server itself (loopback)`;
  if (type === "ipv4" && checked.startsWith("169.254.")) return `${address} is a link-local address (where cloud metadata services live)`;
  return `${address} is a private or reserved address`;
}

/** Thrown when a URL leads to an address the guard refuses. */
export class RefusedAddressError extends Error {
  readonly code = "EREFUSEDADDRESS";
  constructor(
    readonly host: string,
    readonly reason: string,
  ) {
    super(`${host} is not allowed: ${reason}. Webhooks go only to public internet addresses.`);
    this.name = "RefusedAddressError";
  }
}

type LookupAddress = { address: string; family: number };
type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `http.request` that resolves every address of the host and refuses the host when
 * any of them is refused. Node calls it with `all: true` (happy eyeballs) or without; both are answered.
 */
export function guardedLookup(policy: AddressPolicy, resolve: typeof dns.lookup = dns.lookup) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "");
      const list = addresses as LookupAddress[];
      if (list.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "");
      for (const { address } of list) {
        const reason = refusedAddress(address, policy);
        if (reason) return callback(new RefusedAddressError(hostname, reason), "");
      }
      if (options.all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

/** A URL's host as an IP literal ("[::1]" → "::1"), or null when it is a name. */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return net.isIP(bare) ? bare : null;
}
