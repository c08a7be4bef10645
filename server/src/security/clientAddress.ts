import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';
import type { Config } from '../config.js';

export type TrustFn = (address: string, hop: number) => boolean;

/** TRUST_PROXY as Express reads it, compiled once and shared by the HTTP API and the sockets. */
export function compileTrust(value: Config['trustProxy']): TrustFn {
  if (value === undefined) return () => false;
  if (value === true) return () => true;
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return proxyAddr.compile(value.split(',').map((s) => s.trim()));
}

/**
 * The address a request came from, for per-address limits: behind a trusted proxy the one the
 * proxy names, else the peer's. The same answer as Express's `req.ip` with the same setting.
 */
export function clientAddress(req: IncomingMessage, trust: TrustFn): string {
  return proxyAddr(req, trust);
}
