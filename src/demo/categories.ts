/**
 * The demo category tree (topic → subject), modelled on the menus of real city portals such as
 * «Наш Санкт-Петербург» and «Добродел». SLA is in working days and set on subjects only; urgent
 * faults (no heating, no water, an open manhole, a fallen tree) get 1–2 days.
 */

export interface DemoCategorySubject {
  /** ASCII slug, unique across the whole tree. */
  code: string;
  nameRu: string;
  nameEn: string;
  /** Deadline for an answer, in working days. */
  slaDays: number;
}

export interface DemoCategoryTopic {
  code: string;
  nameRu: string;
  nameEn: string;
  children: DemoCategorySubject[];
}

const s = (code: string, nameRu: string, nameEn: string, slaDays: number): DemoCategorySubject => ({
  code,
  nameRu,
  nameEn,
  slaDays,
});

export const CATEGORY_TREE: readonly DemoCategoryTopic[] = [
  {
    code: 'improvement',
    nameRu: 'Благоустройство',
    nameEn: 'Public spaces',
    children: [
      s('yard-asphalt', 'Разрушено асфальтовое покрытие во дворе', 'Damaged asphalt in a yard', 15),
      s('playground', 'Неисправно оборудование детской площадки', 'Broken playground equipment', 7),
      s(
        'street-furniture',
        'Повреждены скамейки, урны, малые формы',
        'Damaged benches, bins, street furniture',
        10,
      ),
      s('lawn-fence', 'Повреждено газонное ограждение', 'Damaged lawn fence', 10),
      s('graffiti', 'Надписи и объявления на стенах и сооружениях', 'Graffiti and flyers on walls', 5),
      s('abandoned-car', 'Брошенный разукомплектованный автомобиль', 'Abandoned stripped car', 20),
      s(
        'earthworks',
        'Не восстановлено благоустройство после земляных работ',
        'Site not restored after digging',
        10,
      ),
    ],
  },
  {
    code: 'housing',
    nameRu: 'Содержание МКД',
    nameEn: 'Apartment building upkeep',
    children: [
      s('stairwell-state', 'Неудовлетворительное состояние парадной', 'Stairwell in poor repair', 10),
      s('stairwell-cleaning', 'Нет уборки в парадной', 'Stairwell not cleaned', 3),
      s('stairwell-light', 'Не работает освещение в парадной', 'No light in the stairwell', 3),
      s('lift', 'Неисправный лифт', 'Lift out of order', 1),
      s(
        'entrance-door',
        'Неисправна входная дверь, доводчик, домофон',
        'Broken entrance door or intercom',
        3,
      ),
      s('mailboxes', 'Сломаны почтовые ящики', 'Broken mailboxes', 10),
      s('pests', 'Крысы, насекомые: нужна дератизация или дезинсекция', 'Rats or insects: pest control', 5),
    ],
  },
  {
    code: 'roads',
    nameRu: 'Дороги и тротуары',
    nameEn: 'Roads and pavements',
    children: [
      s('road-pothole', 'Ямы и выбоины на проезжей части', 'Potholes in the road', 10),
      s('pavement-damage', 'Повреждено покрытие тротуара', 'Damaged pavement', 15),
      s('road-sign', 'Повреждён или отсутствует дорожный знак', 'Damaged or missing road sign', 5),
      s('traffic-light', 'Неисправен светофор', 'Traffic light out of order', 1),
      s('manhole', 'Открытый или повреждённый люк', 'Open or broken manhole', 1),
      s('puddles', 'Лужи на проезжей части и тротуаре', 'Standing water on road or pavement', 7),
      s('kerb-lowering', 'Занижение бордюра на пешеходном переходе', 'Lowered kerb at a crossing', 20),
    ],
  },
  {
    code: 'lighting',
    nameRu: 'Освещение',
    nameEn: 'Street lighting',
    children: [
      s('street-light', 'Не горят уличные фонари', 'Street lights out', 5),
      s('yard-light', 'Нет освещения во дворе', 'No lighting in a yard', 5),
      s('lamp-post', 'Повреждена опора освещения', 'Damaged lamp post', 3),
      s('hanging-wires', 'Провисшие или оборванные провода', 'Sagging or broken wires', 1),
    ],
  },
  {
    code: 'water',
    nameRu: 'Водоснабжение и канализация',
    nameEn: 'Water and sewerage',
    children: [
      s('no-cold-water', 'Нет холодной воды', 'No cold water', 1),
      s('no-hot-water', 'Нет горячей воды', 'No hot water', 2),
      s('water-quality', 'Плохое качество воды', 'Poor water quality', 5),
      s('water-pressure', 'Слабый напор воды', 'Low water pressure', 5),
      s('sewer-blockage', 'Засор или протечка канализации', 'Blocked or leaking sewer', 2),
      s('storm-drain', 'Засорена ливневая канализация', 'Blocked storm drain', 7),
    ],
  },
  {
    code: 'heating',
    nameRu: 'Отопление',
    nameEn: 'Heating',
    children: [
      s('no-heating', 'Нет отопления', 'No heating', 1),
      s('low-temperature', 'Низкая температура в квартире', 'Flat too cold', 2),
      s('stairwell-heating', 'Холодно на лестнице, нет радиатора', 'Cold stairwell, missing radiator', 5),
      s('heating-leak', 'Протечка системы отопления', 'Heating system leak', 1),
    ],
  },
  {
    code: 'waste',
    nameRu: 'Мусор и уборка',
    nameEn: 'Waste and cleaning',
    children: [
      s('yard-litter', 'Мусор на придомовой территории', 'Litter in a yard', 3),
      s('bulky-waste', 'Крупногабаритный мусор на газоне', 'Bulky waste on a lawn', 5),
      s('container-site', 'Не вывозится мусор с контейнерной площадки', 'Bin site not emptied', 2),
      s('litter-bins', 'Переполнены урны', 'Overflowing litter bins', 2),
      s('garbage-chute', 'Засор мусоропровода', 'Blocked refuse chute', 2),
      s('snow-yard', 'Не убраны снег и наледь во дворе', 'Snow and ice in a yard', 2),
      s('snow-street', 'Не убран снег на улице и тротуаре', 'Snow on a street or pavement', 2),
    ],
  },
  {
    code: 'advertising',
    nameRu: 'Реклама и вывески',
    nameEn: 'Advertising and signs',
    children: [
      s('illegal-ad', 'Незаконная рекламная конструкция', 'Unlawful advertising structure', 20),
      s('damaged-ad', 'Повреждённая рекламная конструкция', 'Damaged advertising structure', 10),
      s('street-trade', 'Торговля в неустановленном месте', 'Street trading in a prohibited place', 10),
      s('address-sign', 'Нет адресной таблички на доме', 'Missing house number sign', 15),
    ],
  },
  {
    code: 'facades',
    nameRu: 'Фасады и кровля',
    nameEn: 'Facades and roofs',
    children: [
      s('facade-paint', 'Облупилась окраска фасада', 'Peeling facade paint', 20),
      s(
        'facade-units',
        'Самовольные кондиционеры и конструкции на фасаде',
        'Unauthorised units on a facade',
        20,
      ),
      s('roof-leak', 'Протекает кровля', 'Leaking roof', 5),
      s('icicles', 'Сосульки и наледь на крыше', 'Icicles and ice on a roof', 1),
      s('drainpipe', 'Повреждена водосточная труба', 'Damaged drainpipe', 10),
      s('basement-vents', 'Открыты подвальные окна и продухи', 'Open basement windows or vents', 5),
    ],
  },
  {
    code: 'transport',
    nameRu: 'Общественный транспорт',
    nameEn: 'Public transport',
    children: [
      s('bus-shelter', 'Повреждён остановочный павильон', 'Damaged bus shelter', 10),
      s('stop-sign', 'Нет указателя или расписания на остановке', 'Missing stop sign or timetable', 10),
      s('route-schedule', 'Нарушается расписание маршрута', 'Route not keeping to its timetable', 10),
      s('new-stop', 'Предложение по новой остановке или маршруту', 'Proposal for a new stop or route', 20),
    ],
  },
  {
    code: 'parks',
    nameRu: 'Парки и озеленение',
    nameEn: 'Parks and greenery',
    children: [
      s('fallen-tree', 'Упавшее дерево', 'Fallen tree', 1),
      s('dangerous-tree', 'Угроза падения дерева', 'Tree in danger of falling', 3),
      s('neglected-greenery', 'Неухоженные деревья и кустарники', 'Neglected trees and shrubs', 15),
      s('park-litter', 'Мусор в парке или сквере', 'Litter in a park or square', 5),
      s('park-equipment', 'Повреждено оборудование в парке', 'Damaged park equipment', 10),
    ],
  },
  {
    code: 'other',
    nameRu: 'Другое',
    nameEn: 'Other',
    children: [s('other-issue', 'Другая проблема', 'Other problem', 20)],
  },
];

export interface DemoSubjectEntry extends DemoCategorySubject {
  topicCode: string;
}

/** Every subject (leaf) with its topic's code, in tree order. */
export const SUBJECTS: readonly DemoSubjectEntry[] = CATEGORY_TREE.flatMap((topic) =>
  topic.children.map((subject) => ({ ...subject, topicCode: topic.code })),
);

export const SUBJECT_CODES: readonly string[] = SUBJECTS.map((x) => x.code);

const SUBJECTS_BY_CODE: ReadonlyMap<string, DemoSubjectEntry> = new Map(SUBJECTS.map((x) => [x.code, x]));

export function subjectByCode(code: string): DemoSubjectEntry {
  const found = SUBJECTS_BY_CODE.get(code);
  if (!found) throw new Error(`unknown category subject: ${code}`);
  return found;
}

/** The subject codes of the given topics (helper for organisations' category lists). */
export function subjectsOfTopics(...topicCodes: string[]): string[] {
  return topicCodes.flatMap((code) => {
    const topic = CATEGORY_TREE.find((t) => t.code === code);
    if (!topic) throw new Error(`unknown category topic: ${code}`);
    return topic.children.map((x) => x.code);
  });
}
