/** A running static server. */
export interface StaticServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}
/** Serves `roots` (first match wins) on 127.0.0.1; `port` 0 picks a free one. */
export function serveStatic(options: {
  roots: string[];
  port?: number;
  headers?: Record<string, string>;
}): Promise<StaticServer>;
