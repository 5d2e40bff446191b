// Element Plus form rules (async-validator), written the same way everywhere. They mirror the server's checks so
// a user sees the problem at the field before sending; the server checks again and has the last word.

/** A field that must be filled in; `trigger` 'change' for selects, pickers and switches. */
export function required(message, trigger = 'blur') {
  return { required: true, whitespace: true, message, trigger }
}

/** A text that, when given, must match `re` (the server's pattern). */
export function matches(re, message, trigger = 'blur') {
  return { pattern: re, message, trigger }
}

/** A text no longer than `max` characters. */
export function maxLength(max, label, trigger = 'blur') {
  return { max, message: `${label}不能超过${max}个字`, trigger }
}
