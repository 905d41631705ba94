import type { Problems } from './open311.params.ts';
import type { AttributeRow } from './open311.repo.ts';

const STRING_MAX = 300;
const TEXT_MAX = 4000;

/**
 * Checks the answers to a service's extra questions against its definition and returns what will be
 * stored: each defined, variable attribute's value (lists for multivaluelist). Attributes the service
 * does not define are ignored, as clients such as FixMyStreet send their own (fixmystreet_id, title…).
 */
export function checkAttributes(
  definitions: AttributeRow[],
  submitted: Map<string, string[]>,
  problems: Problems,
): Record<string, string | string[]> {
  const accepted: Record<string, string | string[]> = {};
  for (const def of definitions) {
    if (!def.variable) continue;
    const path = `attribute[${def.code}]`;
    const values = submitted.get(def.code) ?? [];
    if (values.length === 0) {
      if (def.required) problems.add(path, 'attribute_required');
      continue;
    }
    const keys = new Set(def.values.map((v) => v.key));
    if (def.datatype === 'multivaluelist') {
      const unknown = values.filter((v) => !keys.has(v));
      if (unknown.length > 0) problems.add(path, `vmeste:open311_not_in_list:${unknown.join(', ')}`);
      else accepted[def.code] = [...new Set(values)];
      continue;
    }
    if (values.length > 1) {
      problems.add(path, 'vmeste:open311_single_value');
      continue;
    }
    const value = values[0]!;
    const problem = checkSingle(def, value, keys);
    if (problem) problems.add(path, problem);
    else accepted[def.code] = def.datatype === 'datetime' ? new Date(value).toISOString() : value;
  }
  return accepted;
}

function checkSingle(def: AttributeRow, value: string, keys: Set<string>): string | null {
  switch (def.datatype) {
    case 'number':
      return /^[-+]?\d+(\.\d+)?$/.test(value) ? null : 'vmeste:open311_number';
    case 'datetime':
      return /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(new Date(value).getTime())
        ? null
        : 'vmeste:open311_datetime';
    case 'singlevaluelist':
      return keys.has(value) ? null : `vmeste:open311_not_in_list:${value}`;
    case 'string':
      return value.length <= STRING_MAX ? null : `vmeste:max_chars:${STRING_MAX}`;
    case 'text':
      return value.length <= TEXT_MAX ? null : `vmeste:max_chars:${TEXT_MAX}`;
    default:
      return null;
  }
}
