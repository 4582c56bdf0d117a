// Client-side copies of the server's input rules (the server checks them again).
export const USERNAME_RE = /^[A-Za-z0-9_.-]{3,32}$/

export function isStrongPassword(pw) {
  return typeof pw === 'string' && pw.length >= 8 && pw.length <= 128 && /[A-Za-z]/.test(pw) && /[0-9]/.test(pw)
}

/** Roles whose region must be of one level (server rule). */
export const ROLE_REGION_LEVEL = {
  city_admin: 'city',
  county_officer: 'county',
  township_staff: 'township',
}

export const ROLES = [
  'city_admin',
  'county_officer',
  'township_staff',
  'expert',
  'mentor',
  'bank',
  'entrepreneur',
  'auditor',
]
