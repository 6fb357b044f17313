package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"
	_ "modernc.org/sqlite" // the pure-Go SQLite driver PocketBase uses

	"hearth/domain"
)

// The seeder writes a year of a house's life straight into data.db, with
// the server stopped: the API would take an hour to make a million rows.
// The schema is the real one (`hearth migrate up` made it), so a column
// that does not exist fails the insert's prepare at once. Values are
// written as PocketBase writes them: ids of 15 characters [a-z0-9],
// datetimes as "2006-01-02 15:04:05.000Z" in UTC, relations as plain ids,
// multiple relations and JSON fields as JSON text, bools as 0/1. No hook
// runs, so the seeder also writes what the hooks and jobs would have:
// the check-ins' day and lateness, the chore ledger (chore_days), the
// jobs' ledger (job_runs) and the notifications people were sent.

// pbTime is PocketBase's datetime layout (types.DefaultDateLayout).
const pbTime = "2006-01-02 15:04:05.000Z"

// pbt formats an instant as PocketBase stores it.
func pbt(t time.Time) string { return t.UTC().Format(pbTime) }

// pbDay is a calendar day as PocketBase stores a date field set to a day.
func pbDay(d domain.CivilDay) string { return d.String() + " 00:00:00.000Z" }

// Password is the password of every seeded account.
const Password = "load-test-password-1"

// houseZones are the seeded houses' timezones, in turn.
var houseZones = []string{"America/Los_Angeles", "America/Chicago", "America/New_York", "America/Denver", "America/Phoenix"}

// The houses' settings: docs/API.md's defaults (domain's) and a common
// curfew.
const (
	curfew        = "22:30"
	curfewWeekend = "23:59"
	choreGrace    = domain.DefaultChoreGrace // minutes
)

// checkinBy is the houses' daily check-in deadline, the default.
var checkinBy = domain.DefaultCheckinBy.String()

// houseChores are a house's chores: mostly daily, a few weekly, one
// monthly deep clean that needs a photo.
var houseChores = []domain.ChoreSpec{
	{Title: "Breakfast dishes", Cadence: domain.CadenceDaily, Due: domain.Clock{Hour: 10}, Points: 1},
	{Title: "Kitchen wipe-down", Cadence: domain.CadenceDaily, Due: domain.Clock{Hour: 21}, Points: 2},
	{Title: "Take out the trash", Cadence: domain.CadenceDaily, Due: domain.Clock{Hour: 20}, Points: 1},
	{Title: "Upstairs bathroom", Cadence: domain.CadenceDaily, Due: domain.Clock{Hour: 12}, Points: 2},
	{Title: "Living room tidy", Cadence: domain.CadenceDaily, Due: domain.Clock{Hour: 19}, Points: 1},
	{Title: "Mop the floors", Cadence: domain.CadenceWeekly, Weekday: 6, Due: domain.Clock{Hour: 15}, Points: 3},
	{Title: "Yard and porch", Cadence: domain.CadenceWeekly, Weekday: 0, Due: domain.Clock{Hour: 16}, Points: 3},
	{Title: "Fridge clean-out", Cadence: domain.CadenceWeekly, Weekday: 3, Due: domain.Clock{Hour: 20}, Points: 2},
	{Title: "Bathroom deep clean", Cadence: domain.CadenceMonthly, Monthday: 1, Due: domain.Clock{Hour: 18}, Points: 5, NeedsPhoto: true},
}

// SeedConfig says what to seed.
type SeedConfig struct {
	Houses    int
	Residents int // current residents per house; each house also has a manager
	Days      int // days of history before today
	Seed      uint64
	Now       time.Time
	// OpenPool is how many open chore assignments, across houses, the
	// chore_done action needs at least: today's, then those of the next
	// days when today's are too few.
	OpenPool int
	// Analyze runs ANALYZE after seeding (PocketBase runs PRAGMA optimize
	// nightly, which analyzes some tables but not necessarily all).
	Analyze bool
}

// SeedResult is what the seeder made: the people and records the driver
// acts on, and the row counts.
type SeedResult struct {
	Houses   []*House
	Pool     []*Assignment
	Rows     map[string]int
	Duration time.Duration
	// AheadDays is how many days after today have open assignments seeded
	// to keep the chore_done pool large enough.
	AheadDays int
	// BaselineIDs are ids of baseline records, spread over the table, for
	// the view action.
	BaselineIDs []string
}

