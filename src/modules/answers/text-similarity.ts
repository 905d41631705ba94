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

export function trigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (const word of normaliseForComparison(text)) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

/** 0 (nothing in common) … 1 (the same words); two empty texts are not similar. */
export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const g of small) if (large.has(g)) common += 1;
  return common / (a.size + b.size - common);
}
