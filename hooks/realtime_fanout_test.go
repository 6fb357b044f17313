package hooks_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tk "hearth/testkit"
)

// The realtime fan-out: residents of one house with the board open (each
// subscribed to "posts" with their own token), residents of another house
// likewise, and a share post created through the API by one of the first.
// Every resident of the post's house, its author included, must hear of it
// once, and nobody of the other house at all. The subscribers run in a
// child process (the test binary again, as TestRealtimeFanoutClients), so
// the server's heap and stacks, measured in this process before and after
// they connect, hold the server's side of the connections only.

// fanoutChildEnv marks the child process that holds the subscribers.
const fanoutChildEnv = "HEARTH_FANOUT_CHILD"

// fanoutPlan is what the test sends the child on its standard input: where
// to connect, the topic, and one token per subscriber.
type fanoutPlan struct {
	URL    string   `json:"url"`
	Topic  string   `json:"topic"`
	Tokens []string `json:"tokens"`
}

// fanoutConfig is one fan-out run.
type fanoutConfig struct {
	residents int           // subscribers in the post's house, the author among them
	others    int           // subscribers in another house, who must hear nothing
	posts     int           // posts created one after another
	grace     time.Duration // how long to keep listening after the last expected delivery
}

// fanoutResult is what a run measured.
type fanoutResult struct {
	cfg                     fanoutConfig
	connect                 time.Duration   // to connect and subscribe everyone
	create                  []time.Duration // each create request, from its start to its answer
	delivery                []time.Duration // each delivery to the post's house, from its request's start
	missing                 int             // expected deliveries that never came
	duplicates              int             // a subscriber told twice of one post
	leaked                  int             // messages to the other house's subscribers
	serverHeap, serverStack float64         // bytes per connected subscriber, on the server
	clientHeap, clientStack float64         // bytes per subscriber, in the child holding them
}

// TestRealtimeFanout: 50 residents of one house and 10 of another have the
// board open; a resident's share post reaches each of the 50, its author
// too, exactly once, and none of the other house.
func TestRealtimeFanout(t *testing.T) {
	r := runFanout(t, fanoutConfig{residents: 50, others: 10, posts: 1, grace: 300 * time.Millisecond})
	t.Log(r)
	r.check(t)
}

// TestRealtimeFanoutLong measures the fan-out to 200 and 1,000 residents
// of one house (and 50 of another), five posts each: the create request's
// latency, each delivery's from the request's start (p50, p95, max), and
// the memory per connected client. It runs only with HEARTH_LONG=1;
// HEARTH_FANOUT=200,1000 sets the sizes.
//
//	HEARTH_LONG=1 go test ./hooks -run TestRealtimeFanoutLong -v
func TestRealtimeFanoutLong(t *testing.T) {
	if os.Getenv("HEARTH_LONG") == "" {
		t.Skip("set HEARTH_LONG=1 to measure the realtime fan-out to 200 and 1,000 residents")
	}
	sizes := []int{200, 1000}
	if s := os.Getenv("HEARTH_FANOUT"); s != "" {
		sizes = nil
		for f := range strings.SplitSeq(s, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 1 {
				t.Fatalf("HEARTH_FANOUT=%q: %q is not a size", s, f)
			}
			sizes = append(sizes, n)
		}
	}
	for _, n := range sizes {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			r := runFanout(t, fanoutConfig{residents: n, others: 50, posts: 5, grace: time.Second})
			t.Log(r)
			r.check(t)
		})
	}
}

// check fails the test unless every expected delivery came once and
// nothing reached the other house.
func (r fanoutResult) check(t *testing.T) {
	t.Helper()
	if want := r.cfg.residents * r.cfg.posts; len(r.delivery) != want || r.missing != 0 {
		t.Errorf("%d deliveries to the post's house, %d missing; want %d", len(r.delivery), r.missing, want)
	}
	if r.duplicates != 0 {
		t.Errorf("%d duplicate deliveries", r.duplicates)
	}
	if r.leaked != 0 {
		t.Errorf("%d messages reached the other house", r.leaked)
	}
}