// House is a seeded house as the driver knows it.
type House struct {
	ID, Name string
	Manager  *Person
	// Residents are the current (active) residents.
	Residents []*Person
	// Posts are the visible posts of the board's first page, which
	// residents react to; Reactions the seeded reactions on them.
	Posts     []string
	Reactions map[ReactionKey]string
}

// Person is a seeded account the driver signs in as.
type Person struct {
	ID, Email, Name string
	House           *House
	Token           string

	// The person's check-ins of today and tonight, made by the driver
	// (guarded by the driver's per-person lock).
	checkins personCheckins
}

// Assignment is an open chore assignment the chore_done action marks done.
type Assignment struct {
	ID         string
	Assignee   *Person
	NeedsPhoto bool
	done       bool // marked done by the driver: reopen before the next use
}

// ReactionKey names one reaction: one of a kind per person and post.
type ReactionKey struct{ Post, User, Kind string }

// Seed fills the data database at dbPath (migrated, server stopped).
func Seed(ctx context.Context, dbPath string, cfg SeedConfig) (*SeedResult, error) {
	started := time.Now()
	hash, err := bcrypt.GenerateFromPassword([]byte(Password), bcrypt.MinCost)
	if err != nil {
		return nil, err
	}
	// A big page cache: random ids insert all over each table's indexes.
	db, err := sql.Open("sqlite", dbPath+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(OFF)&_pragma=foreign_keys(ON)&_pragma=cache_size(-524288)&_pragma=temp_store(MEMORY)")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	s := &seeder{
		cfg:  cfg,
		rng:  rand.New(rand.NewPCG(cfg.Seed, 0x4ea27)),
		db:   db,
		hash: string(hash),
		res:  &SeedResult{Rows: map[string]int{}},
	}
	for i := range cfg.Houses {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		// One transaction per house keeps the WAL bounded.
		if err := s.inTx(func() error { return s.house(i) }); err != nil {
			return nil, fmt.Errorf("seeding house %d: %w", i+1, err)
		}
	}
	if err := s.inTx(s.baseline); err != nil {
		return nil, fmt.Errorf("seeding %s: %w", baselineCollection, err)
	}
	if cfg.Analyze {
		if _, err := db.Exec("ANALYZE"); err != nil {
			return nil, err
		}
	}
	if _, err := db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return nil, err
	}
	s.res.Duration = time.Since(started)
	return s.res, nil
}

// seeder holds the seeding's state.
type seeder struct {
	cfg    SeedConfig
	rng    *rand.Rand
	db     *sql.DB
	tx     *sql.Tx
	stmts  map[string]*sql.Stmt
	hash   string
	res    *SeedResult
	people int // accounts made, for unique emails
}

// inTx runs fn in a transaction with fresh prepared statements.
func (s *seeder) inTx(fn func() error) error {
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	s.tx, s.stmts = tx, map[string]*sql.Stmt{}
	defer func() {
		for _, st := range s.stmts {
			st.Close()
		}
		s.tx, s.stmts = nil, nil
	}()
	if err := fn(); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// insert writes one record: cols names the columns in order, vals their
// values. The statement is prepared once per table and column list.
func (s *seeder) insert(table string, cols string, vals ...any) error {
	key := table + "(" + cols + ")"
	st := s.stmts[key]
	if st == nil {
		n := strings.Count(cols, ",") + 1
		q := "INSERT INTO `" + table + "` (" + cols + ") VALUES (" + strings.TrimSuffix(strings.Repeat("?,", n), ",") + ")"
		var err error
		if st, err = s.tx.Prepare(q); err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
		s.stmts[key] = st
	}
	if _, err := st.Exec(vals...); err != nil {
		return fmt.Errorf("%s: %w", table, err)
	}
	s.res.Rows[table]++
	return nil
}

const idChars = "abcdefghijklmnopqrstuvwxyz0123456789"

// id is a new record id as PocketBase makes them: 15 of [a-z0-9].
func (s *seeder) id() string { return s.randomString(15) }

func (s *seeder) randomString(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = idChars[s.rng.IntN(len(idChars))]
	}
	return string(b)
}

// chance is true with probability p.
func (s *seeder) chance(p float64) bool { return s.rng.Float64() < p }

// between is a uniform integer in [lo, hi].
func (s *seeder) between(lo, hi int) int { return lo + s.rng.IntN(hi-lo+1) }

// pick is a random element of xs.
func pick[T any](s *seeder, xs []T) T { return xs[s.rng.IntN(len(xs))] }

