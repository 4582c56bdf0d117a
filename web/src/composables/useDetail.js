// A detail page's record, fetched by the route's :id and fetched again when the id changes: the
// record, a loading flag, the load error, and load({ quiet }) to refresh after an action (quiet
// keeps what is shown and reports a failure as a message only). A reply for an id the user has
// already left is dropped.
import { ref, watch } from 'vue'
import { useRoute } from 'vue-router'
import { reportError } from '../utils/errors.js'

export function useDetail(fetch, { onIdChange } = {}) {
  const route = useRoute()
  const data = ref(null)
  const loading = ref(false)
  const loadError = ref(null)

  async function load({ quiet = false } = {}) {
    const id = route.params.id
    if (!quiet) loading.value = true
    try {
      const fetched = await fetch(id)
      if (String(route.params.id) !== String(id)) return
      data.value = fetched
      loadError.value = null
    } catch (err) {
      if (!quiet) {
        data.value = null
        loadError.value = err
      }
      reportError(err)
    } finally {
      loading.value = false
    }
  }

  watch(
    () => route.params.id,
    (id) => {
      if (!id) return
      if (onIdChange) onIdChange()
      data.value = null
      load()
    },
    { immediate: true },
  )
  return { data, loading, loadError, load }
}
