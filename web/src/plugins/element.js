// Element Plus components used across the app (layout, forms, dialogs), registered globally but
// imported by name so that the bundle carries only these. Components that only some pages use
// (table, pagination, date picker, result) are imported by those pages and load with them.
// The full stylesheet is imported once in main.js.
import * as ElementPlus from 'element-plus'

// read off the namespace by name, so the list stands once and the bundler still keeps only these
const components = [
  ElementPlus.ElAlert,
  ElementPlus.ElAside,
  ElementPlus.ElButton,
  ElementPlus.ElConfigProvider,
  ElementPlus.ElContainer,
  ElementPlus.ElDialog,
  ElementPlus.ElDrawer,
  ElementPlus.ElDropdown,
  ElementPlus.ElDropdownItem,
  ElementPlus.ElDropdownMenu,
  ElementPlus.ElForm,
  ElementPlus.ElFormItem,
  ElementPlus.ElHeader,
  ElementPlus.ElIcon,
  ElementPlus.ElInput,
  ElementPlus.ElMain,
  ElementPlus.ElMenu,
  ElementPlus.ElMenuItem,
  ElementPlus.ElOption,
  ElementPlus.ElSelect,
  ElementPlus.ElSkeleton,
  ElementPlus.ElSwitch,
  ElementPlus.ElTag,
  ElementPlus.ElTreeSelect,
]

export default {
  install(app) {
    for (const c of components) app.use(c)
    app.use(ElementPlus.ElLoading) // v-loading
  },
}
