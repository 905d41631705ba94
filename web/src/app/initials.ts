/**
 * Two letters for a person's badge in the header where the full name does not fit: the first letters
 * of the first and the last word ("Сергей Александрович Новиков" → «СН», "Новиков Сергей" → «НС»),
 * one letter for a one-word name. Whichever order a name is written in, the badge stays two of its
 * own letters; the full name is in the badge's tooltip and its accessible name.
 */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const first = words[0];
  if (!first) return '?';
  const last = words.length > 1 ? words[words.length - 1]! : '';
  return (Array.from(first)[0]! + (Array.from(last)[0] ?? '')).toLocaleUpperCase();
}
