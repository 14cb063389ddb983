/**
 * "Did you mean …?" for the library's checks (regions, policy words). Pure: no cdktf imports.
 */

/**
 * Edit distance with adjacent transpositions counted once (optimal string alignment), so the
 * usual typos — a dropped, doubled or swapped letter — each cost 1.
 * @internal
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate closest to `word` and its distance (the first of equals), compared after
 * `normalize`; undefined when there are no candidates.
 * @internal
 */
export function closestCandidate(
  word: string,
  candidates: Iterable<string>,
  normalize: (s: string) => string = (s) => s,
): { candidate: string; distance: number } | undefined {
  let best: { candidate: string; distance: number } | undefined;
  const target = normalize(word);
  for (const candidate of candidates) {
    const distance = editDistance(target, normalize(candidate));
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best;
}

/**
 * The candidate close enough to `word` to be a likely typo of it: at most a third of its letters
 * (and at least 2) differ.
 * @internal
 */
export function likelyTypoOf(word: string, candidates: Iterable<string>, normalize: (s: string) => string = (s) => s): string | undefined {
  const best = closestCandidate(word, candidates, normalize);
  return best && best.distance <= Math.max(2, Math.floor(normalize(word).length / 3)) ? best.candidate : undefined;
}
