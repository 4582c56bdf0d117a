// The state of every server-side list page: its filters, sort, page and page size; the rows of the
// current page; an export of what the filters select. The whole state lives in the address
// (router.replace), so a reload, the back button or a shared link shows the same list. Only what
// differs from how the page opens is written, so an untouched list keeps a bare address.
//
// A page describes its filters once:
//   useListPage({
//     fetch: listPeople,
//     fields: { q: text(), category: choice(), dates: period('start_from', 'start_to'), region: pickerRegion() },
//     download: (query, format) => exportPeople(format, query, fileName),
//   })
// and gets `filters` (reactive, for v-model), the rows, and the handlers the table and pager call.
// The first page loads on mount unless `immediate: false` (the page calls load() when it is ready).
import { computed, onBeforeUnmount, onMounted, reactive, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { selectedCode, scopeNode } from '../store/region.js'
import { reportError } from '../utils/errors.js'

const TYPING_PAUSE_MS = 350
const DAY = /^\d{4}-\d{2}-\d{2}$/

/** Free text: sent trimmed; a change waits for the typing to pause before it reloads. */
export const text = () => ({ kind: 'text', initial: () => '', blank: '' })

/**
 * A pick among values ('' is "any"). `initial` may be a function (a per-role default such as the
 * loans queue); such a setting is not counted as a filter and a reset returns it to `initial`.
 * `values`, when given, is what the address may set (anything else falls back to `initial`).
 */
export function choice(initial = '', { values } = {}) {
  const isSetting = typeof initial === 'function'
  return {
    kind: 'choice',
    initial: isSetting ? initial : () => initial,
    blank: isSetting ? undefined : initial,
    accepts: (v) => !values || values.includes(v),
  }
}

/**
 * A date range [from, to] sent as two query keys. With `openStart`, an end alone (the dashboard's
 * "everyone up to that day") is kept as ['', to].
 */
export const period = (fromKey, toKey, { openStart = false } = {}) => ({
  kind: 'period',
  fromKey,
  toKey,
  openStart,
  initial: () => null,
  blank: null,
})

/**
 * The region filter: it starts from, and follows, the region picked in the top bar unless that is
 * the whole scope. `when` turns that off (an entrepreneur's own applications have no region).
 */
export const pickerRegion = ({ when = () => true } = {}) => ({
  kind: 'region',
  initial: () => (when() ? regionFromPicker() : ''),
  blank: '',
  when,
})

function regionFromPicker() {
  const root = scopeNode.value
  return root && selectedCode.value && selectedCode.value !== root.code ? selectedCode.value : ''
}

const isDay = (v) => typeof v === 'string' && DAY.test(v)
const positive = (v) => (/^[1-9]\d{0,5}$/.test(String(v)) ? Number(v) : 0)

function sameQuery(a, b) {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const k of keys) if (String(a[k] ?? '\u0000') !== String(b[k] ?? '\u0000')) return false
  return true
}

/**
 * fetch(params) → { items, total }; `size`: the first page size; `download(query, format)`: the
 * export; `prefix`: put before this list's keys in the address, where a page shows two lists.
 */
