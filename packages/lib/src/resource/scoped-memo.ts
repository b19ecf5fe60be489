/**
 * A value derived from an input (a cluster's objects), computed once while
 * a function runs and shared by everything that function calls: several
 * policy rules, or several sections of a page, read the same derived list
 * without finding it again each.
 */
export class ScopedMemo<Input extends object, Value> {
  readonly #derive: (input: Input) => Value;
  #current: { readonly input: Input; readonly value: Value } | undefined;

  /** @param derive - computes the value of an input; pure. */
  constructor(derive: (input: Input) => Value) {
    this.#derive = derive;
  }

  /**
   * Runs `run` with the value of `input` computed once and shared: every
   * {@link ScopedMemo.of} of the same input (the same object) inside it
   * returns that value. The input must not change while `run` runs.
   */
  during<T>(input: Input, run: () => T): T {
    const outer = this.#current;
    this.#current = { input, value: this.#derive(input) };
    try {
      return run();
    } finally {
      this.#current = outer;
    }
  }

  /** The value of `input`: the shared one inside {@link ScopedMemo.during} for it, otherwise computed now. */
  of(input: Input): Value {
    return this.#current !== undefined && this.#current.input === input ? this.#current.value : this.#derive(input);
  }
}