func (r fanoutResult) String() string {
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }
	create := slices.Sorted(slices.Values(r.create))
	delivery := slices.Sorted(slices.Values(r.delivery))
	kb := func(b float64) string { return fmt.Sprintf("%.1f KB", b/1024) }
	return fmt.Sprintf("%d residents subscribed (+%d in another house), connected in %v; %d posts: "+
		"create p50 %s max %s; delivery p50 %s p95 %s max %s (%d delivered, %d missing, %d duplicate); other house: %d; "+
		"per client: server heap %s + stacks %s = %s, client (child process) heap %s + stacks %s",
		r.cfg.residents, r.cfg.others, r.connect.Round(time.Millisecond), r.cfg.posts,
		ms(quantile(create, 0.5)), ms(quantile(create, 1)),
		ms(quantile(delivery, 0.5)), ms(quantile(delivery, 0.95)), ms(quantile(delivery, 1)),
		len(r.delivery), r.missing, r.duplicates, r.leaked,
		kb(r.serverHeap), kb(r.serverStack), kb(r.serverHeap+r.serverStack), kb(r.clientHeap), kb(r.clientStack))
}

// quantile is the q-quantile (nearest rank) of sorted durations.
func quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[max(int(math.Ceil(q*float64(len(sorted))))-1, 0)]
}

