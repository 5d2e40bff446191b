import { today } from '@/utils/format'

// Element Plus form rules (async-validator), written the same way everywhere. They mirror the server's checks so
// a user sees the problem at the field before sending; the server checks again and has the last word.

/**
 * A field that must be filled in; `trigger` 'change' for selects, pickers and switches. Any kind of value: a bare
 * `{ required: true }` takes the value for a string, and refuses a number (a unit's id, a count) as "not a string".
 */
export function required(message, trigger = 'blur') {
  return {
    required: true,
    message,
    trigger,
    validator: (rule, value, callback) =>
      value === null ||
      value === undefined ||
      (typeof value === 'string' && !value.trim()) ||
      (Array.isArray(value) && !value.length)
        ? callback(new Error(message))
        : callback()
  }
}

/** A text that, when given, must match `re` (the server's pattern). */
export function matches(re, message, trigger = 'blur') {
  return { pattern: re, message, trigger }
}

/** A text no longer than `max` characters. */
export function maxLength(max, label, trigger = 'blur') {
  return { max, message: `${label}不能超过${max}个字`, trigger }
}

/** A text of at least `min` and at most `max` characters (the server's @Size). */
export function lengthBetween(min, max, label, trigger = 'blur') {
  return { min, max, message: `${label}须为${min}到${max}个字`, trigger }
}

/** A number within the server's @Min/@Max (el-input-number keeps it there too; this names the limit). */
export function between(min, max, label, trigger = 'change') {
  return { type: 'number', min, max, message: `${label}须在${min}到${max}之间`, trigger }
}

/** A mobile or landline number with an optional extension, when given (people.internal.cadre.CadreValidator's PHONE). */
export const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/
export const phone = (trigger = 'blur') =>
  matches(PHONE, '请输入正确的手机号或座机号（如 13800000000、0851-12345678）', trigger)

/** An 18-character citizen ID's shape (the check digit is the server's to check). */
export const CITIZEN_ID = /^\d{17}[\dXx]$/
export const citizenId = (trigger = 'blur') => matches(CITIZEN_ID, '公民身份号码应为18位（末位可为X）', trigger)

/**
 * Validates an Element Plus form before sending: true when every rule passes (the failing fields show their messages).
 * `formRef` is the form's ref; a form not yet mounted counts as valid.
 */
export async function validate(formRef) {
  const form = formRef?.value ?? formRef
  if (!form) return true
  return form.validate().catch(() => false)
}

/** A text with no markup or script (the server's @PlainText refuses it: it would run where the text is shown). */
export function plainText(label, trigger = 'blur') {
  return {
    validator: (rule, value, callback) =>
      typeof value === 'string' && /<[a-zA-Z!/?]/.test(value)
        ? callback(new Error(`${label}不能包含网页标记或脚本`))
        : callback(),
    trigger
  }
}

/** The usual rules of a typed text: required (when `need`), at most `max` characters, no markup. */
export function text(label, max, need = false) {
  const list = [maxLength(max, label), plainText(label)]
  return need ? [required(`请填写${label}`), ...list] : list
}

/** A year of planning (platform.web.Bounds.planYear): from 2000 to ten years after this one. */
export const planYear = (label = '年度') => between(2000, new Date().getFullYear() + 10, label)

/** A date ('YYYY-MM-DD') not before the one `other()` gives, when both are given. */
export function notBefore(other, message, trigger = 'change') {
  return {
    validator: (rule, value, callback) => {
      const from = other()
      return value && from && value < from ? callback(new Error(message)) : callback()
    },
    trigger
  }
}

/** A date ('YYYY-MM-DD') not after today, when given (what has happened: a training, a fault, a showing). */
export function notAfterToday(message, trigger = 'change') {
  return {
    validator: (rule, value, callback) => (value && value > today() ? callback(new Error(message)) : callback()),
    trigger
  }
}
