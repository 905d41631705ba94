import type { ServiceAttributeDatatype, ServiceAttributeValue } from '../db/schema/open311.ts';

/**
 * The demo region's extra questions for a few subjects (Open311 service definitions). They are data:
 * a region adds its own the same way.
 */
export type DemoAttribute = {
  categoryCode: string;
  code: string;
  datatype: ServiceAttributeDatatype;
  required: boolean;
  order: number;
  descriptionRu: string;
  descriptionEn: string;
  values?: ServiceAttributeValue[];
};

export const DEMO_SERVICE_ATTRIBUTES: DemoAttribute[] = [
  {
    categoryCode: 'road-pothole',
    code: 'size',
    datatype: 'singlevaluelist',
    required: true,
    order: 1,
    descriptionRu: 'Размер ямы',
    descriptionEn: 'Size of the pothole',
    values: [
      { key: 'small', nameRu: 'Меньше 30 см', nameEn: 'Under 30 cm' },
      { key: 'medium', nameRu: '30–100 см', nameEn: '30–100 cm' },
      { key: 'large', nameRu: 'Больше метра', nameEn: 'Over a metre' },
    ],
  },
  {
    categoryCode: 'road-pothole',
    code: 'lane',
    datatype: 'multivaluelist',
    required: false,
    order: 2,
    descriptionRu: 'Где находится',
    descriptionEn: 'Where it is',
    values: [
      { key: 'roadway', nameRu: 'Проезжая часть', nameEn: 'Roadway' },
      { key: 'crossing', nameRu: 'Пешеходный переход', nameEn: 'Pedestrian crossing' },
      { key: 'tram', nameRu: 'Трамвайные пути', nameEn: 'Tram tracks' },
    ],
  },
  {
    categoryCode: 'street-light',
    code: 'lamp_count',
    datatype: 'number',
    required: true,
    order: 1,
    descriptionRu: 'Сколько фонарей не горит',
    descriptionEn: 'How many lights are out',
  },
  {
    categoryCode: 'street-light',
    code: 'pole_number',
    datatype: 'string',
    required: false,
    order: 2,
    descriptionRu: 'Номер опоры (если виден)',
    descriptionEn: 'Pole number (if visible)',
  },
  {
    categoryCode: 'street-light',
    code: 'noticed_at',
    datatype: 'datetime',
    required: false,
    order: 3,
    descriptionRu: 'Когда заметили',
    descriptionEn: 'When you noticed it',
  },
];
