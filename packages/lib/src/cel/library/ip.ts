/**
 * The Kubernetes IP and CIDR libraries (`k8s.io/apiserver/pkg/cel/library`,
 * `ip.go` and `cidr.go`): `isIP`, `ip`, `ip.isCanonical`, `isCIDR`, `cidr`
 * and their methods. Addresses are parsed as Go's `netip.ParseAddr`
 * (no leading zeros in IPv4 octets); zones and IPv4-mapped IPv6 addresses
 * are rejected, as the API server rejects them.
 */
import { EvaluationError, type Environment } from "@marcbachmann/cel-js";

/** An IPv4 (4 bytes) or IPv6 (16 bytes) address. */
export class IpAddress {
  /** The address bytes. */
  readonly bytes: readonly number[];

  constructor(bytes: readonly number[]) {
    this.bytes = bytes;
  }

  /** 4 or 6. */
  get family(): 4 | 6 {
    return this.bytes.length === 4 ? 4 : 6;
  }

  /** The canonical form: dotted IPv4, or RFC 5952 IPv6 (lowercase, the longest zero run as `::`). */
  toString(): string {
    if (this.family === 4) return this.bytes.join(".");
    const groups: number[] = [];
    for (let index = 0; index < 16; index += 2) groups.push(((this.bytes[index] ?? 0) << 8) | (this.bytes[index + 1] ?? 0));
    let bestStart = -1;
    let bestLength = 1;
    for (let start = 0; start < 8; start += 1) {
      let length = 0;
      while (start + length < 8 && groups[start + length] === 0) length += 1;
      if (length > bestLength) [bestStart, bestLength] = [start, length];
    }
    const hex = groups.map((group) => group.toString(16));
    if (bestStart === -1) return hex.join(":");
    return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
  }
}

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  const bytes = parts.map((part) => (/^(0|[1-9]\d{0,2})$/.test(part) ? Number(part) : 256));
  return bytes.every((byte) => byte <= 255) ? bytes : undefined;
}

function parseIpv6(text: string): number[] | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string): number[] | undefined => {
    if (part === "") return [];
    const out: number[] = [];
    const pieces = part.split(":");
    for (const [index, piece] of pieces.entries()) {
      if (index === pieces.length - 1 && piece.includes(".")) {
        const v4 = parseIpv4(piece);
        if (v4 === undefined) return undefined;
        out.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(piece)) out.push(Number.parseInt(piece, 16));
      else return undefined;
    }
    return out;
  };
  const head = groupsOf(halves[0] ?? "");
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? "") : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<number>(missing).fill(0), ...tail];
  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}

