// Graph queries: reachability with proof paths, cycles (iterative Tarjan), creation waves.
import type { Edge, GraphNode } from "./types.js";

/**
 * The ids one node reaches: in a graph of at most MASK_NODES nodes (most templates) a bit mask, a number that
 * needs no allocation; else a sorted list when few (most resources reach a handful of others); else one byte per node.
 */
type Reached = number | Int32Array | Uint8Array;

/** Graphs up to this many nodes keep reached ids as bits of a small integer (bit 30 would leave the small-integer range). */
const MASK_NODES = 30;

/** The marks of a graph not searched yet: shared, never written (a search first sizes the marks to its graph). */
const NO_MARKS = new Uint32Array(0);

export class GraphQueries {
  // Made on first search: queries are made per file, and many files' rules ask none.
  private reachCache: Map<number, Reached> | undefined = undefined;
  /** Scratch for reachable(): the nodes one search finds (entries past its count are stale). */
  private found: GraphNode[] | undefined = undefined;
  /** Visit marks shared by every search (a search marks with its own epoch): no O(nodes) allocation per search. */
  private marks = NO_MARKS;
  private epoch = 0;
  private cyclesCache: GraphNode[][] | undefined;
  private wavesCache: GraphNode[][] | undefined;

  constructor(private readonly nodes: GraphNode[]) {}

  /** Does `from` wait for `to`, directly or transitively? */
  reaches(from: GraphNode, to: GraphNode): boolean {
    if (from === to) return false;
    const cache = (this.reachCache ??= new Map<number, Reached>());
    let seen = cache.get(from.id);
    if (seen === undefined) {
      seen = this.reachable(from);
      // Caching every source would be quadratic in memory on huge graphs: keep a bounded number.
      if (cache.size > Math.max(16, (32 << 20) / Math.max(1, this.nodes.length))) cache.clear();
      cache.set(from.id, seen);
    }
    if (typeof seen === "number") return (seen & (1 << to.id)) !== 0;
    return seen instanceof Int32Array ? includesSorted(seen, to.id) : seen[to.id] === 1;
  }

  /**
   * The ids `from` reaches (see Reached). Allocating a node-sized array per source made checking every
   * resource of a 50,000-resource template quadratic; a Set per source was most of what the searches allocated.
   */
  private reachable(from: GraphNode): Reached {
    const count = this.nodes.length;
    if (this.marks.length !== count) {
      this.marks = new Uint32Array(count);
      this.epoch = 0;
    }
    if (++this.epoch === 0xffffffff) {
      this.marks.fill(0);
      this.epoch = 1;
    }
    const { marks, epoch } = this;
    // Breadth-first: `found` holds every node reached, in the order found, and is also the queue (the set
    // reached does not depend on the order). Reused by every search of this graph.
    const found = (this.found ??= []);
    let size = 0;
    let node = from;
    for (let next = 0; ; next++) {
      for (const e of node.out) {
        const to = e.to;
        if (marks[to.id] !== epoch) {
          marks[to.id] = epoch;
          found[size++] = to;
        }
      }
      if (next === size) break;
      node = found[next]!;
    }
    if (count <= MASK_NODES) {
      let mask = 0;
      for (let i = 0; i < size; i++) mask |= 1 << found[i]!.id;
      return mask;
    }
    if (size * 8 < count) {
      const ids = new Int32Array(size);
      for (let i = 0; i < size; i++) ids[i] = found[i]!.id;
      return ids.sort();
    }
    const seen = new Uint8Array(count);
    for (let i = 0; i < size; i++) seen[found[i]!.id] = 1;
    return seen;
  }

  /** One shortest path of edges from `from` to `to` (breadth-first), or undefined. */
  path(from: GraphNode, to: GraphNode): Edge[] | undefined {
    if (from === to) return [];
    const via = new Map<number, Edge>();
    const queue: GraphNode[] = [from];
    const seen = new Uint8Array(this.nodes.length);
    seen[from.id] = 1;
    for (const n of queue) {
      for (const e of n.out) {
        if (seen[e.to.id] === 1) continue;
        seen[e.to.id] = 1;
        via.set(e.to.id, e);
        if (e.to === to) {
          const edges: Edge[] = [];
          for (let cur: GraphNode = to; cur !== from; ) {
            const edge = via.get(cur.id)!;
            edges.push(edge);
            cur = edge.from;
          }
          return edges.reverse();
        }
        queue.push(e.to);
      }
    }
    return undefined;
  }

