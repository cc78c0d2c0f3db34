/** Cosine similarity of two vectors (0 when either is all zeros or their lengths differ). */
export function cosine(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] ?? 0) * (b[i] ?? 0);
    na += (a[i] ?? 0) ** 2;
    nb += (b[i] ?? 0) ** 2;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * `items` ordered by how close each one's vector is to `query`'s, closest first (ties keep their
 * order); `vectors[i]` is `items[i]`'s. Items without a vector keep their place at the end.
 */
export function bySimilarity<T>(
  items: readonly T[],
  query: readonly number[],
  vectors: readonly (readonly number[])[],
): T[] {
  return items
    .map((item, index) => ({ item, index, similarity: cosine(query, vectors[index] ?? []) }))
    .sort((x, y) => y.similarity - x.similarity || x.index - y.index)
    .map(({ item }) => item);
}
