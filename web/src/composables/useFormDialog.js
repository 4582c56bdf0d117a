// What every form dialog does on save: clear the server's field errors, validate the el-form
// (bind `formRef`), run save() with `saving` set, and show a 400/422 error whose `field` names one
// of the form's fields (`fields`, by default the form's keys) under that field (serverErrors, bound to each el-form-item's :error); any
// other error is shown as a message. onError(err) sees an error first and returns true when it
// has dealt with it (e.g. a duplicate shown in the dialog); before() clears what the last try
// showed. reset() is for the dialog's @open. Given the dialog's `visible` model, a save closes
// the dialog (unless save() resolves to false: nothing was sent) and, given `emit`, emits `event`
// (by default 'saved') with what save() resolved to. `control` is the form, its ref, `visible`,
// `saving`, submit and serverErrors in one, for FormDialog's prop of that name.
import { reactive, ref } from 'vue'
import { applyServerError, clearServerErrors } from '../utils/errors.js'

export function useFormDialog(form, save, { fields = Object.keys(form), fieldMap, onError, before, visible, emit, event = 'saved' } = {}) {
  const formRef = ref()
  const saving = ref(false)
  const serverErrors = reactive(Object.fromEntries(fields.map((k) => [k, ''])))

  async function submit() {
    clearServerErrors(serverErrors)
    if (before) before()
    try {
      await formRef.value.validate()
    } catch {
      return
    }
    saving.value = true
    try {
      const result = await save()
      if (visible && result !== false) {
        visible.value = false
        if (emit) emit(event, result)
      }
    } catch (err) {
      if (!(onError && onError(err))) applyServerError(err, serverErrors, fieldMap)
    } finally {
      saving.value = false
    }
  }

  // el-dialog renders its body on first open, after @open: the form exists one tick later
  function reset() {
    clearServerErrors(serverErrors)
    setTimeout(() => formRef.value?.clearValidate(), 0)
  }

  const control = { model: form, formRef, visible, saving, submit, serverErrors }
  return { formRef, saving, serverErrors, submit, reset, control }
}
