import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AddressHit, useAddressSearch } from '../api/addresses';

type Props = {
  onPick: (hit: AddressHit) => void;
  /** What picking does here (default: it places the report). */
  hint?: string;
};

/**
 * "Find the address": a combobox over the address registry (abbreviations and typos understood).
 * Picking a suggestion places the report there; without map tiles this is how a point is chosen.
 */
export function AddressSearch({ onPick, hint }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState('');
  const [debounced, setDebounced] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(text), 200);
    return () => clearTimeout(timer);
  }, [text]);
  const search = useAddressSearch(debounced);
  const items = debounced.trim().length >= 2 ? (search.data?.items ?? []) : [];
  const expanded = open && items.length > 0;

  const pick = (hit: AddressHit) => {
    setText(hit.address);
    setOpen(false);
    setActive(-1);
    onPick(hit);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && items.length > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((i) => (i + 1) % items.length);
    } else if (e.key === 'ArrowUp' && items.length > 0) {
      e.preventDefault();
      setActive((i) => (i <= 0 ? items.length - 1 : i - 1));
    } else if (e.key === 'Enter' && expanded && active >= 0) {
      e.preventDefault();
      pick(items[active]!);
    } else if (e.key === 'Escape') setOpen(false);
  };

  return (
    <div className="field address-search">
      <label htmlFor={`${id}-input`}>{t('addresses.find')}</label>
      <p className="hint" id={`${id}-hint`}>
        {hint ?? t('addresses.findHint')}
      </p>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-describedby={`${id}-hint ${id}-status`}
        aria-activedescendant={expanded && active >= 0 ? `${id}-opt-${active}` : undefined}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onFocus={() => setOpen(true)}
      />
      <p id={`${id}-status`} className="visually-hidden" aria-live="polite">
        {debounced.trim().length >= 2 && !search.isFetching
          ? t('addresses.found', { count: items.length })
          : ''}
      </p>
      <div
        id={listId}
        role="listbox"
        className="address-options"
        hidden={!expanded}
        aria-label={t('addresses.find')}
      >
        {items.map((hit, i) => (
          <div
            key={hit.id}
            id={`${id}-opt-${i}`}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            className={i === active ? 'is-active' : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(hit);
            }}
          >
            {hit.address}
          </div>
        ))}
      </div>
    </div>
  );
}
