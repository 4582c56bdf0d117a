// The icon of each module of the menu (GET /me's modules), for the menu and the home page: each
// module's pages/<module>/routes.js names its own.
const modules = import.meta.glob('../pages/*/routes.js', { eager: true })

export const MODULE_ICONS = Object.assign({}, ...Object.values(modules).map((m) => m.icons || {}))
