import { describe, expect, it } from 'vitest';
import { houseNumber, parseAddress } from './normalize.ts';

describe('parseAddress', () => {
  it('reads a registry address (the city portal, ГАР/ФИАС style)', () => {
    expect(parseAddress('г.Санкт-Петербург, Невский проспект, дом 102, литера А')).toEqual({
      street: 'невский',
      house: '102',
      building: 'ла',
    });
    expect(parseAddress('г.Санкт-Петербург, улица Бабушкина, дом 113, корпус 2, литера Б')).toEqual({
      street: 'бабушкина',
      house: '113',
      building: 'к2 лб',
    });
    expect(parseAddress('посёлок Шушары, Школьная улица, дом 17, строение 1')).toEqual({
      street: 'шушары школьная',
      house: '17',
      building: 'с1',
    });
  });

  it('understands what residents type: abbreviations, glued numbers, no commas', () => {
    expect(parseAddress('Невский пр 1')).toEqual({ street: 'невский', house: '1', building: null });
    expect(parseAddress('пр. Невский, д. 28')).toEqual({ street: 'невский', house: '28', building: null });
    expect(parseAddress('ул.Бабушкина д.113 к.2')).toEqual({
      street: 'бабушкина',
      house: '113',
      building: 'к2',
    });
    expect(parseAddress('Лесной пр-т 61 к3')).toEqual({ street: 'лесной', house: '61', building: 'к3' });
    expect(parseAddress('Щербаков пер. 1-3 А')).toEqual({ street: 'щербаков', house: '1-3', building: 'ла' });
    expect(parseAddress('невск')).toEqual({ street: 'невск', house: null, building: null });
  });

  it('keeps ordinals in street names and ё as е', () => {
    expect(parseAddress('2-я Советская улица, дом 7')).toEqual({
      street: '2-я советская',
      house: '7',
      building: null,
    });
    expect(parseAddress('Жёлтая ул 3')).toEqual({ street: 'желтая', house: '3', building: null });
  });

  it('sorts houses by their leading number', () => {
    expect(houseNumber('11/2')).toBe(11);
    expect(houseNumber('1-3')).toBe(1);
    expect(houseNumber(null)).toBeNull();
  });
});
