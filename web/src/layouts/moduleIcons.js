// The icon of each module of the menu (GET /me's modules), for the menu and the home page.
import { House, DataAnalysis, Postcard, Shop, Reading, Aim, Money, Upload, MapLocation, User, Document, Trophy } from '@element-plus/icons-vue'

export const MODULE_ICONS = {
  home: House,
  dashboard: DataAnalysis,
  people: Postcard,
  entities: Shop,
  activities: Reading,
  targets: Aim,
  loans: Money,
  imports: Upload,
  regions: MapLocation,
  users: User,
  audit: Document,
  competitions: Trophy,
}
