// How an import treats bad rows: the roster and online-hours imports offer the same two, with the same
// wording as the server's messages (ImportMode.label()).
export const IMPORT_MODES = [
  { value: 'ALL_OR_NOTHING', label: '全部正确才导入' },
  { value: 'VALID_ROWS', label: '仅导入正确行' }
]

export function importModeLabel(mode) {
  return IMPORT_MODES.find((m) => m.value === mode)?.label ?? mode
}
