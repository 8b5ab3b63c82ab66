import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { fail } from '../errors.ts';

/**
 * SSRF guard for outbound webhook requests: a URL whose host is, or resolves to, a loopback, private,
 * link-local, carrier-grade NAT, multicast or otherwise reserved address is refused, unless the operator
 * allows private addresses (PARLEY_WEBHOOK_ALLOW_PRIVATE, for an intranet receiver or tests). Every
 * address the name has is checked, and the request then goes to the checked address (no second lookup a
 * DNS rebinding could answer differently).
 */
const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['2001:db8::', 32]] as const) blocked.addSubnet(net, bits, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return blocked.check(mapped, 'ipv4');
  return blocked.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

export interface ResolvedTarget {
  address: string;
  family: 4 | 6;
}

/** The address to connect to for `url`, or `bad_request` saying why the URL may not be called. */
export async function resolveTarget(url: URL, allowPrivate: boolean): Promise<ResolvedTarget> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const found = isIP(host) ? [{ address: host, family: isIP(host) as 4 | 6 }] : await lookup(host, { all: true, verbatim: true }).catch(() => []);
  if (found.length === 0) fail('bad_request', `The webhook host ${host.slice(0, 100)} does not resolve.`);
  if (!allowPrivate) {
    const bad = found.find((a) => isPrivateAddress(a.address));
    if (bad) fail('bad_request', `The webhook URL points at a private or loopback address (${bad.address}); only public addresses may be called unless PARLEY_WEBHOOK_ALLOW_PRIVATE is on.`);
  }
  return { address: found[0].address, family: found[0].family as 4 | 6 };
}
