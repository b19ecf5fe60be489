/**
 * The macros that cel-go has and `@marcbachmann/cel-js` lacks or restricts:
 * `has(e.f)` for any operand `e` (registered as `k8s_has`, see
 * `source.ts`), and the optional macros `optMap` and `optFlatMap`.
 *
 * The library runs a macro through two hooks, `typeCheck(checker, macro,
 * ctx)` and `evaluate(evaluator, macro, ctx)`; it types them loosely, so
 * the few members used here are declared below (as its own `cel.bind` and
 * `optional.orValue` macros use them in `lib/macros.js` and
 * `lib/optional.js`, version 8.0.0).
 */
import { EvaluationError, Optional, type ASTNode, type Environment, type TypeDeclaration } from "@marcbachmann/cel-js";

/** A type-checking or evaluation scope: the root context or one with an iteration variable. */
interface MacroScope {
  forkWithVariable(name: string, type: TypeDeclaration): MacroScope & { setIterValue(value: unknown, evaluator: MacroEvaluator): MacroScope };
}

/** The members of the library's type checker a macro uses. */
interface MacroChecker {
  check(node: ASTNode, scope: MacroScope): TypeDeclaration;
  getType(name: string): TypeDeclaration;
  createError(code: string, message: string, node: ASTNode): Error;
  readonly registry: { getOptionalType(type: TypeDeclaration): TypeDeclaration };
}

/** The members of the library's evaluator a macro uses. */
interface MacroEvaluator {
  run(node: ASTNode, scope: MacroScope): unknown;
}

/** What the library passes to a macro's expander at parse time. */
interface MacroCall {
  readonly args: readonly ASTNode[];
  readonly receiver?: ASTNode;
}

function presence(value: unknown, field: string): boolean {
  if (value instanceof Map) return value.has(field);
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return Object.hasOwn(value, field) && (value as Record<string, unknown>)[field] !== undefined;
  }
  throw new EvaluationError(`invalid type for field selection in has(): ${value === null ? "null" : Array.isArray(value) ? "list" : typeof value}`);
}

interface HasMacro {
  readonly operand: ASTNode;
  readonly field: string;
  readonly selection: ASTNode;
}

function hasMacro({ args }: MacroCall): HasMacro & { typeCheck: typeof hasTypeCheck; evaluate: typeof hasEvaluate } {
  const selection = args[0];
  if (selection === undefined || selection.op !== ".") {
    throw new EvaluationError("invalid argument to has() macro: it takes a field selection, e.g. has(self.spec)");
  }
  const [operand, field] = selection.args;
  return { operand, field, selection, typeCheck: hasTypeCheck, evaluate: hasEvaluate };
}

function hasTypeCheck(checker: MacroChecker, macro: HasMacro, scope: MacroScope): TypeDeclaration {
  checker.check(macro.operand, scope);
  return checker.getType("bool");
}

function hasEvaluate(evaluator: MacroEvaluator, macro: HasMacro, scope: MacroScope): boolean {
  let value = evaluator.run(macro.operand, scope);
  if (value instanceof Optional) {
    if (!value.hasValue()) return false;
    value = value.value();
  }
  return presence(value, macro.field);
}

interface OptionalMacro {
  readonly receiver: ASTNode;
  readonly variable: string;
  readonly body: ASTNode;
  variableType?: TypeDeclaration;
}

function identifierOf(node: ASTNode | undefined, name: string): string {
  if (node?.op === "id") return node.args;
  throw new EvaluationError(`${name}(var, expr): the first argument must be a variable name`);
}

function optionalMacro(name: string, flat: boolean) {
  function typeCheck(checker: MacroChecker, macro: OptionalMacro, scope: MacroScope): TypeDeclaration {
    const receiverType = checker.check(macro.receiver, scope);
    if (receiverType.kind !== "optional" && receiverType.kind !== "dyn") {
      throw checker.createError("optional_expected", `${name}() receiver must be optional, got '${receiverType.toString()}'`, macro.receiver);
    }
    macro.variableType = receiverType.kind === "optional" ? (receiverType.valueType ?? checker.getType("dyn")) : checker.getType("dyn");
    const bodyType = checker.check(macro.body, scope.forkWithVariable(macro.variable, macro.variableType));
    return flat ? bodyType : checker.registry.getOptionalType(bodyType);
  }
  function evaluate(evaluator: MacroEvaluator, macro: OptionalMacro, scope: MacroScope): unknown {
    const receiver = evaluator.run(macro.receiver, scope);
    if (!(receiver instanceof Optional)) throw new EvaluationError(`${name}() receiver must be optional`);
    if (!receiver.hasValue()) return Optional.none();
    if (macro.variableType === undefined) throw new EvaluationError(`${name}() was evaluated before it was type-checked`);
    const inner = scope.forkWithVariable(macro.variable, macro.variableType).setIterValue(receiver.value(), evaluator);
    const result = evaluator.run(macro.body, inner);
    if (!flat) return Optional.of(result);
    if (!(result instanceof Optional)) throw new EvaluationError(`${name}() expression must return an optional`);
    return result;
  }
  return ({ args, receiver }: MacroCall) => {
    if (receiver === undefined || args[1] === undefined) throw new EvaluationError(`${name}(var, expr) takes a receiver and two arguments`);
    return { receiver, variable: identifierOf(args[0], name), body: args[1], typeCheck, evaluate };
  };
}

/**
 * Registers `k8s_has(e.f)` (cel-go's `has()`, for any operand `e`, with an
 * absent optional counting as absent) and the optional macros
 * `opt.optMap(v, expr)` and `opt.optFlatMap(v, expr)`.
 */
export function registerMacros(env: Environment): void {
  env.registerFunction("k8s_has(ast): bool", hasMacro);
  env.registerFunction("optional.optMap(ast, ast): optional<dyn>", optionalMacro("optMap", false));
  env.registerFunction("optional.optFlatMap(ast, ast): optional<dyn>", optionalMacro("optFlatMap", true));
}
