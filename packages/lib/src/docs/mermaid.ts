/**
 * A small, deterministic builder of Mermaid flowcharts: nodes are keyed by
 * a caller-chosen string and get short ids in key order, so the same facts
 * always give the same text, whatever order they were added in.
 */

/** The outline of a node. */
export type NodeShape = "box" | "round" | "stadium" | "circle" | "cylinder" | "hexagon";

interface FlowNode {
  readonly key: string;
  readonly lines: readonly string[];
  readonly shape: NodeShape;
  readonly group: string | undefined;
}

interface FlowGroup {
  readonly key: string;
  readonly label: string;
  readonly order: number;
}

const SHAPES: Readonly<Record<NodeShape, readonly [string, string]>> = {
  box: ["[", "]"],
  round: ["(", ")"],
  stadium: ["([", "])"],
  circle: ["((", "))"],
  cylinder: ["[(", ")]"],
  hexagon: ["{{", "}}"],
};

/** Escapes text for a quoted Mermaid label (entity codes for the characters Mermaid reads). */
export function mermaidText(text: string): string {
  return text.replaceAll("#", "#35;").replaceAll('"', "#quot;").replaceAll("<", "#lt;").replaceAll(">", "#gt;");
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A flowchart under construction. */
export class Flowchart {
  readonly #nodes = new Map<string, FlowNode>();
  readonly #edges = new Map<string, { from: string; to: string; label: string | undefined; dotted: boolean }>();
  readonly #groups = new Map<string, FlowGroup>();
  readonly #groupEdges: [string, string][] = [];

  /** Whether nothing was added. */
  get empty(): boolean {
    return this.#nodes.size === 0;
  }

  /**
   * Declares a group (a Mermaid subgraph). Groups are written in `order`,
   * then by key.
   */
  group(key: string, label: string, order = 0): void {
    if (!this.#groups.has(key)) this.#groups.set(key, { key, label, order });
  }

  /** Declares a node; the first declaration of a key wins. */
  node(key: string, lines: string | readonly string[], shape: NodeShape = "box", group?: string): void {
    if (this.#nodes.has(key)) return;
    this.#nodes.set(key, { key, lines: typeof lines === "string" ? [lines] : lines, shape, group });
  }

  /** Whether a node was declared. */
  has(key: string): boolean {
    return this.#nodes.has(key);
  }

  /** Adds an edge between two declared nodes (ignored when either is missing). */
  edge(from: string, to: string, label?: string, options: { readonly dotted?: boolean } = {}): void {
    this.#edges.set(`${from}\0${to}\0${label ?? ""}`, { from, to, label, dotted: options.dotted === true });
  }

  /** Adds an edge between two groups (their subgraphs); group edges are written in the order they were added. */
  groupEdge(from: string, to: string): void {
    if (!this.#groupEdges.some(([a, b]) => a === from && b === to)) this.#groupEdges.push([from, to]);
  }

  /** The Mermaid text, fenced as a code block. */
  render(direction: "LR" | "TB" = "LR"): string {
    const keys = [...this.#nodes.keys()].sort(byCodeUnit);
    const ids = new Map(keys.map((key, index) => [key, `n${index}`]));
    const groups = [...this.#groups.values()].sort((a, b) => a.order - b.order || byCodeUnit(a.key, b.key));
    const groupIds = new Map(groups.map((group, index) => [group.key, `g${index}`]));
    const nodeLine = (node: FlowNode, indent: string): string => {
      const [open, close] = SHAPES[node.shape];
      return `${indent}${ids.get(node.key)}${open}"${node.lines.map(mermaidText).join("<br/>")}"${close}`;
    };
    const lines = ["```mermaid", `flowchart ${direction}`];
    for (const group of groups) {
      const members = keys.map((key) => this.#nodes.get(key)!).filter((node) => node.group === group.key);
      if (members.length === 0) continue;
      lines.push(`  subgraph ${groupIds.get(group.key)}["${mermaidText(group.label)}"]`);
      for (const node of members) lines.push(nodeLine(node, "    "));
      lines.push("  end");
    }
    for (const key of keys) {
      const node = this.#nodes.get(key)!;
      if (node.group === undefined || !groupIds.has(node.group)) lines.push(nodeLine(node, "  "));
    }
    const populated = new Set([...this.#nodes.values()].map((node) => node.group));
    for (const [from, to] of this.#groupEdges) {
      if (groupIds.has(from) && groupIds.has(to) && populated.has(from) && populated.has(to)) lines.push(`  ${groupIds.get(from)} --> ${groupIds.get(to)}`);
    }
    const edges = [...this.#edges.values()]
      .filter((edge) => ids.has(edge.from) && ids.has(edge.to))
      .map((edge) => {
        const arrow = edge.dotted ? "-.->" : "-->";
        const label = edge.label === undefined ? "" : `|"${mermaidText(edge.label)}"|`;
        return `  ${ids.get(edge.from)} ${arrow}${label} ${ids.get(edge.to)}`;
      })
      .sort(byCodeUnit);
    lines.push(...edges, "```");
    return `${lines.join("\n")}\n`;
  }
}
