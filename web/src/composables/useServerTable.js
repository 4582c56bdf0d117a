import { ref } from 'vue'
import { reportError } from '../utils/errors.js'

/**
 * The state every server-side list page shares: the current page of rows, paging, sorting, and
 * loads whose late answers never overwrite a newer one (typing fast in a search box).
 * `fetchPage(params)` is called with `query()` plus {page, page_size}; `query()` may read `sort`.
 */
export function useServerTable(fetchPage, query, { size = 20 } = {}) {
  const items = ref([])
  const total = ref(0)
  const loading = ref(false)
  const sort = ref('')
  const page = ref(1)
  const pageSize = ref(size)

  let seq = 0
  async function load() {
    const mine = ++seq
    loading.value = true
    try {
      const data = await fetchPage({ ...query(), page: page.value, page_size: pageSize.value })
      if (mine !== seq) return
      items.value = data.items || []
      total.value = data.total || 0
    } catch (err) {
      if (mine === seq) reportError(err)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function search() {
    page.value = 1
    load()
  }

  // el-table's sort-change → ?sort=column or -column (descending); no order → the server's default.
  function onSort({ prop, order }) {
    sort.value = !order ? '' : order === 'descending' ? `-${prop}` : prop
    search()
  }

  function onPage(p) {
    page.value = p
    load()
  }

  function onSize(s) {
    pageSize.value = s
    page.value = 1
    load()
  }

  return { items, total, loading, sort, page, pageSize, load, search, onSort, onPage, onSize }
}
