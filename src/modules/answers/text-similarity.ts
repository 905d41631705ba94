/**
 * Text similarity for Russian answers, in the manner of pg_trgm: each word padded with spaces is cut
 * into character trigrams and two texts compare by the Jaccard index of their trigram sets. Case,
 * "ё" and punctuation are ignored, and every number becomes "0": a form letter reused with another
 * report number, date or house number is still the same letter.
 */
export function normaliseForComparison(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replaceAll('ё', 'е')
      .replace(/\p{N}+/gu, '0')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * The text's trigrams as sorted distinct numbers (three UTF-16 units packed into one integer below
 * 2^48): a few bytes each, so an organisation's earlier answers can be kept compared-ready, and two
 * texts intersect in one merge of sorted arrays.
 */
export function trigrams(text: string): Float64Array {
  const grams = new Set<number>();
  for (const word of normaliseForComparison(text)) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++)
      grams.add(
        padded.charCodeAt(i) * 2 ** 32 + padded.charCodeAt(i + 1) * 2 ** 16 + padded.charCodeAt(i + 2),
      );
  }
  return Float64Array.from(grams).sort();
}

/** The Jaccard index of two trigram sets: 0 (nothing in common) … 1 (the same words); two empty texts are not similar. */
export function similarity(a: Float64Array, b: Float64Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let common = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      common += 1;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return common / (a.length + b.length - common);
}
