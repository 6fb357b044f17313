package domain

import (
	"slices"
	"testing"
)

func TestPickRandomSizes(t *testing.T) {
	ids := []string{"a", "b", "c", "d"}
	for _, tc := range []struct{ count, want int }{{-1, 0}, {0, 0}, {1, 1}, {3, 3}, {4, 4}, {9, 4}} {
		got, err := PickRandom(ids, tc.count, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != tc.want {
			t.Errorf("count %d: picked %v, want %d", tc.count, got, tc.want)
		}
		seen := map[string]bool{}
		for _, id := range got {
			if seen[id] || !slices.Contains(ids, id) {
				t.Errorf("count %d: picked %v: a repeat or a stranger", tc.count, got)
			}
			seen[id] = true
		}
	}
	if !slices.Equal(ids, []string{"a", "b", "c", "d"}) {
		t.Errorf("the caller's list was reordered: %v", ids)
	}
}

// Every resident is picked as often as every other: 3 of 10, 30000 draws,
// each expected 9000 times (σ ≈ 79); 8% is about 9σ.
func TestPickRandomUniform(t *testing.T) {
	ids := []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}
	counts := map[string]int{}
	const draws = 30000
	for range draws {
		got, err := PickRandom(ids, 3, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range got {
			counts[id]++
		}
	}
	for _, id := range ids {
		if c := counts[id]; c < 9000*92/100 || c > 9000*108/100 {
			t.Errorf("%s picked %d times, want about 9000", id, c)
		}
	}
}
