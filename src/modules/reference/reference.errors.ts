import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/** Error codes of categories, organisations and the region: HTTP status and a message in each UI language. */
export const referenceErrors = {
  unknown_category: { status: 422, ru: 'Такой категории нет', en: 'No such category' },
  category_not_selectable: {
    status: 422,
    ru: 'Выберите подкатегорию, а не раздел',
    en: 'Choose a subject, not a topic',
  },
  unknown_organisation: { status: 422, ru: 'Такой организации нет', en: 'No such organisation' },
  photo_required: {
    status: 422,
    ru: 'Для этой подкатегории нужна фотография',
    en: 'This subject needs a photo',
  },
  category_code_taken: {
    status: 409,
    ru: 'Категория с таким кодом уже есть',
    en: 'A category with this code already exists',
  },
  category_too_deep: {
    status: 422,
    ru: 'Подкатегория создаётся только внутри раздела',
    en: 'A subject can only be created under a topic',
  },
  category_sla_required: {
    status: 422,
    ru: 'Для подкатегории укажите срок ответа в рабочих днях',
    en: 'A subject needs an answer deadline in working days',
  },
  topic_has_no_sla: {
    status: 422,
    ru: 'У раздела нет срока ответа: сроки задаются подкатегориям',
    en: 'A topic has no deadline: subjects have deadlines',
  },
  category_in_use: {
    status: 409,
    ru: 'На эту категорию ссылаются сообщения: удалить её нельзя, отправьте её в архив',
    en: 'Reports refer to this category: it cannot be deleted; archive it instead',
  },
  category_has_subjects: {
    status: 409,
    ru: 'В разделе есть подкатегории: удалить его нельзя, отправьте его в архив',
    en: 'The topic has subjects: it cannot be deleted; archive it instead',
  },
  point_outside_region: {
    status: 422,
    ru: 'Точка находится за пределами региона',
    en: 'The point is outside the region',
  },
  // ---- territories (docs/administration.md, "Territories") ----
  territory_code_taken: {
    status: 409,
    ru: 'Территория с таким кодом уже есть',
    en: 'A territory with this code already exists',
  },
  territory_parent_kind: {
    status: 422,
    ru: 'Район входит в регион, муниципальное образование — в район; регион один и ни во что не входит',
    en: 'A district belongs to the region, a municipality to a district; the one region has no parent',
  },
  territory_region_exists: {
    status: 409,
    ru: 'Регион уже есть: добавляйте районы и муниципальные образования',
    en: 'The region already exists: add districts and municipalities',
  },
  territory_archived: {
    status: 422,
    ru: 'Территория в архиве: сначала восстановите её',
    en: 'The territory is archived: restore it first',
  },
  territory_in_use: {
    status: 409,
    ru: 'На территорию ссылаются сообщения, правила маршрутизации или учётные записи: удалить её нельзя, отправьте её в архив',
    en: 'Reports, routing rules or accounts refer to this territory: it cannot be deleted; archive it instead',
  },
  territory_has_children: {
    status: 409,
    ru: 'В территорию входят другие: удалить её нельзя, отправьте её в архив',
    en: 'Other territories belong to this one: it cannot be deleted; archive it instead',
  },
  boundary_geometry_type: {
    status: 422,
    ru: 'Граница — это Polygon или MultiPolygon (геометрия, Feature или FeatureCollection из них)',
    en: 'A boundary is a Polygon or MultiPolygon (a geometry, a Feature or a FeatureCollection of them)',
  },
  boundary_coordinates_out_of_range: {
    status: 422,
    ru: 'Координаты границы вне допустимого диапазона: долгота от −180 до 180, широта от −90 до 90',
    en: 'Boundary coordinates out of range: longitude −180 to 180, latitude −90 to 90',
  },
  boundary_coordinates_swapped: {
    status: 422,
    ru: 'Похоже, широта и долгота в границе перепутаны: в GeoJSON сначала долгота, затем широта',
    en: 'Latitude and longitude in the boundary look swapped: GeoJSON gives longitude first',
  },
  boundary_ring: {
    status: 422,
    ru: 'Контур границы должен быть замкнут и содержать не меньше 4 точек',
    en: 'A boundary ring must be closed and have at least 4 positions',
  },
  boundary_self_intersection: {
    status: 422,
    ru: 'Граница пересекает сама себя',
    en: 'The boundary intersects itself',
  },
  boundary_invalid: {
    status: 422,
    ru: 'Граница некорректна',
    en: 'The boundary is not valid',
  },
  boundary_outside_region: {
    status: 422,
    ru: 'Граница выходит за пределы региона',
    en: 'The boundary lies outside the region',
  },
  boundary_outside_parent: {
    status: 422,
    ru: 'Граница муниципального образования выходит за пределы его района',
    en: 'The municipality’s boundary lies outside its district',
  },
  boundary_too_large: {
    status: 413,
    ru: 'Граница слишком подробная: не больше 100 000 точек (упростите её)',
    en: 'The boundary is too detailed: at most 100,000 positions (simplify it)',
  },
  // ---- organisations ----
  organisation_code_taken: {
    status: 409,
    ru: 'Организация с таким кодом уже есть',
    en: 'An organisation with this code already exists',
  },
  organisation_parent_cycle: {
    status: 422,
    ru: 'Вышестоящая организация не может подчиняться этой (получился бы цикл)',
    en: 'The parent authority cannot itself answer to this organisation (that would be a cycle)',
  },
  organisation_in_use: {
    status: 409,
    ru: 'На организацию ссылаются сообщения, правила, сотрудники или подчинённые организации: удалить её нельзя, отправьте её в архив',
    en: 'Reports, rules, staff or subordinate bodies refer to this organisation: it cannot be deleted; archive it instead',
  },
} as const satisfies ErrorDefinitions;

/** `vmeste:<key>` messages of the reference-data admin schemas. */
export const referenceValidation = {
  category_code_format: {
    ru: 'Код — латинские строчные буквы, цифры и дефисы, от 2 до 63 знаков',
    en: 'The code is 2–63 lowercase Latin letters, digits and hyphens',
  },
  boundary_self_intersection_at: {
    ru: 'Граница пересекает сама себя в точке {{value}} (долгота широта)',
    en: 'The boundary intersects itself at {{value}} (longitude latitude)',
  },
  boundary_invalid_reason: {
    ru: 'Граница некорректна: {{value}}',
    en: 'The boundary is not valid: {{value}}',
  },
  boundary_outside_share: {
    ru: 'За пределами лежит {{value}} % площади',
    en: '{{value}} % of the area lies outside',
  },
  territory_code_format: {
    ru: 'Код — латинские строчные буквы, цифры, дефисы и подчёркивания, от 2 до 63 знаков',
    en: 'The code is 2–63 lowercase Latin letters, digits, hyphens and underscores',
  },
  tile_url_format: {
    ru: 'Адрес плиток — http(s) с {z}, {x} и {y}',
    en: 'The tile URL is http(s) with {z}, {x} and {y}',
  },
  languages_repeated: { ru: 'Язык указан дважды', en: 'A language is listed twice' },
} as const satisfies MessageDefinitions;
