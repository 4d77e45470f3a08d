/** Plain graph algorithms over node ids, for validation. */

export type Adjacency = Map<string, string[]>;

/** Every node reachable from `start` (itself included). */
export function reachableFrom(start: string, adjacency: Adjacency): Set<string> {
  return reachableFromAny([start], adjacency);
}

/** Every node reachable from any of `starts` (themselves included), in one walk: O(nodes + edges). */
export function reachableFromAny(starts: string[], adjacency: Adjacency): Set<string> {
  const seen = new Set(starts);
  const stack = [...starts];
  while (stack.length > 0) {
    for (const next of adjacency.get(stack.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

/**
 * The loops in a graph: its strongly connected components that contain a cycle (two or more
 * nodes, or one node leading to itself), each listed in `nodes` order. Tarjan's algorithm,
 * iterative so a long chain cannot overflow the stack.
 */
export function loops(nodes: string[], adjacency: Adjacency): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const targets = adjacency.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const to = targets[frame.next++];
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }

  const order = new Map(nodes.map((n, i) => [n, i]));
  return components
    .filter((c) => c.length > 1 || (adjacency.get(c[0]) ?? []).includes(c[0]))
    .map((c) => c.sort((a, b) => order.get(a)! - order.get(b)!))
    .sort((a, b) => order.get(a[0])! - order.get(b[0])!);
}
