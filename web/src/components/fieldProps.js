import { computed, inject } from 'vue'

// The props every form field component takes: the el-form-item's label, its prop (for the
// rules) and the error to show (by default the server's, see useFieldError), the input's placeholder, and `test`, the data-test by which the
// e2e tests find the input.
export const fieldProps = {
  label: { type: String, default: '' },
  prop: { type: String, default: '' },
  error: { type: String, default: '' },
  placeholder: { type: String, default: '' },
  test: { type: String, default: undefined },
}

// What FormDialog gives the fields in it: the server's error of a prop (useFormDialog's
// serverErrors).
export const FORM_ERRORS = Symbol('form errors')

/** The error under a field: its `error`, else the server's error of its prop in the dialog around it. */
export function useFieldError(props) {
  const serverError = inject(FORM_ERRORS, () => '')
  return computed(() => props.error || (props.prop && serverError(props.prop)) || '')
}
