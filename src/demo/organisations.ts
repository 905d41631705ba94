/**
 * Demo organisations of the demo region and the routing table (subject × district → organisation).
 * Names and contacts are invented (contacts use example.org and the non-existent 000 exchange), but
 * the shape follows Saint Petersburg: district administrations, city-wide utilities and agencies,
 * management companies for apartment buildings. The routing table is deliberately incomplete in a
 * few places (ROUTING_GAPS) so that the curator's queue has work in the demo.
 */
import { SUBJECT_CODES, subjectsOfTopics } from './categories.ts';
import { CITY_CODE, DISTRICTS } from './districts.ts';

export type OrganisationKind = 'authority' | 'institution' | 'management_company' | 'utility' | 'hoa';

export interface DemoOrganisation {
  code: string;
  nameRu: string;
  nameEn: string;
  kind: OrganisationKind;
  /** Territory codes; 'spb' means the whole city. */
  territoryCodes: string[];
  /** Subject codes (leaves of the category tree) the organisation handles. */
  categoryCodes: string[];
  phone?: string;
  email?: string;
  workingHours?: string;
}

export interface DemoRoutingRule {
  categoryCode: string;
  territoryCode: string;
  organisationCode: string;
}

const OFFICE_HOURS = 'пн–чт 9:00–18:00, пт 9:00–17:00';
const DISPATCH_HOURS = 'аварийно-диспетчерская служба круглосуточно; офис пн–пт 9:00–18:00';

/** City-wide bodies, each the first choice for its subjects everywhere. */
export const CITY_ORGANISATIONS: readonly DemoOrganisation[] = [
  {
    code: 'city-light',
    nameRu: 'СПб ГУП «Городской свет»',
    nameEn: 'City Light (St Petersburg state enterprise)',
    kind: 'utility',
    territoryCodes: [CITY_CODE],
    categoryCodes: subjectsOfTopics('lighting'),
    phone: '+7 (812) 000-10-01',
    email: 'info@city-light.example.org',
    workingHours: DISPATCH_HOURS,
  },
  {
    code: 'roads-directorate',
    nameRu: 'СПб ГКУ «Дирекция городских дорог»',
    nameEn: 'City Roads Directorate',
    kind: 'institution',
    territoryCodes: [CITY_CODE],
    categoryCodes: [
      'road-pothole',
      'pavement-damage',
      'road-sign',
      'traffic-light',
      'puddles',
      'kerb-lowering',
      'snow-street',
    ],
    phone: '+7 (812) 000-10-02',
    email: 'roads@roads-directorate.example.org',
    workingHours: OFFICE_HOURS,
  },
  {
    code: 'city-water',
    nameRu: 'ГУП «Городские водные сети»',
    nameEn: 'City Water Networks',
    kind: 'utility',
    territoryCodes: [CITY_CODE],
    categoryCodes: [
      'no-cold-water',
      'water-quality',
      'water-pressure',
      'sewer-blockage',
      'storm-drain',
      'manhole',
    ],
    phone: '+7 (812) 000-10-03',
    email: 'dispatch@city-water.example.org',
    workingHours: DISPATCH_HOURS,
  },
  {
    code: 'city-heat',
    nameRu: 'АО «Городская теплосеть»',
    nameEn: 'City Heating Network',
    kind: 'utility',
    territoryCodes: [CITY_CODE],
    categoryCodes: ['no-heating', 'low-temperature', 'heating-leak', 'no-hot-water'],
    phone: '+7 (812) 000-10-04',
    email: 'dispatch@city-heat.example.org',
    workingHours: DISPATCH_HOURS,
  },
  {
    code: 'eco-operator',
    nameRu: 'АО «Городской экологический оператор»',
    nameEn: 'City Waste Operator',
    kind: 'utility',
    territoryCodes: [CITY_CODE],
    categoryCodes: ['container-site', 'bulky-waste'],
    phone: '+7 (812) 000-10-05',
    email: 'info@eco-operator.example.org',
    workingHours: 'пн–пт 8:00–20:00, сб 10:00–16:00',
  },
  {
    code: 'appearance-committee',
    nameRu: 'Комитет по внешнему облику города',
    nameEn: 'Committee for the City’s Appearance',
    kind: 'authority',
    territoryCodes: [CITY_CODE],
    categoryCodes: ['illegal-ad', 'damaged-ad', 'facade-units'],
    phone: '+7 (812) 000-10-06',
    email: 'office@appearance-committee.example.org',
    workingHours: OFFICE_HOURS,
  },
  {
    code: 'transport-organiser',
    nameRu: 'СПб ГКУ «Организатор городских перевозок»',
    nameEn: 'City Transport Organiser',
    kind: 'institution',
    territoryCodes: [CITY_CODE],
    categoryCodes: subjectsOfTopics('transport'),
    phone: '+7 (812) 000-10-07',
    email: 'passengers@transport-organiser.example.org',
    workingHours: OFFICE_HOURS,
  },
];

