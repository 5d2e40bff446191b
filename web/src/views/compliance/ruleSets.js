/** A requirement's amount as the rule reads it; 条例第十四条 "12天或者90学时": one with both is met by either. */
export const amount = (r) =>
  [
    r.days != null && Number(r.days) > 0 ? Number(r.days) + '天' : null,
    r.hours != null && Number(r.hours) > 0 ? Number(r.hours) + '学时' : null
  ]
    .filter(Boolean)
    .join('或') || '—'
