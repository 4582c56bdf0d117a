// Where to go after login: the ?redirect= path when it is a local path, else '/', which the router
// sends on to the progress dashboard (roles that have it) or home.
export function safeRedirect(value) {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : ''
}

export function afterLoginTarget(route) {
  return safeRedirect(route.query.redirect) || '/'
}
