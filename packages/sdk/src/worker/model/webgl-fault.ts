/**
 * Test fault (`TestFaults.webgl: false`): OffscreenCanvas in this worker hands out no WebGL
 * context, as on a blocklisted GPU, so tfjs's WebGL backend fails to start for real.
 */
export function disableWebgl(): void {
  if (typeof OffscreenCanvas === 'undefined') return;
  const proto = OffscreenCanvas.prototype as unknown as {
    getContext(kind: string, options?: unknown): unknown;
  };
  const original = proto.getContext;
  proto.getContext = function (this: OffscreenCanvas, kind: string, options?: unknown) {
    return kind.startsWith('webgl') ? null : original.call(this, kind, options);
  };
}
