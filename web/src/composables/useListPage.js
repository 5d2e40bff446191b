import { reactive, ref } from 'vue'
import { download } from '@/api/http'

/**
 * The state every server-paged list page keeps: the search form (`q`), the filters of the last search
 * (`applied`: paging, sorting and export use these, not half-typed ones), the page, its size and the total,
 * the table's sort ("prop" or "prop,desc", as the server's `sort` parameter reads it) and the export.
 *
 *   const list = useListPage({
 *     fetch: (params) => cadres.page(params),         // answers {rows, total}
 *     blank: () => ({ name: '', orgId: null }),       // the empty form
 *     params: (f) => ({ ...f, name: f.name.trim() }), // optional: the applied filters -> request parameters
 *     exportUrl: '/api/cadres/export', exportName: '干部花名册.xlsx'
 *   })
 *
 * Template: `@submit.prevent="search"`, reset button `reset`, `<el-table :data="rows" @sort-change="onSort">`,
 * `<ListPager :pager="pager" />` (or `<el-pagination v-model:current-page="page" v-model:page-size="size"
 * :total="total" @current-change="load" @size-change="onSizeChange">`), export button `exportFile()`.
 * `const list = reactive(useListPage(…))` keeps it one object: `list.q.name`, `list.rows`, `list.search()`.
 * `sortParams: (state) => ({…})` sends the table's sort ({prop, order}, or {}) as a server reads it that does not
 * take "prop,desc".
 * A failed request leaves an empty list: the HTTP client already showed the server's message.
 */
export function useListPage({
  fetch,
  blank = () => ({}),
  params = (f) => f,
  exportUrl = null,
  exportName = '导出.xlsx',
  pageSize = 20,
  sort: initialSort = null,
  sortParams = null,
  onLoad = null
}) {
  const q = reactive(blank())
  const applied = ref({ ...q })
  const rows = ref([])
  const total = ref(0)
  const page = ref(1)
  const size = ref(pageSize)
  const sortState = ref(initialSort || {})
  const sort = ref(sortParam(initialSort))
  const loading = ref(false)
  const exporting = ref(false)

  /** The request parameters of the applied filters and the sort, without paging (the export's). */
  function filters() {
    const f = params({ ...applied.value })
    if (sortParams) Object.assign(f, sortParams(sortState.value))
    else if (sort.value) f.sort = sort.value
    return f
  }
  async function load() {
    loading.value = true
    try {
      const res = await fetch({ ...filters(), page: page.value, size: size.value })
      rows.value = res.rows
      total.value = res.total
      if (onLoad) onLoad(res)
    } catch {
      rows.value = []
      total.value = 0
    } finally {
      loading.value = false
    }
  }
  /** Applies the form and goes back to the first page. */
  function search() {
    applied.value = { ...q }
    page.value = 1
    return load()
  }
  function reset() {
    Object.assign(q, blank())
    return search()
  }
  function onSizeChange() {
    page.value = 1
    return load()
  }
  /** el-table's sort-change: {prop, order} with order 'ascending', 'descending' or null. */
  function onSort({ prop, order }) {
    sortState.value = order ? { prop, order } : {}
    sort.value = sortParam(sortState.value)
    page.value = 1
    return load()
  }
  /** Downloads what the applied filters select (the server audits the export). */
  async function exportFile(url = exportUrl, name = exportName) {
    exporting.value = true
    try {
      await download(url, filters(), name)
    } catch {
      /* the HTTP client showed the message */
    } finally {
      exporting.value = false
    }
  }
  /** Goes to page `p` (the pager's current-change). */
  function goTo(p) {
    page.value = p
    return load()
  }
  /** Shows `n` rows a page, from the first (the pager's size-change). */
  function resize(n) {
    size.value = n
    return onSizeChange()
  }
  /** The row number across pages, for `<el-table-column type="index" :index="rowNumber">`. */
  const rowNumber = (i) => (page.value - 1) * size.value + i + 1

  return {
    q,
    applied,
    rows,
    total,
    page,
    size,
    sort,
    sortState,
    loading,
    exporting,
    filters,
    load,
    search,
    reset,
    onSizeChange,
    onSort,
    exportFile,
    goTo,
    resize,
    pager: reactive({ page, size, total, goTo, resize }),
    rowNumber
  }
}

function sortParam(state) {
  if (!state?.order) return ''
  return `${state.prop}${state.order === 'descending' ? ',desc' : ''}`
}
