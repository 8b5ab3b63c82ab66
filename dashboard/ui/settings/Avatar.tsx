import { initials } from '../../state/initials.ts';

/** A member's initials in a circle (decorative: the name is always written beside it). */
export function Avatar({ name, size = 32 }: { name: string; size?: number }) {
  return (
    <span class="avatar-initials" style={{ width: `${size}px`, height: `${size}px`, fontSize: `${Math.round(size * 0.4)}px` }} aria-hidden="true" data-testid="avatar">
      {initials(name)}
    </span>
  );
}
