import { computed, reactive, ref } from 'vue'

/**
 * A page at a time of rows the browser already holds (a report's tables), for `<ListPager :pager="…">`:
 * `rows` the page shown, `page`, `size`, `total`, `goTo(p)`, `resize(n)`, `first()` (back to page one, on new rows).
 *
 *   const branches = useClientPage(() => report.value?.branches, 15)
 *   <el-table :data="branches.rows"> … <ListPager v-if="branches.total > branches.size" :pager="branches" />
 */
export function useClientPage(source, pageSize = 20) {
  const page = ref(1)
  const size = ref(pageSize)
  const all = computed(() => source() || [])
  const total = computed(() => all.value.length)
  const rows = computed(() => all.value.slice((page.value - 1) * size.value, page.value * size.value))
  return reactive({
    rows,
    page,
    size,
    total,
    goTo: (p) => (page.value = p),
    resize: (n) => {
      size.value = n
      page.value = 1
    },
    first: () => (page.value = 1)
  })
}
