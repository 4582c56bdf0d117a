// Element Plus components used across the app (layout, forms, dialogs), registered globally but
// imported by name so that the bundle carries only these. Components that only some pages use
// (table, pagination, date picker, result) are imported by those pages and load with them.
// The full stylesheet is imported once in main.js.
import {
  ElAlert,
  ElAside,
  ElButton,
  ElConfigProvider,
  ElContainer,
  ElDialog,
  ElDrawer,
  ElDropdown,
  ElDropdownItem,
  ElDropdownMenu,
  ElForm,
  ElFormItem,
  ElHeader,
  ElIcon,
  ElInput,
  ElLoading,
  ElMain,
  ElMenu,
  ElMenuItem,
  ElOption,
  ElSelect,
  ElSkeleton,
  ElSwitch,
  ElTag,
  ElTreeSelect,
} from 'element-plus'

const components = [
  ElAlert,
  ElAside,
  ElButton,
  ElConfigProvider,
  ElContainer,
  ElDialog,
  ElDrawer,
  ElDropdown,
  ElDropdownItem,
  ElDropdownMenu,
  ElForm,
  ElFormItem,
  ElHeader,
  ElIcon,
  ElInput,
  ElMain,
  ElMenu,
  ElMenuItem,
  ElOption,
  ElSelect,
  ElSkeleton,
  ElSwitch,
  ElTag,
  ElTreeSelect,
]

export default {
  install(app) {
    for (const c of components) app.use(c)
    app.use(ElLoading) // v-loading
  },
}