// runFanout seeds two houses, connects cfg.residents subscribers of the
// first and cfg.others of the second in a child process, creates cfg.posts
// share posts as the first resident, waits for each to reach all of its
// house, and measures.
func runFanout(t *testing.T, cfg fanoutConfig) fanoutResult {
	t.Helper()
	total := cfg.residents + cfg.others
	if limit, ok := raiseFileLimit(uint64(2*total + 256)); !ok {
		t.Skipf("%d subscribers need %d open files; the limit is %d", total, 2*total+256, limit)
	}
	app := tk.NewApp(t)
	t.Cleanup(app.Cleanup)
	seedHouses(t, app, 2, max(cfg.residents, cfg.others))
	app.Settings().RateLimits.Enabled = false
	srv := tk.Serve(t, app)

	token := func(id string) string {
		u, err := app.FindRecordById("users", id)
		if err != nil {
			t.Fatal(err)
		}
		s, err := u.NewAuthToken()
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	plan := fanoutPlan{URL: srv.URL, Topic: "posts"}
	for i := range cfg.residents {
		plan.Tokens = append(plan.Tokens, token(fmt.Sprintf("benchuser000%03d", i)))
	}
	for i := range cfg.others {
		plan.Tokens = append(plan.Tokens, token(fmt.Sprintf("benchuser001%03d", i)))
	}
	author := "benchuser000000"
	authorToken := plan.Tokens[0]
	if res, err := http.Get(srv.URL + "/api/health"); err == nil { // warm the router before the baseline
		res.Body.Close()
	}

	r := fanoutResult{cfg: cfg}
	heap0, stack0 := memNow()
	connecting := time.Now()
	child := startFanoutClients(t, plan)
	n, clientHeap, clientStack := child.waitReady(t, 2*time.Minute)
	r.connect = time.Since(connecting)
	if got := app.SubscriptionsBroker().TotalClients(); got != total || n != total {
		t.Fatalf("%d clients connected (the child says %d), want %d", got, n, total)
	}
	time.Sleep(200 * time.Millisecond) // let the server's connection goroutines settle
	heap1, stack1 := memNow()
	r.serverHeap = float64(int64(heap1)-int64(heap0)) / float64(total)
	r.serverStack = float64(int64(stack1)-int64(stack0)) / float64(total)
	r.clientHeap = float64(clientHeap) / float64(total)
	r.clientStack = float64(clientStack) / float64(total)

	type key struct {
		subscriber int
		post       string
	}
	seen := map[key]bool{}
	started := map[string]time.Time{} // each post's request start, by its id
	var early []fanoutMsg             // read before the answer gave their post's id
	note := func(m fanoutMsg) {
		start, known := started[m.record]
		switch {
		case m.subscriber >= cfg.residents:
			r.leaked++
		case !known:
			early = append(early, m)
		case seen[key{m.subscriber, m.record}] || m.action != "create":
			r.duplicates++
		default:
			seen[key{m.subscriber, m.record}] = true
			r.delivery = append(r.delivery, time.Unix(0, m.at).Sub(start))
		}
	}
	client := &http.Client{Timeout: time.Minute}
	for p := range cfg.posts {
		body := fmt.Sprintf(`{"house":"benchhouse00000","author":%q,"kind":"share","body":"Day %d. Grateful for this house."}`, author, p+1)
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/collections/posts/records", strings.NewReader(body))
		req.Header.Set("Authorization", authorToken)
		req.Header.Set("Content-Type", "application/json")
		start := time.Now()
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		answer, _ := io.ReadAll(res.Body)
		res.Body.Close()
		r.create = append(r.create, time.Since(start))
		var post struct {
			ID string `json:"id"`
		}
		if res.StatusCode != http.StatusOK || json.Unmarshal(answer, &post) != nil || post.ID == "" {
			t.Fatalf("creating post %d: %d %s", p+1, res.StatusCode, answer)
		}
		started[post.ID] = start
		again := early
		early = nil
		for _, m := range again {
			note(m)
		}
		deadline := time.After(30 * time.Second)
	wait:
		for len(r.delivery) < (p+1)*cfg.residents {
			select {
			case m := <-child.msgs:
				note(m)
			case <-deadline:
				break wait
			}
		}
	}
	// Anything more (to the other house, twice, or late) within the grace.
	grace := time.After(cfg.grace)
more:
	for {
		select {
		case m := <-child.msgs:
			note(m)
		case <-grace:
			break more
		}
	}
	r.duplicates += len(early) // about no post of this run
	r.missing = cfg.residents*cfg.posts - len(r.delivery)
	child.stop(t)
	return r
}

// memNow is the heap in use and the goroutine stacks, after a collection.
func memNow() (heap, stack uint64) {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc, m.StackInuse
}

// fanoutMsg is one message a subscriber of the child read.
type fanoutMsg struct {
	subscriber     int    // index in fanoutPlan.Tokens
	at             int64  // Unix nanoseconds, when its data line was read
	action, record string // the realtime action and the record's id
}

// fanoutChild is the child process that holds the subscribers.
type fanoutChild struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr bytes.Buffer
	ready  chan [3]int64 // subscribers, heap and stacks they added
	msgs   chan fanoutMsg
	failed chan string
	done   chan struct{}
}

// startFanoutClients runs the test binary again as the client process and
// sends it the plan.
func startFanoutClients(t *testing.T, plan fanoutPlan) *fanoutChild {
	t.Helper()
	c := &fanoutChild{
		ready:  make(chan [3]int64, 1),
		msgs:   make(chan fanoutMsg, 16*len(plan.Tokens)+64),
		failed: make(chan string, 1),
		done:   make(chan struct{}),
	}
	c.cmd = exec.Command(os.Args[0], "-test.run=^TestRealtimeFanoutClients$", "-test.count=1")
	c.cmd.Env = append(os.Environ(), fanoutChildEnv+"=1")
	c.cmd.Stderr = &c.stderr
	stdin, err := c.cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	c.stdin = stdin
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.stdin.Close(); c.cmd.Process.Kill(); <-c.done })
	go func() {
		defer close(c.done)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			if len(f) < 2 || f[0] != "FANOUT" {
				continue
			}
			switch {
			case f[1] == "ready" && len(f) == 5:
				var v [3]int64
				for i := range v {
					v[i], _ = strconv.ParseInt(f[2+i], 10, 64)
				}
				c.ready <- v
			case f[1] == "msg" && len(f) == 6:
				i, _ := strconv.Atoi(f[2])
				at, _ := strconv.ParseInt(f[3], 10, 64)
				c.msgs <- fanoutMsg{subscriber: i, at: at, action: f[4], record: f[5]}
			case f[1] == "error":
				select {
				case c.failed <- strings.Join(f[2:], " "):
				default:
				}
			}
		}
	}()
	if err := json.NewEncoder(stdin).Encode(plan); err != nil {
		t.Fatal(err)
	}
	return c
}

