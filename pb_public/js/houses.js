// The requester's own houses: their memberships (active, away or alumni) with
// the house expanded, which one is shown, and whether they manage it.
import { useCallback, useState } from 'preact/hooks';
import { pb } from './pb.js';
import { useLoad } from './load.js';
import { isManager, MEMBER_OR_ALUMNUS_FILTER } from './membership.js';

const STORAGE_KEY = 'hearth.house';
const rank = { active: 0, away: 0, alumni: 1 };

// pickMembership: the saved choice when still valid, else active/away first, else alumni.
export function pickMembership(memberships, savedHouseId) {
  const saved = memberships.find((m) => m.house === savedHouseId);
  if (saved) return saved;
  return [...memberships].sort((a, b) => (rank[a.status] ?? 9) - (rank[b.status] ?? 9))[0] || null;
}

function savedHouse() {
  try { return localStorage.getItem(STORAGE_KEY); } catch { return null; }
}

export function useHouses(userId) {
  const loaded = useLoad(async () => {
    const res = await pb.collection('memberships').getList(1, 20, {
      filter: pb.filter('user = {:u} && ' + MEMBER_OR_ALUMNUS_FILTER, { u: userId }),
      expand: 'house',
      skipTotal: true,
    });
    return res.items.filter((m) => m.expand && m.expand.house);
  }, [userId], { keep: userId ? 'houses.' + userId : '', enabled: !!userId });
  const [chosen, setChosen] = useState(savedHouse);

  const select = useCallback((houseId) => {
    try { localStorage.setItem(STORAGE_KEY, houseId); } catch { /* private mode */ }
    setChosen(houseId);
  }, []);

  const memberships = loaded.data || [];
  const current = pickMembership(memberships, chosen);
  return {
    status: loaded.status,
    error: loaded.error,
    stale: loaded.stale,
    savedAt: loaded.savedAt,
    memberships,
    current,
    house: current ? current.expand.house : null,
    isManager: isManager(current),
    select,
    reload: loaded.reload,
    // update(membershipId, fields): what the server answered about one of
    // the memberships, shown at once (before a reload comes back).
    update: (id, fields) => loaded.update((list) => list.map((m) => (m.id === id ? { ...m, ...fields } : m))),
  };
}
