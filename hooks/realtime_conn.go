package hooks

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
)

// sseConns keeps the realtime connections Hearth has taken over from
// net/http, so that a connected phone holds no goroutine while nothing
// happens in its house (issue 20, "memory per connected client";
// docs/SCALING.md, "Realtime").
//
// PocketBase serves each realtime connection from a handler that waits in
// a loop for the client's messages until the connection ends: the request's
// goroutine, net/http's goroutine that watches for the peer closing, their
// stacks (about 20 KB), the connection's read and write buffers (about
// 10 KB) and the request's clone, for every phone left open on the board.
// Hearth lets PocketBase's connect request run as it is (its route, CORS,
// its OnRealtimeConnectRequest hooks) and, as the last of those hooks,
// takes the connection over (http.Hijacker) instead of entering that loop:
// the client is PocketBase's own DefaultClient (its id, its store, its
// subscriptions, which PocketBase's subscribe request and auth hooks keep
// as before), wrapped so that Send writes to the connection. A message
// still goes through the OnRealtimeMessageSend hooks, given a response
// that queues what they write. Writing happens in a goroutine that lives
// while a client has messages waiting, one per client at a time, in order;
// the sender never waits for it.
//
// What PocketBase's loop did besides, one watcher goroutine does for every
// connection while any is open: it ends a connection idle for the connect
// event's IdleTimeout or older than its MaxTimeout (the SDK connects
// again, as with PocketBase), and one whose peer has closed it (a peek at
// the socket's TCP state, realtime_conn_peer_linux.go). A write that fails or does not
// finish within writeTimeout ends the connection, as does a client so slow
// that maxPending bytes wait for it.
//
// A connection that cannot be taken over (HTTP/2, a recorder in tests, a
// client some hook replaced) stays on PocketBase's path unchanged.
type sseConns struct {
	app          core.App
	tick         time.Duration // how often the watcher looks
	writeTimeout time.Duration // the longest one write may take
	maxPending   int           // bytes that may wait for a client before it is let go
	gone         func(id string)

	mu       sync.Mutex
	conns    map[*sseConn]struct{}
	stop     chan struct{} // closed to end the watcher; nil while none runs
	watchers sync.WaitGroup
}

func newSSEConns(app core.App, gone func(id string)) *sseConns {
	return &sseConns{
		app:          app,
		tick:         10 * time.Second,
		writeTimeout: 15 * time.Second,
		maxPending:   1 << 20,
		gone:         gone,
		conns:        map[*sseConn]struct{}{},
	}
}

// errSSEClosed is a write to a connection that has ended.
var errSSEClosed = errors.New("realtime connection closed")

// errSSESlow is a client with more than maxPending bytes waiting for it.
var errSSESlow = errors.New("realtime client too slow to keep up")

// sseConn is one connection taken over: PocketBase's client, sending to it.
type sseConn struct {
	*subscriptions.DefaultClient
	owner     *sseConns
	conn      net.Conn
	re        *core.RequestEvent // what OnRealtimeMessageSend hooks are given
	resp      sseResponse
	idle, max time.Duration
	connected time.Time
	last      atomic.Int64 // unix nanoseconds of the last message written
	once      sync.Once

	sendMu sync.Mutex // one message at a time through the hooks

	mu      sync.Mutex
	buf     []byte // written by the hooks, not yet to the connection
	writing bool   // a goroutine is writing buf
	closed  bool
}

// take takes the connect request's connection over, or reports false and
// leaves it to PocketBase. connected is told of the client before the
// broker holds it.
func (s *sseConns) take(e *core.RealtimeConnectRequestEvent, connected func(subscriptions.Client)) bool {
	if e.Request.Method != http.MethodGet || e.Request.ProtoMajor != 1 || e.Request.ProtoMinor < 1 {
		return false // a HEAD has no body to stream; HTTP/1.0 and HTTP/2 stay PocketBase's
	}
	dc, ok := e.Client.(*subscriptions.DefaultClient)
	if !ok {
		return false
	}
	conn, _, err := http.NewResponseController(e.Response).Hijack()
	if err != nil {
		return false
	}

	var head bytes.Buffer
	head.WriteString("HTTP/1.1 200 OK\r\n")
	h := e.Response.Header().Clone()
	h.Del("Content-Length")
	h.Del("Transfer-Encoding")
	h.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	h.Set("Connection", "close") // the body ends when the connection does
	_ = h.Write(&head)
	head.WriteString("\r\n")

	c := &sseConn{
		DefaultClient: dc,
		owner:         s,
		conn:          conn,
		idle:          e.IdleTimeout,
		max:           e.MaxTimeout,
		connected:     time.Now(),
		buf:           head.Bytes(),
	}
	c.last.Store(c.connected.UnixNano())
	c.resp.c = c
	c.re = &core.RequestEvent{App: e.App}
	c.re.Request = e.Request.WithContext(context.Background())
	c.re.Response = &c.resp
	e.Client = c

	// The index and the broker first, then the watcher: a connection the
	// watcher drops must already be where drop takes it from.
	connected(c)
	e.App.SubscriptionsBroker().Register(c)
	s.add(c)
	c.Send(subscriptions.Message{Name: "PB_CONNECT", Data: []byte(`{"clientId":"` + c.Id() + `"}`)})
	return true
}

// add keeps the connection and starts the watcher if none runs. A client
// already discarded is not kept (its Discard has removed it, or will).
func (s *sseConns) add(c *sseConn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.IsDiscarded() {
		return
	}
	s.conns[c] = struct{}{}
	if s.stop == nil {
		s.stop = make(chan struct{})
		s.watchers.Add(1)
		go s.watch(s.stop)
	}
}

