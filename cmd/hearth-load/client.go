package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// client talks to the server under test over loopback, with keep-alive
// connections enough for every worker.
type client struct {
	base string
	hc   *http.Client
}

func newClient(base string, conns int) *client {
	tr := &http.Transport{
		MaxIdleConns:        conns + 16,
		MaxIdleConnsPerHost: conns + 16,
		IdleConnTimeout:     90 * time.Second,
	}
	return &client{base: base, hc: &http.Client{Transport: tr, Timeout: 60 * time.Second}}
}

// response is what a request got back and how long it took, from
// sending the request to reading the last byte of the body.
type response struct {
	status  int
	body    []byte
	elapsed time.Duration
	err     error
}

// do sends a request with an optional body (JSON when body is not an
// io.Reader) and reads the whole answer.
func (c *client) do(ctx context.Context, method, path, token string, body any, contentType string) response {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case io.Reader:
		rd = b
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			return response{err: err}
		}
		rd, contentType = bytes.NewReader(raw), "application/json"
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return response{err: err}
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	start := time.Now()
	res, err := c.hc.Do(req)
	if err != nil {
		return response{err: err, elapsed: time.Since(start)}
	}
	got, err := io.ReadAll(res.Body)
	res.Body.Close()
	return response{status: res.StatusCode, body: got, elapsed: time.Since(start), err: err}
}

// json sends a JSON request and decodes a 2xx answer into out (if not
// nil); any other answer is an error that quotes the body.
func (c *client) json(ctx context.Context, method, path, token string, in, out any) error {
	r := c.do(ctx, method, path, token, in, "")
	if r.err != nil {
		return r.err
	}
	if r.status/100 != 2 {
		return fmt.Errorf("%s %s: %d %s", method, path, r.status, clip(string(r.body), 300))
	}
	if out == nil || r.status == http.StatusNoContent {
		return nil
	}
	return json.Unmarshal(r.body, out)
}

// idOf is the "id" of a record in a JSON answer.
func idOf(body []byte) string {
	var rec struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(body, &rec)
	return rec.ID
}
