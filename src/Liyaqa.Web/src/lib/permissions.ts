// The API's permission matrix (docs/PERMISSIONS.md; a unit test keeps the two equal) and the navigation it allows.

export const ROLES = ["Owner", "Admin", "Manager", "FrontDesk", "Trainer", "Member"] as const;
export type Role = (typeof ROLES)[number];

const all: Role[] = ["Owner", "Admin", "Manager", "FrontDesk", "Trainer", "Member"];
const staff: Role[] = ["Owner", "Admin", "Manager", "FrontDesk", "Trainer"];
const desk: Role[] = ["Owner", "Admin", "Manager", "FrontDesk"];
const managers: Role[] = ["Owner", "Admin", "Manager"];
const admins: Role[] = ["Owner", "Admin"];

export const MATRIX = {
  "signed-in": all,
  "users.read": managers,
  "users.manage": admins,
  "sessions.revoke": admins,
  "audit.read": admins,
  "templates.read": managers,
  "templates.manage": admins,
  "branches.read": staff,
  "branches.manage": admins,
  "members.read": staff,
  "members.manage": desk,
  "members.import": managers,
  "plans.read": staff,
  "plans.manage": managers,
  "subscriptions.manage": desk,
  "checkins.manage": desk,
  "classes.read": all,
  "classes.manage": managers,
  "trainer-profiles.edit": ["Owner", "Admin", "Manager", "Trainer"],
  "bookings.create": ["Owner", "Admin", "Manager", "FrontDesk", "Member"],
  "attendance.mark": staff,
  "charges.read": desk,
  "charges.waive": managers,
  "invoices.read": desk,
  "invoices.manage": desk,
  "payments.record": desk,
  "credit-notes.issue": managers,
  "billing.settings": admins,
  "reports.read": managers,
  "club.settings": admins,
  "member.self": ["Member"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof MATRIX;

export function can(roles: readonly string[], permission: Permission): boolean {
  return roles.some((role) => (MATRIX[permission] as readonly string[]).includes(role));
}

export interface NavItem {
  key: "dashboard" | "checkIn" | "members" | "schedule" | "staff" | "settings" | "kiosk";
  href: string;
  /** Any one of these is enough to see the item. */
  anyOf: Permission[];
}

const NAV: NavItem[] = [
  { key: "dashboard", href: "/", anyOf: ["members.read"] },
  { key: "checkIn", href: "/check-in", anyOf: ["checkins.manage"] },
  { key: "members", href: "/members", anyOf: ["members.read"] },
  { key: "schedule", href: "/schedule", anyOf: ["classes.manage", "attendance.mark"] },
  { key: "staff", href: "/staff", anyOf: ["users.read"] },
  { key: "settings", href: "/settings", anyOf: ["branches.manage", "plans.manage", "templates.read", "classes.manage"] },
  { key: "kiosk", href: "/kiosk", anyOf: ["checkins.manage"] },
];

/** What a user with these roles sees, in order; the front desk (and nobody above it) gets the check-in desk first. */
export function navigationFor(roles: readonly string[]): NavItem[] {
  const items = NAV.filter((item) => item.anyOf.some((p) => can(roles, p)));
  const deskFirst = roles.includes("FrontDesk") && !roles.some((r) => managers.includes(r as Role));
  if (!deskFirst) return items;
  return [...items.filter((i) => i.key === "checkIn"), ...items.filter((i) => i.key !== "checkIn")];
}

/** The page a user lands on after signing in. */
export function homeFor(roles: readonly string[]): string {
  return navigationFor(roles)[0]?.href ?? "/";
}
