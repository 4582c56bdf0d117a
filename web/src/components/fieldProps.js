// The props every form field component takes: the el-form-item's label, its prop (for the
// rules) and the server's error, the input's placeholder, and `test`, the data-test by which the
// e2e tests find the input.
export const fieldProps = {
  label: { type: String, default: '' },
  prop: { type: String, default: '' },
  error: { type: String, default: '' },
  placeholder: { type: String, default: '' },
  test: { type: String, default: undefined },
}
