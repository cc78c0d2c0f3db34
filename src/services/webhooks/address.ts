import { lookup } from 'node:dns/promises';
import { isBlockedAddress } from '../../desk/webhook.js';

/**
 * Why a webhook URL may not be called, or undefined when it may: each address its host resolves
 * to must be public, unless private addresses are allowed (`WEBHOOK_ALLOW_PRIVATE`).
 */
export async function refusedUrl(url: string, allowPrivate: boolean): Promise<string | undefined> {
  if (allowPrivate) return undefined;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch {
    return `the host ${host} does not resolve`;
  }
  const blocked = addresses.find(({ address }) => isBlockedAddress(address));
  return blocked
    ? `the host ${host} resolves to ${blocked.address}, a private, loopback or link-local address`
    : undefined;
}
