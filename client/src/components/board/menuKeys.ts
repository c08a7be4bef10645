import type { KeyboardEvent } from 'react';

/** Arrow keys, Home and End move focus between a menu's items. */
export function focusMenuItem(e: KeyboardEvent, menu: HTMLElement | null): void {
  if (!menu) return;
  const items = [...menu.querySelectorAll<HTMLElement>('[role^="menuitem"]:not([disabled])')];
  if (items.length === 0) return;
  const current = items.indexOf(document.activeElement as HTMLElement);
  let next: number | null = null;
  if (e.key === 'ArrowDown') next = (current + 1) % items.length;
  else if (e.key === 'ArrowUp') next = (current - 1 + items.length) % items.length;
  else if (e.key === 'Home') next = 0;
  else if (e.key === 'End') next = items.length - 1;
  if (next === null) return;
  e.preventDefault();
  items[next]!.focus();
}
