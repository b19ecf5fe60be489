/**
 * Ordering Kubernetes minor versions such as `1.9` and `1.36` by number,
 * not by text.
 */

/** Compares two `major.minor` versions; returns <0, 0 or >0. */
export function compareMinorVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split(".").map(Number);
  const [bMajor = 0, bMinor = 0] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}
