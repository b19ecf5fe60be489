/**
 * A cache of Node's module resolutions, kept beside its compile cache, for
 * the command line's start.
 *
 * Node resolves every import again in every process: for each of the ~1,000
 * imports that `gen` loads it walks up folders, reads `package.json` files
 * and follows symlinks, about 0.15 s in all. This cache answers an import
 * with the file and format that Node gave last time, as long as nothing that
 * Node's answer depends on has changed since.
 *
 * What an answer depends on is recorded as two kinds of checks:
 *
 * - a **folder** check, for the importing file's folder, the imported file's
 *   folder and (for a relative import) the folder the import names, and for
 *   every folder above each of them: the folder's inode (a folder replaced,
 *   renamed or relinked is another inode), and the state of the
 *   `package.json` and of the `node_modules` in it (whether they exist,
 *   inode, size, modification time). Installing a package changes its
 *   `node_modules` folder; editing a `package.json` changes its time.
 * - a **listing** check, for the folder of the imported file, the folder the
 *   import names and the `node_modules/@scope` folders a scoped package is
 *   looked up in: the folder's inode and modification time, which change
 *   whenever a file in it is added, removed or renamed.
 *
 * An answer is used only while each of its checks gives what was recorded.
 * A state that changed less than two seconds before the run that read it is
 * not recorded (file systems keep coarse times), so the answers that depend
 * on it are resolved by Node again next time.
 *
 * The cache file is named after Node's version, its flags and this module's
 * location, so another Node or other `--conditions` start afresh.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import module from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Options of {@link enableResolutionCache}. */
export interface ResolutionCacheOptions {
  /**
   * The folder of the cache file.
   * @default Node's compile cache folder (`module.getCompileCacheDir()`);
   *   when Node's compile cache is off, no cache is kept.
   */
  readonly directory?: string;
  /**
   * Resolve every import with Node as well, and count the answers from the
   * cache that differ (for tests).
   * @default false
   */
  readonly verify?: boolean;
  /**
   * How long before the process started a state must have last changed to
   * be recorded, in milliseconds.
   * @default 2000
   */
  readonly settleMs?: number;
  /**
   * How many answers the file keeps at most (about 400 bytes each): beyond
   * it, the answers least recently used are dropped when a run stores. A
   * project and every command of the library need about 1,500.
   * @default 4000
   */
  readonly maxEntries?: number;
}

/** What the cache did in this process. */
export interface ResolutionCacheStats {
  /** Imports answered from the cache. */
  hits: number;
  /** Imports resolved by Node: new ones, and those whose checks changed. */
  misses: number;
  /** With `verify`, answers from the cache that differ from Node's. */
  mismatches: number;
}

/** A running resolution cache. */
export interface ResolutionCache {
  /** The cache file. */
  readonly file: string;
  /** What it did so far. */
  readonly stats: Readonly<ResolutionCacheStats>;
  /** Writes the cache file now, if anything changed (also done when the process exits). */
  store(): void;
}

/** A check: `f:` and a folder for a folder check, `l:` and a folder for a listing check. */
type Check = string;

/**
 * One cached answer: the resolved URL, the format when Node gave one (it
 * gives none to `require()`, whose loader then decides by itself), and the
 * checks it depends on.
 */
interface Entry {
  readonly url: string;
  readonly format?: string | null;
  readonly checks: readonly Check[];
  /** The number of the store that last saw it used. */
  readonly seen: number;
}

/** The cache as it is used: what each check gave, and the answers by importing URL, specifier and conditions. */
interface Cache {
  /** How many times the file was stored. */
  readonly stores: number;
  readonly states: ReadonlyMap<Check, string>;
  readonly entries: ReadonlyMap<string, Entry>;
}

/**
 * The cache as it is written, compact for a fast read: each folder and set
 * of conditions once, a check as a number (twice the folder's index, plus
 * one for a listing check), and each answer as `[url, format (0 for none),
 * seen, ...checks]` under its importing URL and `<conditions index> <specifier>`.
 */
interface CacheFile {
  readonly version: typeof VERSION;
  readonly stores: number;
  readonly folders: readonly string[];
  readonly conditions: readonly string[];
  readonly states: Readonly<Record<string, string>>;
  readonly parents: Readonly<Record<string, Readonly<Record<string, readonly (string | number | null)[]>>>>;
}

