/** The shop's own cart, kept in the shop's localStorage (insitu only hears about it via events). */
export interface CartLine {
  id: string;
  quantity: number;
}

const KEY = 'demo-shop-cart';
const CART_ID_KEY = 'demo-shop-cart-id';

/** The cart's lines, oldest first. */
export function readCart(): CartLine[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(raw) ? (raw as CartLine[]).filter((l) => typeof l.id === 'string') : [];
  } catch {
    return [];
  }
}

function writeCart(lines: CartLine[]): void {
  localStorage.setItem(KEY, JSON.stringify(lines));
  window.dispatchEvent(new CustomEvent('cart-changed'));
}

/** Adds one unit of an item. */
export function addToCart(id: string, quantity = 1): void {
  const lines = readCart();
  const line = lines.find((l) => l.id === id);
  if (line) line.quantity += quantity;
  else lines.push({ id, quantity });
  writeCart(lines);
}

/** Removes an item's line entirely. */
export function removeFromCart(id: string): void {
  writeCart(readCart().filter((l) => l.id !== id));
}

/** Empties the cart (after an order). */
export function clearCart(): void {
  writeCart([]);
  localStorage.removeItem(CART_ID_KEY);
}

/** A stable id for the current cart, as Segment's cart_id. */
export function cartId(): string {
  let id = localStorage.getItem(CART_ID_KEY);
  if (!id) {
    id = `cart-${Date.now().toString(36)}`;
    localStorage.setItem(CART_ID_KEY, id);
  }
  return id;
}

/** Units in the cart, for the header badge. */
export const cartCount = (): number => readCart().reduce((n, l) => n + l.quantity, 0);
