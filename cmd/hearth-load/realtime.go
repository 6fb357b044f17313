package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// RealtimeResult is what the realtime mode (-realtime M) measured: M
// clients of each house connected to /api/realtime and subscribed to the
// board ("posts"), a resident of the first house writing need-support
// posts one after another, first with only that house connected
// (Alone), then with every house connected (All).
type RealtimeResult struct {
	PerHouse, Posts int
	Alone, All      RealtimePhase
	// RSSPerClient is the server's resident memory added per connected
	// client (VmRSS after connecting everyone, less before, over the
	// clients), in bytes.
	RSSPerClient float64
}

// RealtimePhase is one writing phase.
type RealtimePhase struct {
	Clients    int             // connected
	Create     []time.Duration // each create request, start to answer
	Delivery   []time.Duration // each delivery to the writer's house, from its request's start
	Missing    int             // expected deliveries that did not come within 10 s
	OtherHouse int             // messages about the writer's posts heard outside its house
}

// rtClient is one connected subscriber.
type rtClient struct {
	house  int
	cancel context.CancelFunc
}

// rtMsg is a record event a subscriber read.
type rtMsg struct {
	house int
	id    string
	at    time.Time
}

// realtime runs the realtime mode on a signed-in driver.
func (d *driver) realtime(ctx context.Context, base string, perHouse, posts int, rss func() int64) (*RealtimeResult, error) {
	msgs := make(chan rtMsg, 1<<16)
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	var clients []rtClient
	connect := func(h int) error {
		house := d.houses[h]
		people := append([]*Person{house.Manager}, house.Residents...)
		for i := range min(perHouse, len(people)) {
			c, err := subscribeSSE(ctx, hc, base, people[i].Token, h, msgs)
			if err != nil {
				return fmt.Errorf("connecting a client of house %d: %w", h, err)
			}
			clients = append(clients, c)
		}
		return nil
	}
	defer func() {
		for _, c := range clients {
			c.cancel()
		}
	}()
	r := &RealtimeResult{PerHouse: perHouse, Posts: posts}
	writer := d.houses[0].Residents[0]
	expect := min(perHouse, 1+len(d.houses[0].Residents))

	rss0 := rss()
	if err := connect(0); err != nil {
		return nil, err
	}
	r.Alone = d.realtimePhase(ctx, writer, posts, expect, len(clients), msgs)
	for h := 1; h < len(d.houses); h++ {
		if err := connect(h); err != nil {
			return nil, err
		}
	}
	time.Sleep(500 * time.Millisecond)
	if rss0 > 0 {
		r.RSSPerClient = float64(rss()-rss0) / float64(len(clients))
	}
	r.All = d.realtimePhase(ctx, writer, posts, expect, len(clients), msgs)
	return r, nil
}

// realtimePhase writes the posts one at a time and waits for each to
// reach the writer's house.
func (d *driver) realtimePhase(ctx context.Context, writer *Person, posts, expect, connected int, msgs chan rtMsg) RealtimePhase {
	p := RealtimePhase{Clients: connected}
	started := map[string]time.Time{}
	var early []rtMsg
	got := 0
	note := func(m rtMsg) {
		start, ok := started[m.id]
		switch {
		case !ok:
			early = append(early, m)
		case m.house != 0:
			p.OtherHouse++
		default:
			got++
			p.Delivery = append(p.Delivery, m.at.Sub(start))
		}
	}
	for i := range posts {
		body := map[string]any{"house": writer.House.ID, "author": writer.ID, "kind": "support",
			"body": fmt.Sprintf("Having a hard evening, could use a call (%d).", i+1)}
		start := time.Now()
		res := d.c.do(ctx, http.MethodPost, "/api/collections/posts/records", writer.Token, body, "")
		p.Create = append(p.Create, time.Since(start))
		id := idOf(res.body)
		if res.err != nil || res.status != http.StatusOK || id == "" {
			p.Missing += expect
			continue
		}
		started[id] = start
		again := early
		early = nil
		for _, m := range again {
			note(m)
		}
		deadline := time.After(10 * time.Second)
	wait:
		for got < (i+1)*expect {
			select {
			case m := <-msgs:
				note(m)
			case <-deadline:
				break wait
			}
		}
		time.Sleep(50 * time.Millisecond) // the answer, then the next post
	}
	grace := time.After(time.Second)
more:
	for {
		select {
		case m := <-msgs:
			note(m)
		case <-grace:
			break more
		}
	}
	p.Missing += posts*expect - got
	return p
}