const VERSION = 4;

/**
 * Starts answering this thread's module resolutions from the cache (with
 * `module.registerHooks`), and stores what it learned when the process
 * exits. Does nothing and returns `undefined` where Node has no such hooks
 * or no cache folder is known.
 */
export function enableResolutionCache(options: ResolutionCacheOptions = {}): ResolutionCache | undefined {
  const directory = options.directory ?? module.getCompileCacheDir?.();
  if (directory === undefined || typeof module.registerHooks !== "function") return undefined;
  const identity = JSON.stringify([
    process.version,
    process.platform,
    process.arch,
    process.execArgv,
    process.env.NODE_OPTIONS ?? "",
    process.env.NODE_PATH ?? "",
    import.meta.url,
  ]);
  const file = join(directory, `typed-gitops-resolutions-${createHash("sha256").update(identity).digest("hex").slice(0, 16)}.json`);
  const settledBefore = performance.timeOrigin - (options.settleMs ?? 2000);
  const stored = new StoredCache(file);
  const generation = stored.stores + 1;
  /** Answers made in this run, over those stored. */
  const made = new Map<string, Entry>();
  /** What each check gave in this run, read before any answer depending on it was used or made. */
  const current = new Map<Check, { readonly state: string; readonly settled: boolean }>();
  /** Whether a check (and, for a folder, those of the folders above it) gives what was recorded. */
  const unchanged = new Map<Check, boolean>();
  /** Answers used or made in this run. */
  const used = new Set<string>();
  const stats: ResolutionCacheStats = { hits: 0, misses: 0, mismatches: 0 };
  let changed = false;

  const read = (check: Check) => {
    let state = current.get(check);
    if (state === undefined) {
      state = readCheck(check, settledBefore);
      current.set(check, state);
    }
    return state;
  };
  /** Reads a check now, and for a folder those of every folder above it. */
  const readAll = (check: Check): void => {
    for (const each of withFoldersAbove(check)) read(each);
  };
  const isUnchanged = (check: Check): boolean => {
    let known = unchanged.get(check);
    if (known === undefined) {
      const before = stored.state(check);
      known = before !== undefined && read(check).state === before;
      if (known && check.startsWith("f:")) {
        const parent = dirname(check.slice(2));
        if (parent !== check.slice(2)) known = isUnchanged(`f:${parent}`);
      }
      unchanged.set(check, known);
    }
    return known;
  };

  module.registerHooks({
    resolve(specifier, context, nextResolve) {
      const parent = context.parentURL;
      if (parent === undefined || !parent.startsWith("file:")) return nextResolve(specifier, context);
      const conditions = context.conditions?.join(",") ?? "";
      const key = `${parent}\n${conditions}\n${specifier}`;
      const entry = made.get(key) ?? stored.entry(parent, conditions, specifier);
      if (entry !== undefined && entry.checks.every(isUnchanged)) {
        stats.hits++;
        used.add(key);
        if (options.verify) {
          try {
            const node = nextResolve(specifier, context);
            if (node.url !== entry.url || node.format !== entry.format) stats.mismatches++;
          } catch {
            stats.mismatches++;
          }
        }
        return entry.format === undefined ? { url: entry.url, shortCircuit: true } : { url: entry.url, format: entry.format, shortCircuit: true };
      }
      // A specifier the checks cannot be derived from (an encoded slash, say) is left to Node and its errors.
      const checks = checksBefore(specifier, parent);
      // Read before Node answers, so that a change made while it resolves shows next time.
      if (checks !== undefined) for (const check of checks) readAll(check);
      const answer = nextResolve(specifier, context);
      stats.misses++;
      if (checks === undefined || !answer.url.startsWith("file:")) return answer;
      const folder = dirname(fileURLToPath(answer.url));
      // Read after Node answered: a change in between is younger than the process, so not recorded.
      for (const check of [`f:${folder}`, `l:${folder}`]) {
        readAll(check);
        checks.add(check);
      }
      const learned = { url: answer.url, checks: [...checks], seen: generation };
      made.set(key, answer.format === undefined ? learned : { ...learned, format: answer.format });
      used.add(key);
      changed = true;
      return answer;
    },
  });

  const store = (): void => {
    if (!changed) return;
    changed = false;
    const states = new Map<Check, string>();
    for (const [check, state] of stored.states()) if (!current.has(check)) states.set(check, state);
    for (const [check, { state, settled }] of current) if (settled) states.set(check, state);
    /** Whether a check's state (and, for a folder, those of the folders above it) can be stored. */
    const storable = (check: Check): boolean => [...withFoldersAbove(check)].every((each) => states.has(each));
    // An answer not used in this run stays only while none of its checks read in this run changed.
    const notChanged = (check: Check): boolean =>
      [...withFoldersAbove(check)].every((each) => {
        const before = stored.state(each);
        const now = current.get(each);
        return before !== undefined && (now === undefined || now.state === before);
      });
    const fresh: [string, Entry][] = [];
    const older: [string, Entry][] = [];
    const entries = new Map(stored.entries());
    for (const [key, entry] of made) entries.set(key, entry);
    for (const [key, entry] of entries) {
      if (used.has(key)) {
        if (entry.checks.every(storable)) fresh.push([key, { ...entry, seen: generation }]);
      } else if (entry.checks.every(notChanged)) older.push([key, entry]);
    }
    older.sort(([, a], [, b]) => b.seen - a.seen);
    const kept = new Map([...fresh, ...older].slice(0, Math.max(options.maxEntries ?? 4000, fresh.length)));
    const needed = new Set<Check>();
    for (const entry of kept.values()) {
      for (const check of entry.checks) for (const each of withFoldersAbove(check)) needed.add(each);
    }
    const content = encodeCache({ stores: generation, states: new Map([...states].filter(([check]) => needed.has(check))), entries: kept });
    try {
      mkdirSync(directory, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, content);
      renameSync(temporary, file);
    } catch {
      // A cache that cannot be written costs the next run its speed, nothing else.
    }
  };
  process.once("exit", store);
  return { file, stats, store };
}