// remove forgets a connection that ended; the watcher ends with the last.
func (s *sseConns) remove(c *sseConn) {
	s.mu.Lock()
	delete(s.conns, c)
	if len(s.conns) == 0 && s.stop != nil {
		close(s.stop)
		s.stop = nil
	}
	s.mu.Unlock()
	if s.gone != nil {
		s.gone(c.Id())
	}
}

// drop ends the client's connection and takes it out of the broker.
func (s *sseConns) drop(c *sseConn) {
	s.app.SubscriptionsBroker().Unregister(c.Id())
	c.Discard()
}

// closeAll ends every connection (the app is stopping).
func (s *sseConns) closeAll() {
	s.mu.Lock()
	all := make([]*sseConn, 0, len(s.conns))
	for c := range s.conns {
		all = append(all, c)
	}
	s.mu.Unlock()
	for _, c := range all {
		s.drop(c)
	}
	s.watchers.Wait()
}

// count is the connections open, for the tests.
func (s *sseConns) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

// watch ends the connections that are idle, too old or closed by their
// peer, every tick, until stop is closed.
func (s *sseConns) watch(stop chan struct{}) {
	defer s.watchers.Done()
	t := time.NewTicker(s.tick)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		s.mu.Lock()
		all := make([]*sseConn, 0, len(s.conns))
		for c := range s.conns {
			all = append(all, c)
		}
		s.mu.Unlock()
		now := time.Now()
		for _, c := range all {
			idle := now.Sub(time.Unix(0, c.last.Load()))
			if (c.idle > 0 && idle >= c.idle) || (c.max > 0 && now.Sub(c.connected) >= c.max) || peerClosed(c.conn) {
				s.drop(c)
			}
		}
	}
}

// Send hands the message to the OnRealtimeMessageSend hooks, whose writes
// are queued for the connection (PocketBase's DefaultClient puts it on a
// channel its connection's loop reads). It never waits for the network.
func (c *sseConn) Send(m subscriptions.Message) {
	if c.IsDiscarded() {
		return
	}
	c.sendMu.Lock()
	defer c.sendMu.Unlock()
	me := new(core.RealtimeMessageEvent)
	me.RequestEvent = c.re
	me.Client = c
	me.Message = &m
	err := c.re.App.OnRealtimeMessageSend().Trigger(me, func(me *core.RealtimeMessageEvent) error {
		if err := me.Message.WriteSSE(me.Response, me.Client.Id()); err != nil {
			return err
		}
		return me.Flush()
	})
	if err != nil {
		c.re.App.Logger().Debug("Realtime connection closed (failed to deliver message)", "clientId", c.Id(), "error", err.Error())
		c.owner.drop(c)
	}
}

// Discard ends the connection (PocketBase's broker calls it when the
// client is unregistered). It is safe to call more than once.
func (c *sseConn) Discard() {
	c.once.Do(func() {
		c.DefaultClient.Discard()
		c.mu.Lock()
		c.closed = true
		c.buf = nil
		c.mu.Unlock()
		_ = c.conn.Close()
		c.owner.remove(c)
	})
}

// queue keeps p for the connection.
func (c *sseConn) queue(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return 0, errSSEClosed
	}
	if len(c.buf)+len(p) > c.owner.maxPending {
		return 0, errSSESlow
	}
	c.buf = append(c.buf, p...)
	return len(p), nil
}

// kick starts the writing goroutine if none runs and anything waits.
func (c *sseConn) kick() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return errSSEClosed
	}
	if !c.writing && len(c.buf) > 0 {
		c.writing = true
		go c.flush()
	}
	return nil
}

// flush writes what waits until nothing does, then ends.
func (c *sseConn) flush() {
	for {
		c.mu.Lock()
		if c.closed || len(c.buf) == 0 {
			c.writing = false
			c.mu.Unlock()
			return
		}
		b := c.buf
		c.buf = nil // an idle client keeps no buffer
		c.mu.Unlock()

		_ = c.conn.SetWriteDeadline(time.Now().Add(c.owner.writeTimeout))
		if _, err := c.conn.Write(b); err != nil {
			c.mu.Lock()
			c.writing = false
			c.mu.Unlock()
			c.owner.drop(c)
			return
		}
		c.last.Store(time.Now().UnixNano())
	}
}

// sseResponse is the response an OnRealtimeMessageSend hook writes to: its
// writes are queued for the connection and Flush starts the writing.
type sseResponse struct {
	c *sseConn
	h http.Header
}

var _ http.ResponseWriter = (*sseResponse)(nil)

// Header is a header nobody sends (the connection's was sent when it
// was taken over).
func (w *sseResponse) Header() http.Header {
	if w.h == nil {
		w.h = http.Header{}
	}
	return w.h
}

// WriteHeader does nothing: the status was sent when the connection was
// taken over.
func (w *sseResponse) WriteHeader(int) {}

// Write queues p for the connection.
func (w *sseResponse) Write(p []byte) (int, error) { return w.c.queue(p) }

// FlushError starts writing what is queued (http.ResponseController).
func (w *sseResponse) FlushError() error { return w.c.kick() }

// rawConn is the TCP connection under a TLS one.
func rawConn(c net.Conn) net.Conn {
	if t, ok := c.(*tls.Conn); ok {
		return t.NetConn()
	}
	return c
}
