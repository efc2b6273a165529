/** The client's own `track()`: every captured event goes through it, so consent applies as usual. */
export type Track = (name: string, props?: object) => unknown;
