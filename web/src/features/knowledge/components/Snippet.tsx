import { Fragment } from 'react';

const ENTITY = /&#(\d+);/g;
const decodeEntities = (s: string) =>
  s.replace(ENTITY, (_m, code: string) => String.fromCharCode(Number(code)));

/**
 * A search snippet: the server sends escaped text where only <mark> is markup. It is split here
 * into text and <mark> elements, so nothing from an article ever reaches the page as HTML.
 */
export function Snippet({ html }: { html: string }) {
  const parts = html.split(/(<mark>.*?<\/mark>)/g);
  return (
    <>
      {parts.map((part, i) => {
        const key = `${i}:${part.length}`;
        const marked = /^<mark>(.*)<\/mark>$/.exec(part);
        return marked ? (
          <mark key={key}>{decodeEntities(marked[1] ?? '')}</mark>
        ) : (
          <Fragment key={key}>{decodeEntities(part)}</Fragment>
        );
      })}
    </>
  );
}