// subscribeSSE connects to /api/realtime as the token's person,
// subscribes to "posts" and forwards each record event's id to msgs.
func subscribeSSE(ctx context.Context, hc *http.Client, base, token string, house int, msgs chan<- rtMsg) (rtClient, error) {
	cctx, cancel := context.WithCancel(ctx)
	req, _ := http.NewRequestWithContext(cctx, http.MethodGet, base+"/api/realtime", nil)
	res, err := hc.Do(req)
	if err != nil {
		cancel()
		return rtClient{}, err
	}
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 0, 16*1024), 1<<20)
	var clientID string
	for clientID == "" && sc.Scan() {
		if data, ok := strings.CutPrefix(sc.Text(), "data:"); ok {
			var c struct {
				ClientID string `json:"clientId"`
			}
			_ = json.Unmarshal([]byte(data), &c)
			clientID = c.ClientID
		}
	}
	if clientID == "" {
		res.Body.Close()
		cancel()
		return rtClient{}, fmt.Errorf("no PB_CONNECT")
	}
	body, _ := json.Marshal(map[string]any{"clientId": clientID, "subscriptions": []string{"posts"}})
	sreq, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/realtime", strings.NewReader(string(body)))
	sreq.Header.Set("Content-Type", "application/json")
	sreq.Header.Set("Authorization", token)
	sres, err := hc.Do(sreq)
	if err != nil {
		res.Body.Close()
		cancel()
		return rtClient{}, err
	}
	io.Copy(io.Discard, sres.Body)
	sres.Body.Close()
	if sres.StatusCode != http.StatusNoContent {
		res.Body.Close()
		cancel()
		return rtClient{}, fmt.Errorf("subscribing: status %d", sres.StatusCode)
	}
	go func() {
		defer res.Body.Close()
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data:")
			if !ok {
				continue
			}
			at := time.Now()
			var m struct {
				Record struct {
					ID string `json:"id"`
				} `json:"record"`
			}
			if json.Unmarshal([]byte(data), &m) == nil && m.Record.ID != "" {
				select {
				case msgs <- rtMsg{house: house, id: m.Record.ID, at: at}:
				default:
				}
			}
		}
	}()
	return rtClient{house: house, cancel: cancel}, nil
}

// processRSS is the process's resident memory in bytes (0 if unknown).
func processRSS(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb * 1024
			}
		}
	}
	return 0
}

// printRealtime writes the realtime mode's figures.
func (r *RealtimeResult) print(w io.Writer) {
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	q := func(xs []time.Duration, f float64) time.Duration {
		s := slices.Sorted(slices.Values(xs))
		if len(s) == 0 {
			return 0
		}
		i := int(f*float64(len(s))+0.999999) - 1
		return s[max(0, min(i, len(s)-1))]
	}
	fmt.Fprintf(w, "\nrealtime: %d clients per house subscribed to posts; a resident of house 1 writes %d need-support posts, one at a time\n", r.PerHouse, r.Posts)
	fmt.Fprintf(w, "%-22s %8s %10s %10s %12s %12s %12s %8s %12s\n", "phase", "clients", "create p50", "create p95", "delivery p50", "delivery p95", "delivery max", "missing", "other house")
	for _, p := range []struct {
		name string
		RealtimePhase
	}{{"its house only", r.Alone}, {"every house", r.All}} {
		fmt.Fprintf(w, "%-22s %8d %10.1f %10.1f %12.1f %12.1f %12.1f %8d %12d\n", p.name, p.Clients,
			ms(q(p.Create, 0.5)), ms(q(p.Create, 0.95)), ms(q(p.Delivery, 0.5)), ms(q(p.Delivery, 0.95)), ms(q(p.Delivery, 1)), p.Missing, p.OtherHouse)
	}
	if a, b := q(r.Alone.Create, 0.95), q(r.All.Create, 0.95); a > 0 {
		fmt.Fprintf(w, "create p95 with every house connected: %.2f× its house only\n", float64(b)/float64(a))
	}
	fmt.Fprintf(w, "server RSS per connected client: %.1f KB\n", r.RSSPerClient/1024)
}
