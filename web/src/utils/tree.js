/**
 * Builds a nested tree from the API's flat list (already in tree order) by parentId. A node whose
 * parent is not in the list (the user's scope root, or an ancestor shown for context) becomes a root.
 * `disabled(node)` may mark nodes that cannot be chosen (e.g. in a tree-select).
 */
export function buildTree(flat, { disabled } = {}) {
  const byId = new Map()
  for (const n of flat || []) byId.set(n.id, { ...n, children: [] })
  const roots = []
  for (const n of byId.values()) {
    if (disabled) n.disabled = !!disabled(n)
    const parent = n.parentId != null ? byId.get(n.parentId) : null
    if (parent) parent.children.push(n)
    else roots.push(n)
  }
  const prune = (list) => list.forEach((c) => (c.children.length ? prune(c.children) : delete c.children))
  prune(roots)
  return roots
}

/** True when `node` is `ancestor` or below it (materialised paths like /1/7/42/). */
export function isUnder(node, ancestor) {
  return !!node && !!ancestor && String(node.path).startsWith(String(ancestor.path))
}
