import { beforeAll, describe, expect, it } from 'vitest';
import { growthRatio, LINEAR_AT_8X } from '../../../test/support/growth.ts';
import { classify } from './classify.ts';
import { extractFeatures } from './features.ts';
import { htmlToText, MAX_LETTER_CHARS, readLetter } from './letter.ts';
import type { ClassifierModel } from './model.ts';
import { syntheticReports } from './synthetic.ts';
import { trainModel } from './train.ts';
import { DEFAULT_FEATURES } from './types.ts';

const SHORT = 'Во дворе не горит фонарь, темно';

// The earlier correspondence is about rubbish: read as words, it would outvote the lamp.
const HTML_LETTER = `<html><head><style>p { color: red; }</style></head><body>
<p>Уважаемые коллеги!</p>
<p>Во&nbsp;дворе не горит фонарь, темно&hellip;</p>
<p>В соответствии с Федеральным законом от 02.05.2006 № 59-ФЗ &laquo;О порядке рассмотрения обращений граждан&raquo; прошу дать ответ в установленный законом срок.</p>
<p>С уважением,<br>Иван Петров<br>тел. +7 (921) 123-45-67</p>
<div>-----Original Message-----<br>From: Администрация района<br>Sent: 1 March 2021<br>
Subject: мусор мусора пакеты свалка</div>
<blockquote>Ваше обращение про мусор мусора пакеты свалка грязно рассмотрено: мусор вывезен, свалка убрана, мусора нет.</blockquote>
</body></html>`;

const PLAIN_LETTER = `От: portal@gov.example
Кому: Администрация района
Дата: 01.03.2021
Тема: обращение гражданина

Добрый день!
Во дворе не горит фонарь, темно.
В соответствии с Федеральным законом № 59-ФЗ прошу дать ответ в установленный законом срок. Ответ прошу направить на электронную почту.

> мусор мусора пакеты свалка грязно
> мусор вывезен, свалка убрана, мусора пакеты
С уважением, жилец дома мусор мусора`;

describe('reading letters from other systems', () => {
  it('strips tags, decodes entities and drops styles and quoted blocks', () => {
    const text = htmlToText(
      '<p>Яма&nbsp;на&#160;дороге &amp; лужа</p><blockquote>старое</blockquote><style>x</style>',
    );
    expect(text.replace(/\s+/gu, ' ').trim()).toBe('Яма на дороге & лужа');
  });

  it('keeps only the complaint of an HTML letter with a greeting, boilerplate, signature and a quoted reply', () => {
    expect(readLetter(HTML_LETTER).body).toBe('Во дворе не горит фонарь, темно…');
  });

  it('drops e-mail headers, greetings, boilerplate, "> " quotes and the signature of a plain letter', () => {
    expect(readLetter(PLAIN_LETTER).body).toBe('обращение гражданина\nВо дворе не горит фонарь, темно.');
  });

  it('drops quotes introduced by "On … wrote:" and by «От: … Отправлено: …»', () => {
    expect(readLetter('Яма на дороге\nOn Mon, 1 Mar 2021 at 10:00 Ivan wrote:\nмусор').body).toBe(
      'Яма на дороге',
    );
    expect(readLetter('Яма на дороге\nОт: Иванов\nОтправлено: 1 марта\nмусор').body).toBe('Яма на дороге');
    expect(readLetter('Здравствуйте, яма на дороге').body).toBe('яма на дороге');
    expect(readLetter('Уважаемый Иван Иванович! Яма на дороге').body).toBe('Яма на дороге');
  });

  it('takes street names out of the words and keeps them as their own feature', () => {
    const letter = readLetter('Яма на дороге у дома ул. Садовая, д. 5, кв. 12 и на Невский пр. д. 3');
    expect(letter.streets).toEqual(['садовая', 'невский']);
    expect(letter.body).not.toMatch(/Садовая|Невский|кв/u);
    const raw = extractFeatures({ text: 'Яма у дома ул. Садовая, д. 5' }, DEFAULT_FEATURES, true);
    expect([...raw.terms!.values()]).toContain('text_street=садовая');
    expect([...raw.terms!.values()]).not.toContain('садовая');
  });

  it('leaves a short resident message as it is', () => {
    expect(readLetter(SHORT)).toEqual({ body: SHORT, streets: [] });
    expect(readLetter('на улице грязно, прошу убрать')).toEqual({
      body: 'на улице грязно, прошу убрать',
      streets: [],
    });
  });

  it('reads 20,000-character adversarial letters in linear time', async () => {
    const upTo = (unit: string, n: number) => unit.repeat(Math.floor(n / unit.length));
    const adversarial: Array<(n: number) => string> = [
      (n) => upTo('<a', n),
      (n) => `<p ${'x'.repeat(n - 10)}`,
      (n) => upTo('&#', n),
      (n) => upTo('ул. ', n),
      (n) => upTo('Уважаемый ', n),
      (n) => `> ${'a'.repeat(n - 2)}`,
      (n) => upTo('д. 5, ', n),
      (n) => upTo('<blockquote>', n),
      (n) => `${'С'.repeat(n / 2)}${upTo(' ул.', n / 2)}`,
      (n) => upTo('Прошу дать ответ ', n),
      (n) => '-'.repeat(n),
      (n) => upTo('On ', n),
    ];
    for (const make of adversarial) {
      const input = make(MAX_LETTER_CHARS);
      expect(input.length).toBeLessThanOrEqual(MAX_LETTER_CHARS);
      expect(readLetter(input).body.length, input.slice(0, 20)).toBeLessThanOrEqual(MAX_LETTER_CHARS);
      // An eighth of the letter takes about an eighth of the time (a backtracking pattern: a 64th).
      const texts = new Map([MAX_LETTER_CHARS / 8, MAX_LETTER_CHARS].map((n) => [n, make(n)]));
      const ratio = await growthRatio(
        (n) => readLetter(texts.get(n)!),
        MAX_LETTER_CHARS / 8,
        MAX_LETTER_CHARS,
      );
      expect(ratio, input.slice(0, 20)).toBeLessThan(LINEAR_AT_8X);
    }
    // Longer texts are cut before they are read.
    expect(readLetter(`${'яма '.repeat(10_000)}`).body.length).toBeLessThanOrEqual(MAX_LETTER_CHARS);
  });
});

describe('the same complaint from three systems', () => {
  let model: ClassifierModel;
  let wordsOnly: ClassifierModel;
  beforeAll(() => {
    const examples = syntheticReports({ count: 1500, seed: 11 });
    const options = { features: { hashBits: 16 }, sgd: { epochs: 3 } };
    model = trainModel(examples, options).model;
    wordsOnly = trainModel(examples, { ...options, features: { hashBits: 16, letters: false } }).model;
  });

  it('gets the same top-1 labels as a short message, an HTML letter and a plain letter with boilerplate', () => {
    const labels = (m: ClassifierModel, text: string) => {
      const p = classify(m, { text, district: 'Южный', city_object: 'Двор' });
      return [p.category?.label, p.reason?.label, p.executor_org?.label];
    };
    const short = labels(model, SHORT);
    expect(short).toEqual(['Освещение', 'Не горит фонарь', 'Освещение: служба района Южный']);
    expect(labels(model, HTML_LETTER)).toEqual(short);
    expect(labels(model, PLAIN_LETTER)).toEqual(short);
    // Read as words, the quoted correspondence about rubbish wins: the normalisation is what decides.
    expect(labels(wordsOnly, HTML_LETTER)).not.toEqual(short);
    expect(labels(wordsOnly, PLAIN_LETTER)).not.toEqual(short);
  });
});
