// Per-file memos for rules and their shared helpers: the answer for the file being linted, kept without a WeakMap; the runner empties them after each file.
import type { TemplateScope } from "../model/types.js";

/**
 * A memo of one entry: the value made for the last key asked. Rules run one file at a time and ask about
 * that file's analysis, model or scope in turn, so one entry answers them all; the next file replaces it.
 *
 * Not a WeakMap keyed by per-file objects: measured on the corpus, module-level WeakMaps holding each
 * file's answers made V8's young-generation collector promote most of every small file's syntax tree and
 * model (36 MB promoted over 3,000 runs of a one-resource template, against 6 MB with one-entry memos),
 * and promoted garbage is what made collection a fifth of a run.
 */
export class LastMemo<K extends object, V> {
  #key: K | undefined = undefined;
  #value: V | undefined = undefined;

  /** Made once per module (every memo is kept, to be emptied by `forgetFileMemos`). */
  constructor() {
    memos.push(this);
  }

  /** Drops the entry. */
  forget(): void {
    this.#key = undefined;
    this.#value = undefined;
  }

  get(key: K, make: (key: K) => V): V {
    if (this.#key === key) return this.#value as V;
    // Made before it is stored: `make` may ask this memo about another key.
    const value = make(key);
    this.#key = key;
    this.#value = value;
    return value;
  }
}

const memos: { forget(): void }[] = [];

/**
 * Empties every memo: the runner calls it once a file's rules have run. Otherwise each memo keeps the last
 * file's analysis (tree, model, engine) alive while the next file is read, modelled and evaluated, and V8's
 * young-generation collector promotes what it finds alive then (measured: the corpus CLI run promoted ~185 MB
 * with the memos kept, ~140-155 MB with them emptied).
 */
export function forgetFileMemos(): void {
  for (const memo of memos) memo.forget();
}

/** A memo per template scope of the file being linted (scopes of one file share their root). */
export class ScopeMemo<V> {
  readonly #byRoot = new LastMemo<TemplateScope, (V | undefined)[]>();

  get(scope: TemplateScope, make: (scope: TemplateScope) => V): V {
    let root = scope;
    while (root.parent !== undefined) root = root.parent;
    const values = this.#byRoot.get(root, newValues<V>);
    let value = values[scope.id];
    if (value === undefined) values[scope.id] = value = make(scope);
    return value;
  }
}

/** A root's empty list of values: a module function, not an arrow function made on every get(). */
function newValues<V>(): (V | undefined)[] {
  return [];
}
