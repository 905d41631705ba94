import { localName } from '../../../lib/format';
import { groupCategories, useCategories } from '../api/get-categories';

/**
 * A select's options for choosing a subject: one group per topic, its subjects inside, in the order
 * the server gives. `wholeTopic` adds the topic itself as the group's first option (filters where a
 * topic stands for all its subjects), labelled by what it returns for the topic's name.
 */
export function CategoryOptions({ wholeTopic }: { wholeTopic?: (topic: string) => string }) {
  const categories = useCategories();
  return groupCategories(categories.data ?? []).map(({ topic, subjects }) => (
    <optgroup key={topic.id} label={localName(topic.name)}>
      {wholeTopic && <option value={topic.id}>{wholeTopic(localName(topic.name))}</option>}
      {subjects.map((c) => (
        <option key={c.id} value={c.id}>
          {localName(c.name)}
        </option>
      ))}
    </optgroup>
  ));
}