/** A check, then, for a folder check, the folder checks of every folder above it up to the root. */
function* withFoldersAbove(check: Check): Generator<Check> {
  yield check;
  if (!check.startsWith("f:")) return;
  for (let folder = check.slice(2); dirname(folder) !== folder; ) yield `f:${(folder = dirname(folder))}`;
}

/**
 * The checks an answer depends on that are known before Node resolves it,
 * or `undefined` when the specifier or importer names no file path.
 */
function checksBefore(specifier: string, parent: string): Set<Check> | undefined {
  try {
    return checksOf(specifier, parent);
  } catch {
    return undefined;
  }
}

function checksOf(specifier: string, parent: string): Set<Check> {
  const importer = dirname(fileURLToPath(parent));
  const checks = new Set<Check>([`f:${importer}`]);
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("file:")) {
    const named = new URL(specifier, parent);
    if (named.protocol === "file:") {
      const folder = dirname(fileURLToPath(named));
      checks.add(`f:${folder}`);
      checks.add(`l:${folder}`);
    }
  } else if (specifier.startsWith("@")) {
    // A scoped package is looked up in node_modules/@scope of the importer's folder and those above it.
    const slash = specifier.indexOf("/");
    const scope = slash === -1 ? specifier : specifier.slice(0, slash);
    for (let folder = importer; ; folder = dirname(folder)) {
      checks.add(`l:${join(folder, "node_modules", scope)}`);
      if (dirname(folder) === folder) break;
    }
  }
  return checks;
}

/** Writes the cache in its file form. */
function encodeCache(cache: Cache): string {
  const folders: string[] = [];
  const folderIndex = new Map<string, number>();
  const code = (check: Check): number => {
    const folder = check.slice(2);
    let index = folderIndex.get(folder);
    if (index === undefined) {
      index = folders.push(folder) - 1;
      folderIndex.set(folder, index);
    }
    return index * 2 + (check.startsWith("l:") ? 1 : 0);
  };
  const conditions: string[] = [];
  const parents: Record<string, Record<string, (string | number | null)[]>> = {};
  for (const [key, entry] of cache.entries) {
    const [parent, condition, specifier] = key.split("\n") as [string, string, string];
    let conditionIndex = conditions.indexOf(condition);
    if (conditionIndex === -1) conditionIndex = conditions.push(condition) - 1;
    (parents[parent] ??= {})[`${conditionIndex} ${specifier}`] = [entry.url, entry.format === undefined ? 0 : entry.format, entry.seen, ...entry.checks.map(code)];
  }
  const states: Record<string, string> = {};
  for (const [check, state] of cache.states) states[code(check)] = state;
  return JSON.stringify({ version: VERSION, stores: cache.stores, folders, conditions, states, parents } satisfies CacheFile);
}

