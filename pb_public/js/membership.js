// Who someone is in a house, from their membership: the web app's twin of
// domain/vocabulary.go (docs/API.md, "Words"). A member of a house has a
// membership with status active or away (any role); a manager, role
// manager and status active; an alumnus, status alumni. A discharged
// membership gives no access. The filters spell the same words for
// PocketBase's list queries on memberships.

export const MEMBER_STATUSES = ['active', 'away'];

// isMember: a member of the house (living there or away on a pass, any role).
export function isMember(m) {
  return !!m && MEMBER_STATUSES.includes(m.status);
}

// isManager: a manager of the house (an active manager).
export function isManager(m) {
  return !!m && m.role === 'manager' && m.status === 'active';
}

// isAlumnus: someone who moved out in good standing.
export function isAlumnus(m) {
  return !!m && m.status === 'alumni';
}

// isResident: a resident who is a member (not a manager, not moved out):
// who checks in and takes a bed.
export function isResident(m) {
  return isMember(m) && m.role === 'resident';
}

// Filter fragments on memberships, for pb.filter.
export const MEMBER_FILTER = '(status = "active" || status = "away")';
export const MEMBER_OR_ALUMNUS_FILTER = '(status = "active" || status = "away" || status = "alumni")';
export const MANAGER_FILTER = 'role = "manager" && status = "active"';
export const RESIDENT_FILTER = 'role = "resident" && ' + MEMBER_FILTER;
