// The requester's own houses: their memberships (active, away or alumni) with
// the house expanded, which one is shown, and whether they manage it.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { pb, handleLoadError } from './pb.js';
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
  const [state, setState] = useState({ status: 'loading', memberships: [], houseId: null, error: null });

  const load = useCallback(async () => {
    if (!userId) return;
    setState((s) => ({ ...s, status: 'loading', error: null }));
    try {
      const res = await pb.collection('memberships').getList(1, 20, {
        filter: pb.filter('user = {:u} && ' + MEMBER_OR_ALUMNUS_FILTER, { u: userId }),
        expand: 'house',
        skipTotal: true,
      });
      const memberships = res.items.filter((m) => m.expand && m.expand.house);
      const chosen = pickMembership(memberships, savedHouse());
      setState({ status: 'ready', memberships, houseId: chosen ? chosen.house : null, error: null });
    } catch (err) {
      if (handleLoadError(err)) return;
      setState((s) => ({ ...s, status: 'error', error: err }));
    }
  }, [userId]);

  useEffect(() => {
    setState({ status: 'loading', memberships: [], houseId: null, error: null });
    load();
  }, [load]);

  const select = useCallback((houseId) => {
    try { localStorage.setItem(STORAGE_KEY, houseId); } catch { /* private mode */ }
    setState((s) => ({ ...s, houseId }));
  }, []);

  const current = state.memberships.find((m) => m.house === state.houseId) || null;
  return {
    status: state.status,
    error: state.error,
    memberships: state.memberships,
    current,
    house: current ? current.expand.house : null,
    isManager: isManager(current),
    select,
    reload: load,
  };
}
