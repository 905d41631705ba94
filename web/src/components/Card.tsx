import { type ReactNode, useId } from 'react';

type Props = {
  title: ReactNode;
  children?: ReactNode;
  /** A fixed id for the heading, where a link or a test points at it; otherwise one of React's. */
  headingId?: string;
  className?: string;
};

/** A card section named by its own heading (assistive technologies list it by that name). */
export function Card({ title, children, headingId, className }: Props) {
  const generated = useId();
  const id = headingId ?? generated;
  return (
    <section className={className ? `card ${className}` : 'card'} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