// occupant is a person's stay in a house: present from in through out.
type occupant struct {
	p           *Person
	in, out     domain.CivilDay
	current     bool
	reliability float64 // how often they check in
	slot        int
}

func (o *occupant) present(d domain.CivilDay) bool { return o.in <= d && d <= o.out }

// houseSeed is one house being seeded.
type houseSeed struct {
	*seeder
	h         *House
	loc       *time.Location
	now       time.Time
	today     domain.CivilDay
	night     domain.CivilDay // the current curfew night: not seeded
	start     domain.CivilDay // the first day of history
	manager   *occupant
	occupants []*occupant
	chores    []seededChore
	rotation  []int // next assignee index per chore
	posts     []seededPost
}

type seededChore struct {
	domain.ChoreSpec
	id string
}

type seededPost struct {
	id        string
	created   time.Time
	hidden    bool
	pinned    bool
	reactions map[ReactionKey]string
}

// house seeds house number i: its people, chores, a year of days, and
// the events of the year and of the coming weeks.
func (s *seeder) house(i int) error {
	zone := houseZones[i%len(houseZones)]
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return err
	}
	now := s.cfg.Now
	hs := &houseSeed{seeder: s, loc: loc, now: now, today: domain.CivilDayOf(now.In(loc))}
	night, _ := domain.ParseCivilDay(domain.CurfewNight(now, loc))
	hs.night = night
	hs.start = hs.today - domain.CivilDay(s.cfg.Days)
	hs.h = &House{ID: s.id(), Name: fmt.Sprintf("%s House %d", pick(s, streetNames), i+1), Reactions: map[ReactionKey]string{}}
	s.res.Houses = append(s.res.Houses, hs.h)

	created := pbt(hs.at(hs.start-30, 9, 0))
	err = s.insert("houses", "id,name,address,timezone,capacity,curfew,curfew_weekend,checkin_by,chore_grace,meetings_per_week,support_craving,rules,created,updated",
		hs.h.ID, hs.h.Name, fmt.Sprintf("%d %s St", s.between(100, 9999), pick(s, streetNames)), zone,
		s.cfg.Residents+4, curfew, curfewWeekend, checkinBy, choreGrace, domain.DefaultMeetingsPerWeek, domain.DefaultSupportCraving, houseRules, created, created)
	if err != nil {
		return err
	}
	if err := hs.people(); err != nil {
		return err
	}
	if err := hs.seedChores(); err != nil {
		return err
	}
	for d := hs.start; d <= hs.today; d++ {
		if err := hs.day(d); err != nil {
			return err
		}
	}
	if err := hs.ahead(); err != nil {
		return err
	}
	if err := hs.events(); err != nil {
		return err
	}
	hs.firstPage()
	return nil
}

// at is the instant of a house-local day and time.
func (hs *houseSeed) at(d domain.CivilDay, hour, minute int) time.Time {
	t, err := domain.LocalInstant(d.String(), domain.Clock{Hour: hour, Minute: minute}, hs.loc)
	if err != nil {
		panic(err) // d.String() is always a day
	}
	return t
}

// atMinute is the instant of a house-local day and minute of the day
// (which may run past midnight).
func (hs *houseSeed) atMinute(d domain.CivilDay, minute int) time.Time {
	d += domain.CivilDay(minute / (24 * 60))
	minute %= 24 * 60
	return hs.at(d, minute/60, minute%60)
}

// person makes an account.
func (hs *houseSeed) person(role string, joined domain.CivilDay) (*Person, error) {
	s := hs.seeder
	s.people++
	first, last := pick(s, firstNames), pick(s, lastNames)
	p := &Person{
		ID:    s.id(),
		Email: fmt.Sprintf("%s.%s.%d@load.hearth.test", strings.ToLower(first), role, s.people),
		Name:  first + " " + last[:1] + ".",
		House: hs.h,
	}
	created := pbt(hs.at(joined, 10, s.between(0, 59)))
	sober := joined - domain.CivilDay(s.between(5, 900))
	lang := "en"
	if s.chance(0.15) {
		lang = "es"
	}
	err := s.insert("users", "id,email,emailVisibility,verified,password,tokenKey,name,created,updated,phone,share_phone,sobriety_date,share_sobriety,emergency_name,emergency_phone,language",
		p.ID, p.Email, false, true, s.hash, s.randomString(50), p.Name, created, created,
		fmt.Sprintf("+1555%07d", s.rng.IntN(10_000_000)), s.chance(0.6), pbDay(sober), s.chance(0.7),
		pick(s, firstNames)+" "+pick(s, lastNames), fmt.Sprintf("+1555%07d", s.rng.IntN(10_000_000)), lang)
	return p, err
}

