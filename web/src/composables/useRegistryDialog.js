// What the dialogs of a returnee entrepreneur and of a market entity share: the day their dates
// are checked against; a record already registered under the typed key (409 `code` with the
// existing record's `ref`), offered to open instead; the full values an edit needs, fetched first
// (audited by the server: `revealedNow` says so under the form); and a save that creates or
// updates and says so in the words of `words` (people.created / people.updated …).
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { ElMessage } from 'element-plus'
import { reportError } from '../utils/errors.js'
import { todayCst } from '../utils/validators.js'

export function useRegistryDialog({ visible, duplicateCode, route, words }) {
  const { t } = useI18n()
  const router = useRouter()
  const today = ref(todayCst())
  const preparing = ref(false)
  const revealedNow = ref(false)
  const duplicate = ref(null) // { ref, message }

  /** For useFormDialog's onError: a duplicate is shown in the dialog. */
  function takeDuplicate(err) {
    if (!(err && err.code === duplicateCode && err.ref)) return false
    duplicate.value = { ref: err.ref, message: err.message }
    return true
  }
  function openExisting() {
    const id = duplicate.value && duplicate.value.ref
    visible.value = false
    if (id) router.push({ name: route, params: { id } })
  }
  /** On open: a new day, nothing shown from the last time. */
  function begin() {
    today.value = todayCst()
    duplicate.value = null
    revealedNow.value = false
  }
  /** Runs fetch() (the full values of the record) with the form covered; a failure closes the dialog. */
  async function prepare(fetch) {
    preparing.value = true
    try {
      await fetch()
      revealedNow.value = true
    } catch (err) {
      reportError(err)
      visible.value = false
    } finally {
      preparing.value = false
    }
  }
  /** Creates (no record) or updates the record with `body`; the saved record. */
  async function createOrUpdate(record, create, update, body) {
    const saved = record ? await update(record.id, body) : await create(body)
    ElMessage.success(t(`${words}.${record ? 'updated' : 'created'}`, { name: saved.name }))
    return saved
  }
  return { today, preparing, revealedNow, duplicate, takeDuplicate, openExisting, begin, prepare, createOrUpdate }
}