function isIpv4Mapped(bytes: readonly number[]): boolean {
  return bytes.length === 16 && bytes.slice(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
}

/**
 * Parses an IP address as the API server's `ip()`.
 *
 * @throws {Error} saying why it is not one.
 */
export function parseIp(text: string): IpAddress {
  if (text.includes("%")) throw new Error(`IP address ${JSON.stringify(text)} with zone value is not allowed`);
  const bytes = text.includes(":") ? parseIpv6(text) : parseIpv4(text);
  if (bytes === undefined) throw new Error(`IP Address ${JSON.stringify(text)} parse error during conversion from string: ParseAddr(${JSON.stringify(text)}): unable to parse IP`);
  if (isIpv4Mapped(bytes)) throw new Error(`IPv4-mapped IPv6 address ${JSON.stringify(text)} is not allowed`);
  return new IpAddress(bytes);
}

/** An address prefix, e.g. `10.0.0.0/8`. */
export class Cidr {
  /** The address as written (host bits kept). */
  readonly address: IpAddress;
  /** The prefix length. */
  readonly prefixLength: number;

  constructor(address: IpAddress, prefixLength: number) {
    this.address = address;
    this.prefixLength = prefixLength;
  }

  /** Whether `ip` is inside the prefix (same family). */
  contains(ip: IpAddress): boolean {
    if (ip.family !== this.address.family) return false;
    for (let bit = 0; bit < this.prefixLength; bit += 1) {
      const byte = bit >> 3;
      const mask = 0x80 >> (bit & 7);
      if (((ip.bytes[byte] ?? 0) & mask) !== ((this.address.bytes[byte] ?? 0) & mask)) return false;
    }
    return true;
  }

  /** The prefix with its host bits cleared. */
  masked(): Cidr {
    const bytes = this.address.bytes.map((byte, index) => {
      const bits = Math.min(Math.max(this.prefixLength - index * 8, 0), 8);
      return byte & (0xff << (8 - bits)) & 0xff;
    });
    return new Cidr(new IpAddress(bytes), this.prefixLength);
  }

  toString(): string {
    return `${this.address.toString()}/${this.prefixLength}`;
  }
}

/**
 * Parses a CIDR as the API server's `cidr()`.
 *
 * @throws {Error} saying why it is not one.
 */
export function parseCidr(text: string): Cidr {
  const slash = text.lastIndexOf("/");
  const bits = text.slice(slash + 1);
  if (slash === -1 || !/^(0|[1-9]\d{0,2})$/.test(bits)) throw new Error(`network address parse error during conversion from string: netip.ParsePrefix(${JSON.stringify(text)}): bad bits`);
  const address = parseIp(text.slice(0, slash));
  const length = Number(bits);
  if (length > address.bytes.length * 8) throw new Error(`network address parse error during conversion from string: netip.ParsePrefix(${JSON.stringify(text)}): prefix length out of range`);
  return new Cidr(address, length);
}

function evaluation<T>(parse: (text: string) => T): (text: string) => T {
  return (text) => {
    try {
      return parse(text);
    } catch (error) {
      throw new EvaluationError(error instanceof Error ? error.message : String(error));
    }
  };
}

function succeeds(parse: (text: string) => unknown): (text: string) => boolean {
  return (text) => {
    try {
      parse(text);
      return true;
    } catch {
      return false;
    }
  };
}

function isMulticast(ip: IpAddress): boolean {
  return ip.family === 4 ? ((ip.bytes[0] ?? 0) & 0xf0) === 0xe0 : ip.bytes[0] === 0xff;
}

function isLoopback(ip: IpAddress): boolean {
  return ip.family === 4 ? ip.bytes[0] === 127 : ip.bytes.every((byte, index) => byte === (index === 15 ? 1 : 0));
}

function isUnspecified(ip: IpAddress): boolean {
  return ip.bytes.every((byte) => byte === 0);
}

function isLinkLocalUnicast(ip: IpAddress): boolean {
  return ip.family === 4 ? ip.bytes[0] === 169 && ip.bytes[1] === 254 : ip.bytes[0] === 0xfe && ((ip.bytes[1] ?? 0) & 0xc0) === 0x80;
}

function isLinkLocalMulticast(ip: IpAddress): boolean {
  return ip.family === 4 ? ip.bytes[0] === 224 && ip.bytes[1] === 0 && ip.bytes[2] === 0 : ip.bytes[0] === 0xff && ((ip.bytes[1] ?? 0) & 0x0f) === 0x02;
}

function isGlobalUnicast(ip: IpAddress): boolean {
  const broadcast = ip.family === 4 && ip.bytes.every((byte) => byte === 255);
  return !broadcast && !isUnspecified(ip) && !isLoopback(ip) && !isMulticast(ip) && !isLinkLocalUnicast(ip);
}

const IP = "net.IP";
const CIDR = "net.CIDR";

/** The receiver of `ip.isCanonical`. */
class IpNamespace {}

/** Registers the IP and CIDR functions described above. */
export function registerIp(env: Environment): void {
  const ip = evaluation(parseIp);
  const cidr = evaluation(parseCidr);
  env
    .registerType(IP, IpAddress)
    .registerType(CIDR, Cidr)
    .registerFunction(`ip(string): ${IP}`, ip)
    .registerFunction("isIP(string): bool", succeeds(parseIp))
    .registerFunction(`string(${IP}): string`, (value: IpAddress) => value.toString())
    .registerFunction(`${IP}.family(): int`, (value: IpAddress) => BigInt(value.family))
    .registerFunction(`${IP}.isUnspecified(): bool`, isUnspecified)
    .registerFunction(`${IP}.isLoopback(): bool`, isLoopback)
    .registerFunction(`${IP}.isLinkLocalMulticast(): bool`, isLinkLocalMulticast)
    .registerFunction(`${IP}.isLinkLocalUnicast(): bool`, isLinkLocalUnicast)
    .registerFunction(`${IP}.isGlobalUnicast(): bool`, isGlobalUnicast)
    .registerOperator(`${IP} == ${IP}`, (left: IpAddress, right: IpAddress) => left.toString() === right.toString())
    .registerFunction(`cidr(string): ${CIDR}`, cidr)
    .registerFunction("isCIDR(string): bool", succeeds(parseCidr))
    .registerFunction(`string(${CIDR}): string`, (value: Cidr) => value.toString())
    .registerFunction(`${CIDR}.containsIP(${IP}): bool`, (value: Cidr, other: IpAddress) => value.contains(other))
    .registerFunction(`${CIDR}.containsIP(string): bool`, (value: Cidr, other: string) => value.contains(ip(other)))
    .registerFunction(`${CIDR}.containsCIDR(${CIDR}): bool`, (value: Cidr, other: Cidr) => value.prefixLength <= other.prefixLength && value.contains(other.address))
    .registerFunction(`${CIDR}.containsCIDR(string): bool`, (value: Cidr, text: string) => {
      const other = cidr(text);
      return value.prefixLength <= other.prefixLength && value.contains(other.address);
    })
    .registerFunction(`${CIDR}.ip(): ${IP}`, (value: Cidr) => value.address)
    .registerFunction(`${CIDR}.masked(): ${CIDR}`, (value: Cidr) => value.masked())
    .registerFunction(`${CIDR}.prefixLength(): int`, (value: Cidr) => BigInt(value.prefixLength))
    .registerOperator(`${CIDR} == ${CIDR}`, (left: Cidr, right: Cidr) => left.toString() === right.toString())
    .registerType("IpNamespace", IpNamespace)
    .registerConstant("ip", "IpNamespace", new IpNamespace())
    .registerFunction("IpNamespace.isCanonical(string): bool", (_namespace: IpNamespace, text: string) => ip(text).toString() === text);
}
