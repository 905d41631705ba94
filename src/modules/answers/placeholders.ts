/**
 * Placeholders in answer templates. A template is saved only if every `{name}` in it is known, so
 * rendering never leaves a raw brace in an answer sent to a resident.
 */
export const placeholderNames = [
  'number',
  'address',
  'category',
  'organisation',
  'due_date',
  'today',
] as const;
export type PlaceholderName = (typeof placeholderNames)[number];
export type PlaceholderValues = Record<PlaceholderName, string>;

// Anything between braces counts as a placeholder, so typos like {Number} or {due date} are caught.
const PLACEHOLDER = /\{([^{}\n]*)\}/g;

/** The placeholders in the text that are not known, each once, in order of appearance ("{foo}"). */
export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER))
    if (!(placeholderNames as readonly string[]).includes(m[1]!)) unknown.add(m[0]);
  return [...unknown];
}

/** Fills in every known placeholder; unknown ones cannot exist in a saved template. */
export function renderTemplate(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    (placeholderNames as readonly string[]).includes(name) ? values[name as PlaceholderName] : whole,
  );
}

const REGION_OFFSET_MS = 3 * 60 * 60 * 1000;

/** dd.mm.yyyy in the region's local time (Moscow time), as Russian official letters write dates. */
export function formatRegionDate(d: Date): string {
  const local = new Date(d.getTime() + REGION_OFFSET_MS);
  const dd = String(local.getUTCDate()).padStart(2, '0');
  const mm = String(local.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}.${mm}.${local.getUTCFullYear()}`;
}
