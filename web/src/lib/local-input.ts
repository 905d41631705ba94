/**
 * A `datetime-local` field holds the reader's local time without a zone; the API takes and gives ISO
 * moments with one. These two convert between them.
 */
export function toLocalInput(moment: Date | string): string {
  const d = new Date(moment);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** The moment a `datetime-local` value names in the reader's zone, as ISO ('' stays ''). */
export function fromLocalInput(value: string): string {
  return value ? new Date(value).toISOString() : '';
}