/** What a district administration answers for: most topics, bar the city-wide networks. */
const DISTRICT_ADMINISTRATION_SUBJECTS: readonly string[] = [
  ...subjectsOfTopics('improvement', 'housing', 'waste', 'facades', 'parks', 'other'),
  'pavement-damage',
  'puddles',
  'kerb-lowering',
  'street-trade',
  'address-sign',
  'stairwell-heating',
];

export const DISTRICT_ADMINISTRATIONS: readonly DemoOrganisation[] = DISTRICTS.map((district, i) => ({
  code: `adm-${district.code}`,
  nameRu: `Администрация ${district.nameRuGenitive} Санкт-Петербурга`,
  nameEn: `${district.nameEn} Administration`,
  kind: 'authority',
  territoryCodes: [district.code],
  categoryCodes: [...DISTRICT_ADMINISTRATION_SUBJECTS],
  phone: `+7 (812) 000-20-${String(i + 1).padStart(2, '0')}`,
  email: `adm-${district.code}@example.org`,
  workingHours: OFFICE_HOURS,
}));

/** What a management company (УК) answers for in the buildings it runs. */
const MANAGEMENT_COMPANY_SUBJECTS: readonly string[] = [
  ...subjectsOfTopics('housing'),
  'yard-litter',
  'garbage-chute',
  'snow-yard',
  'facade-paint',
  'roof-leak',
  'icicles',
  'drainpipe',
  'basement-vents',
  'stairwell-heating',
  'address-sign',
];

const mc = (
  code: string,
  nameRu: string,
  nameEn: string,
  territoryCodes: string[],
  n: number,
): DemoOrganisation => ({
  code,
  nameRu,
  nameEn,
  kind: 'management_company',
  territoryCodes,
  categoryCodes: [...MANAGEMENT_COMPANY_SUBJECTS],
  phone: `+7 (812) 000-30-${String(n).padStart(2, '0')}`,
  email: `${code}@example.org`,
  workingHours: 'пн–пт 9:00–18:00; аварийная служба круглосуточно',
});

/** Kurortny and Kronshtadtsky have no management company here: the administration takes those reports. */
export const MANAGEMENT_COMPANIES: readonly DemoOrganisation[] = [
  mc(
    'uk-severny-kvartal',
    'ООО «УК «Северный квартал»',
    'Severny Kvartal Management Company',
    ['vyborgsky', 'kalininsky', 'primorsky'],
    1,
  ),
  mc(
    'uk-nevskaya-zastava',
    'ООО «УК «Невская застава»',
    'Nevskaya Zastava Management Company',
    ['nevsky', 'krasnogvardeysky'],
    2,
  ),
  mc(
    'uk-tsentr-servis',
    'ООО «УК «Центр-Сервис»',
    'Tsentr-Servis Management Company',
    ['tsentralny', 'admiralteysky', 'petrogradsky'],
    3,
  ),
  mc(
    'uk-yuzhnye-kvartaly',
    'ООО «УК «Южные кварталы»',
    'Yuzhnye Kvartaly Management Company',
    ['moskovsky', 'frunzensky', 'kirovsky'],
    4,
  ),
  mc(
    'uk-zapadny-bereg',
    'ООО «УК «Западный берег»',
    'Zapadny Bereg Management Company',
    ['vasileostrovsky', 'krasnoselsky'],
    5,
  ),
  mc(
    'uk-prigorod',
    'ООО «УК «Пригород»',
    'Prigorod Management Company',
    ['pushkinsky', 'kolpinsky', 'petrodvortsovy'],
    6,
  ),
];

