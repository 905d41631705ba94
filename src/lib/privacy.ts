/**
 * Contacts people type into free text (a phone number, an e-mail address), masked for readers whose
 * work needs the text but not the person: the analyst reading reports that are not public.
 */
// +7 (912) 345-67-89, 8 912 345 67 89, 89123456789, 345-67-89 (ten or seven digits with separators).
const phone = /(?:\+7|\b8)?[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}\b|\b\d{3}-\d{2}-\d{2}\b/g;
const email = /[^\s@<>()]{1,64}@[^\s@<>()]{1,253}\.[a-zа-я]{2,24}/gi;

export const CONTACT_MASK = '[скрыто]';

export function maskContacts(text: string): string {
  return text.replace(email, CONTACT_MASK).replace(phone, CONTACT_MASK);
}

/** About a kilometre: enough for any map of a district, not enough to find a doorway. */
export function coarsen(coordinate: number): number {
  return Math.round(coordinate * 100) / 100;
}