// waitReady waits until every subscriber is connected and subscribed.
func (c *fanoutChild) waitReady(t *testing.T, d time.Duration) (n int, heap, stack int64) {
	t.Helper()
	select {
	case v := <-c.ready:
		return int(v[0]), v[1], v[2]
	case msg := <-c.failed:
		t.Fatalf("the subscribers' process: %s", msg)
	case <-c.done:
		t.Fatalf("the subscribers' process ended: %v\n%s", c.cmd.Wait(), c.stderr.String())
	case <-time.After(d):
		t.Fatalf("the subscribers were not connected within %v", d)
	}
	return 0, 0, 0
}

// stop ends the child: closing its input disconnects everyone.
func (c *fanoutChild) stop(t *testing.T) {
	t.Helper()
	c.stdin.Close()
	select {
	case <-c.done:
	case <-time.After(10 * time.Second):
		c.cmd.Process.Kill()
		<-c.done
	}
	if err := c.cmd.Wait(); err != nil {
		t.Errorf("the subscribers' process: %v\n%s", err, c.stderr.String())
	}
}

// TestRealtimeFanoutClients is not a test of its own: it is the child
// process of runFanout, started with HEARTH_FANOUT_CHILD=1. It reads a
// fanoutPlan from its standard input, connects and subscribes one client
// per token (tk.Listen, 32 at a time), writes "FANOUT ready <n> <heap>
// <stacks>" (what the clients added to its own heap and stacks), then one
// "FANOUT msg <subscriber> <unix-nanos> <action> <record id>" line per
// message on the plan's topic, until its standard input closes.
func TestRealtimeFanoutClients(t *testing.T) {
	if os.Getenv(fanoutChildEnv) != "1" {
		t.Skip("the subscribers' process of the realtime fan-out tests (see runFanout)")
	}
	in := bufio.NewReader(os.Stdin)
	var plan fanoutPlan
	if err := json.NewDecoder(in).Decode(&plan); err != nil {
		fmt.Printf("FANOUT error reading the plan: %v\n", err)
		return
	}
	out := make(chan string, 4*len(plan.Tokens)+64)
	written := make(chan struct{})
	go func() {
		defer close(written)
		for line := range out {
			os.Stdout.WriteString(line)
		}
	}()

	heap0, stack0 := memNow()
	ctx, cancel := context.WithCancel(context.Background())
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 32}}
	var wg sync.WaitGroup
	var failed sync.Once
	slots := make(chan struct{}, 32)
	for i, token := range plan.Tokens {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			err := tk.Listen(ctx, client, plan.URL, token, []string{plan.Topic}, func(m tk.RealtimeMessage) {
				if m.Topic != plan.Topic {
					return
				}
				var msg struct {
					Action string `json:"action"`
					Record struct {
						ID string `json:"id"`
					} `json:"record"`
				}
				_ = json.Unmarshal(m.Data, &msg)
				out <- fmt.Sprintf("FANOUT msg %d %d %s %s\n", i, m.At.UnixNano(), msg.Action, msg.Record.ID)
			})
			if err != nil {
				failed.Do(func() { out <- fmt.Sprintf("FANOUT error subscriber %d: %v\n", i, err) })
			}
		}()
	}
	wg.Wait()
	client.CloseIdleConnections() // only the streams stay open
	heap1, stack1 := memNow()
	out <- fmt.Sprintf("FANOUT ready %d %d %d\n", len(plan.Tokens), int64(heap1)-int64(heap0), int64(stack1)-int64(stack0))
	io.Copy(io.Discard, in) // until the test closes our input
	cancel()
	close(out)
	<-written
}
