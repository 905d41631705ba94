import { describe, expect, it } from 'vitest';
import { initials } from '../../web/src/app/initials.ts';

describe("the header's initials badge", () => {
  it('takes the first letters of the first and the last word', () => {
    expect(initials('Сергей Александрович Новиков')).toBe('СН');
    expect(initials('Новиков Сергей')).toBe('НС');
    expect(initials('  anna   petrova ')).toBe('AP');
  });

  it('gives one letter for one word, a question mark for none, and never half a character', () => {
    expect(initials('Галина')).toBe('Г');
    expect(initials('   ')).toBe('?');
    expect(initials('😀 Smile')).toBe('😀S');
  });
});
