// `node.parent` in tree-sitter walks down from the root (it costs the node's depth, and every call makes a new
// wrapper object). Extraction asks for the same ancestors again and again (every literal of a call walks up through
// it), so parents are remembered per tree by node id (unique within a tree).
import type { Node, Tree } from 'web-tree-sitter';

const parents = new WeakMap<Tree, Map<number, Node | null>>();

export function parentOf(n: Node | null | undefined): Node | null {
  if (!n) return null;
  let known = parents.get(n.tree);
  if (!known) parents.set(n.tree, (known = new Map()));
  let p = known.get(n.id);
  if (p === undefined) known.set(n.id, (p = n.parent));
  return p;
}

/**
 * The children of `parent` of the given types, found with a cursor: a file's imports are looked for among its
 * top-level nodes on every analysis, and a cursor reads a node's type without making a Node of every sibling.
 */
export function childrenOfType(parent: Node, types: readonly string[]): Node[] {
  const out: Node[] = [];
  const cursor = parent.walk();
  try {
    for (let more = cursor.gotoFirstChild(); more; more = cursor.gotoNextSibling()) {
      if (types.includes(cursor.nodeType)) out.push(cursor.currentNode);
    }
  } finally {
    cursor.delete();
  }
  return out;
}
