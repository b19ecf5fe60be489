/**
 * The Kubernetes list library (`isSorted`, `sum`, `min`, `max`, `indexOf`,
 * `lastIndexOf`) and cel-go's sets extension (`sets.contains`,
 * `sets.equivalent`, `sets.intersects`), which the API server enables for
 * CRD rules.
 */
import { EvaluationError, type Environment } from "@marcbachmann/cel-js";
import { Duration } from "@marcbachmann/cel-js/evaluator";
import { celCompare, celEquals } from "./equality.ts";

function isSorted(list: readonly unknown[]): boolean {
  for (let index = 1; index < list.length; index += 1) if (celCompare(list[index - 1], list[index]) > 0) return false;
  return true;
}

function sum(list: readonly unknown[]): unknown {
  const [first, ...rest] = list;
  if (first === undefined) return 0n;
  return rest.reduce((total: unknown, item: unknown) => {
    if (typeof total === "bigint" && typeof item === "bigint") return total + item;
    if (typeof total === "number" && typeof item === "number") return total + item;
    if (total instanceof Duration && item instanceof Duration) return total.addDuration(item);
    throw new EvaluationError("sum() needs a list of int, uint, double or duration values of one type");
  }, first);
}

function extreme(name: string, direction: number) {
  return (list: readonly unknown[]): unknown => {
    const [first, ...rest] = list;
    if (first === undefined) throw new EvaluationError(`${name}() called on an empty list`);
    return rest.reduce((best: unknown, item: unknown) => (celCompare(item, best) * direction > 0 ? item : best), first);
  };
}

function indexOf(list: readonly unknown[], value: unknown): bigint {
  return BigInt(list.findIndex((item) => celEquals(item, value)));
}

function lastIndexOf(list: readonly unknown[], value: unknown): bigint {
  return BigInt(list.findLastIndex((item) => celEquals(item, value)));
}

function contains(list: readonly unknown[], sublist: readonly unknown[]): boolean {
  return sublist.every((item) => list.some((candidate) => celEquals(candidate, item)));
}

/** The receiver of `sets.contains`, `sets.equivalent` and `sets.intersects`. */
class SetsNamespace {}

/** Registers the list and set functions described above. */
export function registerLists(env: Environment): void {
  env
    .registerFunction("list<A>.isSorted(): bool", isSorted)
    .registerFunction("list<A>.sum(): A", sum)
    .registerFunction("list<A>.min(): A", extreme("min", -1))
    .registerFunction("list<A>.max(): A", extreme("max", 1))
    .registerFunction("list<A>.indexOf(A): int", indexOf)
    .registerFunction("list<A>.lastIndexOf(A): int", lastIndexOf)
    .registerType("SetsNamespace", SetsNamespace)
    .registerConstant("sets", "SetsNamespace", new SetsNamespace())
    .registerFunction("SetsNamespace.contains(list, list): bool", (_sets: SetsNamespace, list: readonly unknown[], sublist: readonly unknown[]) => contains(list, sublist))
    .registerFunction(
      "SetsNamespace.equivalent(list, list): bool",
      (_sets: SetsNamespace, left: readonly unknown[], right: readonly unknown[]) => contains(left, right) && contains(right, left),
    )
    .registerFunction("SetsNamespace.intersects(list, list): bool", (_sets: SetsNamespace, left: readonly unknown[], right: readonly unknown[]) =>
      left.some((item) => right.some((candidate) => celEquals(candidate, item))),
    );
}
