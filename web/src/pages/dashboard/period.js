// The dashboard's period, remembered while the app is open (leaving the dashboard for the records
// behind a number and coming back keeps it).
let remembered = null

export function rememberedPeriod() {
  return remembered ? { ...remembered } : null
}

export function rememberPeriod(p) {
  remembered = p && p.from && p.to ? { from: p.from, to: p.to } : null
}