/**
 * The cache file as read: its answers and states are decoded only when
 * asked for, so a run pays for the answers it uses, not for the whole file.
 * An unreadable file, or one of another version, reads as empty.
 */
class StoredCache {
  /** How many times the file was stored. */
  readonly stores: number;
  readonly #file: CacheFile | undefined;
  readonly #folders = new Map<string, number>();
  readonly #conditions = new Map<string, number>();

  constructor(path: string) {
    let file: CacheFile | undefined;
    try {
      const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<CacheFile> | null;
      const complete =
        parsed?.version === VERSION &&
        typeof parsed.stores === "number" &&
        Array.isArray(parsed.folders) &&
        Array.isArray(parsed.conditions) &&
        typeof parsed.states === "object" &&
        parsed.states !== null &&
        typeof parsed.parents === "object" &&
        parsed.parents !== null;
      file = complete ? (parsed as CacheFile) : undefined;
    } catch {
      file = undefined;
    }
    this.#file = file;
    this.stores = file?.stores ?? 0;
    file?.folders.forEach((folder, index) => this.#folders.set(folder, index));
    file?.conditions.forEach((conditions, index) => this.#conditions.set(conditions, index));
  }

  /** The stored answer to an import, if any. */
  entry(parent: string, conditions: string, specifier: string): Entry | undefined {
    const index = this.#conditions.get(conditions);
    const answer = index === undefined ? undefined : this.#file?.parents[parent]?.[`${index} ${specifier}`];
    return answer === undefined ? undefined : this.#decode(answer);
  }

  /** What a check gave when it was recorded, if it was. */
  state(check: Check): string | undefined {
    const index = this.#folders.get(check.slice(2));
    return index === undefined ? undefined : this.#file?.states[index * 2 + (check.startsWith("l:") ? 1 : 0)];
  }

  /** Every stored answer, keyed as the hook keys them. */
  *entries(): Generator<[string, Entry]> {
    const file = this.#file;
    if (file === undefined) return;
    for (const [parent, answers] of Object.entries(file.parents)) {
      for (const [at, answer] of Object.entries(answers)) {
        const space = at.indexOf(" ");
        yield [`${parent}\n${file.conditions[Number(at.slice(0, space))]!}\n${at.slice(space + 1)}`, this.#decode(answer)];
      }
    }
  }

  /** Every recorded state. */
  *states(): Generator<[Check, string]> {
    for (const [code, state] of Object.entries(this.#file?.states ?? {})) yield [this.#check(Number(code)), state];
  }

  #check(code: number): Check {
    return `${code % 2 === 1 ? "l" : "f"}:${this.#file!.folders[Math.floor(code / 2)]!}`;
  }

  #decode([url, format, seen, ...codes]: readonly (string | number | null)[]): Entry {
    const entry = { url: url as string, checks: (codes as number[]).map((code) => this.#check(code)), seen: seen as number };
    return format === 0 ? entry : { ...entry, format: format as string | null };
  }
}

/**
 * What a check gives now, and whether everything it read last changed
 * before `settledBefore` (epoch milliseconds).
 */
function readCheck(check: Check, settledBefore: number): { state: string; settled: boolean } {
  const folder = check.slice(2);
  let settled = true;
  const stat = (path: string, withTime: boolean): string => {
    let found;
    try {
      found = statSync(path, { bigint: true, throwIfNoEntry: false });
    } catch {
      // Unreadable (no permission, a file where a folder was expected): never trusted.
      settled = false;
      return "?";
    }
    if (found === undefined) return "-";
    if (!withTime) return String(found.ino);
    if (Number(found.mtimeMs) >= settledBefore) settled = false;
    return `${found.ino}:${found.size}:${found.mtimeNs}`;
  };
  const state = check.startsWith("l:")
    ? stat(folder, true)
    : `${stat(folder, false)} ${stat(join(folder, "package.json"), true)} ${stat(join(folder, "node_modules"), true)}`;
  return { state, settled };
}
