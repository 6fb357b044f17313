package domain_test

import (
	"reflect"
	"testing"
	"time"

	"hearth/domain"
)

func TestLowCheckin(t *testing.T) {
	cases := []struct {
		mood, craving, threshold int
		want                     bool
	}{
		{1, 0, 7, true},  // very low, no craving
		{2, 6, 7, false}, // low, under the threshold
		{4, 7, 7, true},  // at the threshold
		{5, 10, 7, true}, // above
		{3, 3, 3, true},  // a house's own threshold
		{3, 2, 3, false},
		{3, 0, 0, true},    // 0: every check-in asks
		{3, 10, 11, false}, // out of range: never by craving
	}
	for _, c := range cases {
		if got := domain.LowCheckin(c.mood, c.craving, c.threshold); got != c.want {
			t.Errorf("LowCheckin(%d, %d, %d) = %v, want %v", c.mood, c.craving, c.threshold, got, c.want)
		}
	}
}

func TestAttention(t *testing.T) {
	la := checkinZone(t, "America/Los_Angeles")
	house := domain.HouseDay{Date: "2026-11-23", Night: "2026-11-23", CheckinBy: "21:00",
		Curfew: "23:00", SupportCraving: 7, Loc: la}
	// 23:30 PST on Monday Nov 23: after the deadline and 30 min after curfew.
	late := checkinAt(t, "2026-11-24T07:30:00Z")
	cases := []struct {
		name   string
		now    time.Time
		house  domain.HouseDay
		people []domain.ResidentDay
		want   []domain.AttentionItem
	}{
		{
			name: "nobody needs anyone", now: late, house: house,
			people: []domain.ResidentDay{{User: "a", Name: "Ann", Daily: true, Mood: 4, Craving: 2, Curfew: true}},
			want:   []domain.AttentionItem{},
		},
		{
			name: "each reason, most urgent first", now: late, house: house,
			people: []domain.ResidentDay{
				{User: "c", Name: "Cal", Daily: true, Mood: 4, Curfew: true, ChoresMissed: 1},
				{User: "m", Name: "Mo", Curfew: true},
				{User: "n", Name: "Nia", Daily: true, Mood: 3},
				{User: "l", Name: "Lee", Daily: true, Mood: 3, Craving: 8, Curfew: true},
				{User: "s", Name: "Sam", Daily: true, Mood: 4, Curfew: true, SupportPost: "p1"},
			},
			want: []domain.AttentionItem{
				{User: "s", Name: "Sam", Reasons: []string{"support_open"}, Post: "p1"},
				{User: "l", Name: "Lee", Reasons: []string{"low_checkin"}},
				{User: "n", Name: "Nia", Reasons: []string{"not_home"}},
				{User: "m", Name: "Mo", Reasons: []string{"missed_checkin"}},
				{User: "c", Name: "Cal", Reasons: []string{"chore_missed"}},
			},
		},
		{
			name: "more reasons first among the same most urgent one, then by name", now: late, house: house,
			people: []domain.ResidentDay{
				{User: "b", Name: "Bo", Daily: true, Mood: 1, Curfew: true},
				{User: "a", Name: "Al", Daily: true, Mood: 1, Curfew: true},
				{User: "z", Name: "Zed", Daily: true, Mood: 1, ChoresMissed: 2},
			},
			want: []domain.AttentionItem{
				{User: "z", Name: "Zed", Reasons: []string{"low_checkin", "not_home", "chore_missed"}},
				{User: "a", Name: "Al", Reasons: []string{"low_checkin"}},
				{User: "b", Name: "Bo", Reasons: []string{"low_checkin"}},
			},
		},
		{
			name: "before the deadline and within 15 minutes of curfew nothing is missing",
			now:  checkinAt(t, "2026-11-24T07:14:59Z"), // 23:14:59
			house: domain.HouseDay{Date: "2026-11-23", Night: "2026-11-23", CheckinBy: "23:30",
				Curfew: "23:00", SupportCraving: 7, Loc: la},
			people: []domain.ResidentDay{{User: "a", Name: "Ann"}},
			want:   []domain.AttentionItem{},
		},
		{
			name: "at curfew plus 15 minutes, not home",
			now:  checkinAt(t, "2026-11-24T07:15:00Z"),
			house: domain.HouseDay{Date: "2026-11-23", Night: "2026-11-23", CheckinBy: "23:30",
				Curfew: "23:00", SupportCraving: 7, Loc: la},
			people: []domain.ResidentDay{{User: "a", Name: "Ann"}},
			want:   []domain.AttentionItem{{User: "a", Name: "Ann", Reasons: []string{"not_home"}}},
		},
		{
			name: "after midnight, the night's curfew still counts and the new day's deadline is ahead",
			now:  checkinAt(t, "2026-11-24T09:00:00Z"), // 01:00 Tuesday
			house: domain.HouseDay{Date: "2026-11-24", Night: "2026-11-23", CheckinBy: "21:00",
				Curfew: "23:00", SupportCraving: 7, Loc: la},
			people: []domain.ResidentDay{{User: "a", Name: "Ann"}},
			want:   []domain.AttentionItem{{User: "a", Name: "Ann", Reasons: []string{"not_home"}}},
		},
		{
			name: "weekend curfew: Friday's midnight curfew is not passed at 23:30",
			now:  checkinAt(t, "2026-11-28T07:30:00Z"), // Fri 23:30
			house: domain.HouseDay{Date: "2026-11-27", Night: "2026-11-27", CheckinBy: "21:00",
				Curfew: "23:00", CurfewWeekend: "00:00", SupportCraving: 7, Loc: la},
			people: []domain.ResidentDay{{User: "a", Name: "Ann", Daily: true, Mood: 3}},
			want:   []domain.AttentionItem{},
		},
		{
			name: "no curfew: never not home", now: late,
			house:  domain.HouseDay{Date: "2026-11-23", Night: "2026-11-23", SupportCraving: 7, Loc: la},
			people: []domain.ResidentDay{{User: "a", Name: "Ann", Daily: true, Mood: 3}},
			want:   []domain.AttentionItem{},
		},
		{
			name: "away on a pass: nothing expected, a low check-in still counts", now: late, house: house,
			people: []domain.ResidentDay{
				{User: "a", Name: "Ann", Away: true},
				{User: "b", Name: "Bo", Away: true, Daily: true, Mood: 1},
			},
			want: []domain.AttentionItem{{User: "b", Name: "Bo", Reasons: []string{"low_checkin"}}},
		},
		{
			name: "moved in today: not expected yet", now: late, house: house,
			people: []domain.ResidentDay{{User: "a", Name: "Ann", MoveIn: "2026-11-23"}, {User: "b", Name: "Bo", MoveIn: "2026-11-22"}},
			want:   []domain.AttentionItem{{User: "b", Name: "Bo", Reasons: []string{"not_home", "missed_checkin"}}},
		},
		{
			name: "the house's own support_craving", now: late,
			house: domain.HouseDay{Date: "2026-11-23", Night: "2026-11-23", SupportCraving: 4, Loc: la},
			people: []domain.ResidentDay{
				{User: "a", Name: "Ann", Daily: true, Mood: 3, Craving: 4},
				{User: "b", Name: "Bo", Daily: true, Mood: 2, Craving: 3},
			},
			want: []domain.AttentionItem{{User: "a", Name: "Ann", Reasons: []string{"low_checkin"}}},
		},
		{
			name: "a bad setting leaves its reason out", now: late,
			house: domain.HouseDay{Date: "2026-11-23", Night: "2026-11-23", CheckinBy: "9pm", Curfew: "late",
				SupportCraving: 7, Loc: la},
			people: []domain.ResidentDay{{User: "a", Name: "Ann", SupportPost: "p1"}},
			want:   []domain.AttentionItem{{User: "a", Name: "Ann", Reasons: []string{"support_open"}, Post: "p1"}},
		},
		{
			name: "daylight saving: a 01:30 curfew on the night clocks fall back is the first 01:30",
			now:  checkinAt(t, "2026-11-01T08:45:00Z"), // 01:45 PDT, before the repeat
			house: domain.HouseDay{Date: "2026-11-01", Night: "2026-10-31", CheckinBy: "21:00",
				Curfew: "01:30", SupportCraving: 7, Loc: la},
			people: []domain.ResidentDay{{User: "a", Name: "Ann"}},
			want:   []domain.AttentionItem{{User: "a", Name: "Ann", Reasons: []string{"not_home"}}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := domain.Attention(c.now, c.house, c.people)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Attention = %+v\nwant %+v", got, c.want)
			}
		})
	}
}