export function useListPage({ fetch, fields = {}, size = 20, download, immediate = true, prefix = '' } = {}) {
  const route = useRoute()
  const router = useRouter()
  const specs = Object.entries(fields).map(([name, spec]) => [name, typeof spec === 'string' ? choice(spec) : spec])
  const initial = Object.fromEntries(specs.map(([name, f]) => [name, f.initial()]))
  const key = (k) => prefix + k
  const owned = new Set(['sort', 'page', 'page_size'].map(key))
  for (const [name, f] of specs) {
    if (f.kind === 'period') owned.add(key(f.fromKey)).add(key(f.toKey))
    else owned.add(key(name))
  }

  const filters = reactive({ ...initial })
  const sort = ref('')
  const page = ref(1)
  const pageSize = ref(size)
  const items = ref([])
  const total = ref(0)
  const loading = ref(false)
  const exporting = ref('')

  /** The filters as the API takes them (and the export: the same filters, no paging). */
  function filterParams() {
    const out = {}
    for (const [name, f] of specs) {
      const v = filters[name]
      if (f.kind === 'period') {
        const [from, to] = Array.isArray(v) ? v : []
        out[f.fromKey] = from || ''
        out[f.toKey] = to || ''
      } else {
        out[name] = f.kind === 'text' ? v.trim() : v
      }
    }
    return out
  }
  const query = () => ({ ...filterParams(), sort: sort.value })

  // ---- the address ---------------------------------------------------------------------------
  function addressState() {
    const out = {}
    for (const [name, f] of specs) {
      const v = filters[name]
      if (f.kind === 'period') {
        const [from, to] = Array.isArray(v) ? v : []
        if (from) out[key(f.fromKey)] = from
        if (to) out[key(f.toKey)] = to
      } else if ((f.kind === 'text' ? v.trim() : v) !== initial[name]) {
        // '' is written too where it is not the initial value ("queue=" is the queue turned off)
        out[key(name)] = f.kind === 'text' ? v.trim() : v
      }
    }
    if (sort.value) out[key('sort')] = sort.value
    if (page.value !== 1) out[key('page')] = String(page.value)
    if (pageSize.value !== size) out[key('page_size')] = String(pageSize.value)
    return out
  }

  function ownedPart(q) {
    return Object.fromEntries(Object.entries(q).filter(([k]) => owned.has(k)))
  }
  function otherPart(q) {
    return Object.fromEntries(Object.entries(q).filter(([k]) => !owned.has(k)))
  }

  function readAddress(q) {
    for (const [name, f] of specs) {
      if (f.kind === 'period') {
        const from = isDay(q[key(f.fromKey)]) ? q[key(f.fromKey)] : ''
        const to = isDay(q[key(f.toKey)]) ? q[key(f.toKey)] : ''
        filters[name] = from && to ? [from, to] : to && f.openStart ? ['', to] : null
      } else {
        const v = q[key(name)]
        filters[name] = typeof v === 'string' && (!f.accepts || f.accepts(v)) ? v : initial[name]
      }
    }
    sort.value = typeof q[key('sort')] === 'string' ? q[key('sort')] : ''
    page.value = positive(q[key('page')]) || 1
    pageSize.value = positive(q[key('page_size')]) || size
  }

  const routeName = route.name
  function writeAddress() {
    if (route.name !== routeName) return
    const q = { ...otherPart(route.query), ...addressState() }
    if (!sameQuery(q, route.query)) router.replace({ query: q })
  }

  // ---- loading -------------------------------------------------------------------------------
  let seq = 0
  let requested = ''
  // A late answer never overwrites a newer one (typing fast in a search box).
  async function load() {
    const mine = ++seq
    requested = JSON.stringify(filterParams())
    writeAddress()
    loading.value = true
    try {
      const data = await fetch({ ...query(), page: page.value, page_size: pageSize.value })
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

  // Any filter change reloads from page 1; a change of free text only waits for a pause first.
  let timer = null
  const textKeys = specs.filter(([, f]) => f.kind === 'text').map(([name]) => name)
  watch(
    () => JSON.stringify(filterParams()),
    (now, before) => {
      clearTimeout(timer)
      if (now === requested) return
      const a = JSON.parse(now)
      const b = JSON.parse(before)
      const typing = Object.keys(a).every((k) => a[k] === b[k] || textKeys.includes(k))
      if (typing) timer = setTimeout(search, TYPING_PAUSE_MS)
      else search()
    },
  )
  onBeforeUnmount(() => clearTimeout(timer))

  // Back, forward, or a menu link to this same page: the address wins. A change of keys that are
  // not the list's (a tab) is someone else's navigation.
  watch(
    () => route.query,
    (now, before) => {
      if (route.name !== routeName || !sameQuery(otherPart(now), otherPart(before || {}))) return
      if (sameQuery(ownedPart(now), addressState())) return
      readAddress(now)
      load()
    },
  )

  // A new pick in the top bar (not the first load of the tree) replaces the region filter.
  for (const [name, f] of specs) {
    if (f.kind !== 'region') continue
    watch(selectedCode, (code, old) => {
      if (old && f.when()) filters[name] = regionFromPicker()
    })
  }

  // ---- handlers ------------------------------------------------------------------------------
  // el-table's sort-change → sort=column or -column (descending); no order → the server's default.
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

  /** Every filter back to empty (settings back to their default) and the server's own order. */
  function reset() {
    for (const [name, f] of specs) filters[name] = f.blank === undefined ? initial[name] : f.blank
    sort.value = ''
    search()
  }

  const hasFilters = computed(() =>
    specs.some(([name, f]) => {
      if (f.blank === undefined) return false
      const v = filters[name]
      return f.kind === 'text' ? v.trim() !== '' : v !== f.blank
    }),
  )

  /** Downloads what the filters select; `format` is passed on ('xlsx' or 'csv'). */
  async function exportAs(format = 'xlsx') {
    exporting.value = format
    try {
      await download(query(), format)
    } catch (err) {
      reportError(err)
    } finally {
      exporting.value = ''
    }
  }

  readAddress(route.query)
  if (immediate) onMounted(load)
  return {
    filters,
    items,
    total,
    loading,
    sort,
    page,
    pageSize,
    size,
    exporting,
    hasFilters,
    query,
    load,
    search,
    reset,
    onSort,
    onPage,
    onSize,
    exportAs,
  }
}
