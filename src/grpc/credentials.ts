/**
 * Transport security: TLS from PEM files, an optional shared token in metadata, and plaintext only when
 * the caller asks for it on a loopback address.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { type ChannelCredentials, credentials, type Metadata, ServerCredentials } from "@grpc/grpc-js";

/** TLS for a server: its certificate chain and key, and optionally a CA that client certificates must chain to. */
export interface ServerTlsOptions {
  /** PEM certificate chain of the server. */
  certFile: string;
  /** PEM private key of the server. */
  keyFile: string;
  /** PEM CA bundle: when set, clients must present a certificate it signed (mutual TLS). */
  clientCaFile?: string;
}

/** TLS for a client. With no `caFile`, the system's root CAs are used. */
export interface ClientTlsOptions {
  /** PEM CA bundle that the server's certificate must chain to. */
  caFile?: string;
  /** PEM client certificate chain, for mutual TLS. */
  certFile?: string;
  /** PEM client private key, for mutual TLS. */
  keyFile?: string;
  /** Check the server certificate against this name instead of the target's host. */
  serverName?: string;
}

/** Security options shared by servers and clients: exactly one of `tls` or `insecure: true`. */
export interface SecurityOptions<Tls> {
  /** TLS from PEM files. */
  tls?: Tls;
  /** Plaintext. Allowed only on loopback addresses (127.0.0.0/8, ::1, localhost). */
  insecure?: boolean;
  /**
   * A shared secret. A server with a token refuses (UNAUTHENTICATED) every call whose `authorization`
   * metadata is not `Bearer <token>`, before decoding anything; a client with a token sends it on every call.
   */
  token?: string;
}

function readPem(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`cannot read the TLS ${what} from ${file}: ${reason}`, { cause: err });
  }
}

/** The host part of `host:port`, `[v6]:port`, `dns:///host:port`, `ipv4:a:p` or `ipv6:[a]:p`. */
export function hostOf(address: string): string {
  let a = address.trim();
  const scheme = /^(dns|ipv4|ipv6):(\/\/[^/]*\/)?/.exec(a);
  if (scheme) a = a.slice(scheme[0].length);
  if (a.startsWith("[")) {
    const end = a.indexOf("]");
    return end > 0 ? a.slice(1, end) : a;
  }
  if (isIP(a) === 6) return a; // a bare IPv6 literal has colons of its own
  const colon = a.lastIndexOf(":");
  return colon >= 0 ? a.slice(0, colon) : a;
}

/** True for 127.0.0.0/8, ::1 (and ::ffff:127.x.y.z) and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) return h === "::1" || h === "0:0:0:0:0:0:0:1" || /^::ffff:127\./.test(h);
  return false;
}

function checkChoice(opts: SecurityOptions<unknown>, addresses: readonly string[], side: string): void {
  if (opts.tls !== undefined && opts.insecure === true) {
    throw new TypeError(`${side}: pass either tls or insecure: true, not both`);
  }
  if (opts.tls === undefined && opts.insecure !== true) {
    throw new TypeError(`${side}: pass tls: { ... } (PEM files), or insecure: true for a loopback address`);
  }
  if (opts.insecure === true) {
    for (const a of addresses) {
      if (!isLoopbackHost(hostOf(a))) {
        throw new TypeError(
          `${side}: insecure (plaintext) is allowed only on loopback addresses, got ${a}; use tls for anything else`,
        );
      }
    }
  }
  if (opts.token !== undefined && (typeof opts.token !== "string" || opts.token.length < 16)) {
    throw new TypeError(`${side}: token must be a string of at least 16 characters`);
  }
}

/** Server credentials for `address`, from the options. Throws TypeError on a disallowed choice. */
export function serverCredentials(
  opts: SecurityOptions<ServerTlsOptions>,
  address: string,
): ServerCredentials {
  checkChoice(opts, [address], "safewire server");
  if (opts.tls === undefined) return ServerCredentials.createInsecure();
  const { certFile, keyFile, clientCaFile } = opts.tls;
  const pair = { cert_chain: readPem(certFile, "certificate"), private_key: readPem(keyFile, "private key") };
  const ca = clientCaFile !== undefined ? readPem(clientCaFile, "client CA") : null;
  return ServerCredentials.createSsl(ca, [pair], ca !== null);
}

/** Channel credentials and channel options for `addresses`. Throws TypeError on a disallowed choice. */
export function clientCredentials(
  opts: SecurityOptions<ClientTlsOptions>,
  addresses: readonly string[],
): { creds: ChannelCredentials; channelOptions: Record<string, string> } {
  checkChoice(opts, addresses, "safewire client");
  if (opts.tls === undefined) return { creds: credentials.createInsecure(), channelOptions: {} };
  const { caFile, certFile, keyFile, serverName } = opts.tls;
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new TypeError("safewire client: tls.certFile and tls.keyFile go together");
  }
  const creds = credentials.createSsl(
    caFile !== undefined ? readPem(caFile, "CA") : null,
    keyFile !== undefined ? readPem(keyFile, "private key") : null,
    certFile !== undefined ? readPem(certFile, "certificate") : null,
  );
  const channelOptions: Record<string, string> = {};
  if (serverName !== undefined) channelOptions["grpc.ssl_target_name_override"] = serverName;
  return { creds, channelOptions };
}

const digest = (s: string): Buffer => createHash("sha256").update(s, "utf8").digest();

/** A constant-time check of `authorization: Bearer <token>`; always true when no token is configured. */
export function tokenChecker(token: string | undefined): (md: Metadata) => boolean {
  if (token === undefined) return () => true;
  const want = digest(`Bearer ${token}`);
  return (md) => {
    const values = md.get("authorization");
    if (values.length !== 1 || typeof values[0] !== "string") return false;
    return timingSafeEqual(digest(values[0]), want);
  };
}