/** A homeowners' association: listed in the directory, reached by redirect only (no routing rule). */
export const HOMEOWNER_ASSOCIATIONS: readonly DemoOrganisation[] = [
  {
    code: 'hoa-kronshtadtskaya-gavan',
    nameRu: 'ТСЖ «Кронштадтская гавань»',
    nameEn: 'Kronshtadtskaya Gavan Homeowners’ Association',
    kind: 'hoa',
    territoryCodes: ['kronshtadtsky'],
    categoryCodes: [
      'stairwell-state',
      'stairwell-cleaning',
      'stairwell-light',
      'entrance-door',
      'mailboxes',
      'roof-leak',
    ],
    email: 'board@kronshtadtskaya-gavan.example.org',
    workingHours: 'вт, чт 18:00–20:00',
  },
];

export const ORGANISATIONS: readonly DemoOrganisation[] = [
  ...CITY_ORGANISATIONS,
  ...DISTRICT_ADMINISTRATIONS,
  ...MANAGEMENT_COMPANIES,
  ...HOMEOWNER_ASSOCIATIONS,
];

const ORGANISATIONS_BY_CODE: ReadonlyMap<string, DemoOrganisation> = new Map(
  ORGANISATIONS.map((o) => [o.code, o]),
);

export function organisationByCode(code: string): DemoOrganisation {
  const found = ORGANISATIONS_BY_CODE.get(code);
  if (!found) throw new Error(`unknown organisation: ${code}`);
  return found;
}

/** Does the organisation cover this territory ('spb' covers every district) and subject? */
export function organisationCovers(
  org: DemoOrganisation,
  territoryCode: string,
  categoryCode: string,
): boolean {
  const territoryOk = org.territoryCodes.includes(CITY_CODE) || org.territoryCodes.includes(territoryCode);
  return territoryOk && org.categoryCodes.includes(categoryCode);
}

/**
 * Where the demo routing table has no rule on purpose: reports there wait for the curator.
 * `territoryCodes: 'all'` means no rule in any district.
 */
export const ROUTING_GAPS: readonly {
  categoryCode: string;
  territoryCodes: readonly string[] | 'all';
  why: string;
}[] = [
  {
    categoryCode: 'other-issue',
    territoryCodes: 'all',
    why: 'free-form reports always need a human to route',
  },
  {
    categoryCode: 'abandoned-car',
    territoryCodes: ['tsentralny', 'admiralteysky', 'petrogradsky'],
    why: 'the centre has not settled who tows abandoned cars: district or inspection',
  },
  {
    categoryCode: 'new-stop',
    territoryCodes: ['kurortny', 'kronshtadtsky'],
    why: 'suburban routes are planned by the region, not yet connected',
  },
];

export function isRoutingGap(categoryCode: string, territoryCode: string): boolean {
  return ROUTING_GAPS.some(
    (gap) =>
      gap.categoryCode === categoryCode &&
      (gap.territoryCodes === 'all' || gap.territoryCodes.includes(territoryCode)),
  );
}

/** The responsible organisation: a city-wide body first, then the district's УК, then the administration. */
function responsibleFor(categoryCode: string, districtCode: string): DemoOrganisation | undefined {
  const candidates = [CITY_ORGANISATIONS, MANAGEMENT_COMPANIES, DISTRICT_ADMINISTRATIONS];
  for (const group of candidates) {
    const found = group.find((org) => organisationCovers(org, districtCode, categoryCode));
    if (found) return found;
  }
  return undefined;
}

function buildRoutingRules(): DemoRoutingRule[] {
  const rules: DemoRoutingRule[] = [];
  for (const categoryCode of SUBJECT_CODES) {
    for (const district of DISTRICTS) {
      if (isRoutingGap(categoryCode, district.code)) continue;
      const org = responsibleFor(categoryCode, district.code);
      if (org) rules.push({ categoryCode, territoryCode: district.code, organisationCode: org.code });
    }
  }
  return rules;
}

/** One rule per (subject, district), except the ROUTING_GAPS. */
export const ROUTING_RULES: readonly DemoRoutingRule[] = buildRoutingRules();

const RULE_INDEX: ReadonlyMap<string, DemoRoutingRule> = new Map(
  ROUTING_RULES.map((r) => [`${r.categoryCode}|${r.territoryCode}`, r]),
);

export function findRoutingRule(categoryCode: string, territoryCode: string): DemoRoutingRule | undefined {
  return RULE_INDEX.get(`${categoryCode}|${territoryCode}`);
}

/**
 * Who a curator would pick where no rule applies: the organisation that covers the subject in
 * the district, else the district administration (which covers 'other-issue').
 */
export function curatorChoice(categoryCode: string, districtCode: string): DemoOrganisation {
  return responsibleFor(categoryCode, districtCode) ?? organisationByCode(`adm-${districtCode}`);
}
