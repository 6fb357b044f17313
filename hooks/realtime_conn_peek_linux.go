package hooks

import (
	"errors"
	"net"
	"syscall"
)

// peerClosed reports whether the connection's peer has closed it or it has
// failed, without reading from it or waiting: a peek at the socket, which
// leaves anything the peer sent where it is.
func peerClosed(conn net.Conn) bool {
	sc, ok := rawConn(conn).(syscall.Conn)
	if !ok {
		return false
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return true
	}
	closed := false
	var b [1]byte
	err = rc.Read(func(fd uintptr) bool {
		n, _, err := syscall.Recvfrom(int(fd), b[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		switch {
		case err == nil:
			closed = n == 0 // 0 bytes: the peer's orderly shutdown
		case errors.Is(err, syscall.EAGAIN), errors.Is(err, syscall.EWOULDBLOCK), errors.Is(err, syscall.EINTR):
		default:
			closed = true
		}
		return true // never wait
	})
	return closed || err != nil
}
