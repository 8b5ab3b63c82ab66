/** What the tab shows for this agent's total unread: title prefix and favicon badge text. */
export function badgeText(total: number): string {
  if (!Number.isFinite(total) || total <= 0) return '';
  return total > 99 ? '99+' : String(Math.floor(total));
}

export function titleWithUnread(base: string, total: number): string {
  const t = badgeText(total);
  return t ? `(${t}) ${base}` : base;
}
