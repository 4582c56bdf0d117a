// A route of a module's page, for the modules' routes.js files (pages/<module>/routes.js).
// meta.module: the entry of `modules` (GET /me) that a route needs; meta.menu: the menu entry to
// highlight when it is not the route's own name (detail pages). By default the module is the one
// named like the route.
export const page = (path, name, component, module = name, menu = undefined) => ({
  path,
  name,
  component,
  meta: menu ? { module, menu } : { module },
})