// people makes the house's manager, current residents and alumni: each
// bed has had a run of stays over the year, the latest still going.
func (hs *houseSeed) people() error {
	s := hs.seeder
	m, err := hs.person(domain.RoleManager, hs.start-200)
	if err != nil {
		return err
	}
	hs.h.Manager = m
	hs.manager = &occupant{p: m, in: hs.start - 200, out: hs.today, current: true}
	for slot := range s.cfg.Residents {
		in := hs.today - domain.CivilDay(7+s.rng.IntN(s.cfg.Days+180))
		stays := []*occupant{{in: in, out: hs.today, current: true, slot: slot}}
		for end := in - 1 - domain.CivilDay(s.rng.IntN(10)); end >= hs.start; {
			from := end - domain.CivilDay(s.between(45, 240)) + 1
			stays = append(stays, &occupant{in: from, out: end, slot: slot})
			end = from - 1 - domain.CivilDay(s.rng.IntN(10))
		}
		for _, o := range stays {
			if o.p, err = hs.person(domain.RoleResident, o.in); err != nil {
				return err
			}
			o.reliability = 0.75 + 0.23*s.rng.Float64()
			hs.occupants = append(hs.occupants, o)
			if o.current {
				hs.h.Residents = append(hs.h.Residents, o.p)
			}
		}
	}

	mcols := "id,house,user,role,status,room,bed,move_in,move_out,phase,partner,exit_reason,support_alerts,created,updated"
	created := pbt(hs.at(hs.manager.in, 10, 0))
	if err := s.insert("memberships", mcols, s.id(), hs.h.ID, m.ID, domain.RoleManager, domain.StatusActive, "Office", "", pbDay(hs.manager.in), "", 1, "", "", false, created, created); err != nil {
		return err
	}
	for _, o := range hs.occupants {
		status, out, reason, phase := domain.StatusActive, "", "", 1
		if days := int(hs.today - o.in); days > 120 {
			phase = 3
		} else if days > 45 {
			phase = 2
		}
		partner := ""
		if o.current && s.chance(0.3) {
			if q := pick(s, hs.h.Residents); q != o.p {
				partner = q.ID
			}
		}
		if !o.current {
			status, out, reason = domain.StatusAlumni, pbDay(o.out), "Moved on to independent living."
			if s.chance(0.2) {
				status, reason = domain.StatusDischarged, "Left the program."
			}
		}
		created := pbt(hs.at(o.in, 10, 0))
		updated := created
		if !o.current {
			updated = pbt(hs.at(o.out, 12, 0))
		}
		err := s.insert("memberships", mcols, s.id(), hs.h.ID, o.p.ID, domain.RoleResident, status,
			fmt.Sprint(o.slot/2+1), string(rune('A'+o.slot%2)), pbDay(o.in), out, phase, partner, reason,
			!o.current && status == domain.StatusAlumni && s.chance(0.3), created, updated)
		if err != nil {
			return err
		}
	}
	return nil
}

// present lists the residents living in the house on day d.
func (hs *houseSeed) present(d domain.CivilDay) []*occupant {
	var out []*occupant
	for _, o := range hs.occupants {
		if o.present(d) {
			out = append(out, o)
		}
	}
	return out
}

func (hs *houseSeed) seedChores() error {
	s := hs.seeder
	created := pbt(hs.at(hs.start-30, 11, 0))
	for _, c := range houseChores {
		id := s.id()
		err := s.insert("chores", "id,house,title,description,cadence,weekday,monthday,due_time,points,needs_photo,active,rotation,created,updated",
			id, hs.h.ID, c.Title, "Leave it as you'd want to find it.", c.Cadence, c.Weekday, c.Monthday,
			c.Due.String(), c.Points, c.NeedsPhoto, true, "[]", created, created)
		if err != nil {
			return err
		}
		hs.chores = append(hs.chores, seededChore{ChoreSpec: c, id: id})
		hs.rotation = append(hs.rotation, s.rng.IntN(max(1, s.cfg.Residents)))
	}
	return nil
}

// dbSize is the size of the data database and its WAL, in bytes.
func dbSize(dbPath string) int64 {
	var n int64
	for _, p := range []string{dbPath, dbPath + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// dataDB is the data database in a PocketBase data directory.
func dataDB(dataDir string) string { return filepath.Join(dataDir, "data.db") }
