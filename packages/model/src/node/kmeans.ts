/**
 * k-means (k-means++ seeding, seeded) over row vectors; returns the centroids. Used for the
 * profile's model segments, so a handful of iterations is enough.
 */
export function kmeans(
  vectors: readonly Float32Array[],
  k: number,
  random: () => number,
  iterations = 15,
): Float32Array[] {
  if (vectors.length === 0 || k <= 0) return [];
  const d = vectors[0]!.length;
  const dist = (a: Float32Array, b: Float32Array) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += (a[j]! - b[j]!) ** 2;
    return s;
  };
  const centroids: Float32Array[] = [
    Float32Array.from(vectors[Math.floor(random() * vectors.length)]!),
  ];
  while (centroids.length < Math.min(k, vectors.length)) {
    const d2 = vectors.map((v) => Math.min(...centroids.map((c) => dist(v, c))));
    const total = d2.reduce((a, b) => a + b, 0);
    let r = random() * total;
    let pick = 0;
    while (pick < d2.length - 1 && r > d2[pick]!) r -= d2[pick++]!;
    centroids.push(Float32Array.from(vectors[pick]!));
  }
  const assign = new Int32Array(vectors.length);
  for (let it = 0; it < iterations; it++) {
    vectors.forEach((v, i) => {
      let best = 0;
      centroids.forEach((c, j) => {
        if (dist(v, c) < dist(v, centroids[best]!)) best = j;
      });
      assign[i] = best;
    });
    const sums = centroids.map(() => new Float64Array(d));
    const counts = new Int32Array(centroids.length);
    vectors.forEach((v, i) => {
      counts[assign[i]!]! += 1;
      for (let j = 0; j < d; j++) sums[assign[i]!]![j]! += v[j]!;
    });
    centroids.forEach((c, j) => {
      if (counts[j]! > 0) for (let t = 0; t < d; t++) c[t] = sums[j]![t]! / counts[j]!;
    });
  }
  return centroids;
}
