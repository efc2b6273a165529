// The privacy centre's own tiny element builder: importing the widgets entry's would make the
// bundler split a chunk shared by both, one more request before widgets.js runs.
type Child = Node | string | null | undefined | false;

/**
 * Builds an element: `h('p', { class: 'x' }, 'text')`. Text goes in as text nodes, so profile
 * strings (item titles in the reasons) can never inject markup.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}
