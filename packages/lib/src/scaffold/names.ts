/**
 * The name of a scaffolded component: a DNS-1123 label that starts with a
 * letter (it names a folder, a namespace and a Kubernetes object) and the
 * camelCase identifier of its function.
 */
import { dns1123LabelProblem } from "../resource/names.ts";

/** Words a function may not be named. */
const RESERVED = new Set(
  "await break case catch class const continue debugger default delete do else enum export extends false finally for function if implements import in instanceof interface let new null package private protected public return static super switch this throw true try typeof var void while with yield".split(" "),
);

/** The camelCase identifier of a name: `my-app` → `myApp`. */
export function identifierOf(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** What is wrong with a component name, or `undefined`. */
export function componentNameProblem(name: string): string | undefined {
  const dns = dns1123LabelProblem(name);
  if (dns !== undefined) return dns;
  if (!/^[a-z]/.test(name)) return `${JSON.stringify(name)} must start with a letter: it also names the component's function`;
  if (RESERVED.has(identifierOf(name))) return `${JSON.stringify(name)} is a reserved word in TypeScript; choose another name`;
  return undefined;
}