  /** Strongly connected components with more than one node, or a node depending on itself. */
  cycles(): GraphNode[][] {
    if (this.cyclesCache) return this.cyclesCache;
    const n = this.nodes.length;
    const index = new Int32Array(n).fill(-1);
    const low = new Int32Array(n);
    const onStack = new Uint8Array(n);
    // Tarjan's stack and the depth-first frames (node, next edge index) live in the shared scratch arrays;
    // neither holds more than n entries.
    const scratch = scratchFor(n);
    const { stackNodes, frameNodes, frameEdges } = scratch;
    let stackTop = 0;
    const out: GraphNode[][] = [];
    let counter = 0;
    for (let root = 0; root < n; root++) {
      if (index[root] !== -1) continue;
      // Iterative DFS; `depth` is the number of open frames.
      let depth = 1;
      frameNodes[0] = root;
      frameEdges[0] = 0;
      index[root] = low[root] = counter++;
      stackNodes[stackTop++] = root;
      onStack[root] = 1;
      while (depth > 0) {
        const v = frameNodes[depth - 1]!;
        const edges = this.nodes[v]!.out;
        const next = frameEdges[depth - 1]!;
        if (next < edges.length) {
          frameEdges[depth - 1] = next + 1;
          const w = edges[next]!.to.id;
          if (index[w] === -1) {
            index[w] = low[w] = counter++;
            stackNodes[stackTop++] = w;
            onStack[w] = 1;
            frameNodes[depth] = w;
            frameEdges[depth] = 0;
            depth++;
          } else if (onStack[w] === 1) {
            low[v] = Math.min(low[v]!, index[w]!);
          }
          continue;
        }
        depth--;
        if (depth > 0) {
          const parent = frameNodes[depth - 1]!;
          low[parent] = Math.min(low[parent]!, low[v]!);
        }
        if (low[v] === index[v]) {
          const comp: GraphNode[] = [];
          let w: number;
          do {
            w = stackNodes[--stackTop]!;
            onStack[w] = 0;
            comp.push(this.nodes[w]!);
          } while (w !== v);
          const self = comp.length === 1 && comp[0]!.out.some((e) => e.to === comp[0]);
          if (comp.length > 1 || self) out.push(comp.reverse());
        }
      }
    }
    this.cyclesCache = out;
    return out;
  }

  /** Creation waves over real nodes: a node's wave is one more than the latest wave it waits for. */
  waves(): GraphNode[][] {
    if (this.wavesCache) return this.wavesCache;
    const n = this.nodes.length;
    const level = new Int32Array(n).fill(-1);
    const inCycle = new Uint8Array(n);
    for (const c of this.cycles()) for (const node of c) inCycle[node.id] = 1;
    // Kahn's algorithm on "waits for" edges, reversed: a node is ready when all it waits for are done.
    // The dependents of node t are dependents[first[t]] up to dependents[first[t + 1]], in the order of
    // nodes then edges (one array for all nodes rather than one per node).
    const pending = new Int32Array(n);
    const first = new Int32Array(n + 1);
    let edgeCount = 0;
    for (const node of this.nodes) {
      for (const e of node.out) {
        pending[node.id]!++;
        first[e.to.id + 1]!++;
        edgeCount++;
      }
    }
    for (let t = 0; t < n; t++) first[t + 1]! += first[t]!;
    const dependents = new Int32Array(edgeCount);
    const filled = first.slice(0, n);
    for (const node of this.nodes) for (const e of node.out) dependents[filled[e.to.id]!++] = node.id;
    // Every node enters the queue at most once (when nothing it waits for is pending), so n slots suffice.
    const queue = new Int32Array(n);
    let tail = 0;
    for (let i = 0; i < n; i++) if (pending[i] === 0) {
      level[i] = 0;
      queue[tail++] = i;
    }
    for (let head = 0; head < tail; head++) {
      const v = queue[head]!;
      for (let k = first[v]!, end = first[v + 1]!; k < end; k++) {
        const d = dependents[k]!;
        level[d] = Math.max(level[d]!, level[v]! + 1);
        pending[d] = pending[d]! - 1;
        if (pending[d] === 0) queue[tail++] = d;
      }
    }
    const waves: GraphNode[][] = [];
    const real = this.nodes.filter((x) => x.kind !== "deployment-start" && inCycle[x.id] !== 1 && level[x.id]! >= 0);
    // Compress levels so waves are numbered consecutively over real nodes.
    const distinct = [...new Set(real.map((x) => level[x.id]!))].sort((a, b) => a - b);
    const rank = new Map(distinct.map((l, i) => [l, i]));
    for (const x of real) {
      const w = rank.get(level[x.id]!)!;
      (waves[w] ??= []).push(x);
    }
    this.wavesCache = waves;
    return waves;
  }
}

/** Scratch stacks for cycles(), shared by every graph (grown, never shrunk): no allocation per search or root. */
interface CycleScratch {
  /** Tarjan's stack of node ids. */
  stackNodes: Int32Array;
  /** Open depth-first frames: the node, and the index of its next edge to follow. */
  frameNodes: Int32Array;
  frameEdges: Int32Array;
}

let cycleScratch: CycleScratch = { stackNodes: new Int32Array(0), frameNodes: new Int32Array(0), frameEdges: new Int32Array(0) };

/** The shared scratch, with room for `n` entries in each array. */
function scratchFor(n: number): CycleScratch {
  if (cycleScratch.stackNodes.length < n) {
    const size = Math.max(n, 2 * cycleScratch.stackNodes.length);
    cycleScratch = { stackNodes: new Int32Array(size), frameNodes: new Int32Array(size), frameEdges: new Int32Array(size) };
  }
  return cycleScratch;
}

/** Is `id` in the ascending list `ids`? */
function includesSorted(ids: Int32Array, id: number): boolean {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = ids[mid]!;
    if (x === id) return true;
    if (x < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
